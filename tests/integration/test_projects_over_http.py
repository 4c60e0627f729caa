"""Projects over HTTP, against Amazon's DynamoDB Local: the contract a client relies on, from
the status line to the last field of the body. Every test has an account of its own."""

import re
import threading
import time
from collections.abc import Callable
from typing import Any

import botocore.session
import pytest

from craftkit_local.stack import LocalStack
from craftkit_projects import dynamo, ids, projects
from tests.integration.client import ApiClient, error

NewApi = Callable[[], ApiClient]

UUID7 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")
URL_SAFE = re.compile(r"[A-Za-z0-9_-]+")
UNAUTHORIZED = "A valid account key is required: Authorization: Bearer ck_acct_..."
NAME_LENGTH = "Must be 1 to 120 characters after trimming."


def create(api: ApiClient, name: str) -> dict[str, Any]:
    status, _, body = api.request("POST", "/v1/projects", json={"name": name})
    assert status == 201, body
    return body


def delete(api: ApiClient, project: dict[str, Any]) -> None:
    assert api.request("DELETE", f"/v1/projects/{project['id']}").status == 200


def mint(api: ApiClient, project_id: str) -> dict[str, Any]:
    status, _, body = api.request("POST", f"/v1/projects/{project_id}/keys")
    assert status == 201, body
    return body


def scan_projects_table(stack: LocalStack, account_id: str) -> list[dict[str, Any]]:
    """Every item of the account's partition, read straight from DynamoDB Local."""
    client = botocore.session.get_session().create_client(
        "dynamodb", endpoint_url=stack.dynamodb.endpoint_url
    )
    table = stack.environment["CRAFTKIT_PROJECTS_TABLE"]
    items = [
        dynamo.unmarshal(raw)
        for page in client.get_paginator("scan").paginate(TableName=table, ConsistentRead=True)
        for raw in page["Items"]
    ]
    return [item for item in items if item["PK"] == f"ACCOUNT#{account_id}"]


def assert_one_slug_item_per_project(items: list[dict[str, Any]]) -> None:
    """Each project has exactly one SLUG# item naming it, and no SLUG# item lacks its project."""
    project_slugs = {i["id"]: i["slug"] for i in items if i["SK"].startswith("PROJECT#")}
    slug_items = [i for i in items if i["SK"].startswith("SLUG#")]
    assert sorted(i["projectId"] for i in slug_items) == sorted(project_slugs)
    for slug_item in slug_items:
        assert slug_item["SK"] == f"SLUG#{project_slugs[slug_item['projectId']]}"


# --- create, get, rename, delete ---------------------------------------------------------


def test_create_answers_201_with_its_location_and_the_project(new_api: NewApi) -> None:
    api = new_api()

    status, headers, body = api.request("POST", "/v1/projects", json={"name": "Acme Corp"})

    assert status == 201
    assert headers["Content-Type"] == "application/json"
    assert headers["Location"] == f"/v1/projects/{body['id']}"
    assert body == {
        "id": body["id"],
        "slug": "acme-corp",
        "name": "Acme Corp",
        "createdAt": body["createdAt"],
        "updatedAt": body["createdAt"],
    }
    assert UUID7.fullmatch(body["id"])
    assert TIMESTAMP.fullmatch(body["createdAt"])


def test_create_stores_the_name_trimmed(new_api: NewApi) -> None:
    api = new_api()

    body = create(api, "  Acme  ")

    assert (body["name"], body["slug"]) == ("Acme", "acme")


def test_get_answers_the_project_as_created(new_api: NewApi) -> None:
    api = new_api()
    created = create(api, "Acme")

    status, headers, body = api.request("GET", f"/v1/projects/{created['id']}")

    assert (status, body) == (200, created)
    assert headers["Content-Type"] == "application/json"


def test_rename_keeps_the_slug_and_moves_updated_at(new_api: NewApi) -> None:
    api = new_api()
    created = create(api, "Acme")
    time.sleep(0.002)  # timestamps have millisecond precision: let one pass

    status, _, body = api.request(
        "PATCH", f"/v1/projects/{created['id']}", json={"name": "Acme Corporation"}
    )

    assert status == 200
    assert body == created | {"name": "Acme Corporation", "updatedAt": body["updatedAt"]}
    assert TIMESTAMP.fullmatch(body["updatedAt"])
    assert body["updatedAt"] > created["updatedAt"]
    assert api.request("GET", f"/v1/projects/{created['id']}").body == body


def test_delete_answers_200_and_the_project_is_gone(new_api: NewApi) -> None:
    api = new_api()
    created = create(api, "Acme")

    status, _, body = api.request("DELETE", f"/v1/projects/{created['id']}")

    assert (status, body) == (200, {"id": created["id"], "deleted": True})
    status, headers, body = api.request("GET", f"/v1/projects/{created['id']}")
    assert (status, body) == (404, error(headers, "not_found", "Not found."))


def test_a_second_delete_is_404(new_api: NewApi) -> None:
    api = new_api()
    created = create(api, "Acme")
    delete(api, created)

    status, headers, body = api.request("DELETE", f"/v1/projects/{created['id']}")

    assert (status, body) == (404, error(headers, "not_found", "Not found."))


# --- listing -----------------------------------------------------------------------------


def test_a_new_account_lists_nothing(new_api: NewApi) -> None:
    api = new_api()

    status, _, body = api.request("GET", "/v1/projects")

    assert (status, body) == (200, {"data": [], "nextCursor": None})


def test_list_is_newest_first_and_leaves_out_deleted_projects(new_api: NewApi) -> None:
    api = new_api()
    first, second, third = (create(api, name) for name in ["First", "Second", "Third"])
    delete(api, second)

    status, _, body = api.request("GET", "/v1/projects")

    assert (status, body) == (200, {"data": [third, first], "nextCursor": None})


def test_pages_of_two_show_every_live_project_once_newest_first(new_api: NewApi) -> None:
    api = new_api()
    created = [create(api, f"Project {n}") for n in range(6)]
    delete(api, created[2])
    live_newest_first = [p for p in reversed(created) if p is not created[2]]

    pages: list[dict[str, Any]] = []
    path = "/v1/projects?limit=2"
    for _ in range(5):  # 5 live projects: 3 pages; the bound only stops a runaway cursor
        status, _, page = api.request("GET", path)
        assert status == 200, page
        pages.append(page)
        if page["nextCursor"] is None:
            break
        assert URL_SAFE.fullmatch(page["nextCursor"])
        path = f"/v1/projects?limit=2&cursor={page['nextCursor']}"

    assert [len(page["data"]) for page in pages] == [2, 2, 1]
    assert [page["nextCursor"] is None for page in pages] == [False, False, True]
    assert [project for page in pages for project in page["data"]] == live_newest_first


def test_another_accounts_cursor_is_422(new_api: NewApi) -> None:
    alpha, beta = new_api(), new_api()
    for name in ["One", "Two"]:
        create(alpha, name)
    cursor = alpha.request("GET", "/v1/projects?limit=1").body["nextCursor"]

    status, headers, body = beta.request("GET", f"/v1/projects?cursor={cursor}")

    issues = {"formErrors": [], "fieldErrors": {"cursor": ["Invalid cursor."]}}
    expected = error(headers, "invalid_request", "The cursor is not valid here.", issues=issues)
    assert (status, body) == (422, expected)


# --- the same 404 for every project that is not the caller's live project ----------------

ID_ROUTES = {
    "get": ("GET", "/v1/projects/{id}", None),
    "rename": ("PATCH", "/v1/projects/{id}", {"name": "Renamed"}),
    "delete": ("DELETE", "/v1/projects/{id}", None),
    "mint-key": ("POST", "/v1/projects/{id}/keys", {"name": "CI"}),
    "list-keys": ("GET", "/v1/projects/{id}/keys", None),
    "revoke-key": ("DELETE", "/v1/projects/{id}/keys/{keyId}", None),
}


def target(kind: str, api: ApiClient, new_api: NewApi) -> tuple[str, str]:
    """(project id, key id) of a project that is not `api`'s live project; the key is the
    project's own where it has one."""
    if kind == "another-accounts":
        other = new_api()
        project = create(other, "Theirs")
        return project["id"], mint(other, project["id"])["id"]
    if kind == "deleted":
        project = create(api, "Deleted")
        key = mint(api, project["id"])
        delete(api, project)
        return project["id"], key["id"]
    if kind == "missing":
        return ids.new_id(), ids.new_id()
    return "not-a-project-id", ids.new_id()  # malformed


@pytest.mark.parametrize("route", ID_ROUTES)
@pytest.mark.parametrize("kind", ["another-accounts", "deleted", "missing", "malformed"])
def test_a_project_that_is_not_the_callers_is_the_same_404(
    new_api: NewApi, route: str, kind: str
) -> None:
    api = new_api()
    project_id, key_id = target(kind, api, new_api)
    method, path, json = ID_ROUTES[route]

    status, headers, body = api.request(method, path.format(id=project_id, keyId=key_id), json=json)

    assert status == 404
    assert headers["Content-Type"] == "application/json"
    assert body == error(headers, "not_found", "Not found.")


def test_another_accounts_writes_leave_the_project_as_it_was(new_api: NewApi) -> None:
    owner, intruder = new_api(), new_api()
    project = create(owner, "Mine")
    key = mint(owner, project["id"])
    base = f"/v1/projects/{project['id']}"

    answers = [
        intruder.request("PATCH", base, json={"name": "Stolen"}).status,
        intruder.request("POST", f"{base}/keys").status,
        intruder.request("DELETE", f"{base}/keys/{key['id']}").status,
        intruder.request("DELETE", base).status,
    ]

    assert answers == [404, 404, 404, 404]
    assert owner.request("GET", base).body == project
    listed = owner.request("GET", f"{base}/keys").body
    assert [(k["id"], k["revokedAt"]) for k in listed["data"]] == [(key["id"], None)]


# --- which error wins: 401, then 404, then 400/422 ---------------------------------------


def test_no_key_is_401_before_a_missing_project_and_a_bad_body(new_api: NewApi) -> None:
    api = new_api()

    status, headers, body = api.request("PATCH", f"/v1/projects/{ids.new_id()}", key=None, body="{")

    assert (status, body) == (401, error(headers, "unauthorized", UNAUTHORIZED))


def test_an_unknown_account_key_is_401(new_api: NewApi) -> None:
    api = new_api()

    status, headers, body = api.request("GET", "/v1/projects", key="ck_acct_" + "A" * 24)

    assert (status, body) == (401, error(headers, "unauthorized", UNAUTHORIZED))


@pytest.mark.parametrize("bad_body", ["{", '{"name": ""}'], ids=["invalid-json", "invalid-name"])
def test_another_accounts_project_is_404_before_a_bad_body(new_api: NewApi, bad_body: str) -> None:
    api, other = new_api(), new_api()
    theirs = create(other, "Theirs")

    status, headers, body = api.request(
        "PATCH",
        f"/v1/projects/{theirs['id']}",
        body=bad_body,
        headers={"Content-Type": "application/json"},
    )

    assert (status, body) == (404, error(headers, "not_found", "Not found."))


def test_a_bad_limit_on_a_missing_projects_keys_is_404(new_api: NewApi) -> None:
    api = new_api()

    status, headers, body = api.request("GET", f"/v1/projects/{ids.new_id()}/keys?limit=0")

    assert (status, body) == (404, error(headers, "not_found", "Not found."))


def test_invalid_json_on_the_callers_project_is_400(new_api: NewApi) -> None:
    api = new_api()
    project = create(api, "Acme")

    status, headers, body = api.request(
        "PATCH",
        f"/v1/projects/{project['id']}",
        body="{",
        headers={"Content-Type": "application/json"},
    )

    expected = error(headers, "invalid_json", "The request body is not valid JSON.")
    assert (status, body) == (400, expected)


def test_an_empty_name_on_the_callers_project_is_422(new_api: NewApi) -> None:
    api = new_api()
    project = create(api, "Acme")

    status, headers, body = api.request(
        "PATCH", f"/v1/projects/{project['id']}", json={"name": "   "}
    )

    issues = {"formErrors": [], "fieldErrors": {"name": [NAME_LENGTH]}}
    expected = error(headers, "invalid_request", "The request body is invalid.", issues=issues)
    assert (status, body) == (422, expected)


# --- slugs -------------------------------------------------------------------------------


def test_a_repeated_name_gets_the_next_numeric_suffix(new_api: NewApi) -> None:
    api = new_api()

    slugs = [create(api, "Acme")["slug"] for _ in range(3)]

    assert slugs == ["acme", "acme-1", "acme-2"]


def test_a_deleted_projects_slug_stays_taken(new_api: NewApi) -> None:
    api = new_api()
    delete(api, create(api, "Acme"))

    body = create(api, "Acme")

    assert (body["name"], body["slug"]) == ("Acme", "acme-1")


def test_slugs_are_unique_per_account_not_across_accounts(new_api: NewApi) -> None:
    alpha, beta = new_api(), new_api()
    create(alpha, "Acme")

    body = create(beta, "Acme")

    assert body["slug"] == "acme"


def test_a_name_in_another_script_is_transliterated(new_api: NewApi) -> None:
    api = new_api()

    body = create(api, "Привет мир")

    assert (body["name"], body["slug"]) == ("Привет мир", "privet-mir")


def test_slug_items_match_projects_after_collisions_and_a_delete(
    local_stack: LocalStack, new_api: NewApi
) -> None:
    api = new_api()
    delete(api, create(api, "Acme"))
    for name in ["Acme", "Acme", "Acme 1"]:
        create(api, name)

    items = scan_projects_table(local_stack, api.account_id)

    assert_one_slug_item_per_project(items)
    assert len([i for i in items if i["SK"].startswith("PROJECT#")]) == 4


# --- concurrency -------------------------------------------------------------------------

PARALLEL = 10


def run_together(work: Callable[[], Any], count: int) -> list[Any]:
    """`work()` in `count` threads released at once; its results, or the exceptions raised."""
    start = threading.Barrier(count, timeout=30)
    results: list[Any] = []

    def run() -> None:
        start.wait()
        try:
            results.append(work())
        except Exception as raised:
            results.append(raised)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def test_parallel_creates_of_one_name_over_http_all_get_their_own_slug(
    local_stack: LocalStack, new_api: NewApi
) -> None:
    # NOTE: the local gateway runs one request per function at a time, as a single Lambda
    # container would, so these reach DynamoDB in turn; the next test races for real.
    api = new_api()

    answers = run_together(
        lambda: api.request("POST", "/v1/projects", json={"name": "Acme"}), PARALLEL
    )

    assert [answer.status for answer in answers] == [201] * PARALLEL
    slugs = sorted(answer.body["slug"] for answer in answers)
    assert slugs == sorted(["acme"] + [f"acme-{n}" for n in range(1, PARALLEL)])
    listed = api.request("GET", "/v1/projects").body["data"]
    assert sorted(p["id"] for p in listed) == sorted(a.body["id"] for a in answers)
    assert_one_slug_item_per_project(scan_projects_table(local_stack, api.account_id))


def test_racing_creates_of_one_name_in_dynamodb_local_all_get_their_own_slug(
    local_stack: LocalStack, new_api: NewApi
) -> None:
    # Given ten containers creating "Acme" for one account at the same moment (the domain
    # operation itself, in threads, so the transactions really overlap in DynamoDB Local)
    api = new_api()
    dynamo.client()  # one client, made before the threads share it

    results = run_together(lambda: projects.create_project(api.account_id, "Acme"), PARALLEL)

    assert [r for r in results if isinstance(r, Exception)] == []
    assert len({project["slug"] for project in results}) == PARALLEL
    items = scan_projects_table(local_stack, api.account_id)
    assert_one_slug_item_per_project(items)
    stored = {i["id"] for i in items if i["SK"].startswith("PROJECT#")}
    assert stored == {project["id"] for project in results}
