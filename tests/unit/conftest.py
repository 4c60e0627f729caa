"""Unit-test harness: moto's DynamoDB with the template's tables, no network, one way to call a
route (the sample event, overridden), and counters of DynamoDB calls."""

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.core.botocore_stubber import BotocoreStubber

from craftkit_local.tables import create_tables, local_table_names, table_environment
from craftkit_local.template import template
from craftkit_projects import dynamo, idempotency, settings
from tests.unit.invoke import Account, store_account_key

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


# Package scope: the guard, the environment and moto end with the unit tests, so tests run
# after them in the same session (tests/integration) see the machine as it was.
@pytest.fixture(scope="package", autouse=True)
def no_network() -> Iterator[None]:
    """Unit tests reach nothing but loopback, from the first fixture on."""
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in LOOPBACK:
            raise ConnectionRefusedError(f"unit tests may not connect to {host!r}")
        return real_connect(self, address)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", connect)
        patch.setattr(socket.socket, "connect_ex", connect)
        yield


AWS_ENVIRONMENT = {
    "AWS_EC2_METADATA_DISABLED": "true",
    # No developer's ~/.aws: its profiles could name endpoints or credential processes.
    "AWS_CONFIG_FILE": "/nonexistent/craftkit-unit-tests/config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/craftkit-unit-tests/credentials",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_LAMBDA_FUNCTION_NAME": "craftkit-projects-unit",
    "POWERTOOLS_LOG_LEVEL": "INFO",
    "POWERTOOLS_TRACE_DISABLED": "true",
}


def _clear_layer_caches() -> None:
    dynamo.client.cache_clear()
    settings.settings.cache_clear()
    idempotency._idempotent_runner.cache_clear()


@pytest.fixture(scope="package")
def aws_session(no_network: None) -> Iterator[Any]:
    """moto's DynamoDB holding the tables template.yaml defines, made once for the unit tests
    (a client and three tables per test would cost most of the suite's time)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB"):
            patch.delenv(name, raising=False)
        for name, value in (AWS_ENVIRONMENT | table_environment()).items():
            patch.setenv(name, value)
        # NOTE: real DynamoDB applies each request atomically; moto does not (a transaction
        # snapshots and restores whole tables), so requests from threads take turns here.
        lock = threading.Lock()
        process_request = BotocoreStubber.process_request

        def one_at_a_time(self: BotocoreStubber, request: Any) -> Any:
            with lock:
                return process_request(self, request)

        patch.setattr(BotocoreStubber, "process_request", one_at_a_time)
        _clear_layer_caches()
        with mock_aws():
            client = boto3.client("dynamodb", region_name="us-east-1")
            create_tables(client, local_table_names())
            yield client
        _clear_layer_caches()


def _empty_tables(client: Any) -> None:
    for logical_id, name in local_table_names().items():
        key_names = [part["AttributeName"] for part in template().tables[logical_id]["KeySchema"]]
        for page in client.get_paginator("scan").paginate(TableName=name):
            keys = [{k: item[k] for k in key_names} for item in page["Items"]]
            for start in range(0, len(keys), 25):
                requests = [{"DeleteRequest": {"Key": key}} for key in keys[start : start + 25]]
                client.batch_write_item(RequestItems={name: requests})


@pytest.fixture(autouse=True)
def aws(aws_session: Any) -> Iterator[Any]:
    """The session's moto DynamoDB, emptied after each test; yields a boto3 client."""
    yield aws_session
    _empty_tables(aws_session)


@dataclass
class DynamoCalls:
    """Every call the layer's DynamoDB client makes: (operation, parameters)."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def record(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        self.calls.append((model.name, dict(params)))

    @property
    def operations(self) -> list[str]:
        return [operation for operation, _ in self.calls]

    def reset(self) -> None:
        self.calls.clear()

    def tables_read(self) -> set[str]:
        names: set[str] = set()
        for _, params in self.calls:
            if "TableName" in params:
                names.add(params["TableName"])
            names.update(params.get("RequestItems", {}))
            for item in params.get("TransactItems", []):
                names.update(op["TableName"] for op in item.values())
        return names


@pytest.fixture
def dynamo_calls(aws: Any) -> Iterator[DynamoCalls]:
    counter = DynamoCalls()
    # Emitted once per API call with its parameters (retries are below it), as before-call is.
    event = "before-parameter-build.dynamodb"
    events = dynamo.client().meta.events
    events.register(event, counter.record)
    yield counter
    events.unregister(event, counter.record)


@pytest.fixture
def alpha(aws: Any) -> Account:
    account = Account("acct-alpha", "ck_acct_AlphaAlphaAlphaAlpha0001")
    store_account_key(aws, account.id, account.key)
    return account


@pytest.fixture
def beta(aws: Any) -> Account:
    account = Account("acct-beta", "ck_acct_BetaBetaBetaBetaBeta0002")
    store_account_key(aws, account.id, account.key)
    return account


@pytest.fixture
def scan(aws: Any) -> Callable[[str], list[dict[str, Any]]]:
    """Every item of a template table (by logical id), as DynamoDB returns them."""

    def items(logical_id: str) -> list[dict[str, Any]]:
        name = local_table_names()[logical_id]
        return aws.scan(TableName=name, ConsistentRead=True)["Items"]

    return items
