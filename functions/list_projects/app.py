"""GET /v1/projects: the caller's live projects, newest first, a page at a time."""

from craftkit_projects import api, pagination, projects

app = api.create_app()


@app.get("/v1/projects")
def list_projects() -> api.Response:
    account_id = api.account_of(app)

    query = app.current_event.multi_value_query_string_parameters
    limit, after_id = pagination.page_params(query, account_id)

    return api.json_response(200, projects.list_projects(account_id, limit, after_id))


lambda_handler = api.lambda_handler(app)
