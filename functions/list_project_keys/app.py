"""GET /v1/projects/{id}/keys: a project's keys, newest first, without secrets."""

from craftkit_projects import api, pagination, project_keys, projects

app = api.create_app()


@app.get("/v1/projects/<project_id>/keys")
def list_project_keys(project_id: str) -> api.Response:
    account_id = api.account_of(app)

    query = app.current_event.multi_value_query_string_parameters
    limit, after_id = api.parsed_after_ownership(
        lambda: pagination.page_params(query, account_id, project_id),
        ownership_check=lambda: projects.get_project(account_id, project_id),
    )

    page = project_keys.list_keys(account_id, project_id, limit, after_id)
    return api.json_response(200, page)


lambda_handler = api.lambda_handler(app)
