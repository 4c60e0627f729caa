"""Gateway responses rendered from GatewayResponses as API Gateway renders them."""

import json

from craftkit_local.gateway_responses import gateway_response

CUSTOMISED = {
    "MISSING_AUTHENTICATION_TOKEN": {
        "StatusCode": "404",
        "ResponseTemplates": {"application/json": '{"id": "$context.requestId"}'},
    },
    "DEFAULT_4XX": {
        "ResponseTemplates": {"application/json": '{"message": $context.error.messageString}'}
    },
    "DEFAULT_5XX": {"StatusCode": "500"},
}


def test_a_type_with_its_own_entry_uses_its_status_and_template() -> None:
    response = gateway_response("MISSING_AUTHENTICATION_TOKEN", "r-1", CUSTOMISED)

    assert (response.status, json.loads(response.body)) == (404, {"id": "r-1"})
    assert response.headers == {"Content-Type": "application/json"}


def test_other_types_fall_back_to_their_family_keeping_their_own_status() -> None:
    response = gateway_response("REQUEST_TOO_LARGE", "r-2", CUSTOMISED)

    # messageString is already quoted: the template uses it bare.
    assert (response.status, json.loads(response.body)) == (413, {"message": "Request Too Long"})


def test_a_family_status_code_applies_to_its_types() -> None:
    response = gateway_response("DEFAULT_5XX", "r-3", CUSTOMISED)

    assert response.status == 500
    assert json.loads(response.body) == {"message": "Internal server error"}


def test_without_customisation_api_gateways_defaults_apply() -> None:
    not_found = gateway_response("MISSING_AUTHENTICATION_TOKEN", "r-4", {})
    failed = gateway_response("DEFAULT_5XX", "r-5", {})

    assert (not_found.status, not_found.body) == (
        403,
        '{"message": "Missing Authentication Token"}',
    )
    assert (failed.status, failed.body) == (502, '{"message": "Internal server error"}')


def test_a_message_of_its_own_replaces_the_types_default() -> None:
    response = gateway_response("DEFAULT_4XX", "r-6", CUSTOMISED, "Invalid chunk size")

    assert (response.status, response.body) == (400, '{"message": "Invalid chunk size"}')


def test_a_status_of_its_own_replaces_the_types_default_status() -> None:
    response = gateway_response("DEFAULT_4XX", "r-7", CUSTOMISED, "Too Large", 431)

    assert (response.status, response.body) == (431, '{"message": "Too Large"}')
