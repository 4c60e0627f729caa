"""craftkit_projects.project_keys.verify_project_key: what the rest of Craftkit's API calls to
accept a ck_live_ key, and what each answer costs in DynamoDB calls."""

from typing import Any

import pytest

from craftkit_local.tables import local_table_names
from craftkit_projects import dynamo
from craftkit_projects.errors import UnauthorizedError
from craftkit_projects.project_keys import ProjectPrincipal, verify_project_key
from tests.unit.conftest import DynamoCalls
from tests.unit.invoke import Account

PROJECTS_TABLE = local_table_names()["ProjectsTable"]
REFUSED = "A valid project key is required."


@pytest.fixture
def minted(alpha: Account) -> dict[str, Any]:
    project = alpha.create_project("Own")
    return alpha.mint_key(project["id"])


def refused(authorization: str | None) -> UnauthorizedError:
    with pytest.raises(UnauthorizedError) as raised:
        verify_project_key(authorization)
    return raised.value


def test_valid_key_gives_its_principal_in_two_reads(
    alpha: Account, minted: dict[str, Any], dynamo_calls: DynamoCalls
) -> None:
    principal = verify_project_key(f"Bearer {minted['key']}")

    assert principal == ProjectPrincipal(alpha.id, minted["projectId"], minted["id"])
    assert dynamo_calls.operations == ["GetItem", "BatchGetItem"]
    assert dynamo_calls.tables_read() == {PROJECTS_TABLE}


@pytest.mark.parametrize("scheme", ["bearer", "BEARER"])
def test_scheme_is_case_insensitive(scheme: str, minted: dict[str, Any]) -> None:
    assert verify_project_key(f"{scheme} {minted['key']}").key_id == minted["id"]


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Basic Y2tfbGl2ZQ==",
        "ck_live_" + "L" * 32,
        "Bearer ck_live_" + "L" * 31,
        "Bearer ck_live_" + "L" * 33,
        "Bearer ck_live_" + "L" * 31 + "!",
        "Bearer ck_test_" + "T" * 32,
        "Bearer ck_acct_AlphaAlphaAlphaAlpha0001",
        "Bearer ck_acct_" + "U" * 24,
    ],
    ids=[
        "none",
        "empty",
        "scheme-only",
        "basic",
        "no-scheme",
        "short",
        "long",
        "not-base62",
        "test-key",
        "account-key",
        "unknown-account-key",
    ],
)
def test_malformed_or_wrong_kind_of_key_is_refused_without_a_read(
    authorization: str | None, alpha: Account, dynamo_calls: DynamoCalls
) -> None:
    error = refused(authorization)

    assert (error.status, error.code, error.message) == (401, "unauthorized", REFUSED)
    assert dynamo_calls.operations == []


def test_unknown_key_is_refused_after_one_read(dynamo_calls: DynamoCalls) -> None:
    refused("Bearer ck_live_" + "U" * 32)

    assert dynamo_calls.operations == ["GetItem"]
    assert dynamo_calls.tables_read() == {PROJECTS_TABLE}


def test_revoked_key_is_refused_after_two_reads(
    alpha: Account, minted: dict[str, Any], dynamo_calls: DynamoCalls
) -> None:
    alpha.call("revoke_project_key", project_id=minted["projectId"], key_id=minted["id"])
    dynamo_calls.reset()

    error = refused(f"Bearer {minted['key']}")

    assert error.message == REFUSED
    assert dynamo_calls.operations == ["GetItem", "BatchGetItem"]
    assert dynamo_calls.tables_read() == {PROJECTS_TABLE}


def test_key_of_a_deleted_project_is_refused_after_two_reads(
    alpha: Account, minted: dict[str, Any], dynamo_calls: DynamoCalls
) -> None:
    alpha.delete_project(minted["projectId"])
    dynamo_calls.reset()

    error = refused(f"Bearer {minted['key']}")

    assert error.message == REFUSED
    assert dynamo_calls.operations == ["GetItem", "BatchGetItem"]
    assert dynamo_calls.tables_read() == {PROJECTS_TABLE}


def test_other_keys_of_the_project_survive_a_revocation(
    alpha: Account, minted: dict[str, Any]
) -> None:
    other = alpha.mint_key(minted["projectId"])

    alpha.call("revoke_project_key", project_id=minted["projectId"], key_id=minted["id"])

    assert verify_project_key(f"Bearer {other['key']}").key_id == other["id"]


def unprocessed_batches(monkeypatch: pytest.MonkeyPatch, times: int) -> None:
    """The next `times` BatchGetItem calls leave every key unprocessed, as throttling does."""
    real_call = dynamo.call
    left = [times]

    def call(operation: str, **params: Any) -> dict[str, Any]:
        if operation == "batch_get_item" and left[0] > 0:
            left[0] -= 1
            real_call(operation, **params)  # still counted, as a throttled call is
            return {"Responses": {}, "UnprocessedKeys": params["RequestItems"]}
        return real_call(operation, **params)

    monkeypatch.setattr(dynamo, "call", call)


def test_unprocessed_batch_is_read_again(
    alpha: Account,
    minted: dict[str, Any],
    dynamo_calls: DynamoCalls,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unprocessed_batches(monkeypatch, 1)

    principal = verify_project_key(f"Bearer {minted['key']}")

    assert principal.key_id == minted["id"]
    assert dynamo_calls.operations == ["GetItem", "BatchGetItem", "BatchGetItem"]


def test_batch_left_unprocessed_fails_rather_than_accept_the_key(
    minted: dict[str, Any], dynamo_calls: DynamoCalls, monkeypatch: pytest.MonkeyPatch
) -> None:
    unprocessed_batches(monkeypatch, 3)

    with pytest.raises(RuntimeError):
        verify_project_key(f"Bearer {minted['key']}")

    assert dynamo_calls.operations == ["GetItem"] + ["BatchGetItem"] * 3
