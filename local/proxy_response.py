"""A handler's proxy response read as API Gateway reads it, or refused as malformed."""

import base64
from collections.abc import Mapping
from typing import Any

Answer = tuple[int, list[tuple[str, str]], bytes]  # status, headers in order, body


class MalformedResponseError(ValueError):
    """API Gateway can't use the function's answer; it sends a 502 (DEFAULT_5XX) instead."""


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    raise MalformedResponseError("header values must be scalars")


def header_pairs(response: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Headers as API Gateway merges them: multiValueHeaders win over headers of that name."""
    multi = response.get("multiValueHeaders") or {}
    single = response.get("headers") or {}
    if not isinstance(multi, dict) or not isinstance(single, dict):
        raise MalformedResponseError("headers must be objects")
    taken = {name.lower() for name in multi}
    pairs = [(name, _text(v)) for name, values in multi.items() for v in values]
    pairs += [(name, _text(v)) for name, v in single.items() if name.lower() not in taken]
    return pairs


def _status(response: Mapping[str, Any]) -> int:
    status = response.get("statusCode")
    if isinstance(status, str) and status.isdigit():
        status = int(status)
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        raise MalformedResponseError("statusCode must be an HTTP status")
    return status


def read_response(response: Any) -> Answer:
    if not isinstance(response, dict):
        raise MalformedResponseError("the response is not an object")
    body = response.get("body")
    if body is not None and not isinstance(body, str):
        raise MalformedResponseError("body must be a string")
    raw = (body or "").encode()
    if response.get("isBase64Encoded") and body:
        try:
            raw = base64.b64decode(body, validate=True)
        except ValueError as error:
            raise MalformedResponseError("body is not base64") from error
    headers = header_pairs(response)
    if not any(name.lower() == "content-type" for name, _ in headers):
        headers.append(("Content-Type", "application/json"))  # API Gateway's default
    return _status(response), headers, raw
