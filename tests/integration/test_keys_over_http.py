"""Project keys over HTTP, against Amazon's DynamoDB Local: minting shows a key once, listing
never shows it, revoking refuses it at once, and the verifier Craftkit's other services call
agrees with all of that. Every test has an account of its own."""

import json
import re
from collections.abc import Callable
from typing import Any

import botocore.session
import pytest

from craftkit_local.stack import LocalStack
from craftkit_projects import ids, keys
from craftkit_projects.errors import UnauthorizedError
from craftkit_projects.project_keys import ProjectPrincipal, verify_project_key
from tests.integration.client import ApiClient, error

NewApi = Callable[[], ApiClient]

UUID7 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")
PROJECT_KEY = re.compile(r"ck_live_[0-9A-Za-z]{32}")
REFUSED = "A valid project key is required."
TABLE_VARIABLES = (
    "CRAFTKIT_PROJECTS_TABLE",
    "CRAFTKIT_ACCOUNT_KEYS_TABLE",
    "CRAFTKIT_IDEMPOTENCY_TABLE",
)


def create_project(api: ApiClient, name: str = "Acme") -> dict[str, Any]:
    status, _, body = api.request("POST", "/v1/projects", json={"name": name})
    assert status == 201, body
    return body


def mint(api: ApiClient, project_id: str, name: str = "production") -> dict[str, Any]:
    status, _, body = api.request("POST", f"/v1/projects/{project_id}/keys", json={"name": name})
    assert status == 201, body
    return body


def revoke(api: ApiClient, key: dict[str, Any]) -> None:
    path = f"/v1/projects/{key['projectId']}/keys/{key['id']}"
    assert api.request("DELETE", path).status == 200


def listed(key: dict[str, Any], revoked_at: str | None = None) -> dict[str, Any]:
    """How a minted key appears in its project's list: without `key`, with `revokedAt`."""
    return {name: value for name, value in key.items() if name != "key"} | {"revokedAt": revoked_at}


def verify(key: str) -> ProjectPrincipal:
    return verify_project_key(f"Bearer {key}")


def scan_every_table(stack: LocalStack) -> str:
    """Every item of every table the stack created, as one JSON text."""
    client = botocore.session.get_session().create_client(
        "dynamodb", endpoint_url=stack.dynamodb.endpoint_url
    )
    items = [
        raw
        for variable in TABLE_VARIABLES
        for page in client.get_paginator("scan").paginate(TableName=stack.environment[variable])
        for raw in page["Items"]
    ]
    return json.dumps(items)


# --- mint --------------------------------------------------------------------------------


def test_mint_answers_201_with_the_key_shown_this_once(new_api: NewApi) -> None:
    api = new_api()
    project = create_project(api)

    status, headers, body = api.request(
        "POST", f"/v1/projects/{project['id']}/keys", json={"name": "production"}
    )

    assert status == 201
    assert headers["Content-Type"] == "application/json"
    assert headers["Cache-Control"] == "no-store"
    assert body == {
        "id": body["id"],
        "projectId": project["id"],
        "name": "production",
        "prefix": body["key"][:13],
        "key": body["key"],
        "createdAt": body["createdAt"],
    }
    assert UUID7.fullmatch(body["id"])
    assert PROJECT_KEY.fullmatch(body["key"])
    assert TIMESTAMP.fullmatch(body["createdAt"])


def test_mint_without_a_body_names_the_key_api_key(new_api: NewApi) -> None:
    api = new_api()
    project = create_project(api)

    status, _, body = api.request("POST", f"/v1/projects/{project['id']}/keys")

    assert (status, body["name"]) == (201, "API key")


def test_two_mints_give_two_different_keys(new_api: NewApi) -> None:
    api = new_api()
    project = create_project(api)

    first, second = mint(api, project["id"]), mint(api, project["id"])

    assert first["id"] != second["id"]
    assert first["key"] != second["key"]


# --- list --------------------------------------------------------------------------------


def test_list_is_newest_first_unrevoked_and_never_shows_a_key(new_api: NewApi) -> None:
    api = new_api()
    project = create_project(api)
    minted = [mint(api, project["id"], name) for name in ["ci", "staging", "production"]]

    status, _, body = api.request("GET", f"/v1/projects/{project['id']}/keys")

    assert status == 200
    assert body == {"data": [listed(key) for key in reversed(minted)], "nextCursor": None}
    text = json.dumps(body)
    for key in minted:
        assert key["key"] not in text
        assert keys.hash_key(key["key"]) not in text


def test_pages_of_two_show_every_key_once_newest_first(new_api: NewApi) -> None:
    api = new_api()
    project = create_project(api)
    minted = [mint(api, project["id"], f"key {n}") for n in range(5)]
    base = f"/v1/projects/{project['id']}/keys?limit=2"

    pages: list[dict[str, Any]] = []
    path = base
    for _ in range(5):  # 5 keys: 3 pages; the bound only stops a runaway cursor
        status, _, page = api.request("GET", path)
        assert status == 200, page
        pages.append(page)
        if page["nextCursor"] is None:
            break
        path = f"{base}&cursor={page['nextCursor']}"

    assert [len(page["data"]) for page in pages] == [2, 2, 1]
    assert [page["nextCursor"] is None for page in pages] == [False, False, True]
    assert [key for page in pages for key in page["data"]] == [
        listed(key) for key in reversed(minted)
    ]


# --- revoke ------------------------------------------------------------------------------


def test_revoke_answers_200(new_api: NewApi) -> None:
    api = new_api()
    key = mint(api, create_project(api)["id"])

    status, _, body = api.request("DELETE", f"/v1/projects/{key['projectId']}/keys/{key['id']}")

    assert (status, body) == (200, {"id": key["id"], "revoked": True})


def test_list_shows_when_a_key_was_revoked_and_leaves_the_others(new_api: NewApi) -> None:
    api = new_api()
    project = create_project(api)
    kept, revoked = mint(api, project["id"], "kept"), mint(api, project["id"], "revoked")
    revoke(api, revoked)

    body = api.request("GET", f"/v1/projects/{project['id']}/keys").body

    revoked_at = body["data"][0]["revokedAt"]
    assert TIMESTAMP.fullmatch(revoked_at)
    assert revoked_at >= revoked["createdAt"]
    assert body == {"data": [listed(revoked, revoked_at), listed(kept)], "nextCursor": None}


def test_a_second_revoke_is_404(new_api: NewApi) -> None:
    api = new_api()
    key = mint(api, create_project(api)["id"])
    revoke(api, key)

    status, headers, body = api.request(
        "DELETE", f"/v1/projects/{key['projectId']}/keys/{key['id']}"
    )

    assert (status, body) == (404, error(headers, "not_found", "Not found."))


@pytest.mark.parametrize("kind", ["another-projects", "missing", "malformed"])
def test_a_key_that_is_not_the_projects_is_404(new_api: NewApi, kind: str) -> None:
    api = new_api()
    project = create_project(api)
    mint(api, project["id"])
    key_id = {
        "another-projects": lambda: mint(api, create_project(api, "Other")["id"])["id"],
        "missing": ids.new_id,
        "malformed": lambda: "not-a-key-id",
    }[kind]()

    status, headers, body = api.request("DELETE", f"/v1/projects/{project['id']}/keys/{key_id}")

    assert (status, body) == (404, error(headers, "not_found", "Not found."))


# --- the verifier and the account API ----------------------------------------------------


def test_the_verifier_accepts_a_live_key(new_api: NewApi) -> None:
    api = new_api()
    key = mint(api, create_project(api)["id"])

    principal = verify(key["key"])

    assert principal == ProjectPrincipal(api.account_id, key["projectId"], key["id"])


def test_the_verifier_refuses_a_key_right_after_its_revocation(new_api: NewApi) -> None:
    api = new_api()
    key = mint(api, create_project(api)["id"])
    verify(key["key"])
    revoke(api, key)

    with pytest.raises(UnauthorizedError) as refused:
        verify(key["key"])

    assert refused.value.message == REFUSED


def test_the_verifier_still_accepts_the_projects_other_keys(new_api: NewApi) -> None:
    api = new_api()
    project = create_project(api)
    kept, revoked = mint(api, project["id"], "kept"), mint(api, project["id"], "revoked")
    revoke(api, revoked)

    principal = verify(kept["key"])

    assert principal == ProjectPrincipal(api.account_id, project["id"], kept["id"])


def test_the_verifier_refuses_a_key_right_after_its_project_is_deleted(new_api: NewApi) -> None:
    api = new_api()
    key = mint(api, create_project(api)["id"])
    verify(key["key"])
    assert api.request("DELETE", f"/v1/projects/{key['projectId']}").status == 200

    with pytest.raises(UnauthorizedError) as refused:
        verify(key["key"])

    assert refused.value.message == REFUSED


def test_a_project_key_does_not_open_the_account_api(new_api: NewApi) -> None:
    api = new_api()
    key = mint(api, create_project(api)["id"])

    status, headers, body = api.request("GET", "/v1/projects", key=key["key"])

    message = "A valid account key is required: Authorization: Bearer ck_acct_..."
    assert (status, body) == (401, error(headers, "unauthorized", message))


def test_no_table_stores_a_keys_plaintext(local_stack: LocalStack, new_api: NewApi) -> None:
    api = new_api()
    project = create_project(api)
    minted = [mint(api, project["id"], name) for name in ["kept", "revoked"]]
    revoke(api, minted[1])
    api.request("GET", f"/v1/projects/{project['id']}/keys")

    stored = scan_every_table(local_stack)

    for key in minted:
        assert keys.hash_key(key["key"]) in stored  # the lookup item: the scan did see it
        assert key["key"] not in stored
        assert key["key"].removeprefix("ck_live_") not in stored
