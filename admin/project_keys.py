"""Revoking a project key (ck_live_...) by its id alone, for operators.

The projects table's byKeyId index finds the key's items; the revocation itself is the layer's
own `project_keys.revoke_key`, the same one DELETE /v1/projects/{id}/keys/{keyId} runs.
"""

from craftkit_projects import dynamo, ids, project_keys
from craftkit_projects.errors import NotFoundError
from craftkit_projects.settings import settings


class ProjectKeyNotFoundError(Exception):
    """No active key with this id in a live project."""


def _find_metadata(key_id: str) -> dict[str, str] | None:
    """accountId, projectId and id of the key's metadata item, or None."""
    table = settings().projects_table
    page = dynamo.call(
        "query",
        TableName=table,
        IndexName="byKeyId",
        KeyConditionExpression="keyId = :id",
        ExpressionAttributeValues=dynamo.values(id=key_id),
    )
    # The index also holds the key's hash-lookup item; only the metadata item has `id`.
    for keys_only in page.get("Items", []):
        found = dynamo.call(
            "get_item",
            TableName=table,
            Key={"PK": keys_only["PK"], "SK": keys_only["SK"]},
            ProjectionExpression="accountId, projectId, id",
            ConsistentRead=True,
        )
        item = dynamo.unmarshal(found.get("Item", {}))
        if item.get("id") == key_id and "accountId" in item and "projectId" in item:
            return item
    return None


def revoke_key(key_id: str) -> dict[str, str]:
    """Revoke the key; return its accountId and projectId. ProjectKeyNotFoundError if the key
    is unknown, revoked already, or its project is deleted."""
    if not ids.is_id(key_id):
        raise ProjectKeyNotFoundError()
    item = _find_metadata(key_id)
    if item is None:
        raise ProjectKeyNotFoundError()
    try:
        project_keys.revoke_key(item["accountId"], item["projectId"], key_id)
    except NotFoundError:
        raise ProjectKeyNotFoundError() from None
    return {"accountId": item["accountId"], "projectId": item["projectId"]}
