"""Identifiers and timestamps."""

import datetime as dt
import re

import uuid6

# Canonical lowercase text of an RFC 9562 UUID (version 1-8, variant 10xx).
UUID_PATTERN = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
)
# Account ids are chosen by Craftkit's operators (craftkit-admin --account ID).
ACCOUNT_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def new_id() -> str:
    """A UUIDv7: time-ordered, so ids sort by creation. uuid6 keeps them monotonic within one
    process. Limitation: two containers creating in the same millisecond may interleave."""
    return str(uuid6.uuid7())


def is_id(value: str) -> bool:
    """Canonical lowercase UUID text, as this API issues it. Anything else can't exist."""
    return UUID_PATTERN.fullmatch(value) is not None


def is_account_id(value: str) -> bool:
    return ACCOUNT_ID_PATTERN.fullmatch(value) is not None


def now() -> str:
    """ISO 8601 UTC with milliseconds: 2026-06-01T09:00:00.000Z."""
    moment = dt.datetime.now(dt.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
