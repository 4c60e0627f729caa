"""events/: one sample per template function, shaped as API Gateway sends it, and reaching
its handler as shipped."""

import json
import re

import pytest

from craftkit_local.template import template
from craftkit_projects import ids, keys
from tests.events import EVENTS_DIR, SAMPLE_ACCOUNT_KEY, event_names, load_event
from tests.unit.invoke import NOT_FOUND, REQUEST_ID, invoke, store_account_key

FUNCTIONS = {f.code_uri.name: f for f in template().functions}


def test_there_is_one_sample_per_function() -> None:
    assert event_names() == sorted(FUNCTIONS)


@pytest.mark.parametrize("name", event_names())
def test_sample_matches_its_route_in_the_template(name: str) -> None:
    event = json.loads((EVENTS_DIR / f"{name}.json").read_text())
    route = FUNCTIONS[name].route

    assert (event["httpMethod"], event["resource"]) == (route.method, route.path)
    context = event["requestContext"]
    assert (context["httpMethod"], context["resourcePath"]) == (route.method, route.path)
    assert context["path"] == f"/{context['stage']}{event['path']}"
    assert context["requestId"]


@pytest.mark.parametrize("name", event_names())
def test_sample_is_self_consistent(name: str) -> None:
    event = json.loads((EVENTS_DIR / f"{name}.json").read_text())

    assert event["multiValueHeaders"] == {k: [v] for k, v in event["headers"].items()}
    assert event["headers"]["Authorization"] == f"Bearer {SAMPLE_ACCOUNT_KEY}"
    assert keys.is_account_key(SAMPLE_ACCOUNT_KEY)
    parameters = event["pathParameters"] or {}
    assert all(ids.is_id(value) for value in parameters.values())
    path = re.sub(r"\{(\w+)\}", lambda m: parameters[m.group(1)], event["resource"])
    assert event["path"] == path
    query, multi = event["queryStringParameters"], event["multiValueQueryStringParameters"]
    assert multi == (None if query is None else {k: [v] for k, v in query.items()})
    assert event["isBase64Encoded"] is False
    if event["body"] is not None:
        assert isinstance(json.loads(event["body"]), dict)


EXPECTED = {
    "create_project": 201,
    "list_projects": 200,
    "get_project": 404,
    "rename_project": 404,
    "delete_project": 404,
    "create_project_key": 404,
    "list_project_keys": 404,
    "revoke_project_key": 404,
}


@pytest.mark.parametrize("name", event_names())
def test_sample_as_shipped_reaches_its_handler(name: str, aws) -> None:
    store_account_key(aws, "acct-sample", SAMPLE_ACCOUNT_KEY)

    reply = invoke(name)

    assert reply.status == EXPECTED[name]
    if reply.status == 404:  # the placeholder project does not exist
        assert reply.body == NOT_FOUND


def test_overrides_keep_both_header_forms_in_step() -> None:
    event = load_event("get_project", key="ck_acct_" + "K" * 24, headers={"X-Trace": ["a", "b"]})

    assert event["headers"]["Authorization"] == "Bearer ck_acct_" + "K" * 24
    assert event["multiValueHeaders"]["Authorization"] == ["Bearer ck_acct_" + "K" * 24]
    assert (event["headers"]["X-Trace"], event["multiValueHeaders"]["X-Trace"]) == ("b", ["a", "b"])
    assert load_event("get_project", request_id=REQUEST_ID)["requestContext"]["requestId"] == (
        REQUEST_ID
    )
