"""The whole local stack in one process: DynamoDB, the template's tables and the gateway.

`make run` (craftkit_local.run) and the integration tests start it the same way.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from craftkit_local import dynamodb_local, tables
from craftkit_local.dynamodb_local import DynamoDBServer
from craftkit_local.environment import function_environment, local_environment, use_environment
from craftkit_local.gateway import LocalGateway
from craftkit_local.template import template
from craftkit_projects import dynamo


@dataclass
class LocalStack:
    dynamodb: DynamoDBServer
    gateway: LocalGateway
    # What a process needs to reach these tables: boto3's AWS_* settings, the table variables
    # and the functions' other variables. Handlers and craftkit-admin read only these.
    environment: dict[str, str]

    @property
    def url(self) -> str:
        return self.gateway.url

    def stop(self) -> None:
        self.gateway.stop()
        self.dynamodb.stop()


def start_stack(api_port: int, dynamodb_port: int | None, db_path: Path | None) -> LocalStack:
    """Start DynamoDB (persisted under db_path, else in memory), create the tables the template
    defines, and serve the API on 127.0.0.1:api_port (0 picks a free port).

    Leaves this process's environment set for the stack.
    """
    table_names = tables.local_table_names()
    database = dynamodb_local.start(dynamodb_port, db_path)
    try:
        environment = {
            **function_environment(template(), table_names, os.environ),
            **local_environment(database.endpoint_url, table_names),
        }
        use_environment(environment)
        tables.create_tables(dynamo.client())
        gateway = LocalGateway(template(), api_port).start()
    except BaseException:
        database.stop()
        raise
    return LocalStack(database, gateway, environment)
