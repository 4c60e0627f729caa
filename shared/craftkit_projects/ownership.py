"""The one ownership check.

A project is the caller's when it is stored under the caller's account partition and is not
soft-deleted. The partition half is structural: every key is built from the authenticated
account, so another account's project is simply absent. The other half is this condition,
evaluated by DynamoDB inside the write itself (never a read followed by a write), or, for
reads, `owns` on the item read. Anything that fails either answers the same 404.
"""

from typing import Any

from craftkit_projects import ids
from craftkit_projects.errors import NotFoundError

LIVE_PROJECT_CONDITION = "attribute_exists(PK) AND deleted = :false"
LIVE_PROJECT_VALUES = {":false": {"BOOL": False}}


def owns(item: dict[str, Any] | None) -> bool:
    """True for a project item read from the caller's partition that is not deleted."""
    return bool(item) and item.get("deleted") is False  # type: ignore[union-attr]


def require_id(value: str) -> str:
    """A malformed id names nothing: the same 404 as a missing project, without a read."""
    if not ids.is_id(value):
        raise NotFoundError()
    return value
