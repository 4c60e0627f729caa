"""Every function in template.yaml is reachable at its route through the local gateway, and
what has no route is answered as the deployed gateway answers it."""

import uuid

import pytest

from craftkit_local import handlers
from craftkit_local.template import Function, template
from tests.integration.client import ApiClient, error

FUNCTIONS = template().functions
SOME_ID = str(uuid.uuid4())


def concrete_path(function: Function) -> str:
    assert function.route is not None
    return function.route.path.replace("{id}", SOME_ID).replace("{keyId}", SOME_ID)


def test_the_template_routes_each_function_once() -> None:
    routes = [(f.route.method, f.route.path) for f in FUNCTIONS if f.route is not None]

    assert len(routes) == len(FUNCTIONS) == 8
    assert len(set(routes)) == len(routes)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.logical_id)
def test_each_handler_resolves_from_codeuri_and_handler(function: Function) -> None:
    path, attribute = handlers.handler_file(function)

    handler = handlers.load_handler(function)

    assert path.is_file()
    assert attribute == "lambda_handler"
    assert callable(handler)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.logical_id)
def test_each_route_reaches_its_own_function(api: ApiClient, function: Function) -> None:
    # Given no key, the function itself refuses with 401: had the request reached another
    # function, or one whose resolver lacks this route, the answer would be a 404.
    assert function.route is not None

    status, headers, body = api.request(function.route.method, concrete_path(function), key=None)

    assert status == 401
    assert body["error"]["code"] == "unauthorized"
    assert body["error"]["requestId"] == headers["x-amzn-RequestId"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/nothing"),
        ("PUT", "/v1/projects"),
        ("GET", "/v1/projects/a/b/c/d"),
        ("GET", "/"),
    ],
)
def test_unknown_routes_and_methods_get_the_gateway_404(
    api: ApiClient, method: str, path: str
) -> None:
    status, headers, body = api.request(method, path)

    assert status == 404
    assert headers["Content-Type"] == "application/json"
    request_id = headers["x-amzn-RequestId"]
    assert body == {
        "error": {"code": "not_found", "message": "Not found.", "requestId": request_id}
    }


def test_a_body_over_api_gateways_10_mb_is_refused_with_413(api: ApiClient) -> None:
    status, headers, body = api.request("POST", "/v1/projects", body=b"x" * (10 * 1024 * 1024 + 1))

    assert (status, body) == (413, error(headers, "invalid_request", "Request Too Long"))
