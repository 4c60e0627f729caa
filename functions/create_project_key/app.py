"""POST /v1/projects/{id}/keys: mint a ck_live_ key, shown in plaintext this once.

It takes no Idempotency-Key (the header is ignored): a replay would have to store and show the
plaintext again.
"""

from craftkit_projects import api, project_keys, projects
from craftkit_projects.models import KeyNameBody

app = api.create_app()


@app.post("/v1/projects/<project_id>/keys")
def create_project_key(project_id: str) -> api.Response:
    account_id = api.account_of(app)

    body = api.body_of(
        app,
        KeyNameBody,
        ownership_check=lambda: projects.get_project(account_id, project_id),
        optional=True,
    )

    key = project_keys.mint_key(account_id, project_id, body.name)
    return api.json_response(201, key, headers={"Cache-Control": "no-store"})


lambda_handler = api.lambda_handler(app)
