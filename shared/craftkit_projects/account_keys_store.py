"""Reads of the account-keys table. The API only ever reads it; craftkit-admin writes it."""

from craftkit_projects import dynamo
from craftkit_projects.settings import settings


def active_account_for(key_hash: str) -> str | None:
    """The account owning the key with this hash, or None if unknown or revoked."""
    response = dynamo.call(
        "get_item",
        TableName=settings().account_keys_table,
        Key={"keyHash": {"S": key_hash}},
        ProjectionExpression="accountId, revokedAt",
        ConsistentRead=True,
    )
    item = dynamo.unmarshal(response.get("Item", {}))
    if not item or item.get("revokedAt") is not None:
        return None
    return str(item["accountId"])
