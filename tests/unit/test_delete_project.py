"""DELETE /v1/projects/{id}: a soft delete."""

from tests.unit.invoke import NOT_FOUND, Account


def test_delete_answers_the_id_and_deleted(alpha: Account) -> None:
    project = alpha.create_project("Acme")

    reply = alpha.call("delete_project", project_id=project["id"])

    assert reply.status == 200
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.body == {"id": project["id"], "deleted": True}


def test_deleted_project_is_gone_from_get_and_list(alpha: Account) -> None:
    kept = alpha.create_project("Kept")
    gone = alpha.create_project("Gone")

    alpha.delete_project(gone["id"])

    assert alpha.call("get_project", project_id=gone["id"]).body == NOT_FOUND
    assert alpha.call("list_projects", query=None).body == {"data": [kept], "nextCursor": None}


def test_second_delete_is_404(alpha: Account) -> None:
    project = alpha.create_project("Acme")
    alpha.delete_project(project["id"])

    reply = alpha.call("delete_project", project_id=project["id"])

    assert reply.status == 404
    assert reply.body == NOT_FOUND


def test_deleted_project_keeps_its_items(alpha: Account, scan) -> None:
    project = alpha.create_project("Acme")

    alpha.delete_project(project["id"])

    items = {item["SK"]["S"]: item for item in scan("ProjectsTable")}
    stored = items[f"PROJECT#{project['id']}"]
    assert stored["deleted"] == {"BOOL": True}
    assert "liveId" not in stored
    assert items["SLUG#acme"]["projectId"] == {"S": project["id"]}
