"""craftkit-admin against the local tables, run as an operator runs it: a separate process
with only the environment (endpoint, region, table names) to go on."""

import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from importlib.metadata import entry_points

from craftkit_admin import cli
from craftkit_local.stack import LocalStack
from craftkit_projects import keys
from tests.integration.client import ApiClient, error


def test_the_console_script_is_the_cli() -> None:
    (script,) = entry_points(group="console_scripts", name="craftkit-admin")

    assert script.load() is cli.main


def admin(
    stack: LocalStack, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "craftkit_admin.cli", *args],
        env={**os.environ, **stack.environment},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_create_prints_the_new_key_alone_and_it_authenticates(
    local_stack: LocalStack, api: ApiClient
) -> None:
    account_id = f"cli-{uuid.uuid4().hex[:12]}"

    created = admin(local_stack, "account-key", "create", "--account", account_id)

    assert created.returncode == 0, created.stderr
    key = created.stdout.removesuffix("\n")
    assert keys.is_account_key(key)
    status, _, body = api.with_key(key, account_id).request("GET", "/v1/projects")
    assert (status, body) == (200, {"data": [], "nextCursor": None})


def test_revoke_refuses_the_very_next_request(local_stack: LocalStack, api: ApiClient) -> None:
    account_id = f"cli-{uuid.uuid4().hex[:12]}"
    key = admin(local_stack, "account-key", "create", "--account", account_id).stdout.strip()
    client = api.with_key(key, account_id)
    assert client.request("GET", "/v1/projects").status == 200
    listed = admin(local_stack, "account-key", "list", "--account", account_id)
    key_id = listed.stdout.splitlines()[1].split()[0]

    revoked = admin(local_stack, "account-key", "revoke", key_id)

    assert revoked.returncode == 0, revoked.stderr
    status, headers, body = client.request("GET", "/v1/projects")
    message = "A valid account key is required: Authorization: Bearer ck_acct_..."
    assert (status, body) == (401, error(headers, "unauthorized", message))


def test_list_shows_ids_and_prefixes_never_keys(local_stack: LocalStack) -> None:
    account_id = f"cli-{uuid.uuid4().hex[:12]}"
    key = admin(local_stack, "account-key", "create", "--account", account_id).stdout.strip()

    listed = admin(local_stack, "account-key", "list", "--account", account_id)

    header, row = listed.stdout.splitlines()
    assert header.split() == ["keyId", "prefix", "createdAt", "revokedAt"]
    _key_id, prefix, _created_at, revoked_at = row.split()
    assert prefix == keys.display_prefix(key)
    assert revoked_at == "-"
    assert key not in listed.stdout
    assert keys.hash_key(key) not in listed.stdout


def test_revoking_twice_or_an_unknown_id_fails_on_stderr(local_stack: LocalStack) -> None:
    account_id = f"cli-{uuid.uuid4().hex[:12]}"
    admin(local_stack, "account-key", "create", "--account", account_id)
    key_id = admin(local_stack, "account-key", "list", "--account", account_id).stdout.split()[4]
    admin(local_stack, "account-key", "revoke", key_id)

    again = admin(local_stack, "account-key", "revoke", key_id)
    unknown = admin(local_stack, "account-key", "revoke", str(uuid.uuid4()))

    assert (again.returncode, again.stdout) == (1, "")
    assert again.stderr == f"No active account key has id {key_id}.\n"
    assert unknown.returncode == 1


def test_create_refuses_an_invalid_account_id(local_stack: LocalStack) -> None:
    created = admin(local_stack, "account-key", "create", "--account", "no spaces")

    assert created.returncode == 2
    assert created.stdout == ""


def test_project_key_revoke_revokes_by_key_id_alone(
    local_stack: LocalStack, new_api: Callable[[], ApiClient]
) -> None:
    api = new_api()
    project = api.request("POST", "/v1/projects", json={"name": "Admin revoke"}).body
    minted = api.request("POST", f"/v1/projects/{project['id']}/keys", json={"name": "ci"}).body

    revoked = admin(local_stack, "project-key", "revoke", minted["id"])
    again = admin(local_stack, "project-key", "revoke", minted["id"])

    assert revoked.returncode == 0, revoked.stderr
    listed = api.request("GET", f"/v1/projects/{project['id']}/keys").body["data"]
    assert [k["id"] for k in listed] == [minted["id"]]
    assert listed[0]["revokedAt"] is not None
    assert again.returncode == 1


def test_project_key_verify_accepts_a_live_key_and_refuses_it_once_revoked(
    local_stack: LocalStack, new_api: Callable[[], ApiClient]
) -> None:
    api = new_api()
    project = api.request("POST", "/v1/projects", json={"name": "Verify me"}).body
    minted = api.request("POST", f"/v1/projects/{project['id']}/keys").body

    valid = admin(local_stack, "project-key", "verify", stdin=minted["key"] + "\n")
    api.request("DELETE", f"/v1/projects/{project['id']}/keys/{minted['id']}")
    refused = admin(local_stack, "project-key", "verify", stdin=minted["key"] + "\n")

    assert (valid.returncode, valid.stdout) == (
        0,
        f"valid: account {api.account_id}, project {project['id']}, key {minted['id']}\n",
    )
    assert (refused.returncode, refused.stdout) == (
        1,
        "refused: A valid project key is required.\n",
    )
