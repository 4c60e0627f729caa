"""HTTP requests turned into API Gateway REST proxy events (payload format 1.0).

The shape follows what API Gateway sends a Lambda proxy integration: single- and multi-value
headers and query parameters (null when there are none), url-decoded path parameters, text
bodies as they are and other bodies in base64.
"""

import base64
import binascii
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote

from craftkit_local.lambda_context import ACCOUNT_ID
from craftkit_local.template import Route

API_ID = "local"


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str  # without the query string, as sent (percent-encoding kept)
    query: str
    headers: Sequence[tuple[str, str]]  # in order, repeats kept, names as sent, values trimmed
    body: bytes
    source_ip: str


def match(route: Route, path: str) -> dict[str, str] | None:
    """The path parameters if `path` fits the route's resource, else None.

    A `{name}` segment takes one whole, non-empty segment; its value is url-decoded after the
    path is split, so an encoded slash (%2F) stays inside one parameter.
    """
    # Limitation: greedy `{name+}` resources are not supported; the template has none.
    expected = route.path.split("/")[1:]
    actual = path.split("/")[1:]
    if not path.startswith("/") or len(expected) != len(actual):
        return None
    parameters = {}
    for pattern, segment in zip(expected, actual, strict=True):
        if pattern.startswith("{") and pattern.endswith("}"):
            if not segment:
                return None
            parameters[pattern[1:-1]] = unquote(segment)
        elif pattern != segment:
            return None
    return parameters


def _single_and_multi(pairs: Sequence[tuple[str, str]]) -> tuple[Any, Any]:
    """API Gateway's pair of maps: the last value of each name, and every value in order."""
    if not pairs:
        return None, None
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for name, value in pairs:
        single[name] = value
        multi.setdefault(name, []).append(value)
    return single, multi


def _header(pairs: Sequence[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in pairs if key.lower() == name]
    return values[-1] if values else None


def _body(raw: bytes) -> tuple[str | None, bool]:
    if not raw:
        return None, False
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return base64.b64encode(raw).decode("ascii"), True


def _resource_id(route: Route) -> str:
    return f"{binascii.crc32(route.path.encode()):08x}"[:6]


def build_event(
    request: HttpRequest, route: Route, parameters: dict[str, str], stage: str, request_id: str
) -> dict[str, Any]:
    headers, multi_value_headers = _single_and_multi(request.headers)
    query, multi_value_query = _single_and_multi(parse_qsl(request.query, keep_blank_values=True))
    body, is_base64 = _body(request.body)
    now = time.time()
    return {
        "resource": route.path,
        "path": request.path,
        "httpMethod": request.method,
        "headers": headers,
        "multiValueHeaders": multi_value_headers,
        "queryStringParameters": query,
        "multiValueQueryStringParameters": multi_value_query,
        "pathParameters": parameters or None,
        "stageVariables": None,
        "requestContext": {
            "resourceId": _resource_id(route),
            "resourcePath": route.path,
            "httpMethod": request.method,
            "extendedRequestId": uuid.uuid4().hex[:16],
            "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "path": f"/{stage}{request.path}",
            "accountId": ACCOUNT_ID,
            "protocol": "HTTP/1.1",
            "stage": stage,
            "domainPrefix": API_ID,
            "requestTimeEpoch": int(now * 1000),
            "requestId": request_id,
            "identity": {
                "cognitoIdentityPoolId": None,
                "accountId": None,
                "cognitoIdentityId": None,
                "caller": None,
                "apiKey": None,
                "apiKeyId": None,
                "sourceIp": request.source_ip,
                "principalOrgId": None,
                "accessKey": None,
                "cognitoAuthenticationType": None,
                "cognitoAuthenticationProvider": None,
                "userArn": None,
                "userAgent": _header(request.headers, "user-agent"),
                "user": None,
            },
            "domainName": _header(request.headers, "host"),
            "deploymentId": API_ID,
            "apiId": API_ID,
        },
        "body": body,
        "isBase64Encoded": is_base64,
    }
