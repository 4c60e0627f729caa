"""DynamoDB tables built from template.yaml's AWS::DynamoDB::Table resources.

Works with any botocore or boto3 DynamoDB client (DynamoDB Local, moto's server or its mock),
so the run, the integration tests and the unit tests all get the tables the stack deploys.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from craftkit_local.template import template


@dataclass(frozen=True)
class TableName:
    """How one template table is named locally, and which variable tells the functions."""

    logical_id: str
    local_name: str
    env_var: str


# The one place that names local tables; the env vars are those template.yaml sets.
LOCAL_TABLES = (
    TableName("ProjectsTable", "craftkit-projects", "CRAFTKIT_PROJECTS_TABLE"),
    TableName("AccountKeysTable", "craftkit-account-keys", "CRAFTKIT_ACCOUNT_KEYS_TABLE"),
    TableName("IdempotencyTable", "craftkit-idempotency", "CRAFTKIT_IDEMPOTENCY_TABLE"),
)


def local_table_names() -> dict[str, str]:
    """Logical id -> local table name, e.g. {"ProjectsTable": "craftkit-projects", ...}."""
    return {table.logical_id: table.local_name for table in LOCAL_TABLES}


def table_environment(table_names: Mapping[str, str] | None = None) -> dict[str, str]:
    """The table variables the functions read, e.g. {"CRAFTKIT_PROJECTS_TABLE": "..."}."""
    names = table_names if table_names is not None else local_table_names()
    return {table.env_var: names[table.logical_id] for table in LOCAL_TABLES}


def _index(definition: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "IndexName": definition["IndexName"],
        "KeySchema": list(definition["KeySchema"]),
        "Projection": dict(definition["Projection"]),
    }


def create_table_request(properties: Mapping[str, Any], table_name: str) -> dict[str, Any]:
    """CreateTable parameters for one template table.

    Only PAY_PER_REQUEST is supported: it is what the template uses, and provisioned
    throughput would need capacity numbers the template does not state.
    """
    billing = properties.get("BillingMode", "PROVISIONED")
    if billing != "PAY_PER_REQUEST":
        raise ValueError(f"{table_name}: only PAY_PER_REQUEST tables are built locally")
    request: dict[str, Any] = {
        "TableName": table_name,
        "AttributeDefinitions": list(properties["AttributeDefinitions"]),
        "KeySchema": list(properties["KeySchema"]),
        "BillingMode": billing,
    }
    if properties.get("GlobalSecondaryIndexes"):
        request["GlobalSecondaryIndexes"] = [
            _index(index) for index in properties["GlobalSecondaryIndexes"]
        ]
    if properties.get("LocalSecondaryIndexes"):
        request["LocalSecondaryIndexes"] = [
            _index(index) for index in properties["LocalSecondaryIndexes"]
        ]
    return request


def _existing_tables(client: Any) -> set[str]:
    names: set[str] = set()
    for page in client.get_paginator("list_tables").paginate():
        names.update(page["TableNames"])
    return names


def create_tables(client: Any, table_names: Mapping[str, str] | None = None) -> list[str]:
    """Create every template table that does not exist yet; return the names created.

    Existing tables are left as they are, so a restart keeps its data.
    """
    # Limitation: an existing table is not compared with the template; after a schema change,
    # `make clean` (which deletes .local/) gives tables that match it again.
    names = table_names if table_names is not None else local_table_names()
    existing = _existing_tables(client)
    created = []
    for logical_id, properties in template().tables.items():
        name = names[logical_id]
        if name in existing:
            continue
        client.create_table(**create_table_request(properties, name))
        client.get_waiter("table_exists").wait(
            TableName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 100}
        )
        ttl = properties.get("TimeToLiveSpecification")
        if ttl and ttl.get("Enabled"):
            client.update_time_to_live(
                TableName=name,
                TimeToLiveSpecification={"AttributeName": ttl["AttributeName"], "Enabled": True},
            )
        created.append(name)
    return created
