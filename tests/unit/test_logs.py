"""Logs: one JSON object a line, each with the request id, and never a key, a key's hash or
an Authorization header."""

import hashlib
import json
import sys
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from craftkit_local.template import template
from craftkit_projects import api, dynamo
from craftkit_projects.project_keys import verify_project_key
from tests.unit.invoke import Account, Reply, store_account_key

UNKNOWN_KEY = "ck_acct_" + "U" * 24
REVOKED_KEY = "ck_acct_" + "R" * 24


@pytest.fixture
def log_lines(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable:
    """Runs one request and returns the JSON log lines it wrote (stdout and stderr)."""

    def lines_of(request: Callable[[], Any]) -> list[dict[str, Any]]:
        # The Powertools handler keeps the stdout of the moment the logger was made; capsys's
        # own is in place only while the test runs.
        monkeypatch.setattr(api.logger.registered_handler, "stream", sys.stdout)
        capsys.readouterr()
        request()
        written = capsys.readouterr()
        return [json.loads(line) for line in (written.out + written.err).splitlines()]

    return lines_of


def test_full_flow_logs_no_secret_and_always_the_request_id(
    alpha: Account, aws: Any, log_lines: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_account_key(aws, "acct-revoked", REVOKED_KEY, revoked=True)
    logged: list[tuple[str, dict[str, Any]]] = []
    replies: dict[str, Reply] = {}

    def request(name: str, route: str, **overrides: Any) -> None:
        def send() -> None:
            replies[name] = alpha.call(route, request_id=f"req-{name}", **overrides)

        logged.extend((f"req-{name}", line) for line in log_lines(send))

    request("create", "create_project", body={"name": "Acme"}, headers={"Idempotency-Key": "i"})
    request("replay", "create_project", body={"name": "Acme"}, headers={"Idempotency-Key": "i"})
    project_id = replies["create"].body["id"]
    request("list", "list_projects", query=None)
    request("get", "get_project", project_id=project_id)
    request("rename", "rename_project", project_id=project_id, body={"name": "Globex"})
    request("mint", "create_project_key", project_id=project_id, body={"name": "CI"})
    minted = replies["mint"].body
    request("list-keys", "list_project_keys", project_id=project_id, query=None)
    logged.extend(
        ("verify", line)
        for line in log_lines(lambda: verify_project_key(f"Bearer {minted['key']}"))
    )
    request("revoke", "revoke_project_key", project_id=project_id, key_id=minted["id"])
    request("unknown-key", "list_projects", key=UNKNOWN_KEY)
    request("revoked-key", "list_projects", key=REVOKED_KEY)
    request("project-key", "list_projects", key=minted["key"])
    request("two-keys", "list_projects", headers={"Authorization": [f"Bearer {alpha.key}"] * 2})
    request("missing", "get_project", project_id="0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
    request("bad-json", "rename_project", project_id=project_id, body='{"name": ')
    request("bad-body", "rename_project", project_id=project_id, body={"name": ""})
    request("reused-key", "create_project", body={"name": "X"}, headers={"Idempotency-Key": "i"})
    with monkeypatch.context() as patch:
        patch.setattr(dynamo, "call", fail_after_auth(dynamo.call))
        request("internal", "get_project", project_id=project_id)
    request("delete", "delete_project", project_id=project_id)

    everything = json.dumps([line for _, line in logged])
    secrets = [alpha.key, UNKNOWN_KEY, REVOKED_KEY, minted["key"]]
    for secret in secrets:
        assert secret not in everything
        assert secret[8:] not in everything
        assert hashlib.sha256(secret.encode()).hexdigest() not in everything
    assert "Bearer" not in everything
    assert "authorization" not in everything.lower()
    assert "ck_acct_" not in everything
    for request_id, line in logged:
        assert line["correlation_id"] == request_id
    refusals = {rid: (line["status"], line["code"]) for rid, line in logged if "code" in line}
    assert refusals == {
        "req-unknown-key": (401, "unauthorized"),
        "req-revoked-key": (401, "unauthorized"),
        "req-project-key": (401, "unauthorized"),
        "req-two-keys": (401, "unauthorized"),
        "req-missing": (404, "not_found"),
        "req-bad-json": (400, "invalid_json"),
        "req-bad-body": (422, "invalid_request"),
        "req-reused-key": (422, "invalid_request"),
    }
    errors = [(rid, line["message"]) for rid, line in logged if line["level"] == "ERROR"]
    assert errors == [("req-internal", "unexpected error")]


def fail_after_auth(real_call: Callable[..., Any]) -> Callable[..., Any]:
    def call(operation: str, **params: Any) -> Any:
        if "keyHash" in str(params):
            return real_call(operation, **params)
        raise ClientError({"Error": {"Code": "InternalServerError"}}, operation)

    return call


def test_refusal_line_carries_status_code_and_account(alpha: Account, log_lines: Callable) -> None:
    lines = log_lines(
        lambda: alpha.call("get_project", project_id="nope", request_id="req-refused")
    )

    assert len(lines) == 1
    line = lines[0]
    assert (line["level"], line["message"]) == ("INFO", "request refused")
    assert (line["status"], line["code"], line["account_id"]) == (404, "not_found", "acct-alpha")
    assert line["correlation_id"] == "req-refused"
    assert line["service"] == "craftkit-projects"


def test_account_of_one_request_does_not_leak_into_the_next(
    alpha: Account, log_lines: Callable
) -> None:
    alpha.call("get_project", project_id="nope")

    lines = log_lines(lambda: alpha.call("list_projects", key=UNKNOWN_KEY, request_id="req-2"))

    assert [line.get("account_id") for line in lines] == [None]


def test_no_function_turns_on_event_logging() -> None:
    for function in template().functions:
        environment = {**template().global_environment, **function.environment}
        assert str(environment.get("POWERTOOLS_LOGGER_LOG_EVENT", "false")).lower() == "false"
