"""500 internal: an unexpected failure answers the bare envelope, never a trace."""

from typing import Any

import pytest
from botocore.exceptions import ClientError

from craftkit_local.tables import local_table_names
from craftkit_projects import dynamo
from tests.events import event_names
from tests.unit.invoke import Account, error_body

INTERNAL = error_body("internal", "Internal error.")
BODIES = {"create_project": {"name": "Acme"}, "rename_project": {"name": "Renamed"}}


@pytest.fixture
def failing_projects_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every call on the projects table fails as DynamoDB's own 500 would; auth still works."""
    real_call = dynamo.call
    projects_table = local_table_names()["ProjectsTable"]

    def call(operation: str, **params: Any) -> dict[str, Any]:
        if projects_table in str(params):
            error = {"Error": {"Code": "InternalServerError", "Message": "secret detail"}}
            raise ClientError(error, operation)
        return real_call(operation, **params)

    monkeypatch.setattr(dynamo, "call", call)


@pytest.mark.parametrize("route", event_names())
def test_unexpected_failure_is_500_with_only_the_envelope(
    route: str, alpha: Account, failing_projects_table: None
) -> None:
    overrides = {"body": BODIES[route]} if route in BODIES else {}

    reply = alpha.call(route, **overrides)

    assert reply.status == 500
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.body == INTERNAL
    assert "secret detail" not in reply.text
    assert "Traceback" not in reply.text


def test_unexpected_python_error_is_500(alpha: Account, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("boom at line 42")

    monkeypatch.setattr("craftkit_projects.projects.slugs.slugify", broken)

    reply = alpha.call("create_project", body={"name": "Acme"})

    assert reply.status == 500
    assert reply.body == INTERNAL
