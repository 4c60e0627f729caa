"""Bodies of POST /v1/projects, PATCH /v1/projects/{id} and POST /v1/projects/{id}/keys:
strict JSON (400 invalid_json) and the fields' rules (422 invalid_request with issues)."""

from collections.abc import Callable
from typing import Any

import pytest

from tests.unit.invoke import Account, Reply, error_body, invalid_request

Send = Callable[..., Reply]
INVALID_JSON = error_body("invalid_json", "The request body is not valid JSON.")
NOT_UTF8 = error_body("invalid_json", "The request body is not valid UTF-8 JSON.")
BODY_INVALID = "The request body is invalid."
NOT_AN_OBJECT = invalid_request(BODY_INVALID, ["Expected a JSON object."], {})


@pytest.fixture(params=["create_project", "rename_project", "create_project_key"])
def send(request: pytest.FixtureRequest, alpha: Account) -> Send:
    """Sends a body to one of the three routes that take one, on the caller's own project."""
    route = request.param
    project_id = None if route == "create_project" else alpha.create_project("Own")["id"]

    def send_body(**body: Any) -> Reply:
        return alpha.call(route, project_id=project_id, **body)

    return send_body


@pytest.fixture(params=["create_project", "rename_project"])
def send_project_name(request: pytest.FixtureRequest, alpha: Account) -> Send:
    route = request.param
    project_id = None if route == "create_project" else alpha.create_project("Own")["id"]

    def send_body(body: Any) -> Reply:
        return alpha.call(route, project_id=project_id, body=body)

    return send_body


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "Acme"',
        "{name: 'Acme'}",
        '{"name": "Acme"} trailing',
        '{"name": NaN}',
        '{"name": Infinity}',
        '{"name": -Infinity}',
        '{"name": 1e999}',
        '{"name": -1e999}',
        '{"name": ' + "1" * 100 + "}",
        '{"name": "Acme", "name": "Globex"}',
        '{"name": "Acme", "x": {"a": 1, "a": 2}}',
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=[
        "unterminated",
        "not-json",
        "trailing-text",
        "nan",
        "infinity",
        "minus-infinity",
        "1e999",
        "minus-1e999",
        "100-digit-int",
        "duplicate-keys",
        "nested-duplicate-keys",
        "absurd-nesting",
    ],
)
def test_body_that_is_not_strict_json_is_400(send: Send, text: str) -> None:
    reply = send(body=text)

    assert reply.status == 400
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.body == INVALID_JSON


@pytest.mark.parametrize(
    "raw", [b'{"name": "Acme \xff"}', b'{"name": "\xc3\x28"}', b"\xfe\xff\x00{"]
)
def test_body_that_is_not_utf8_is_400(send: Send, raw: bytes) -> None:
    reply = send(raw_body=raw)

    assert reply.status == 400
    assert reply.body == NOT_UTF8


def test_base64_body_in_utf8_is_read(send: Send) -> None:
    reply = send(raw_body='{"name": "Café ☕"}'.encode())

    assert reply.status in (200, 201)
    assert reply.body["name"] == "Café ☕"


@pytest.mark.parametrize("text", ["[]", '"Acme"', "1", "true", "null", '[{"name": "Acme"}]'])
def test_body_that_is_not_an_object_is_422(send: Send, text: str) -> None:
    reply = send(body=text)

    assert reply.status == 422
    assert reply.body == NOT_AN_OBJECT


def test_unknown_field_is_422(send: Send) -> None:
    reply = send(body={"name": "Acme", "color": "red"})

    assert reply.status == 422
    assert reply.body == invalid_request(BODY_INVALID, ["Unrecognized key: 'color'."], {})


@pytest.mark.parametrize("name", [5, 1.5, None, True, ["Acme"], {"text": "Acme"}])
def test_name_that_is_not_a_string_is_422(send: Send, name: Any) -> None:
    reply = send(body={"name": name})

    assert reply.status == 422
    assert reply.body == invalid_request(BODY_INVALID, [], {"name": ["Expected a string."]})


@pytest.mark.parametrize(
    "name",
    ["Acme\x00", "Ac\nme", "Acme\tCorp", "\x07Acme", "Acme\x7f", "Ac\x85me", "Acme\ud800"],
    ids=["nul", "newline", "tab", "bell", "del", "c1-nel", "lone-surrogate"],
)
def test_name_with_control_characters_is_422(send: Send, name: str) -> None:
    reply = send(body={"name": name})

    assert reply.status == 422
    assert reply.body == invalid_request(
        BODY_INVALID, [], {"name": ["Must not contain control characters."]}
    )


def test_lone_surrogate_escape_is_422(send: Send) -> None:
    reply = send(body='{"name": "Acme \\ud800"}')

    assert reply.status == 422
    assert reply.body == invalid_request(
        BODY_INVALID, [], {"name": ["Must not contain control characters."]}
    )


def test_missing_project_name_is_422(send_project_name: Send) -> None:
    reply = send_project_name({})

    assert reply.status == 422
    assert reply.body == invalid_request(BODY_INVALID, [], {"name": ["Required."]})


@pytest.mark.parametrize("body", [None, "", "   \n"], ids=["absent", "empty", "white-space"])
def test_absent_body_is_422_where_a_name_is_required(send_project_name: Send, body: str) -> None:
    reply = send_project_name(body)

    assert reply.status == 422
    assert reply.body == NOT_AN_OBJECT


@pytest.mark.parametrize(
    "name",
    ["", " ", " \u3000 ", "n" * 121, " " + "n" * 121 + " "],
    ids=["empty", "space", "white-space-only", "121-chars", "121-chars-padded"],
)
def test_project_name_empty_or_too_long_is_422(send_project_name: Send, name: str) -> None:
    reply = send_project_name({"name": name})

    assert reply.status == 422
    assert reply.body == invalid_request(
        BODY_INVALID, [], {"name": ["Must be 1 to 120 characters after trimming."]}
    )


def test_both_fields_wrong_are_reported_together(send_project_name: Send) -> None:
    reply = send_project_name({"name": "", "slug": "acme"})

    assert reply.status == 422
    assert reply.body == invalid_request(
        BODY_INVALID,
        ["Unrecognized key: 'slug'."],
        {"name": ["Must be 1 to 120 characters after trimming."]},
    )
