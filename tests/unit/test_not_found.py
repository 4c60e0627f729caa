"""The 404 matrix: on every {id} route, a project that is not the caller's live project
(another account's, deleted, missing, malformed id) answers the same bytes as any other."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from craftkit_projects import ids
from tests.events import load_event
from tests.unit.invoke import NOT_FOUND, REQUEST_ID, Account, Reply, invoke_event

ID_ROUTES = {
    "get_project": 200,
    "rename_project": 200,
    "delete_project": 200,
    "create_project_key": 201,
    "list_project_keys": 200,
    "revoke_project_key": 200,
}
BODIES = {"rename_project": {"name": "Renamed"}, "create_project_key": {"name": "CI"}}


@dataclass(frozen=True)
class Target:
    project_id: str
    key_id: str


@pytest.fixture
def targets(alpha: Account, beta: Account) -> dict[str, Target]:
    """Alpha's own project, and every project id that is not alpha's live project; each with
    a key of its own where it has one."""

    def with_key(account: Account, name: str) -> Target:
        project = account.create_project(name)
        return Target(project["id"], account.mint_key(project["id"])["id"])

    deleted = with_key(alpha, "Deleted")
    alpha.delete_project(deleted.project_id)
    own = with_key(alpha, "Own")
    return {
        "own": own,
        "another-accounts": with_key(beta, "Beta's"),
        "deleted": deleted,
        "missing": Target(ids.new_id(), own.key_id),
        "malformed": Target("not-a-project-id", own.key_id),
        "uppercase": Target(own.project_id.upper(), own.key_id),
    }


def call(route: str, account: Account, target: Target) -> Reply:
    overrides: dict[str, Any] = {"project_id": target.project_id}
    if route == "revoke_project_key":
        overrides["key_id"] = target.key_id
    if route in BODIES:
        overrides["body"] = BODIES[route]
    if route == "list_project_keys":
        overrides["query"] = None
    return account.call(route, **overrides)


@pytest.mark.parametrize("route", ID_ROUTES)
def test_own_live_project_works(route: str, alpha: Account, targets: dict[str, Target]) -> None:
    reply = call(route, alpha, targets["own"])

    assert reply.status == ID_ROUTES[route]


@pytest.mark.parametrize("route", ID_ROUTES)
def test_every_other_project_gives_the_same_404(
    route: str, alpha: Account, targets: dict[str, Target]
) -> None:
    others = [name for name in targets if name != "own"]

    replies = {name: call(route, alpha, targets[name]) for name in others}

    for name, reply in replies.items():
        assert (name, reply.status, reply.body) == (name, 404, NOT_FOUND)
    assert len({reply.text for reply in replies.values()}) == 1
    assert len({tuple(sorted(reply.headers.items())) for reply in replies.values()}) == 1


def test_404_body_differs_only_in_request_id(alpha: Account) -> None:
    first = alpha.call("get_project", project_id=ids.new_id(), request_id="request-one")

    second = alpha.call("get_project", project_id="nope", request_id="request-two")

    assert first.text.replace("request-one", "request-two") == second.text


@pytest.mark.parametrize(
    "key_id",
    [
        pytest.param(lambda own, other: ids.new_id(), id="missing-key"),
        pytest.param(lambda own, other: "not-a-key-id", id="malformed-key"),
        pytest.param(lambda own, other: other, id="another-projects-key"),
    ],
)
def test_revoking_a_key_that_is_not_the_projects_is_404(
    key_id: Callable[[str, str], str], alpha: Account
) -> None:
    own = alpha.create_project("Own")
    own_key = alpha.mint_key(own["id"])
    other = alpha.create_project("Other")
    other_key = alpha.mint_key(other["id"])

    reply = alpha.call(
        "revoke_project_key", project_id=own["id"], key_id=key_id(own_key["id"], other_key["id"])
    )

    assert reply.status == 404
    assert reply.body == NOT_FOUND


def test_revoking_another_accounts_key_under_own_project_is_404(
    alpha: Account, beta: Account
) -> None:
    own = alpha.create_project("Own")
    betas = beta.create_project("Beta's")
    betas_key = beta.mint_key(betas["id"])

    reply = alpha.call("revoke_project_key", project_id=own["id"], key_id=betas_key["id"])

    assert reply.status == 404
    assert reply.body == NOT_FOUND
    listed = beta.call("list_project_keys", project_id=betas["id"], query=None)
    assert listed.body["data"][0]["revokedAt"] is None


def test_unknown_route_answers_the_same_404(alpha: Account) -> None:
    event = load_event("get_project", key=alpha.key, request_id=REQUEST_ID)
    event["path"] = f"/v1/projects/{ids.new_id()}/unknown"

    reply = invoke_event("get_project", event)

    assert reply.status == 404
    assert reply.body == NOT_FOUND
