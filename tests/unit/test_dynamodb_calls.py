"""DynamoDB calls per request on the success path: deterministic, so they are asserted."""

from typing import Any

from craftkit_projects import projects
from tests.unit.conftest import DynamoCalls
from tests.unit.invoke import Account, names_exhausting_the_attempts

AUTH = ["GetItem"]


def test_get_costs_two_calls(alpha: Account, dynamo_calls: DynamoCalls) -> None:
    project = alpha.create_project("Own")
    dynamo_calls.reset()

    alpha.call("get_project", project_id=project["id"])

    assert dynamo_calls.operations == [*AUTH, "GetItem"]


def test_list_costs_two_calls(alpha: Account, dynamo_calls: DynamoCalls) -> None:
    for name in ("One", "Two", "Three"):
        alpha.create_project(name)
    dynamo_calls.reset()

    alpha.call("list_projects", query={"limit": "2"})

    assert dynamo_calls.operations == [*AUTH, "Query"]


def test_rename_costs_two_calls(alpha: Account, dynamo_calls: DynamoCalls) -> None:
    project = alpha.create_project("Own")
    dynamo_calls.reset()

    alpha.call("rename_project", project_id=project["id"], body={"name": "New"})

    assert dynamo_calls.operations == [*AUTH, "UpdateItem"]


def test_delete_costs_two_calls(alpha: Account, dynamo_calls: DynamoCalls) -> None:
    project = alpha.create_project("Own")
    dynamo_calls.reset()

    alpha.call("delete_project", project_id=project["id"])

    assert dynamo_calls.operations == [*AUTH, "UpdateItem"]


def test_mint_costs_two_calls(alpha: Account, dynamo_calls: DynamoCalls) -> None:
    project = alpha.create_project("Own")
    dynamo_calls.reset()

    alpha.mint_key(project["id"])

    assert dynamo_calls.operations == [*AUTH, "TransactWriteItems"]


def test_list_keys_first_page_costs_two_calls(alpha: Account, dynamo_calls: DynamoCalls) -> None:
    project = alpha.create_project("Own")
    for _ in range(3):
        alpha.mint_key(project["id"])
    dynamo_calls.reset()

    alpha.call("list_project_keys", project_id=project["id"], query={"limit": "2"})

    assert dynamo_calls.operations == [*AUTH, "Query"]


def test_list_keys_later_page_costs_three_calls(alpha: Account, dynamo_calls: DynamoCalls) -> None:
    project = alpha.create_project("Own")
    for _ in range(3):
        alpha.mint_key(project["id"])
    first = alpha.call("list_project_keys", project_id=project["id"], query={"limit": "2"})
    dynamo_calls.reset()

    alpha.call(
        "list_project_keys",
        project_id=project["id"],
        query={"limit": "2", "cursor": first.body["nextCursor"]},
    )

    assert dynamo_calls.operations == [*AUTH, "GetItem", "Query"]


def test_revoke_costs_two_calls(alpha: Account, dynamo_calls: DynamoCalls) -> None:
    project = alpha.create_project("Own")
    key = alpha.mint_key(project["id"])
    dynamo_calls.reset()

    alpha.call("revoke_project_key", project_id=project["id"], key_id=key["id"])

    assert dynamo_calls.operations == [*AUTH, "TransactWriteItems"]


def test_create_with_a_free_slug_costs_two_calls(alpha: Account, dynamo_calls: DynamoCalls) -> None:
    alpha.create_project("Acme")

    assert dynamo_calls.operations == [*AUTH, "TransactWriteItems"]


def test_create_with_a_colliding_slug_costs_four_calls(
    alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    alpha.create_project("Acme")
    dynamo_calls.reset()

    alpha.create_project("Acme")

    assert dynamo_calls.operations == [
        *AUTH,
        "TransactWriteItems",
        "UpdateItem",
        "TransactWriteItems",
    ]


def test_the_fiftieth_acme_costs_four_calls(alpha: Account, dynamo_calls: DynamoCalls) -> None:
    for _ in range(49):
        projects.create_project(alpha.id, "Acme")
    dynamo_calls.reset()

    created = alpha.create_project("Acme")

    assert created["slug"] == "acme-49"
    assert dynamo_calls.operations == [
        *AUTH,
        "TransactWriteItems",
        "UpdateItem",
        "TransactWriteItems",
    ]


def test_idempotent_create_adds_two_calls_and_its_replay_one(
    alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    send: dict[str, Any] = {"headers": {"Idempotency-Key": "once"}}

    alpha.create_project("Acme", **send)
    first = dynamo_calls.operations[:]
    dynamo_calls.reset()
    alpha.create_project("Acme", **send)

    assert first == [*AUTH, "PutItem", "TransactWriteItems", "UpdateItem"]
    assert dynamo_calls.operations == [*AUTH, "PutItem"]


def test_idempotent_colliding_create_costs_six_calls(
    alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    alpha.create_project("Acme")
    dynamo_calls.reset()

    alpha.create_project("Acme", headers={"Idempotency-Key": "once"})

    assert dynamo_calls.operations == [
        *AUTH,
        "PutItem",
        "TransactWriteItems",
        "UpdateItem",
        "TransactWriteItems",
        "UpdateItem",
    ]


def test_exhausted_slug_attempts_cost_two_calls_each(
    alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    for name in names_exhausting_the_attempts():
        alpha.create_project(name)
    dynamo_calls.reset()

    alpha.call("create_project", body={"name": "Acme"})

    draws = projects.MAX_SLUG_ATTEMPTS - 1
    attempts = ["TransactWriteItems", "UpdateItem"] * draws + ["TransactWriteItems"]
    assert dynamo_calls.operations == [*AUTH, *attempts]
