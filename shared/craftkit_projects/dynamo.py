"""DynamoDB plumbing: one low-level client per container, item marshalling, error translation.

We use botocore's client rather than boto3: importing anything from boto3 loads its resource
layer, and its TypeSerializer would be the only reason to. Our items hold strings, numbers and
booleans, so the marshalling below is a few lines.
"""

import functools
import time
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

from craftkit_projects.errors import StorageConflictError, TransactionCancelledError

Item = dict[str, Any]
RawItem = dict[str, dict[str, Any]]

# Fail fast inside the template's 10 s Lambda timeout instead of botocore's 60 s defaults:
# three attempts of at most 1 + 2 s. "standard" retries already back off on throttling.
_CLIENT_CONFIG = Config(
    connect_timeout=1,
    read_timeout=2,
    retries={"mode": "standard", "total_max_attempts": 3},
)


@functools.cache
def client() -> Any:
    """The container's DynamoDB client, created at first use.

    Endpoint, region and credentials come from boto3's standard configuration
    (AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION / AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, ...).
    """
    return botocore.session.get_session().create_client("dynamodb", config=_CLIENT_CONFIG)


def to_attr(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, int):
        return {"N": str(value)}
    if value is None:
        return {"NULL": True}
    raise TypeError(f"unsupported attribute type: {type(value).__name__}")


def from_attr(attr: dict[str, Any]) -> Any:
    ((kind, value),) = attr.items()
    if kind == "S" or kind == "BOOL":
        return value
    if kind == "N":
        return int(value)
    if kind == "NULL":
        return None
    raise TypeError(f"unsupported attribute kind: {kind}")


def marshal(item: Item) -> RawItem:
    return {name: to_attr(value) for name, value in item.items()}


def unmarshal(raw: RawItem) -> Item:
    return {name: from_attr(attr) for name, attr in raw.items()}


def values(**named: Any) -> RawItem:
    """ExpressionAttributeValues from keyword arguments: values(now=...) -> {":now": ...}."""
    return {f":{name}": to_attr(value) for name, value in named.items()}


def call(operation: str, **params: Any) -> dict[str, Any]:
    """Run one DynamoDB operation, translating the failures the domain cares about.

    A failed condition becomes StorageConflictError and a cancelled transaction becomes
    TransactionCancelledError with the per-item reason codes; anything else propagates and
    is answered as a 500 by the error handler.
    """
    try:
        return getattr(client(), operation)(**params)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code == "ConditionalCheckFailedException":
            raise StorageConflictError() from error
        if code == "TransactionCanceledException":
            reasons = [r.get("Code", "None") for r in error.response.get("CancellationReasons", [])]
            raise TransactionCancelledError(reasons) from error
        raise


TRANSACT_ATTEMPTS = 3


def transact_write(items: list[dict[str, Any]]) -> None:
    """TransactWriteItems, sent again (a few times, with a short backoff) when it was cancelled
    by a concurrent transaction rather than by one of its conditions."""
    for attempt in range(1, TRANSACT_ATTEMPTS + 1):
        try:
            call("transact_write_items", TransactItems=items)
            return
        except TransactionCancelledError as error:
            if not error.transient or attempt == TRANSACT_ATTEMPTS:
                raise
            time.sleep(0.01 * 2**attempt)
