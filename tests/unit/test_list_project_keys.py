"""GET /v1/projects/{id}/keys: a project's keys, newest first, never a secret."""

import hashlib
from typing import Any

import pytest

from tests.unit.invoke import NOT_FOUND, Account, invalid_request

KEY_FIELDS = ["id", "projectId", "name", "prefix", "createdAt", "revokedAt"]
BAD_CURSOR = invalid_request("The cursor is not valid here.", [], {"cursor": ["Invalid cursor."]})


def listed(account: Account, project_id: str, **query: str) -> dict[str, Any]:
    reply = account.call("list_project_keys", project_id=project_id, query=query or None)
    assert reply.status == 200, reply.text
    return reply.body


def as_listed(minted: dict[str, Any], revoked_at: str | None = None) -> dict[str, Any]:
    shown = {name: minted[name] for name in KEY_FIELDS[:-1]}
    return shown | {"revokedAt": revoked_at}


def test_project_without_keys_lists_nothing(alpha: Account) -> None:
    project = alpha.create_project("Own")

    reply = alpha.call("list_project_keys", project_id=project["id"], query=None)

    assert reply.status == 200
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.body == {"data": [], "nextCursor": None}


def test_keys_are_listed_newest_first_without_secrets(alpha: Account) -> None:
    project = alpha.create_project("Own")
    minted = [alpha.mint_key(project["id"], name) for name in ("One", "Two", "Three")]

    body = listed(alpha, project["id"])

    assert body == {"data": [as_listed(key) for key in reversed(minted)], "nextCursor": None}
    text = str(body)
    for key in minted:
        assert key["key"] not in text
        assert hashlib.sha256(key["key"].encode()).hexdigest() not in text


def test_revoked_key_is_listed_with_revoked_at(alpha: Account) -> None:
    project = alpha.create_project("Own")
    kept, revoked = alpha.mint_key(project["id"], "Kept"), alpha.mint_key(project["id"], "Gone")

    alpha.call("revoke_project_key", project_id=project["id"], key_id=revoked["id"])

    data = listed(alpha, project["id"])["data"]
    assert [key["id"] for key in data] == [revoked["id"], kept["id"]]
    assert data[1] == as_listed(kept)
    assert data[0] == as_listed(revoked, data[0]["revokedAt"])
    assert data[0]["revokedAt"] >= revoked["createdAt"]


def test_only_the_projects_own_keys_are_listed(alpha: Account) -> None:
    project, other = alpha.create_project("Own"), alpha.create_project("Other")
    key = alpha.mint_key(project["id"])
    alpha.mint_key(other["id"])

    assert listed(alpha, project["id"])["data"] == [as_listed(key)]


def test_pages_follow_each_other_until_next_cursor_is_null(alpha: Account) -> None:
    project = alpha.create_project("Own")
    minted = [alpha.mint_key(project["id"], f"Key {n}") for n in range(5)]

    first = listed(alpha, project["id"], limit="2")
    second = listed(alpha, project["id"], limit="2", cursor=first["nextCursor"])
    third = listed(alpha, project["id"], limit="2", cursor=second["nextCursor"])

    assert [k["id"] for k in first["data"] + second["data"] + third["data"]] == [
        k["id"] for k in reversed(minted)
    ]
    assert [len(page["data"]) for page in (first, second, third)] == [2, 2, 1]
    assert third["nextCursor"] is None


def test_exactly_full_first_page_has_a_null_cursor(alpha: Account) -> None:
    project = alpha.create_project("Own")
    alpha.mint_key(project["id"])
    alpha.mint_key(project["id"])

    assert listed(alpha, project["id"], limit="2")["nextCursor"] is None


def test_later_page_of_a_deleted_project_is_404(alpha: Account) -> None:
    project = alpha.create_project("Own")
    alpha.mint_key(project["id"])
    alpha.mint_key(project["id"])
    cursor = listed(alpha, project["id"], limit="1")["nextCursor"]
    alpha.delete_project(project["id"])

    reply = alpha.call(
        "list_project_keys", project_id=project["id"], query={"limit": "1", "cursor": cursor}
    )

    assert (reply.status, reply.body) == (404, NOT_FOUND)


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "1.5"])
def test_bad_limit_is_422(limit: str, alpha: Account) -> None:
    project = alpha.create_project("Own")

    reply = alpha.call("list_project_keys", project_id=project["id"], query={"limit": limit})

    assert reply.status == 422
    assert reply.body == invalid_request(
        "The query parameters are invalid.",
        [],
        {"limit": ["Must be a whole number from 1 to 100."]},
    )


def test_a_projects_list_cursor_is_422_on_the_keys_list(alpha: Account) -> None:
    project = alpha.create_project("Own")
    alpha.create_project("Other")
    projects_cursor = alpha.call("list_projects", query={"limit": "1"}).body["nextCursor"]

    reply = alpha.call(
        "list_project_keys", project_id=project["id"], query={"cursor": projects_cursor}
    )

    assert reply.status == 422
    assert reply.body == BAD_CURSOR


def test_another_projects_keys_cursor_is_422(alpha: Account) -> None:
    project, other = alpha.create_project("Own"), alpha.create_project("Other")
    for _ in range(2):
        alpha.mint_key(other["id"])
    others_cursor = listed(alpha, other["id"], limit="1")["nextCursor"]

    reply = alpha.call(
        "list_project_keys", project_id=project["id"], query={"cursor": others_cursor}
    )

    assert reply.status == 422
    assert reply.body == BAD_CURSOR


def test_garbage_cursor_is_422(alpha: Account) -> None:
    project = alpha.create_project("Own")

    reply = alpha.call("list_project_keys", project_id=project["id"], query={"cursor": "zzz"})

    assert reply.status == 422
    assert reply.body == BAD_CURSOR
