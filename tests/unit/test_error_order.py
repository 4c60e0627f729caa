"""Which error wins: 401 before 404 before 400/422."""

import pytest

from craftkit_local.template import template
from craftkit_projects import ids
from tests.unit.invoke import (
    NOT_FOUND,
    UNAUTHORIZED,
    Account,
    error_body,
    invalid_request,
    invoke,
)

# Every route with a project in its path, read from template.yaml.
ID_ROUTES = [f.code_uri.name for f in template().functions if f.route and "{id}" in f.route.path]
BAD_BODIES = {
    "invalid-json": (
        '{"name": ',
        400,
        error_body("invalid_json", "The request body is not valid JSON."),
    ),
    "invalid-request": (
        '{"name": ""}',
        422,
        invalid_request(
            "The request body is invalid.",
            [],
            {"name": ["Must be 1 to 200 characters after trimming."]},
        ),
    ),
}
BAD_LIMIT = invalid_request(
    "The query parameters are invalid.", [], {"limit": ["Must be a whole number from 1 to 100."]}
)


@pytest.mark.parametrize("route", ID_ROUTES)
@pytest.mark.parametrize("project_id", [ids.new_id(), "not-a-project-id"], ids=["missing", "bad"])
def test_bad_key_on_a_missing_project_is_401(route: str, project_id: str, alpha: Account) -> None:
    reply = invoke(route, key="ck_acct_" + "U" * 24, project_id=project_id, body="{")

    assert reply.status == 401
    assert reply.body == UNAUTHORIZED


def test_bad_key_with_a_bad_body_is_401(alpha: Account) -> None:
    reply = invoke("create_project", key="ck_acct_" + "U" * 24, body="{")

    assert reply.status == 401
    assert reply.body == UNAUTHORIZED


@pytest.mark.parametrize("route", ["rename_project", "create_project_key"])
@pytest.mark.parametrize("body", ['{"name": ', '{"name": ""}', "[]", '{"x": 1}'])
@pytest.mark.parametrize("project", ["missing", "malformed", "deleted", "another-accounts"])
def test_bad_body_on_a_project_that_is_not_the_callers_is_404(
    route: str, body: str, project: str, alpha: Account, beta: Account
) -> None:
    project_id = {
        "missing": ids.new_id,
        "malformed": lambda: "not-a-project-id",
        "deleted": lambda: deleted_project(alpha),
        "another-accounts": lambda: beta.create_project("Beta's")["id"],
    }[project]()

    reply = alpha.call(route, project_id=project_id, body=body)

    assert reply.status == 404
    assert reply.body == NOT_FOUND


def deleted_project(account: Account) -> str:
    project_id = account.create_project("Deleted")["id"]
    account.delete_project(project_id)
    return project_id


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_bad_key_name_on_own_project_is_400_or_422(
    body: tuple[str, int, dict], alpha: Account
) -> None:
    text, status, expected = body
    project = alpha.create_project("Own")

    reply = alpha.call("create_project_key", project_id=project["id"], body=text)

    assert reply.status == status
    assert reply.body == expected


def test_bad_project_name_on_own_project_is_422(alpha: Account) -> None:
    project = alpha.create_project("Own")

    reply = alpha.call("rename_project", project_id=project["id"], body={"name": ""})

    assert reply.status == 422
    assert reply.body == invalid_request(
        "The request body is invalid.",
        [],
        {"name": ["Must be 1 to 120 characters after trimming."]},
    )


@pytest.mark.parametrize("query", [{"limit": "0"}, {"cursor": "garbage"}], ids=["limit", "cursor"])
@pytest.mark.parametrize("project_id", [ids.new_id(), "nope"], ids=["missing", "malformed"])
def test_bad_query_on_a_missing_projects_keys_is_404(
    query: dict[str, str], project_id: str, alpha: Account
) -> None:
    reply = alpha.call("list_project_keys", project_id=project_id, query=query)

    assert reply.status == 404
    assert reply.body == NOT_FOUND


def test_bad_query_on_a_deleted_projects_keys_is_404(alpha: Account) -> None:
    reply = alpha.call("list_project_keys", project_id=deleted_project(alpha), query={"limit": "0"})

    assert reply.status == 404
    assert reply.body == NOT_FOUND


def test_bad_limit_on_own_projects_keys_is_422(alpha: Account) -> None:
    project = alpha.create_project("Own")

    reply = alpha.call("list_project_keys", project_id=project["id"], query={"limit": "0"})

    assert reply.status == 422
    assert reply.body == BAD_LIMIT
