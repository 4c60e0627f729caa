"""Opaque, URL-safe pagination cursors bound to the caller's scope (an account, or an account's
project).

A cursor carries the id of the last item returned and a short hash of the scope. It is not
signed: forging one can only move the start of a page within the caller's own items, because
the storage key of every query is built from the authenticated account, never from the cursor.
"""

import base64
import binascii
import hashlib
import json

from craftkit_projects import ids
from craftkit_projects.errors import InvalidRequestError

_MAX_LENGTH = 200


def _scope_tag(*scope: str) -> str:
    return hashlib.sha256("\x00".join(scope).encode()).hexdigest()[:16]


def encode(after_id: str, *scope: str) -> str:
    payload = json.dumps({"a": after_id, "s": _scope_tag(*scope)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode(cursor: str, *scope: str) -> str:
    """The id to continue after, or InvalidRequestError (422) for anything not issued here."""
    try:
        if len(cursor) > _MAX_LENGTH:
            raise ValueError
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        after_id, tag = payload["a"], payload["s"]
        if set(payload) != {"a", "s"} or tag != _scope_tag(*scope) or not ids.is_id(after_id):
            raise ValueError
        # One spelling per cursor: b64decode would also take "+/", padding and trailing junk.
        if encode(after_id, *scope) != cursor:
            raise ValueError
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError):
        raise InvalidRequestError(
            "The cursor is not valid here.",
            form_errors=[],
            field_errors={"cursor": ["Invalid cursor."]},
        ) from None
    return str(after_id)
