"""The one way tests get an API Gateway event: a sample from events/, with overrides.

The samples are the REST (v1.0) proxy events `sam local invoke -e` takes. Overrides keep the
event self-consistent: a header lands in both `headers` and `multiValueHeaders`, a path
parameter in `pathParameters`, `path` and `requestContext.path`, a query in both query forms.
"""

import base64
import copy
import functools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

EVENTS_DIR = Path(__file__).resolve().parent.parent / "events"
# The placeholders the samples carry; tests replace them.
SAMPLE_ACCOUNT_KEY = "ck_acct_EXAMPLEexample0123456789"
SAMPLE_PROJECT_ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
SAMPLE_KEY_ID = "0190a1b2-d4e5-7f60-9a1b-2c3d4e5f6a7b"

_UNSET: Any = object()


@functools.cache
def _sample(name: str) -> dict[str, Any]:
    return json.loads((EVENTS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def event_names() -> list[str]:
    return sorted(path.stem for path in EVENTS_DIR.glob("*.json"))


def load_event(
    name: str,
    *,
    key: str | None = _UNSET,
    authorization: str | None = _UNSET,
    project_id: str | None = None,
    key_id: str | None = None,
    body: Any = _UNSET,
    raw_body: bytes | None = None,
    query: Mapping[str, str | Sequence[str]] | None = _UNSET,
    headers: Mapping[str, str | Sequence[str]] | None = None,
    request_id: str | None = None,
) -> dict[str, Any]:
    """A copy of events/<name>.json with these changes:

    key: the account key sent as `Authorization: Bearer <key>`;
    authorization: the raw Authorization value instead, or None for no header;
    project_id, key_id: the {id} and {keyId} path parameters;
    body: a str as is, None for no body, anything else as JSON;
    raw_body: bytes sent base64-encoded (isBase64Encoded true), as API Gateway does;
    query: name -> value or list of values (the single-value form keeps the last), or None;
    headers: added (a list of values repeats a header);
    request_id: requestContext.requestId.
    """
    event = copy.deepcopy(_sample(name))
    if key is not _UNSET:
        authorization = None if key is None else f"Bearer {key}"
    if authorization is not _UNSET:
        _drop_header(event, "authorization")
        if authorization is not None:
            _add_header(event, "Authorization", authorization)
    for header, value in (headers or {}).items():
        _add_header(event, header, value)
    _set_path_parameter(event, "id", project_id)
    _set_path_parameter(event, "keyId", key_id)
    if body is not _UNSET:
        event["body"] = body if body is None or isinstance(body, str) else json.dumps(body)
        event["isBase64Encoded"] = False
    if raw_body is not None:
        event["body"] = base64.b64encode(raw_body).decode("ascii")
        event["isBase64Encoded"] = True
    if query is not _UNSET:
        _set_query(event, query)
    if request_id is not None:
        event["requestContext"]["requestId"] = request_id
    return event


def _drop_header(event: dict[str, Any], name: str) -> None:
    for form in ("headers", "multiValueHeaders"):
        event[form] = {k: v for k, v in event[form].items() if k.lower() != name}


def _add_header(event: dict[str, Any], name: str, value: str | Sequence[str]) -> None:
    values = [value] if isinstance(value, str) else list(value)
    _drop_header(event, name.lower())
    event["headers"][name] = values[-1]
    event["multiValueHeaders"][name] = values


def _set_path_parameter(event: dict[str, Any], name: str, value: str | None) -> None:
    if value is None:
        return
    old = event["pathParameters"][name]
    event["pathParameters"][name] = value
    event["path"] = event["path"].replace(old, value, 1)
    context = event["requestContext"]
    context["path"] = context["path"].replace(old, value, 1)


def _set_query(event: dict[str, Any], query: Mapping[str, str | Sequence[str]] | None) -> None:
    if not query:
        event["queryStringParameters"] = None
        event["multiValueQueryStringParameters"] = None
        return
    multi = {k: [v] if isinstance(v, str) else list(v) for k, v in query.items()}
    event["multiValueQueryStringParameters"] = multi
    event["queryStringParameters"] = {k: v[-1] for k, v in multi.items()}
