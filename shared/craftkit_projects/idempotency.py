"""Idempotency-Key for POST /v1/projects, on Powertools' idempotency utility.

The record is keyed by (account, Idempotency-Key), so two accounts never share one, and it
keeps the whole first response (status, headers, body text) for 24 hours: a replay answers the
same bytes plus `Idempotent-Replayed: true`. The request's JSON body, as sent (white space and
key order aside), is the payload compared on replay; a different one is refused. The store
costs at most two extra calls per request.
"""

import functools
import re
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)

from craftkit_projects import dynamo
from craftkit_projects.errors import ConflictError, InvalidRequestError
from craftkit_projects.settings import settings

HEADER = "idempotency-key"
MAX_KEY_LENGTH = 255
TTL_SECONDS = 24 * 60 * 60
_WELL_FORMED_KEY = re.compile(rf"[ -~]{{1,{MAX_KEY_LENGTH}}}")

StoredResponse = dict[str, Any]


def key_of(values: list[str]) -> str | None:
    """The request's Idempotency-Key from all the values sent for it; None if absent, 422 if
    malformed or sent twice."""
    if not values:
        return None
    # Spaces and tabs around a header value are not part of it (RFC 9110, section 5.5).
    value = values[0].strip(" \t")
    if len(values) > 1 or not _WELL_FORMED_KEY.fullmatch(value):
        raise InvalidRequestError(
            f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable ASCII characters."
        )
    return value


def respond_once(
    account_id: str,
    idempotency_key: str | None,
    payload: Any,
    respond: Callable[[], StoredResponse],
    lambda_context: Any,
) -> Response:
    """respond() once per (account, key); later calls with the same payload replay it."""
    if idempotency_key is None:
        return _as_response(respond())
    run_once, config = _idempotent_runner()
    config.register_lambda_context(lambda_context)
    request = {"account": account_id, "key": idempotency_key, "payload": payload}
    try:
        return _as_response(run_once(request=request, respond=respond))
    except IdempotencyValidationError:
        raise InvalidRequestError(
            "This Idempotency-Key was already used with different request parameters."
        ) from None
    except IdempotencyAlreadyInProgressError:
        raise ConflictError(
            "A request with this Idempotency-Key is still in progress; retry shortly."
        ) from None


def _mark_replayed(response: Any, idempotent_data: Any) -> Any:
    """Powertools' response hook: runs on replays only."""
    return {**response, "headers": {**response["headers"], "Idempotent-Replayed": "true"}}


def _as_response(stored: StoredResponse) -> Response:
    return Response(
        status_code=stored["statusCode"], body=stored["body"], headers=stored["headers"]
    )


@functools.cache
def _idempotent_runner() -> tuple[Callable[..., StoredResponse], IdempotencyConfig]:
    """Built at first use, so the table name is read from settings then, not at import."""
    persistence = DynamoDBPersistenceLayer(
        table_name=str(settings().idempotency_table), boto3_client=dynamo.client()
    )
    config = IdempotencyConfig(
        event_key_jmespath="[account, key]",
        payload_validation_jmespath="payload",
        raise_on_no_idempotency_key=True,
        expires_after_seconds=TTL_SECONDS,
        hash_function="sha256",
        response_hook=_mark_replayed,
    )

    # A fixed key prefix, not Powertools' default of the deployed function's generated name:
    # a redeploy that renames the function must keep honouring the last 24 hours of keys.
    @idempotent_function(
        data_keyword_argument="request",
        persistence_store=persistence,
        config=config,
        key_prefix="craftkit-projects.create_project",
    )
    def run_once(request: dict[str, Any], respond: Callable[[], StoredResponse]) -> StoredResponse:
        return respond()

    return run_once, config
