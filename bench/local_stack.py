"""The bench's own DynamoDB Local: started on a free loopback port, in memory, with the
template's tables, and the environment the functions see in Lambda pointed at it."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import botocore.session

from craftkit_local import dynamodb_local, tables
from craftkit_local.template import resolve_variable, template

# Nothing here may reach AWS: dummy credentials, no instance metadata, one region.
SAFE_AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_SESSION_TOKEN": "bench",
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def lambda_environment(function_dir: str | None = None) -> dict[str, str]:
    """The variables template.yaml gives a function (Globals plus its own), tables resolved to
    their local names, plus safe AWS settings. Without a function: every function's variables."""
    names = tables.local_table_names()
    variables = dict(template().global_environment)
    for function in template().functions:
        if function_dir is None or function.code_uri.name == function_dir:
            variables |= dict(function.environment)
    resolved = {name: resolve_variable(value, names) for name, value in variables.items()}
    return resolved | SAFE_AWS_ENVIRONMENT


@contextmanager
def running_dynamodb() -> Iterator[dynamodb_local.DynamoDBServer]:
    """DynamoDB Local with the template's tables; AWS_ENDPOINT_URL_DYNAMODB points at it."""
    os.environ.update(lambda_environment())
    server = dynamodb_local.start()
    try:
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = server.endpoint_url
        tables.create_tables(admin_client(server.endpoint_url))
        yield server
    finally:
        server.stop()


def admin_client(endpoint_url: str) -> Any:
    """A client of our own for seeding, apart from the layer's (whose calls are counted)."""
    return botocore.session.get_session().create_client(
        "dynamodb", endpoint_url=endpoint_url, region_name="us-east-1"
    )
