"""Account-key authentication (401 unauthorized) on every route."""

from typing import Any

import pytest

from tests.events import event_names, load_event
from tests.unit.conftest import DynamoCalls
from tests.unit.invoke import (
    REQUEST_ID,
    UNAUTHORIZED,
    Account,
    invoke,
    invoke_event,
    store_account_key,
)

ROUTES = event_names()
PROJECT_KEY = "ck_live_" + "L" * 32
TEST_KEY = "ck_test_" + "T" * 24
UNKNOWN_ACCOUNT_KEY = "ck_acct_" + "U" * 24

MALFORMED = {
    "missing-header": {"authorization": None},
    "empty-header": {"authorization": ""},
    "scheme-only": {"authorization": "Bearer"},
    "scheme-and-space": {"authorization": "Bearer   "},
    "basic-scheme": {"authorization": "Basic Y2tfYWNjdDp4"},
    "token-scheme": {"authorization": f"Token {UNKNOWN_ACCOUNT_KEY}"},
    "no-scheme": {"authorization": UNKNOWN_ACCOUNT_KEY},
    "project-key": {"key": PROJECT_KEY},
    "test-key": {"key": TEST_KEY},
    "test-account-style-key": {"key": "ck_test_" + "T" * 32},
    "short-account-key": {"key": "ck_acct_" + "S" * 23},
    "long-account-key": {"key": "ck_acct_" + "S" * 25},
    "non-base62-account-key": {"key": "ck_acct_" + "S" * 23 + "-"},
    "two-tokens": {"authorization": f"Bearer {UNKNOWN_ACCOUNT_KEY} {UNKNOWN_ACCOUNT_KEY}"},
}


@pytest.mark.parametrize("route", ROUTES)
def test_missing_authorization_is_401_on_every_route_without_any_dynamodb_call(
    route: str, alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    reply = invoke(route, authorization=None)

    assert reply.status == 401
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.body == UNAUTHORIZED
    assert dynamo_calls.operations == []


@pytest.mark.parametrize("route", ROUTES)
def test_project_key_is_401_on_every_route_without_any_dynamodb_call(
    route: str, alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    reply = invoke(route, key=PROJECT_KEY)

    assert reply.status == 401
    assert reply.body == UNAUTHORIZED
    assert dynamo_calls.operations == []


@pytest.mark.parametrize("overrides", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_credentials_are_401_without_any_dynamodb_call(
    overrides: dict[str, Any], alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    reply = invoke("list_projects", **overrides)

    assert reply.status == 401
    assert reply.body == UNAUTHORIZED
    assert dynamo_calls.operations == []


def test_two_authorization_headers_are_401_without_any_dynamodb_call(
    alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    reply = invoke("list_projects", headers={"Authorization": [f"Bearer {alpha.key}"] * 2})

    assert reply.status == 401
    assert reply.body == UNAUTHORIZED
    assert dynamo_calls.operations == []


def test_event_without_any_header_is_401(alpha: Account) -> None:
    event = load_event("list_projects", request_id=REQUEST_ID)
    event["headers"] = None
    event["multiValueHeaders"] = None

    reply = invoke_event("list_projects", event)

    assert reply.status == 401
    assert reply.body == UNAUTHORIZED


def test_unknown_account_key_is_401_after_one_read(
    alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    reply = invoke("list_projects", key=UNKNOWN_ACCOUNT_KEY)

    assert reply.status == 401
    assert reply.body == UNAUTHORIZED
    assert dynamo_calls.operations == ["GetItem"]


def test_revoked_account_key_is_401(aws: Any, dynamo_calls: DynamoCalls) -> None:
    revoked = "ck_acct_" + "R" * 24
    store_account_key(aws, "acct-revoked", revoked, revoked=True)

    reply = invoke("list_projects", key=revoked)

    assert reply.status == 401
    assert reply.body == UNAUTHORIZED
    assert dynamo_calls.operations == ["GetItem"]


def test_a_minted_project_key_does_not_open_the_account_api(alpha: Account) -> None:
    project = alpha.create_project()
    minted = alpha.mint_key(project["id"])

    reply = invoke("list_projects", key=minted["key"])

    assert reply.status == 401
    assert reply.body == UNAUTHORIZED


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "bEaReR"])
def test_bearer_scheme_is_case_insensitive(scheme: str, alpha: Account) -> None:
    reply = invoke("list_projects", authorization=f"{scheme} {alpha.key}", query=None)

    assert reply.status == 200
    assert reply.body == {"data": [], "nextCursor": None}


@pytest.mark.parametrize("header", ["authorization", "AUTHORIZATION", "Authorization"])
def test_authorization_header_name_is_case_insensitive(header: str, alpha: Account) -> None:
    reply = invoke(
        "list_projects", authorization=None, headers={header: f"Bearer {alpha.key}"}, query=None
    )

    assert reply.status == 200


def test_account_key_opens_only_its_own_account(alpha: Account, beta: Account) -> None:
    alpha.create_project("Alpha's")

    reply = beta.call("list_projects", query=None)

    assert reply.body == {"data": [], "nextCursor": None}
