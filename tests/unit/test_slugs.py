"""Slugs: transliterated kebab-case, at most 64 characters, unique in the account for ever."""

import re
import threading
from typing import Any

import pytest
from botocore.exceptions import ClientError

from craftkit_projects import dynamo, projects
from tests.unit.invoke import DRAWN_SUFFIXES, Account, error_body, names_exhausting_the_attempts

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug_of(account: Account, name: str) -> str:
    return account.create_project(name)["slug"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Привет мир", "privet-mir"),
        ("Ünïcödé Café", "unicode-cafe"),
        ("Acme Storefront", "acme-storefront"),
        ("  --Hello__World--  ", "hello-world"),
        ("R&D / Q3 2026", "r-d-q3-2026"),
        ("東京", "dongjing"),
    ],
)
def test_slug_is_transliterated_kebab_case(name: str, slug: str, alpha: Account) -> None:
    assert slug_of(alpha, name) == slug


@pytest.mark.parametrize("name", ["!!!", "·", "— —", "%"])
def test_name_with_nothing_usable_still_gets_a_valid_slug(name: str, alpha: Account) -> None:
    first = slug_of(alpha, name)
    second = slug_of(alpha, name)

    assert (first, second) == ("project", "project-1")


def test_slug_is_at_most_64_characters_suffix_included(alpha: Account) -> None:
    first = slug_of(alpha, "a" * 120)
    second = slug_of(alpha, "a" * 120)

    assert first == "a" * 64
    assert second == "a" * 57 + "-1"  # the stem leaves room for a six-digit suffix


def test_long_names_sharing_a_stem_share_its_suffixes(alpha: Account) -> None:
    stem = "a" * 57
    names = [stem + "bbbbbbbbbb", stem + "cccccccccc"]

    slugs = [slug_of(alpha, name) for name in names * 2]

    assert slugs == [stem + "bbbbbbb", stem + "ccccccc", stem + "-1", stem + "-2"]


def test_truncated_slug_does_not_end_in_a_hyphen(alpha: Account) -> None:
    slug = slug_of(alpha, "abc " * 30)

    assert len(slug) <= 64
    assert SLUG.fullmatch(slug)
    assert slug == ("abc-" * 16).rstrip("-")


def test_colliding_names_take_numbered_suffixes(alpha: Account) -> None:
    slugs = [slug_of(alpha, "Acme") for _ in range(3)]

    assert slugs == ["acme", "acme-1", "acme-2"]


def test_same_name_in_two_accounts_gets_the_same_slug(alpha: Account, beta: Account) -> None:
    assert (slug_of(alpha, "Acme"), slug_of(beta, "Acme")) == ("acme", "acme")


def test_slug_of_a_deleted_project_stays_taken(alpha: Account) -> None:
    deleted = alpha.create_project("Acme")
    alpha.delete_project(deleted["id"])

    assert slug_of(alpha, "Acme") == "acme-1"


def test_names_that_take_the_next_suffixes_move_the_counter(alpha: Account) -> None:
    for name in ["Acme", "Acme 1", "Acme 2", "Acme 3", "Acme 4"]:
        alpha.create_project(name)

    assert slug_of(alpha, "Acme") == "acme-5"


def test_a_name_ending_in_a_year_does_not_make_suffixes_jump(alpha: Account) -> None:
    for name in ["Acme", "Acme 2024"]:
        alpha.create_project(name)

    assert slug_of(alpha, "Acme") == "acme-1"


def test_suffixes_taken_out_of_order_are_drawn_past(alpha: Account) -> None:
    for name in ["Acme 3", "Acme 2", "Acme 1", "Acme"]:
        alpha.create_project(name)

    assert slug_of(alpha, "Acme") == "acme-4"  # drew 2 (taken), then 2 + 2


def test_a_long_run_of_suffixes_taken_out_of_order_is_jumped(alpha: Account) -> None:
    for number in range(9, 0, -1):
        alpha.create_project(f"Widget {number}")
    alpha.create_project("Widget")

    slugs = [slug_of(alpha, "Widget") for _ in range(2)]

    assert slugs == ["widget-16", "widget-17"]  # drew 2, 4, 8 (taken), then 16; then 17


def test_slug_retries_exhausted_is_409_and_creates_nothing(alpha: Account, scan: Any) -> None:
    for name in names_exhausting_the_attempts():
        alpha.create_project(name)
    before = len(scan("ProjectsTable"))

    reply = alpha.call("create_project", body={"name": "Acme"})

    assert reply.status == 409
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.body == error_body(
        "conflict", "Could not reserve a unique slug for this name; retry the request."
    )
    assert len(scan("ProjectsTable")) == before  # the suffix counter moved, nothing was added


def test_retry_after_409_gets_the_next_free_suffix(alpha: Account) -> None:
    for name in names_exhausting_the_attempts():
        alpha.create_project(name)
    assert alpha.call("create_project", body={"name": "Acme"}).status == 409

    assert slug_of(alpha, "Acme") == f"acme-{DRAWN_SUFFIXES[-1] + 1}"


def test_concurrent_creates_of_one_name_all_get_distinct_slugs(alpha: Account, scan: Any) -> None:
    workers = 8
    dynamo.client()  # one client, made before the threads share it
    start = threading.Barrier(workers)
    created: list[dict[str, Any]] = []
    failures: list[BaseException] = []

    def create() -> None:
        start.wait()
        try:
            created.append(projects.create_project(alpha.id, "Acme"))
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=create) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    slugs = sorted(project["slug"] for project in created)
    assert slugs == sorted(["acme"] + [f"acme-{n}" for n in range(1, workers)])
    items = [dynamo.unmarshal(raw) for raw in scan("ProjectsTable")]
    project_items = {i["id"]: i for i in items if i["SK"].startswith("PROJECT#")}
    slug_items = [i for i in items if i["SK"].startswith("SLUG#")]
    assert len(project_items) == workers
    assert len(slug_items) == workers
    for slug_item in slug_items:
        assert f"SLUG#{project_items[slug_item['projectId']]['slug']}" == slug_item["SK"]


def test_a_counter_that_cannot_be_told_does_not_fail_the_create(
    alpha: Account, monkeypatch: pytest.MonkeyPatch, scan: Any
) -> None:
    # Given DynamoDB refuses the suffix counter's write after the project is created.
    real_call = dynamo.call

    def throttled_counter(operation: str, **params: Any) -> Any:
        if operation == "update_item" and params["UpdateExpression"] == "SET lastNumber = :number":
            error = {"Error": {"Code": "ThrottlingException", "Message": "slow down"}}
            raise ClientError(error, "UpdateItem")
        return real_call(operation, **params)

    monkeypatch.setattr(dynamo, "call", throttled_counter)

    reply = alpha.call("create_project", body={"name": "Widget 1"})

    assert (reply.status, reply.body["slug"]) == (201, "widget-1")
    projects_stored = [i for i in scan("ProjectsTable") if i["SK"]["S"].startswith("PROJECT#")]
    assert len(projects_stored) == 1
