"""GET /v1/projects/{id}: one of the caller's live projects."""

from craftkit_projects import api, projects

app = api.create_app()


@app.get("/v1/projects/<project_id>")
def get_project(project_id: str) -> api.Response:
    account_id = api.account_of(app)

    return api.json_response(200, projects.get_project(account_id, project_id))


lambda_handler = api.lambda_handler(app)
