"""GET /v1/projects: live projects, newest first, a page at a time."""

import re
from typing import Any

import pytest

from craftkit_projects import projects
from tests.unit.invoke import Account, invalid_request

URL_SAFE = re.compile(r"[A-Za-z0-9_-]+")
BAD_LIMIT = invalid_request(
    "The query parameters are invalid.", [], {"limit": ["Must be a whole number from 1 to 100."]}
)
BAD_CURSOR = invalid_request("The cursor is not valid here.", [], {"cursor": ["Invalid cursor."]})


def create_many(account: Account, count: int) -> list[dict[str, Any]]:
    """`count` projects, oldest first, made through the domain (the route is tested apart)."""
    return [projects.create_project(account.id, f"Project {n}") for n in range(count)]


def pages(account: Account, limit: int) -> list[dict[str, Any]]:
    """Every page of the list, following nextCursor."""
    found, query = [], {"limit": str(limit)}
    while True:
        reply = account.call("list_projects", query=query)
        assert reply.status == 200, reply.text
        found.append(reply.body)
        if reply.body["nextCursor"] is None:
            return found
        query = {"limit": str(limit), "cursor": reply.body["nextCursor"]}


def test_empty_account_lists_nothing(alpha: Account) -> None:
    reply = alpha.call("list_projects", query=None)

    assert reply.status == 200
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.body == {"data": [], "nextCursor": None}


def test_list_is_newest_created_first_and_live_only(alpha: Account, beta: Account) -> None:
    first = alpha.create_project("First")
    deleted = alpha.create_project("Deleted")
    third = alpha.create_project("Third")
    alpha.delete_project(deleted["id"])
    beta.create_project("Beta's")

    reply = alpha.call("list_projects", query=None)

    assert reply.body == {"data": [third, first], "nextCursor": None}


def test_renaming_does_not_reorder_the_list(alpha: Account) -> None:
    older = alpha.create_project("Older")
    newer = alpha.create_project("Newer")

    renamed = alpha.call("rename_project", project_id=older["id"], body={"name": "Older!"})

    listed = alpha.call("list_projects", query=None).body["data"]
    assert listed == [newer, renamed.body]


def test_default_limit_is_100(alpha: Account) -> None:
    created = create_many(alpha, 101)

    reply = alpha.call("list_projects", query=None)

    assert [p["id"] for p in reply.body["data"]] == [p["id"] for p in reversed(created[1:])]
    assert reply.body["nextCursor"] is not None


@pytest.mark.parametrize("limit", ["1", "100", "007"])
def test_limit_within_bounds_is_accepted(limit: str, alpha: Account) -> None:
    create_many(alpha, 2)

    reply = alpha.call("list_projects", query={"limit": limit})

    assert reply.status == 200
    assert len(reply.body["data"]) == min(int(limit), 2)


@pytest.mark.parametrize(
    "limit", ["0", "101", "-1", "abc", "1.5", "", " 5", "1e2", "+5", "\u0665", "1000"]
)
def test_limit_out_of_bounds_or_not_a_whole_number_is_422(limit: str, alpha: Account) -> None:
    reply = alpha.call("list_projects", query={"limit": limit})

    assert reply.status == 422
    assert reply.body == BAD_LIMIT


@pytest.mark.parametrize("name", ["limit", "cursor"])
def test_repeated_query_parameter_is_422(name: str, alpha: Account) -> None:
    reply = alpha.call("list_projects", query={name: ["1", "2"]})

    assert reply.status == 422
    assert reply.body == invalid_request(
        "The query parameters are invalid.", [], {name: ["Give this parameter once."]}
    )


def test_pages_follow_each_other_until_next_cursor_is_null(alpha: Account) -> None:
    created = create_many(alpha, 5)

    found = pages(alpha, 2)

    assert [len(page["data"]) for page in found] == [2, 2, 1]
    listed = [project for page in found for project in page["data"]]
    assert listed == list(reversed(created))


def test_exactly_full_last_page_has_a_null_cursor(alpha: Account) -> None:
    create_many(alpha, 4)

    found = pages(alpha, 2)

    assert [len(page["data"]) for page in found] == [2, 2]
    assert found[-1]["nextCursor"] is None


def test_cursor_is_url_safe(alpha: Account) -> None:
    create_many(alpha, 2)

    cursor = alpha.call("list_projects", query={"limit": "1"}).body["nextCursor"]

    assert URL_SAFE.fullmatch(cursor)


def test_project_deleted_after_a_page_is_not_on_the_next(alpha: Account) -> None:
    created = create_many(alpha, 4)
    first = alpha.call("list_projects", query={"limit": "2"}).body
    alpha.delete_project(created[1]["id"])

    reply = alpha.call("list_projects", query={"limit": "2", "cursor": first["nextCursor"]})

    assert reply.body == {"data": [created[0]], "nextCursor": None}


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "e30", "!!!!", "eyJhIjoiMSIsInMiOiIyIn0", "x" * 500],
    ids=["garbage", "empty-object", "not-base64", "forged-fields", "too-long"],
)
def test_cursor_not_issued_here_is_422(cursor: str, alpha: Account) -> None:
    reply = alpha.call("list_projects", query={"cursor": cursor})

    assert reply.status == 422
    assert reply.body == BAD_CURSOR


@pytest.mark.parametrize("extra", ["==", "!!!"])
def test_a_cursor_spelled_another_way_is_422(extra: str, alpha: Account) -> None:
    create_many(alpha, 2)
    cursor = alpha.call("list_projects", query={"limit": "1"}).body["nextCursor"]

    reply = alpha.call("list_projects", query={"cursor": cursor + extra})

    assert reply.status == 422
    assert reply.body == BAD_CURSOR


def test_another_accounts_cursor_is_422(alpha: Account, beta: Account) -> None:
    create_many(beta, 2)
    betas_cursor = beta.call("list_projects", query={"limit": "1"}).body["nextCursor"]

    reply = alpha.call("list_projects", query={"cursor": betas_cursor})

    assert reply.status == 422
    assert reply.body == BAD_CURSOR


def test_a_keys_list_cursor_is_422_on_the_projects_list(alpha: Account) -> None:
    project = alpha.create_project("Own")
    alpha.mint_key(project["id"])
    alpha.mint_key(project["id"])
    keys_cursor = alpha.call(
        "list_project_keys", project_id=project["id"], query={"limit": "1"}
    ).body["nextCursor"]

    reply = alpha.call("list_projects", query={"cursor": keys_cursor})

    assert reply.status == 422
    assert reply.body == BAD_CURSOR
