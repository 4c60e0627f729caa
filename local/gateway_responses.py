"""The responses API Gateway makes itself (no function involved), customised as template.yaml's
Api GatewayResponses say: status code and application/json body template.

Gateway response templates are not VTL: API Gateway only substitutes $context variables.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The types the local gateway can produce: their default status and $context.error.message.
DEFAULTS = {
    "MISSING_AUTHENTICATION_TOKEN": (403, "Missing Authentication Token"),
    "REQUEST_TOO_LARGE": (413, "Request Too Long"),
    # A function that raised, timed out or answered a malformed response: API Gateway has no
    # type of its own for it and answers 502 through DEFAULT_5XX.
    "DEFAULT_5XX": (502, "Internal server error"),
    # A request whose HTTP can't be read: API Gateway's front end refuses it before any type
    # applies; locally it goes through DEFAULT_4XX so the answer keeps the envelope.
    "DEFAULT_4XX": (400, "Bad Request"),
}

_VARIABLE = re.compile(r"\$context\.([A-Za-z0-9_.]+)")


@dataclass(frozen=True)
class GatewayResponse:
    status: int
    body: str
    headers: Mapping[str, str]


def _render(body_template: str, variables: Mapping[str, str]) -> str:
    # Unknown variables render empty, as API Gateway renders them.
    return _VARIABLE.sub(lambda found: variables.get(found.group(1), ""), body_template)


def gateway_response(
    response_type: str,
    request_id: str,
    customised: Mapping[str, Mapping[str, Any]],
    message: str | None = None,
    status: int | None = None,
) -> GatewayResponse:
    """The response API Gateway would send for `response_type` with these GatewayResponses.

    A type without an entry of its own falls back to DEFAULT_4XX or DEFAULT_5XX; a status
    code set on the DEFAULT_ entry applies to every type of its family that sets none.
    `message` and `status`, when given, replace the type's default message and status.
    """
    default_status, default_message = DEFAULTS[response_type]
    message = message or default_message
    default_status = status or default_status
    family = "DEFAULT_4XX" if default_status < 500 else "DEFAULT_5XX"
    own = customised.get(response_type) or {}
    fallback = customised.get(family) or {}
    status = int(own.get("StatusCode") or fallback.get("StatusCode") or default_status)
    templates = own.get("ResponseTemplates") or fallback.get("ResponseTemplates") or {}
    body_template = templates.get("application/json")
    if body_template is None:
        body = json.dumps({"message": message})
    else:
        body = _render(
            body_template,
            {
                "requestId": request_id,
                "error.message": message,
                # Quoted already: a template uses it bare, e.g. {"message": $context...}.
                "error.messageString": json.dumps(message),
                "error.responseType": response_type,
            },
        )
    return GatewayResponse(status, body, {"Content-Type": "application/json"})
