"""Idempotency-Key over HTTP, against Amazon's DynamoDB Local: a retried create replays the
first answer byte for byte and creates nothing. Every test has an account of its own."""

import http.client
import json
import threading
from collections.abc import Callable
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

import pytest

from craftkit_local.lambda_context import LambdaContext
from craftkit_local.template import template
from craftkit_projects import idempotency
from craftkit_projects.errors import ConflictError
from tests.integration.client import ApiClient, error

NewApi = Callable[[], ApiClient]
Raw = tuple[int, Message, bytes]

REUSED = "This Idempotency-Key was already used with different request parameters."
IN_FLIGHT = "A request with this Idempotency-Key is still in progress; retry shortly."
MALFORMED = "Idempotency-Key must be 1 to 255 printable ASCII characters."


def create(api: ApiClient, idempotency_key: str, name: str = "Acme Corp") -> Raw:
    """POST /v1/projects with an Idempotency-Key: (status, headers, the body's bytes)."""
    address = urlsplit(api.base_url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=30)
    headers = {
        "Authorization": f"Bearer {api.account_key}",
        "Content-Type": "application/json",
        "Idempotency-Key": idempotency_key,
    }
    try:
        connection.request("POST", "/v1/projects", body=json.dumps({"name": name}), headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def project_ids(api: ApiClient) -> list[str]:
    status, _, body = api.request("GET", "/v1/projects")
    assert status == 200, body
    return [project["id"] for project in body["data"]]


def test_a_retry_replays_the_first_answer_byte_for_byte(new_api: NewApi) -> None:
    api = new_api()
    first_status, first_headers, first_body = create(api, "org-42-create")

    status, headers, body = create(api, "org-42-create")

    assert (first_status, first_headers["Idempotent-Replayed"]) == (201, None)
    assert (status, body) == (first_status, first_body)
    assert headers["Location"] == first_headers["Location"]
    assert headers["Content-Type"] == "application/json"
    assert headers["Idempotent-Replayed"] == "true"


def test_a_retry_creates_nothing(new_api: NewApi) -> None:
    api = new_api()
    _, _, first_body = create(api, "org-42-create")

    create(api, "org-42-create")

    assert project_ids(api) == [json.loads(first_body)["id"]]


def test_the_same_key_with_another_name_is_422_and_creates_nothing(new_api: NewApi) -> None:
    api = new_api()
    _, _, first_body = create(api, "org-42-create", name="Acme Corp")

    status, headers, body = create(api, "org-42-create", name="Globex")

    issues = {"formErrors": [REUSED], "fieldErrors": {}}
    assert status == 422
    assert json.loads(body) == error(headers, "invalid_request", REUSED, issues=issues)
    assert project_ids(api) == [json.loads(first_body)["id"]]


def test_the_same_key_from_another_account_creates_that_accounts_own_project(
    new_api: NewApi,
) -> None:
    alpha, beta = new_api(), new_api()
    _, _, alphas_body = create(alpha, "org-42-create")

    status, headers, body = create(beta, "org-42-create")

    assert (status, headers["Idempotent-Replayed"]) == (201, None)
    betas, alphas = json.loads(body), json.loads(alphas_body)
    assert betas["id"] != alphas["id"]
    assert project_ids(beta) == [betas["id"]]
    assert project_ids(alpha) == [alphas["id"]]


def test_a_retry_without_the_account_key_is_401_not_a_replay(new_api: NewApi) -> None:
    api = new_api()
    create(api, "org-42-create")

    status, headers, body = create(api.with_key("ck_acct_" + "A" * 24, "nobody"), "org-42-create")

    message = "A valid account key is required: Authorization: Bearer ck_acct_..."
    assert status == 401
    assert json.loads(body) == error(headers, "unauthorized", message)
    assert headers["Idempotent-Replayed"] is None


def test_a_malformed_key_is_422_and_creates_nothing(new_api: NewApi) -> None:
    api = new_api()

    status, headers, body = create(api, "k" * 256)

    issues = {"formErrors": [MALFORMED], "fieldErrors": {}}
    assert status == 422
    assert json.loads(body) == error(headers, "invalid_request", MALFORMED, issues=issues)
    assert project_ids(api) == []


def test_two_requests_started_together_never_create_two_projects(new_api: NewApi) -> None:
    api = new_api()
    start = threading.Barrier(2, timeout=30)
    answers: list[Raw] = []

    def send() -> None:
        start.wait()
        answers.append(create(api, "started-together"))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(answers) == 2
    firsts = [a for a in answers if a[0] == 201 and a[1]["Idempotent-Replayed"] is None]
    (first,) = firsts
    (other,) = [a for a in answers if a is not first]
    if other[0] == 409:
        assert json.loads(other[2]) == error(other[1], "conflict", IN_FLIGHT)
    else:
        assert (other[0], other[1]["Idempotent-Replayed"], other[2]) == (201, "true", first[2])
    assert project_ids(api) == [json.loads(first[2])["id"]]


def test_a_request_still_in_flight_is_a_conflict_in_dynamodb_local(new_api: NewApi) -> None:
    # NOTE: the local gateway runs one request per function at a time, so over HTTP the
    # second request waits for the first. Here two calls overlap for certain in the layer,
    # and the in-progress record is a real conditional write in DynamoDB Local.
    api = new_api()
    (function,) = [f for f in template().functions if f.logical_id == "CreateProjectFunction"]
    entered, release = threading.Event(), threading.Event()
    answer = {"statusCode": 201, "headers": {"Content-Type": "application/json"}, "body": "{}"}

    def slow_respond() -> dict[str, Any]:
        entered.set()
        release.wait(timeout=30)
        return answer

    def respond_once(respond: Callable[[], dict[str, Any]]) -> Any:
        payload = {"name": "Acme"}
        context = LambdaContext(function)
        return idempotency.respond_once(api.account_id, "in-flight", payload, respond, context)

    firsts: list[Any] = []
    first = threading.Thread(target=lambda: firsts.append(respond_once(slow_respond)))
    first.start()
    assert entered.wait(timeout=30)
    try:
        with pytest.raises(ConflictError) as conflict:
            respond_once(lambda: pytest.fail("the second call must not run"))
    finally:
        release.set()
        first.join(timeout=30)

    assert conflict.value.message == IN_FLIGHT
    assert [(f.status_code, f.body) for f in firsts] == [(201, "{}")]
    replay = respond_once(lambda: pytest.fail("a replay must not run"))
    assert (replay.status_code, replay.body) == (201, "{}")
    assert replay.headers["Idempotent-Replayed"] == "true"


def test_an_idempotency_key_on_a_key_mint_is_ignored(new_api: NewApi) -> None:
    api = new_api()
    _, _, project = create(api, "org-42-create")
    path = f"/v1/projects/{json.loads(project)['id']}/keys"
    retry = {"Idempotency-Key": "mint-once"}

    first = api.request("POST", path, json={"name": "ci"}, headers=retry)
    second = api.request("POST", path, json={"name": "ci"}, headers=retry)

    assert (first.status, second.status) == (201, 201)
    assert second.headers["Idempotent-Replayed"] is None
    assert first.body["id"] != second.body["id"]
    assert first.body["key"] != second.body["key"]
    listed = api.request("GET", path).body["data"]
    assert [key["id"] for key in listed] == [second.body["id"], first.body["id"]]
