"""Idempotency-Key on POST /v1/projects: a retry replays the first answer, creating nothing."""

import threading
from datetime import timedelta
from typing import Any

import pytest
from freezegun import freeze_time

from craftkit_projects import projects
from tests.unit.invoke import (
    DRAWN_SUFFIXES,
    UNAUTHORIZED,
    Account,
    Reply,
    error_body,
    invalid_request,
    names_exhausting_the_attempts,
    store_account_key,
)

KEY_RULE = "Idempotency-Key must be 1 to 255 printable ASCII characters."


def create(
    account: Account, key: str, name: str = "Acme", header: str = "Idempotency-Key"
) -> Reply:
    return account.call("create_project", body={"name": name}, headers={header: key})


def project_count(scan: Any) -> int:
    return sum(item["SK"]["S"].startswith("PROJECT#") for item in scan("ProjectsTable"))


def test_replay_answers_the_first_response_and_creates_nothing(alpha: Account, scan: Any) -> None:
    first = create(alpha, "retry-me")

    replay = create(alpha, "retry-me")

    assert first.status == 201
    assert replay.status == first.status
    assert replay.headers == first.headers | {"Idempotent-Replayed": "true"}
    assert replay.text == first.text
    assert project_count(scan) == 1


@pytest.mark.parametrize("header", ["idempotency-key", "IDEMPOTENCY-KEY", "Idempotency-key"])
def test_header_name_is_case_insensitive(header: str, alpha: Account, scan: Any) -> None:
    first = create(alpha, "any-case")

    replay = create(alpha, "any-case", header=header)

    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert replay.body == first.body
    assert project_count(scan) == 1


def test_first_answer_is_not_marked_replayed(alpha: Account) -> None:
    reply = create(alpha, "fresh")

    assert "Idempotent-Replayed" not in reply.headers


def test_same_key_with_a_different_body_is_422(alpha: Account, scan: Any) -> None:
    create(alpha, "reused")

    reply = create(alpha, "reused", name="Globex")

    message = "This Idempotency-Key was already used with different request parameters."
    assert reply.status == 422
    assert reply.body == invalid_request(message, [message], {})
    assert project_count(scan) == 1


def test_a_body_that_differs_only_inside_the_name_string_is_a_different_request(
    alpha: Account, scan: Any
) -> None:
    create(alpha, "trimmed", name="Acme")

    reply = create(alpha, "trimmed", name="  Acme ")

    message = "This Idempotency-Key was already used with different request parameters."
    assert reply.status == 422
    assert reply.body == invalid_request(message, [message], {})
    assert project_count(scan) == 1


def test_the_same_json_spelled_differently_is_the_same_request(alpha: Account) -> None:
    headers = {"Idempotency-Key": "spelling"}
    first = alpha.call("create_project", raw_body=b'{"name":"Acme"}', headers=headers)

    replay = alpha.call("create_project", raw_body=b'{ "name" : "Acme" }\n', headers=headers)

    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert replay.text == first.text


def test_different_keys_create_different_projects(alpha: Account, scan: Any) -> None:
    first, second = create(alpha, "one"), create(alpha, "two")

    assert first.body["id"] != second.body["id"]
    assert project_count(scan) == 2


def test_same_key_in_two_accounts_creates_two_projects(
    alpha: Account, beta: Account, scan: Any
) -> None:
    alphas = create(alpha, "shared-key")

    betas = create(beta, "shared-key")

    assert betas.status == 201
    assert "Idempotent-Replayed" not in betas.headers
    assert alphas.body["id"] != betas.body["id"]
    assert project_count(scan) == 2


def test_request_in_flight_is_409(
    alpha: Account, monkeypatch: pytest.MonkeyPatch, scan: Any
) -> None:
    entered, release = threading.Event(), threading.Event()
    real_create = projects.create_project

    def slow_create(account_id: str, name: str) -> dict[str, Any]:
        entered.set()
        release.wait(timeout=30)
        return real_create(account_id, name)

    monkeypatch.setattr(projects, "create_project", slow_create)
    first: list[Reply] = []
    thread = threading.Thread(target=lambda: first.append(create(alpha, "in-flight")))
    thread.start()
    assert entered.wait(timeout=30)

    second = create(alpha, "in-flight")
    release.set()
    thread.join()

    assert second.status == 409
    assert second.body == error_body(
        "conflict", "A request with this Idempotency-Key is still in progress; retry shortly."
    )
    assert first[0].status == 201
    assert project_count(scan) == 1


def test_failed_create_leaves_the_key_usable(alpha: Account, scan: Any) -> None:
    for name in names_exhausting_the_attempts():
        alpha.create_project(name)
    assert create(alpha, "after-409").status == 409

    retry = create(alpha, "after-409")

    assert retry.status == 201
    assert "Idempotent-Replayed" not in retry.headers
    assert retry.body["slug"] == f"acme-{DRAWN_SUFFIXES[-1] + 1}"


def test_key_is_honoured_for_24_hours_then_expires(alpha: Account, scan: Any) -> None:
    with freeze_time("2026-06-01T09:00:00Z") as clock:
        first = create(alpha, "daily")

        clock.tick(timedelta(hours=24) - timedelta(seconds=1))
        replay = create(alpha, "daily")

        clock.tick(timedelta(seconds=2))
        after = create(alpha, "daily")

    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert replay.text == first.text
    assert after.status == 201
    assert "Idempotent-Replayed" not in after.headers
    assert after.body["id"] != first.body["id"]
    assert project_count(scan) == 2


def test_spaces_around_the_key_are_not_part_of_it(alpha: Account, scan: Any) -> None:
    first = create(alpha, "padded")

    replay = create(alpha, "padded \t")

    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert replay.text == first.text
    assert project_count(scan) == 1


@pytest.mark.parametrize(
    "key",
    ["k" * 256, "", "naïve", "tab\there", "line\nbreak"],
    ids=["256-chars", "empty", "non-ascii", "tab", "newline"],
)
def test_malformed_key_is_422_and_creates_nothing(key: str, alpha: Account, scan: Any) -> None:
    reply = create(alpha, key)

    assert reply.status == 422
    assert reply.body == invalid_request(KEY_RULE, [KEY_RULE], {})
    assert project_count(scan) == 0


def test_key_of_255_printable_characters_is_accepted(alpha: Account) -> None:
    key = "~ !" + "k" * 252

    first, replay = create(alpha, key), create(alpha, key)

    assert first.status == 201
    assert replay.headers.get("Idempotent-Replayed") == "true"


def test_replay_with_another_key_of_the_same_account_is_a_replay(
    alpha: Account, aws: Any, scan: Any
) -> None:
    second_key = Account(alpha.id, "ck_acct_AlphaSecondKey0000000002")
    store_account_key(aws, alpha.id, second_key.key)
    first = create(alpha, "per-account")

    replay = create(second_key, "per-account")

    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert replay.text == first.text
    assert project_count(scan) == 1


def test_replay_with_a_revoked_account_key_is_401(alpha: Account, aws: Any) -> None:
    create(alpha, "revoked-later")
    store_account_key(aws, alpha.id, alpha.key, revoked=True)

    replay = create(alpha, "revoked-later")

    assert replay.status == 401
    assert replay.body == UNAUTHORIZED
