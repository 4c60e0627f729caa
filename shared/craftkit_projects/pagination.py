"""The `limit` and `cursor` query parameters and the page shape shared by the list routes."""

from collections.abc import Mapping
from typing import Any

from craftkit_projects import cursors
from craftkit_projects.errors import InvalidRequestError

LIMIT_MAX = 100


def _invalid(field: str, message: str) -> InvalidRequestError:
    return InvalidRequestError(
        "The query parameters are invalid.", form_errors=[], field_errors={field: [message]}
    )


def _single(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise _invalid(name, "Give this parameter once.")
    return values[0]


def page_params(query: Mapping[str, list[str]] | None, *scope: str) -> tuple[int, str | None]:
    """(limit, id to continue after) from the multi-value query string; 422 for anything
    malformed, including a cursor issued for another scope (account, or account + project)."""
    query = query or {}
    raw_limit = _single(query, "limit")
    limit = LIMIT_MAX
    if raw_limit is not None:
        well_formed = raw_limit.isascii() and raw_limit.isdigit() and len(raw_limit) <= 3
        if not well_formed or not 1 <= int(raw_limit) <= LIMIT_MAX:
            raise _invalid("limit", f"Must be a whole number from 1 to {LIMIT_MAX}.")
        limit = int(raw_limit)
    cursor = _single(query, "cursor")
    return limit, None if cursor is None else cursors.decode(cursor, *scope)


def page(data: list[dict[str, Any]], more: bool, *scope: str) -> dict[str, Any]:
    """{"data": [...], "nextCursor": ...}; the cursor continues after the last item shown."""
    next_cursor = cursors.encode(data[-1]["id"], *scope) if more else None
    return {"data": data, "nextCursor": next_cursor}
