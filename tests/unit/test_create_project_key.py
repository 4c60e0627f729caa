"""POST /v1/projects/{id}/keys: a ck_live_ key, shown once, stored only as its SHA-256."""

import hashlib
import json
import re
from typing import Any

import pytest

from craftkit_projects import ids
from tests.unit.invoke import Account, invalid_request

LIVE_KEY = re.compile(r"ck_live_[0-9A-Za-z]{32}")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
TABLES = ["ProjectsTable", "AccountKeysTable", "IdempotencyTable"]


def test_mint_answers_201_with_the_key_shown_once(alpha: Account) -> None:
    project = alpha.create_project("Own")

    reply = alpha.call("create_project_key", project_id=project["id"], body={"name": "CI"})

    key = reply.body
    assert reply.status == 201
    assert reply.headers == {"Content-Type": "application/json", "Cache-Control": "no-store"}
    assert list(key) == ["id", "projectId", "name", "prefix", "key", "createdAt"]
    assert ids.is_id(key["id"])
    assert key["projectId"] == project["id"]
    assert key["name"] == "CI"
    assert LIVE_KEY.fullmatch(key["key"])
    assert key["prefix"] == key["key"][:13]
    assert TIMESTAMP.fullmatch(key["createdAt"])


@pytest.mark.parametrize(
    "body", [None, "", "  \n", "{}"], ids=["absent", "empty", "white-space", "empty-object"]
)
def test_key_name_defaults_to_api_key(body: Any, alpha: Account) -> None:
    project = alpha.create_project("Own")

    reply = alpha.call("create_project_key", project_id=project["id"], body=body)

    assert reply.status == 201
    assert reply.body["name"] == "API key"


def test_key_name_of_200_characters_is_accepted_and_trimmed(alpha: Account) -> None:
    project = alpha.create_project("Own")

    reply = alpha.call(
        "create_project_key", project_id=project["id"], body={"name": f" {'k' * 200} "}
    )

    assert reply.status == 201
    assert reply.body["name"] == "k" * 200


@pytest.mark.parametrize("name", ["", "   ", "k" * 201])
def test_key_name_empty_or_too_long_is_422(name: str, alpha: Account) -> None:
    project = alpha.create_project("Own")

    reply = alpha.call("create_project_key", project_id=project["id"], body={"name": name})

    assert reply.status == 422
    assert reply.body == invalid_request(
        "The request body is invalid.",
        [],
        {"name": ["Must be 1 to 200 characters after trimming."]},
    )


def test_each_mint_is_a_new_key(alpha: Account) -> None:
    project = alpha.create_project("Own")

    first = alpha.mint_key(project["id"])
    second = alpha.mint_key(project["id"])

    assert first["id"] != second["id"]
    assert first["key"] != second["key"]


def test_idempotency_key_is_ignored_on_mint(alpha: Account, scan: Any) -> None:
    project = alpha.create_project("Own")
    send = {"project_id": project["id"], "headers": {"Idempotency-Key": "mint-once"}}

    first = alpha.call("create_project_key", **send)
    second = alpha.call("create_project_key", **send)

    assert (first.status, second.status) == (201, 201)
    assert first.body["key"] != second.body["key"]
    assert "Idempotent-Replayed" not in second.headers
    assert scan("IdempotencyTable") == []


def test_only_the_sha256_of_a_project_key_is_stored(alpha: Account, scan: Any) -> None:
    project = alpha.create_project("Own")

    key = alpha.mint_key(project["id"])

    stored = json.dumps({table: scan(table) for table in TABLES})
    digest = hashlib.sha256(key["key"].encode()).hexdigest()
    assert key["key"] not in stored
    assert key["key"][13:] not in stored
    assert f"KEYHASH#{digest}" in stored


def test_no_plaintext_key_is_stored_after_a_full_flow(alpha: Account, scan: Any) -> None:
    project = alpha.create_project("Own", headers={"Idempotency-Key": "flow"})
    minted = [alpha.mint_key(project["id"], name) for name in ("CI", "Deploys")]
    alpha.call("revoke_project_key", project_id=project["id"], key_id=minted[0]["id"])
    alpha.call("rename_project", project_id=project["id"], body={"name": "Renamed"})

    stored = json.dumps({table: scan(table) for table in TABLES})

    for secret in [alpha.key] + [key["key"] for key in minted]:
        assert secret not in stored
        assert secret[8:] not in stored
    assert hashlib.sha256(alpha.key.encode()).hexdigest() in stored
