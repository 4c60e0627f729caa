"""Every DynamoDB call a function makes is allowed by its policy in template.yaml.

moto grants everything, so a call the template forgot would first fail as AccessDenied in a
deployed stack; these tests run each route's paths and hold its calls against its policy.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from craftkit_local.tables import local_table_names
from craftkit_local.template import Intrinsic, load_yaml
from craftkit_projects import ids
from tests.unit.conftest import DynamoCalls
from tests.unit.invoke import Account

TRANSACT_ACTIONS = {
    "Put": "PutItem",
    "Update": "UpdateItem",
    "ConditionCheck": "ConditionCheckItem",
}
TRANSACT_ACTIONS["Delete"] = "DeleteItem"
LOGICAL_IDS = {name: logical_id for logical_id, name in local_table_names().items()}


def _resource(value: Any) -> str:
    """GetAtt Table.Arn -> "Table"; Sub "${Table.Arn}/index/x" -> "Table/index/x"."""
    if isinstance(value, Intrinsic) and value.name == "Fn::GetAtt":
        return str(value.value[0])
    if isinstance(value, Intrinsic) and value.name == "Fn::Sub":
        return str(value.value).replace("${", "").replace(".Arn}", "")
    raise ValueError(f"unexpected policy resource {value!r}")


def allowed(function_dir: str) -> set[tuple[str, str]]:
    """(action, resource) pairs the function's policy allows."""
    for resource in load_yaml()["Resources"].values():
        properties = resource["Properties"]
        if properties.get("CodeUri", "").rstrip("/") == f"functions/{function_dir}":
            pairs: set[tuple[str, str]] = set()
            for policy in properties["Policies"]:
                for statement in policy["Statement"]:
                    assert statement["Effect"] == "Allow"
                    targets = statement["Resource"]
                    targets = targets if isinstance(targets, list) else [targets]
                    for action in statement["Action"]:
                        pairs.update((action, _resource(target)) for target in targets)
            return pairs
    raise LookupError(function_dir)


def needed(calls: DynamoCalls) -> Iterator[tuple[str, str]]:
    """(action, resource) pairs the recorded calls need."""
    for operation, params in calls.calls:
        if operation == "TransactWriteItems":
            for item in params["TransactItems"]:
                ((kind, op),) = item.items()
                yield f"dynamodb:{TRANSACT_ACTIONS[kind]}", LOGICAL_IDS[op["TableName"]]
        elif operation == "BatchGetItem":
            for table in params["RequestItems"]:
                yield "dynamodb:BatchGetItem", LOGICAL_IDS[table]
        else:
            resource = LOGICAL_IDS[params["TableName"]]
            if "IndexName" in params:
                resource += f"/index/{params['IndexName']}"
            yield f"dynamodb:{operation}", resource


def project_with_keys(account: Account, count: int = 3) -> tuple[str, list[dict[str, Any]]]:
    project_id = account.create_project("Own")["id"]
    return project_id, [account.mint_key(project_id) for _ in range(count)]


def exercise_create_project(a: Account, calls: DynamoCalls) -> None:
    a.create_project("Acme")
    for name in ["Acme 1", "Acme 2", "Acme 3", "Acme 4"]:
        a.create_project(name)
    calls.reset()
    # Collisions until 409, which drops the idempotency record; then a create that succeeds.
    a.call("create_project", body={"name": "Acme"}, headers={"Idempotency-Key": "fails"})
    a.call("create_project", body={"name": "Acme"}, headers={"Idempotency-Key": "k"})
    a.call("create_project", body={"name": "Acme"}, headers={"Idempotency-Key": "k"})
    a.call("create_project", body={"name": "Other"}, headers={"Idempotency-Key": "k"})


def exercise_list_projects(a: Account, calls: DynamoCalls) -> None:
    for name in ("One", "Two", "Three"):
        a.create_project(name)
    calls.reset()
    first = a.call("list_projects", query={"limit": "1"}).body
    a.call("list_projects", query={"limit": "1", "cursor": first["nextCursor"]})


def exercise_get_project(a: Account, calls: DynamoCalls) -> None:
    project_id = a.create_project("Own")["id"]
    calls.reset()
    a.call("get_project", project_id=project_id)
    a.call("get_project", project_id=ids.new_id())


def exercise_rename_project(a: Account, calls: DynamoCalls) -> None:
    project_id = a.create_project("Own")["id"]
    calls.reset()
    a.call("rename_project", project_id=project_id, body={"name": "New"})
    a.call("rename_project", project_id=project_id, body="{")
    a.call("rename_project", project_id=ids.new_id(), body={"name": "New"})


def exercise_delete_project(a: Account, calls: DynamoCalls) -> None:
    project_id = a.create_project("Own")["id"]
    calls.reset()
    a.call("delete_project", project_id=project_id)
    a.call("delete_project", project_id=project_id)


def exercise_create_project_key(a: Account, calls: DynamoCalls) -> None:
    project_id = a.create_project("Own")["id"]
    calls.reset()
    a.call("create_project_key", project_id=project_id)
    a.call("create_project_key", project_id=project_id, body="{")
    a.call("create_project_key", project_id=ids.new_id())


def exercise_list_project_keys(a: Account, calls: DynamoCalls) -> None:
    project_id, _ = project_with_keys(a)
    calls.reset()
    first = a.call("list_project_keys", project_id=project_id, query={"limit": "1"}).body
    query = {"limit": "1", "cursor": first["nextCursor"]}
    a.call("list_project_keys", project_id=project_id, query=query)
    a.call("list_project_keys", project_id=project_id, query={"limit": "0"})


def exercise_revoke_project_key(a: Account, calls: DynamoCalls) -> None:
    project_id, minted = project_with_keys(a, 1)
    calls.reset()
    a.call("revoke_project_key", project_id=project_id, key_id=minted[0]["id"])
    a.call("revoke_project_key", project_id=project_id, key_id=minted[0]["id"])


EXERCISES: dict[str, Callable[[Account, DynamoCalls], None]] = {
    name.removeprefix("exercise_"): function
    for name, function in globals().items()
    if name.startswith("exercise_")
}


@pytest.mark.parametrize("function_dir", sorted(EXERCISES))
def test_every_call_is_allowed_by_the_functions_policy(
    function_dir: str, alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    EXERCISES[function_dir](alpha, dynamo_calls)

    used = set(needed(dynamo_calls))

    assert used, "the exercise made no DynamoDB call"
    assert used - allowed(function_dir) == set()


def test_there_is_an_exercise_for_every_function() -> None:
    functions = {
        r["Properties"]["CodeUri"].rstrip("/").removeprefix("functions/")
        for r in load_yaml()["Resources"].values()
        if r["Type"] == "AWS::Serverless::Function"
    }

    assert set(EXERCISES) == functions
