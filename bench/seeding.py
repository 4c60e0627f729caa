"""Projects written straight to DynamoDB Local in bulk, in the layer's own item layout.

Account keys come from craftkit-admin (`craftkit_admin.account_keys.create_key`)."""

from typing import Any
from unittest import mock

from craftkit_projects import dynamo, projects
from craftkit_projects.settings import settings

BATCH_SIZE = 25  # BatchWriteItem's limit


def project_items(account_id: str, name: str) -> list[dict[str, Any]]:
    """The raw items `projects.create_project` writes for a free slug, captured instead of sent,
    so seeded projects have exactly the production layout (project item and slug item)."""
    written: list[dict[str, Any]] = []

    def capture(operation: str, **params: Any) -> dict[str, Any]:
        assert operation == "transact_write_items", operation
        written.extend(entry["Put"]["Item"] for entry in params["TransactItems"])
        return {}

    with mock.patch.object(dynamo, "call", capture):
        projects.create_project(account_id, name)
    return written


def batch_write(client: Any, items: list[dict[str, Any]]) -> None:
    """Write raw items with BatchWriteItem, retrying whatever comes back unprocessed."""
    table = settings().projects_table
    for start in range(0, len(items), BATCH_SIZE):
        pending = [{"PutRequest": {"Item": item}} for item in items[start : start + BATCH_SIZE]]
        for _ in range(10):
            response = client.batch_write_item(RequestItems={table: pending})
            pending = response.get("UnprocessedItems", {}).get(table, [])
            if not pending:
                break
        else:
            raise RuntimeError("BatchWriteItem kept items unprocessed")


def seed_projects(client: Any, account_id: str, count: int, prefix: str) -> list[str]:
    """`count` live projects named `<prefix> <n> seeded` (free slugs); returns their ids.

    The names end in a word: a name ending in a number ("Live 7") also tells its stem's suffix
    counter, one more write that a bulk seed has no need for.
    """
    items: list[dict[str, Any]] = []
    for number in range(count):
        items += project_items(account_id, f"{prefix} {number} seeded")
    batch_write(client, items)
    return [item["id"]["S"] for item in items if "id" in item]
