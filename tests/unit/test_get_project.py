"""GET /v1/projects/{id}. Refusals are in test_not_found.py and test_auth.py."""

from tests.unit.invoke import Account


def test_get_answers_the_project(alpha: Account) -> None:
    project = alpha.create_project("Acme")

    reply = alpha.call("get_project", project_id=project["id"])

    assert reply.status == 200
    assert reply.headers == {"Content-Type": "application/json"}
    assert reply.body == project
