"""The HTTP edge shared by every route function: the Powertools REST resolver, the one error
envelope, JSON responses and the Lambda entry point with request-id-correlated logs."""

import json
from collections.abc import Callable
from typing import Any, TypeVar

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from pydantic import BaseModel

from craftkit_projects import auth, bodies, models
from craftkit_projects.errors import (
    ApiError,
    InvalidJsonError,
    InvalidRequestError,
    NotFoundError,
)

# Logs never carry a key, a hash, an Authorization header or a whole event.
logger = Logger(service="craftkit-projects")

JSON = "application/json"
# One encoder per container: json.dumps with options would build a new one per request.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def dumps(body: Any) -> str:
    return _ENCODER.encode(body)


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(status_code=status, content_type=JSON, body=dumps(body), headers=headers)


def create_app() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver()

    def request_id() -> str:
        return str(app.current_event.request_context.request_id or "")

    @app.exception_handler(ApiError)
    def api_error(error: ApiError) -> Response:
        logger.info("request refused", status=error.status, code=error.code)
        return error_response(error, request_id())

    @app.exception_handler(Exception)
    def unexpected_error(error: Exception) -> Response:
        logger.exception("unexpected error")
        return error_response(ApiError(), request_id())

    @app.not_found
    def route_not_found(_: Exception) -> Response:
        # An unknown route answers exactly like a missing project: nothing tells them apart.
        return api_error(NotFoundError())

    return app


def error_response(error: ApiError, request_id: str) -> Response:
    envelope = {"code": error.code, "message": error.message, "requestId": request_id}
    return json_response(error.status, {"error": envelope | error.body_fields()})


def header_values(app: APIGatewayRestResolver, name: str) -> list[str]:
    """Every value the request sent for header `name` (lower case), in any case.

    Read from the raw event: Powertools' `headers` builds a new case-insensitive dict on each
    access, which was a measurable share of a warm request's CPU (make bench, section 4).
    """
    event = app.current_event.raw_event
    multi = event.get("multiValueHeaders")
    if multi:
        return [value for key, values in multi.items() if key.lower() == name for value in values]
    single = event.get("headers") or {}
    return [value for key, value in single.items() if key.lower() == name]


def account_of(app: APIGatewayRestResolver) -> str:
    """Authenticate the current request's account key (401 first, before anything else)."""
    account_id = auth.authenticate_account(header_values(app, "authorization"))
    logger.append_keys(account_id=account_id)
    return account_id


def parsed_after_ownership(parse: Callable[[], T], ownership_check: Callable[[], object]) -> T:
    """`parse()`, but a 400/422 from it is answered only once the resource is known to be the
    caller's: `ownership_check` raises the 404 that outranks it."""
    try:
        return parse()
    except (InvalidJsonError, InvalidRequestError):
        ownership_check()
        raise


def json_of(app: APIGatewayRestResolver) -> Any:
    """The request body as parsed JSON (None when absent), for a body already validated."""
    event = app.current_event
    return bodies.read(event.body, event.is_base64_encoded, missing=None)


def body_of(
    app: APIGatewayRestResolver,
    model: type[M],
    *,
    ownership_check: Callable[[], object],
    optional: bool = False,
) -> M:
    """The validated body (see parsed_after_ownership for the order of errors). An optional
    body may be absent; a required one that is absent fails validation (422)."""
    event = app.current_event

    def parse() -> M:
        data = bodies.read(event.body, event.is_base64_encoded, missing={} if optional else None)
        return models.validate(model, data)

    return parsed_after_ownership(parse, ownership_check)


def lambda_handler(app: APIGatewayRestResolver) -> Callable[[dict[str, Any], Any], dict]:
    @logger.inject_lambda_context
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        # By hand rather than correlation_id_path= and clear_state=: the JMESPath lookup and
        # the formatter reset were a tenth of a warm request's CPU (make bench, section 4).
        # The one key a request adds (account_id) is dropped so it can't leak into the next.
        logger.remove_keys(["account_id"])
        logger.set_correlation_id((event.get("requestContext") or {}).get("requestId"))
        return app.resolve(event, context)

    return handler
