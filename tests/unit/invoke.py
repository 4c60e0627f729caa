"""Calling a route the way API Gateway does: the sample event, overridden, through the
function's lambda_handler; and the bodies a caller relies on."""

import importlib
import json
from dataclasses import dataclass
from typing import Any

from craftkit_local.tables import local_table_names
from craftkit_projects import dynamo, ids, keys, projects
from tests.events import load_event

REQUEST_ID = "6f1c2d3e-0000-4000-8000-00000000a001"


@dataclass(frozen=True)
class LambdaContext:
    function_name: str = "craftkit-projects-unit"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = (
        "arn:aws:lambda:us-east-1:123456789012:function:craftkit-projects-unit"
    )
    aws_request_id: str = "8f5b1c2a-0000-4000-8000-00000000c0de"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    text: str
    raw: dict[str, Any]

    @property
    def body(self) -> Any:
        return json.loads(self.text)


def invoke_event(name: str, event: dict[str, Any]) -> Reply:
    handler = importlib.import_module(f"functions.{name}.app").lambda_handler
    raw = handler(event, LambdaContext())
    headers = {k: v[-1] for k, v in (raw.get("multiValueHeaders") or {}).items()}
    headers |= raw.get("headers") or {}
    return Reply(raw["statusCode"], headers, raw["body"], raw)


def invoke(name: str, **overrides: Any) -> Reply:
    """Call route `name` (a functions/ directory) with its sample event, overridden."""
    overrides.setdefault("request_id", REQUEST_ID)
    return invoke_event(name, load_event(name, **overrides))


def error_body(code: str, message: str, request_id: str = REQUEST_ID) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "requestId": request_id}}


def invalid_request(
    message: str, form_errors: list[str], field_errors: dict[str, list[str]]
) -> dict[str, Any]:
    body = error_body("invalid_request", message)
    body["error"]["issues"] = {"formErrors": form_errors, "fieldErrors": field_errors}
    return body


NOT_FOUND = error_body("not_found", "Not found.")
UNAUTHORIZED = error_body(
    "unauthorized", "A valid account key is required: Authorization: Bearer ck_acct_..."
)


@dataclass
class Account:
    """An account with one active account key, calling the API as itself."""

    id: str
    key: str

    def call(self, name: str, **overrides: Any) -> Reply:
        """Route `name` with this account's key, unless `key` or `authorization` says else."""
        overrides.setdefault("key", self.key)
        return invoke(name, **overrides)

    def create_project(self, name: str = "Acme", **overrides: Any) -> dict[str, Any]:
        reply = self.call("create_project", body={"name": name}, **overrides)
        assert reply.status == 201, reply.text
        return reply.body

    def mint_key(self, project_id: str, name: str | None = None) -> dict[str, Any]:
        body = None if name is None else {"name": name}
        reply = self.call("create_project_key", project_id=project_id, body=body)
        assert reply.status == 201, reply.text
        return reply.body

    def delete_project(self, project_id: str) -> None:
        assert self.call("delete_project", project_id=project_id).status == 200


def store_account_key(client: Any, account_id: str, key: str, *, revoked: bool = False) -> None:
    """The item craftkit-admin writes for an account key: its hash, never the key."""
    item = {
        "keyHash": keys.hash_key(key),
        "keyId": ids.new_id(),
        "accountId": account_id,
        "prefix": keys.display_prefix(key),
        "createdAt": "2026-06-01T09:00:00.000Z",
    }
    if revoked:
        item["revokedAt"] = "2026-06-02T09:00:00.000Z"
    table = local_table_names()["AccountKeysTable"]
    client.put_item(TableName=table, Item=dynamo.marshal(item))


# Every suffix a duplicate "Acme" draws once the counter is at 1: steps of 1, 2, 4, ...
DRAWN_SUFFIXES = [2**k for k in range(1, projects.MAX_SLUG_ATTEMPTS)]


def names_exhausting_the_attempts() -> list[str]:
    """Names holding every suffix a duplicate "Acme" will draw, created out of order (so the
    counter can't know them), then "Acme 1" (the counter moves to 1) and "Acme"."""
    taken = [f"Acme {n}" for n in reversed(DRAWN_SUFFIXES)]
    return [*taken, "Acme 1", "Acme"]
