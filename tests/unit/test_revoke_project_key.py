"""DELETE /v1/projects/{id}/keys/{keyId}. Keys that are not the project's: test_not_found.py."""

from tests.unit.invoke import NOT_FOUND, Account


def test_revoke_answers_the_id_and_revoked(alpha: Account) -> None:
    project = alpha.create_project("Own")
    key = alpha.mint_key(project["id"])

    reply = alpha.call("revoke_project_key", project_id=project["id"], key_id=key["id"])

    assert reply.status == 200
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.body == {"id": key["id"], "revoked": True}


def test_second_revoke_is_404(alpha: Account) -> None:
    project = alpha.create_project("Own")
    key = alpha.mint_key(project["id"])
    alpha.call("revoke_project_key", project_id=project["id"], key_id=key["id"])

    reply = alpha.call("revoke_project_key", project_id=project["id"], key_id=key["id"])

    assert reply.status == 404
    assert reply.body == NOT_FOUND


def test_revoking_one_key_leaves_the_others_active(alpha: Account) -> None:
    project = alpha.create_project("Own")
    kept, revoked = alpha.mint_key(project["id"]), alpha.mint_key(project["id"])

    alpha.call("revoke_project_key", project_id=project["id"], key_id=revoked["id"])

    data = alpha.call("list_project_keys", project_id=project["id"], query=None).body["data"]
    assert {key["id"]: key["revokedAt"] is None for key in data} == {
        kept["id"]: True,
        revoked["id"]: False,
    }
