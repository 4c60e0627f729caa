"""API Gateway REST proxy events for the route functions, and calling their handlers in-process.

The functions are imported as `functions.<dir>.app`, exactly the modules Lambda loads.
"""

import importlib
import itertools
import json
import logging
import os
import uuid
from dataclasses import dataclass
from typing import Any

from craftkit_local.template import template

# The function directories, in template.yaml's order (the order the table shows them).
FUNCTIONS = tuple(function.code_uri.name for function in template().functions)

_request_numbers = itertools.count(1)


@dataclass
class LambdaContext:
    function_name: str
    memory_limit_in_mb: int = 512
    function_version: str = "$LATEST"
    aws_request_id: str = ""

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:us-east-1:000000000000:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


@dataclass(frozen=True)
class Request:
    method: str
    resource: str  # /v1/projects/{id}
    path_parameters: dict[str, str]
    headers: dict[str, str]
    body: str | None = None
    query: dict[str, list[str]] | None = None


def request(
    method: str,
    resource: str,
    token: str | None,
    *,
    body: Any = None,
    query: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
    path: dict[str, str] | None = None,
) -> Request:
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    if token is not None:
        all_headers["Authorization"] = f"Bearer {token}"
    text = body if body is None or isinstance(body, str) else json.dumps(body)
    used = {name: value for name, value in (path or {}).items() if f"{{{name}}}" in resource}
    return Request(method, resource, used, all_headers, text, query)


def event(req: Request) -> dict[str, Any]:
    path = req.resource
    for name, value in req.path_parameters.items():
        path = path.replace("{" + name + "}", value)
    query = req.query or None
    return {
        "resource": req.resource,
        "path": path,
        "httpMethod": req.method,
        "headers": dict(req.headers),
        "multiValueHeaders": {k: [v] for k, v in req.headers.items()},
        "queryStringParameters": {k: v[-1] for k, v in query.items()} if query else None,
        "multiValueQueryStringParameters": query,
        "pathParameters": dict(req.path_parameters) or None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": req.resource,
            "httpMethod": req.method,
            "path": f"/v1stage{path}",
            "stage": "v1stage",
            "requestId": f"bench-{next(_request_numbers)}",
            "accountId": "000000000000",
            "identity": {"sourceIp": "127.0.0.1"},
        },
        "body": req.body,
        "isBase64Encoded": False,
    }


def handler_module(function: str) -> Any:
    return importlib.import_module(f"functions.{function}.app")


def call(function: str, req: Request) -> tuple[int, dict[str, Any]]:
    """Invoke one function's lambda_handler; (status, parsed JSON body)."""
    context = LambdaContext(function_name=function, aws_request_id=str(uuid.uuid4()))
    response = handler_module(function).lambda_handler(event(req), context)
    body = json.loads(response["body"]) if response.get("body") else {}
    return response["statusCode"], body


def silence_logs() -> None:
    """Keep the functions' log lines (still formatted, as in Lambda) out of the bench output."""
    devnull = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
    for handler in logging.getLogger("craftkit-projects").handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(devnull)
