"""PATCH /v1/projects/{id}: rename a project. The slug never changes."""

from craftkit_projects import api, projects
from craftkit_projects.models import ProjectNameBody

app = api.create_app()


@app.patch("/v1/projects/<project_id>")
def rename_project(project_id: str) -> api.Response:
    account_id = api.account_of(app)

    body = api.body_of(
        app, ProjectNameBody, ownership_check=lambda: projects.get_project(account_id, project_id)
    )

    return api.json_response(200, projects.rename_project(account_id, project_id, body.name))


lambda_handler = api.lambda_handler(app)
