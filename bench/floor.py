"""The floor: the least any route function of this API can load at start and run per request.

Cold: botocore's DynamoDB client, a Powertools Logger, the REST resolver and one pydantic model,
set up at import as a handler module would. `python bench/floor.py` prints its own time.
Warm: `warm_handler` wraps a route's bare DynamoDB calls in only the resolver and the Logger
decorator the functions use, to show what the stack itself costs per request.
"""

import time

_started = time.perf_counter()

from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import botocore.session  # noqa: E402
from aws_lambda_powertools import Logger  # noqa: E402
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response  # noqa: E402
from aws_lambda_powertools.logging import correlation_paths  # noqa: E402
from pydantic import BaseModel  # noqa: E402


class NameBody(BaseModel):
    name: str


logger = Logger(service="floor")
app = APIGatewayRestResolver()
client = botocore.session.get_session().create_client("dynamodb", region_name="us-east-1")


def warm_handler(
    method: str, resource: str, work: Callable[[], object]
) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    """A handler for `method resource` (/v1/projects/{id}) that runs `work()` and answers {}."""
    resolver = APIGatewayRestResolver()
    rule = resource.replace("{", "<").replace("}", ">")

    @resolver.route(rule, method)
    def route(**_: str) -> Response:
        work()
        return Response(status_code=200, content_type="application/json", body="{}")

    @logger.inject_lambda_context(
        correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True
    )
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return resolver.resolve(event, context)

    return handler


if __name__ == "__main__":
    print(f"floor: {(time.perf_counter() - _started) * 1000:.1f} ms")
