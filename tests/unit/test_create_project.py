"""POST /v1/projects."""

import re

from craftkit_projects import ids
from tests.unit.invoke import Account

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def test_create_answers_201_with_the_project_and_its_location(alpha: Account) -> None:
    reply = alpha.call("create_project", body={"name": "Acme Storefront"})

    project = reply.body
    assert reply.status == 201
    assert reply.headers == {
        "Content-Type": "application/json",
        "Location": f"/v1/projects/{project['id']}",
    }
    assert list(project) == ["id", "slug", "name", "createdAt", "updatedAt"]
    assert ids.is_id(project["id"])
    assert project["slug"] == "acme-storefront"
    assert project["name"] == "Acme Storefront"
    assert TIMESTAMP.fullmatch(project["createdAt"])
    assert project["updatedAt"] == project["createdAt"]


def test_created_project_reads_back_the_same(alpha: Account) -> None:
    created = alpha.create_project("Acme Storefront")

    reply = alpha.call("get_project", project_id=created["id"])

    assert reply.status == 200
    assert reply.body == created


def test_name_is_trimmed(alpha: Account) -> None:
    reply = alpha.call("create_project", body={"name": "  Acme  "})

    assert reply.status == 201
    assert (reply.body["name"], reply.body["slug"]) == ("Acme", "acme")


def test_name_of_120_characters_is_accepted(alpha: Account) -> None:
    reply = alpha.call("create_project", body={"name": "n" * 120})

    assert reply.status == 201
    assert reply.body["name"] == "n" * 120


def test_without_idempotency_key_each_request_creates_a_project(alpha: Account) -> None:
    first = alpha.create_project("Acme")

    second = alpha.create_project("Acme")

    assert first["id"] != second["id"]
    assert (first["slug"], second["slug"]) == ("acme", "acme-1")
