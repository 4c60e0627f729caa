"""Account keys (ck_acct_...) in the account-keys table: minted, listed and revoked by
operators only. The API reads this table; nothing else writes it.

Only the SHA-256 of a key is stored. Its plaintext exists in memory here and in the one line
`create` prints.
"""

from dataclasses import dataclass
from typing import Any

from craftkit_projects import dynamo, ids, keys
from craftkit_projects.errors import StorageConflictError
from craftkit_projects.settings import settings


class AccountKeyNotFoundError(Exception):
    """No active account key has this id (unknown, or revoked already)."""


@dataclass(frozen=True)
class AccountKey:
    key_id: str
    prefix: str
    created_at: str
    revoked_at: str | None


def _table() -> str:
    return settings().account_keys_table


def create_key(account_id: str) -> str:
    """Mint and store a new key for the account; return its plaintext."""
    plaintext = keys.new_account_key()
    item = {
        "keyHash": keys.hash_key(plaintext),
        "keyId": ids.new_id(),
        "accountId": account_id,
        "prefix": keys.display_prefix(plaintext),
        "createdAt": ids.now(),
    }
    # A collision of 24 random base62 characters won't happen; if it did, fail, not overwrite.
    dynamo.call(
        "put_item",
        TableName=_table(),
        Item=dynamo.marshal(item),
        ConditionExpression="attribute_not_exists(keyHash)",
    )
    return plaintext


def list_keys(account_id: str) -> list[AccountKey]:
    """The account's keys, revoked ones included, in key id (so creation) order."""
    found: list[AccountKey] = []
    params: dict[str, Any] = {
        "TableName": _table(),
        "IndexName": "byAccount",
        "KeyConditionExpression": "accountId = :account",
        "ExpressionAttributeValues": dynamo.values(account=account_id),
    }
    while True:
        page = dynamo.call("query", **params)
        for raw in page.get("Items", []):
            item = dynamo.unmarshal(raw)
            found.append(
                AccountKey(item["keyId"], item["prefix"], item["createdAt"], item.get("revokedAt"))
            )
        if "LastEvaluatedKey" not in page:
            return found
        params["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def revoke_key(key_id: str) -> None:
    """Set revokedAt on an active key; AccountKeyNotFoundError if there is none with this id.

    The API reads keys with strongly consistent GetItem, so the next request with the key is
    refused. The index read here is eventually consistent: a key minted a moment ago may not
    be found yet.
    """
    if not ids.is_id(key_id):
        raise AccountKeyNotFoundError()
    page = dynamo.call(
        "query",
        TableName=_table(),
        IndexName="byKeyId",
        KeyConditionExpression="keyId = :id",
        ExpressionAttributeValues=dynamo.values(id=key_id),
    )
    if not page.get("Items"):
        raise AccountKeyNotFoundError()
    key_hash = dynamo.unmarshal(page["Items"][0])["keyHash"]
    try:
        dynamo.call(
            "update_item",
            TableName=_table(),
            Key={"keyHash": {"S": key_hash}},
            UpdateExpression="SET revokedAt = :now",
            ConditionExpression="attribute_exists(keyHash) AND attribute_not_exists(revokedAt)",
            ExpressionAttributeValues=dynamo.values(now=ids.now()),
        )
    except StorageConflictError:
        raise AccountKeyNotFoundError() from None
