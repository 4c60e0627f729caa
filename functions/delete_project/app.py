"""DELETE /v1/projects/{id}: soft-delete a project. Its slug stays taken and its keys stop
working at once."""

from craftkit_projects import api, projects

app = api.create_app()


@app.delete("/v1/projects/<project_id>")
def delete_project(project_id: str) -> api.Response:
    account_id = api.account_of(app)

    return api.json_response(200, projects.delete_project(account_id, project_id))


lambda_handler = api.lambda_handler(app)
