"""DynamoDB access for project keys: metadata items beside their project, and one lookup item
per key keyed by the key's SHA-256. Neither ever holds the plaintext."""

from typing import Any

from craftkit_projects import dynamo, layout, ownership
from craftkit_projects.errors import NotFoundError, TransactionCancelledError
from craftkit_projects.settings import settings

Item = dict[str, Any]
_KEY_FIELDS = "id, projectId, #name, prefix, createdAt, revokedAt"
_ACTIVE_KEY_CONDITION = "attribute_exists(PK) AND attribute_not_exists(revokedAt)"


def _table() -> str:
    return settings().projects_table


def _project_is_live(account_id: str, project_id: str) -> dict[str, Any]:
    return {
        "ConditionCheck": {
            "TableName": _table(),
            "Key": layout.project_key(account_id, project_id),
            "ConditionExpression": ownership.LIVE_PROJECT_CONDITION,
            "ExpressionAttributeValues": ownership.LIVE_PROJECT_VALUES,
        }
    }


def insert_key(account_id: str, key: Item, key_hash: str) -> None:
    """Store a new key's metadata and hash lookup, if the project is the caller's and live."""
    pk = layout.account_pk(account_id)
    metadata = {
        "PK": pk,
        "SK": layout.project_key_sk(key["projectId"], key["id"]),
        "accountId": account_id,
        "keyId": key["id"],
        **key,
    }
    lookup = {
        "PK": layout.key_hash_pk(key_hash),
        "SK": layout.key_hash_pk(key_hash),
        "accountId": account_id,
        "projectId": key["projectId"],
        "keyId": key["id"],
    }
    new_item = "attribute_not_exists(PK)"
    try:
        dynamo.transact_write(
            [
                _project_is_live(account_id, key["projectId"]),
                {
                    "Put": {
                        "TableName": _table(),
                        "Item": dynamo.marshal(metadata),
                        "ConditionExpression": new_item,
                    }
                },
                {
                    "Put": {
                        "TableName": _table(),
                        "Item": dynamo.marshal(lookup),
                        "ConditionExpression": new_item,
                    }
                },
            ],
        )
    except TransactionCancelledError as error:
        if error.failed_condition_at(0):
            raise NotFoundError() from None
        raise


def revoke_key(account_id: str, project_id: str, key_id: str, now: str) -> None:
    """Set revokedAt on an active key of the caller's live project; NotFoundError otherwise."""
    try:
        dynamo.transact_write(
            [
                _project_is_live(account_id, project_id),
                {
                    "Update": {
                        "TableName": _table(),
                        "Key": layout.key(
                            layout.account_pk(account_id), layout.project_key_sk(project_id, key_id)
                        ),
                        "UpdateExpression": "SET revokedAt = :now",
                        "ConditionExpression": _ACTIVE_KEY_CONDITION,
                        "ExpressionAttributeValues": dynamo.values(now=now),
                    }
                },
            ],
        )
    except TransactionCancelledError as error:
        if error.failed_condition_at(0) or error.failed_condition_at(1):
            raise NotFoundError() from None
        raise


def query_keys(
    account_id: str, project_id: str, limit: int, after_key_id: str | None
) -> tuple[Item | None, list[Item], bool]:
    """(project, up to `limit` keys newest first, whether more follow).

    The first page reads the project item and its keys in one query: the project sorts just
    before its keys. Limitation: a later page starts after a key, past the project item, so
    the project is read on its own first (3 calls instead of 2).
    """
    pk = layout.account_pk(account_id)
    params: dict[str, Any] = {
        "TableName": _table(),
        "KeyConditionExpression": "PK = :pk AND begins_with(SK, :prefix)",
        "ProjectionExpression": f"SK, {_KEY_FIELDS}, deleted",
        "ExpressionAttributeNames": {"#name": "name"},
        "ConsistentRead": True,
    }
    if after_key_id is None:
        prefix = layout.project_sk(project_id)
        params["Limit"] = limit + 2
        project = None
    else:
        prefix = layout.project_keys_prefix(project_id)
        params["Limit"] = limit + 1
        last_sk = layout.project_key_sk(project_id, after_key_id)
        params["ExclusiveStartKey"] = layout.key(pk, last_sk)
        project = get_project_item(account_id, project_id)
    params["ExpressionAttributeValues"] = dynamo.values(pk=pk, prefix=prefix)
    items = [dynamo.unmarshal(raw) for raw in dynamo.call("query", **params).get("Items", [])]
    if after_key_id is None and items and items[0]["SK"] == prefix:
        project = items.pop(0)
    return project, items[:limit], len(items) > limit


def get_project_item(account_id: str, project_id: str) -> Item | None:
    response = dynamo.call(
        "get_item",
        TableName=_table(),
        Key=layout.project_key(account_id, project_id),
        ProjectionExpression="deleted",
        ConsistentRead=True,
    )
    return dynamo.unmarshal(response.get("Item", {})) or None


def find_key_by_hash(key_hash: str) -> Item | None:
    """The lookup item of a project key: accountId, projectId, keyId."""
    response = dynamo.call(
        "get_item",
        TableName=_table(),
        Key=layout.key(layout.key_hash_pk(key_hash), layout.key_hash_pk(key_hash)),
        ProjectionExpression="accountId, projectId, keyId",
        ConsistentRead=True,
    )
    return dynamo.unmarshal(response.get("Item", {})) or None


def get_project_and_key(account_id: str, project_id: str, key_id: str) -> tuple[Item, Item]:
    """The project item and the key's metadata item, read together (one BatchGetItem).

    Either may come back empty ({}). Unprocessed keys (throttling) are retried a few times;
    after that this raises, and the caller answers 500 rather than let a key through.
    """
    pk = layout.account_pk(account_id)
    wanted = {
        "Keys": [
            layout.project_key(account_id, project_id),
            layout.key(pk, layout.project_key_sk(project_id, key_id)),
        ],
        "ProjectionExpression": "SK, deleted, revokedAt",
        "ConsistentRead": True,
    }
    found: dict[str, Item] = {}
    for _ in range(3):
        response = dynamo.call("batch_get_item", RequestItems={_table(): wanted})
        for raw in response.get("Responses", {}).get(_table(), []):
            item = dynamo.unmarshal(raw)
            found[item["SK"]] = item
        unprocessed = response.get("UnprocessedKeys", {}).get(_table())
        if not unprocessed:
            return found.get(layout.project_sk(project_id), {}), found.get(
                layout.project_key_sk(project_id, key_id), {}
            )
        wanted = unprocessed
    raise RuntimeError("project key lookup left unprocessed keys after retries")
