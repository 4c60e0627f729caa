"""DELETE /v1/projects/{id}/keys/{keyId}: revoke a key; the next request using it fails."""

from craftkit_projects import api, project_keys

app = api.create_app()


@app.delete("/v1/projects/<project_id>/keys/<key_id>")
def revoke_project_key(project_id: str, key_id: str) -> api.Response:
    account_id = api.account_of(app)

    return api.json_response(200, project_keys.revoke_key(account_id, project_id, key_id))


lambda_handler = api.lambda_handler(app)
