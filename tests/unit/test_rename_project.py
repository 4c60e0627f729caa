"""PATCH /v1/projects/{id}."""

from freezegun import freeze_time

from tests.unit.invoke import Account


def test_rename_changes_the_name_and_updated_at_but_never_the_slug(alpha: Account) -> None:
    with freeze_time("2026-06-01T09:00:00.250Z"):
        project = alpha.create_project("Acme")

    with freeze_time("2026-06-01T09:05:00.500Z"):
        reply = alpha.call(
            "rename_project", project_id=project["id"], body={"name": "Globex Corporation"}
        )

    assert reply.status == 200
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.body == {
        "id": project["id"],
        "slug": "acme",
        "name": "Globex Corporation",
        "createdAt": "2026-06-01T09:00:00.250Z",
        "updatedAt": "2026-06-01T09:05:00.500Z",
    }


def test_renamed_project_reads_back_renamed(alpha: Account) -> None:
    project = alpha.create_project("Acme")
    renamed = alpha.call("rename_project", project_id=project["id"], body={"name": " Globex "})

    reply = alpha.call("get_project", project_id=project["id"])

    assert reply.body == renamed.body
    assert reply.body["name"] == "Globex"


def test_renaming_to_a_taken_name_keeps_both_slugs(alpha: Account) -> None:
    acme = alpha.create_project("Acme")
    globex = alpha.create_project("Globex")

    reply = alpha.call("rename_project", project_id=globex["id"], body={"name": "Acme"})

    assert reply.status == 200
    assert (reply.body["name"], reply.body["slug"]) == ("Acme", "globex")
    assert alpha.call("get_project", project_id=acme["id"]).body == acme
