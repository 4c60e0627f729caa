"""POST /v1/projects: create a project with a slug unique in the account. An Idempotency-Key
makes retries safe: the first response is replayed instead of creating a second project."""

from craftkit_projects import api, idempotency, projects
from craftkit_projects.models import ProjectNameBody

app = api.create_app()


@app.post("/v1/projects")
def create_project() -> api.Response:
    account_id = api.account_of(app)

    idempotency_key = idempotency.key_of(api.header_values(app, idempotency.HEADER))
    body = api.body_of(app, ProjectNameBody, ownership_check=lambda: None)

    def create() -> idempotency.StoredResponse:
        project = projects.create_project(account_id, body.name)
        headers = {"Content-Type": api.JSON, "Location": f"/v1/projects/{project['id']}"}
        return {"statusCode": 201, "headers": headers, "body": api.dumps(project)}

    return idempotency.respond_once(
        account_id, idempotency_key, api.json_of(app), create, app.lambda_context
    )


lambda_handler = api.lambda_handler(app)
