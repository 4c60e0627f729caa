"""Tables built from the template, on moto's in-process DynamoDB."""

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from craftkit_local.tables import create_tables, local_table_names, table_environment


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    for name, value in {"AWS_ACCESS_KEY_ID": "t", "AWS_SECRET_ACCESS_KEY": "t"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL_DYNAMODB", raising=False)
    with mock_aws():
        yield boto3.client("dynamodb", region_name="us-east-1")


def test_every_template_table_is_created_with_its_indexes_and_ttl(client: Any) -> None:
    created = create_tables(client)

    assert sorted(created) == ["craftkit-account-keys", "craftkit-idempotency", "craftkit-projects"]
    projects = client.describe_table(TableName="craftkit-projects")["Table"]
    assert [i["IndexName"] for i in projects["LocalSecondaryIndexes"]] == ["live"]
    assert [i["IndexName"] for i in projects["GlobalSecondaryIndexes"]] == ["byKeyId"]
    assert projects["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    account_keys = client.describe_table(TableName="craftkit-account-keys")["Table"]
    assert {i["IndexName"] for i in account_keys["GlobalSecondaryIndexes"]} == {
        "byAccount",
        "byKeyId",
    }
    ttl = client.describe_time_to_live(TableName="craftkit-idempotency")
    assert ttl["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED",
        "AttributeName": "expiration",
    }


def test_existing_tables_and_their_items_are_left_alone(client: Any) -> None:
    create_tables(client)
    item = {"keyHash": {"S": "h"}, "accountId": {"S": "a"}, "keyId": {"S": "k"}}
    client.put_item(TableName="craftkit-account-keys", Item=item)

    created = create_tables(client)

    assert created == []
    assert client.scan(TableName="craftkit-account-keys")["Items"] == [item]


def test_names_and_variables_come_from_one_mapping() -> None:
    assert table_environment() == {
        "CRAFTKIT_PROJECTS_TABLE": local_table_names()["ProjectsTable"],
        "CRAFTKIT_ACCOUNT_KEYS_TABLE": local_table_names()["AccountKeysTable"],
        "CRAFTKIT_IDEMPOTENCY_TABLE": local_table_names()["IdempotencyTable"],
    }
