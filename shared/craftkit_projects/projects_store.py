"""DynamoDB access for projects, their slugs and slug counters (the storage boundary).

Every function builds its keys from the caller's account, and every write that touches an
existing project carries the ownership condition, so the check costs no extra round trip.
DynamoDB's failures become domain errors here and nowhere else.
"""

from typing import Any

from aws_lambda_powertools import Logger
from botocore.exceptions import BotoCoreError, ClientError

from craftkit_projects import dynamo, layout, ownership
from craftkit_projects.errors import (
    ContendedError,
    NotFoundError,
    SlugTakenError,
    StorageConflictError,
    TransactionCancelledError,
)
from craftkit_projects.settings import settings

Item = dict[str, Any]
logger = Logger(service="craftkit-projects", child=True)
LIVE_INDEX = "live"
_PROJECT_FIELDS = "id, slug, #name, createdAt, updatedAt, deleted"


def _table() -> str:
    return settings().projects_table


def insert_project(account_id: str, project: Item) -> None:
    """Write a project and claim its slug in one transaction; SlugTakenError if claimed."""
    pk = layout.account_pk(account_id)
    project_item = {"PK": pk, "SK": layout.project_sk(project["id"]), **project}
    project_item |= {"liveId": project["id"], "deleted": False}
    slug_item = {"PK": pk, "SK": layout.slug_sk(project["slug"]), "projectId": project["id"]}
    try:
        dynamo.transact_write(
            [
                {
                    "Put": {
                        "TableName": _table(),
                        "Item": dynamo.marshal(slug_item),
                        "ConditionExpression": "attribute_not_exists(PK)",
                    }
                },
                {
                    "Put": {
                        "TableName": _table(),
                        "Item": dynamo.marshal(project_item),
                        "ConditionExpression": "attribute_not_exists(PK)",
                    }
                },
            ],
        )
    except TransactionCancelledError as error:
        if error.failed_condition_at(0):
            raise SlugTakenError() from None
        if error.transient:
            raise ContendedError() from None
        raise


def next_slug_number(account_id: str, stem: str, step: int = 1) -> int:
    """Atomically move the counter of `stem` on by `step` and take the number it lands on:
    one write, no probing."""
    response = dynamo.call(
        "update_item",
        TableName=_table(),
        Key=layout.key(layout.account_pk(account_id), layout.slug_sequence_sk(stem)),
        UpdateExpression="ADD lastNumber :step",
        ExpressionAttributeValues=dynamo.values(step=step),
        ReturnValues="UPDATED_NEW",
    )
    return int(response["Attributes"]["lastNumber"]["N"])


def note_suffix_taken(account_id: str, stem: str, number: int) -> None:
    """Move the counter of `stem` to `number` if that is its next suffix: a name ("Widget 2")
    just took the suffix the counter would give next. Only ever moves it by one, so a
    "Project 2024" does not make the next duplicate "Project" jump to project-2025."""
    condition = "attribute_not_exists(PK)" if number == 1 else "lastNumber = :previous"
    values = {":number": {"N": str(number)}}
    if number > 1:
        values[":previous"] = {"N": str(number - 1)}
    try:
        dynamo.call(
            "update_item",
            TableName=_table(),
            Key=layout.key(layout.account_pk(account_id), layout.slug_sequence_sk(stem)),
            UpdateExpression="SET lastNumber = :number",
            ConditionExpression=condition,
            ExpressionAttributeValues=values,
        )
    except StorageConflictError:
        pass  # the counter is elsewhere: a draw that meets this suffix simply draws again
    except (BotoCoreError, ClientError):
        # Best effort: the project is created already. Answering 500 now would invite a retry
        # that creates a second project; an unmoved counter costs a later duplicate one draw.
        logger.warning("suffix counter not moved", exc_info=True)


def get_project(account_id: str, project_id: str) -> Item | None:
    """The caller's live project, or None (missing, deleted, or another account's)."""
    response = dynamo.call(
        "get_item",
        TableName=_table(),
        Key=layout.project_key(account_id, project_id),
        ProjectionExpression=_PROJECT_FIELDS,
        ExpressionAttributeNames={"#name": "name"},
        ConsistentRead=True,
    )
    item = dynamo.unmarshal(response.get("Item", {}))
    return item if ownership.owns(item) else None


def list_live_projects(
    account_id: str, limit: int, after_id: str | None
) -> tuple[list[Item], bool]:
    """Up to `limit` live projects, newest first, and whether more follow.

    Queries the sparse `live` index, which holds only non-deleted projects, so the cost depends
    on the page alone. One extra item is read to know whether another page exists.
    """
    pk = layout.account_pk(account_id)
    params: dict[str, Any] = {
        "TableName": _table(),
        "IndexName": LIVE_INDEX,
        "KeyConditionExpression": "PK = :pk",
        "ExpressionAttributeValues": dynamo.values(pk=pk),
        "ProjectionExpression": _PROJECT_FIELDS,
        "ExpressionAttributeNames": {"#name": "name"},
        "ScanIndexForward": False,
        "ConsistentRead": True,
        "Limit": limit + 1,
    }
    if after_id is not None:
        params["ExclusiveStartKey"] = layout.project_key(account_id, after_id) | {
            "liveId": {"S": after_id}
        }
    response = dynamo.call("query", **params)
    items = [dynamo.unmarshal(raw) for raw in response.get("Items", [])]
    return items[:limit], len(items) > limit


def rename_project(account_id: str, project_id: str, name: str, now: str) -> Item:
    return _update_live_project(
        account_id,
        project_id,
        "SET #name = :name, updatedAt = :now",
        dynamo.values(name=name, now=now),
    )


def soft_delete_project(account_id: str, project_id: str, now: str) -> Item:
    """Flag the project deleted and drop it from the live index; the item and slug stay."""
    return _update_live_project(
        account_id,
        project_id,
        "SET deleted = :true, deletedAt = :now, updatedAt = :now REMOVE liveId",
        dynamo.values(true=True, now=now),
    )


def _update_live_project(
    account_id: str, project_id: str, update: str, values: dict[str, Any]
) -> Item:
    params: dict[str, Any] = {
        "TableName": _table(),
        "Key": layout.project_key(account_id, project_id),
        "UpdateExpression": update,
        "ConditionExpression": ownership.LIVE_PROJECT_CONDITION,
        "ExpressionAttributeValues": values | ownership.LIVE_PROJECT_VALUES,
        "ReturnValues": "ALL_NEW",
    }
    if "#name" in update:
        params["ExpressionAttributeNames"] = {"#name": "name"}
    try:
        response = dynamo.call("update_item", **params)
    except StorageConflictError:
        raise NotFoundError() from None
    return dynamo.unmarshal(response["Attributes"])
