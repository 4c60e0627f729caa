"""Reading a request body as JSON, strictly.

The standard library's json accepts NaN, Infinity, duplicate keys and numbers no client means;
each of those is refused here as invalid_json (400), as are bodies that are not UTF-8.
"""

import base64
import binascii
import json
import math
from typing import Any

from craftkit_projects.errors import InvalidJsonError

# No field of this API is a number; anything longer than this is not a number a client means.
_MAX_NUMBER_CHARS = 40


class _RefusedJsonError(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _RefusedJsonError(f"{name} is not JSON")


def _parse_float(text: str) -> float:
    value = float(text)
    if len(text) > _MAX_NUMBER_CHARS or not math.isfinite(value):
        raise _RefusedJsonError("number out of range")
    return value


def _parse_int(text: str) -> int:
    if len(text) > _MAX_NUMBER_CHARS:
        raise _RefusedJsonError("number out of range")
    return int(text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _RefusedJsonError("duplicate key")
    return result


def raw_text(body: str | None, is_base64: bool) -> str | None:
    """The body as text; None when there is none. API Gateway base64-encodes non-text bodies."""
    if body is None:
        return None
    try:
        data = base64.b64decode(body, validate=True) if is_base64 else body.encode("utf-8")
        return data.decode("utf-8")
    except (binascii.Error, UnicodeError):
        raise InvalidJsonError("The request body is not valid UTF-8 JSON.") from None


# One decoder per container: json.loads with hooks would build a new one per request.
_DECODER = json.JSONDecoder(
    parse_constant=_refuse_constant,
    parse_float=_parse_float,
    parse_int=_parse_int,
    object_pairs_hook=_unique_keys,
)


def parse(text: str) -> Any:
    try:
        return _DECODER.decode(text)
    except (ValueError, RecursionError):
        raise InvalidJsonError() from None


def read(body: str | None, is_base64: bool, *, missing: Any) -> Any:
    """The parsed body, or `missing` when the body is absent or only white space."""
    text = raw_text(body, is_base64)
    if text is None or not text.strip():
        return missing
    return parse(text)
