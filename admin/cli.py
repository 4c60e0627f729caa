"""craftkit-admin: the operator's command line for keys.

    craftkit-admin account-key create --account ID   prints the new ck_acct_ key, alone
    craftkit-admin account-key list --account ID     keyId, prefix, createdAt, revokedAt
    craftkit-admin account-key revoke KEY_ID
    craftkit-admin project-key revoke KEY_ID
    craftkit-admin project-key verify                reads a ck_live_ key on stdin

Tables and endpoint come from the environment the functions use (CRAFTKIT_ACCOUNT_KEYS_TABLE,
CRAFTKIT_PROJECTS_TABLE, boto3's AWS_* settings), so the same commands serve a deployed stack
and `make run`.
"""

import argparse
import sys
from collections.abc import Sequence

import pydantic
from botocore.exceptions import BotoCoreError, ClientError

from craftkit_admin import account_keys, project_keys
from craftkit_projects import ids
from craftkit_projects.errors import UnauthorizedError
from craftkit_projects.project_keys import verify_project_key


def _account_id(value: str) -> str:
    if not ids.is_account_id(value):
        raise argparse.ArgumentTypeError(
            "an account id is 1-64 letters, digits, '_', '.' or '-', starting with one of the"
            " first two"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="craftkit-admin", description="Manage Craftkit keys.")
    kinds = parser.add_subparsers(dest="kind", required=True)

    account = kinds.add_parser("account-key", help="account keys (ck_acct_...)")
    account_actions = account.add_subparsers(dest="action", required=True)
    create = account_actions.add_parser("create", help="mint a key; prints it alone")
    create.add_argument("--account", required=True, type=_account_id, metavar="ID")
    listing = account_actions.add_parser("list", help="an account's keys")
    listing.add_argument("--account", required=True, type=_account_id, metavar="ID")
    revoke = account_actions.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id", metavar="KEY_ID")

    project = kinds.add_parser("project-key", help="project keys (ck_live_...)")
    project_actions = project.add_subparsers(dest="action", required=True)
    project_revoke = project_actions.add_parser("revoke", help="revoke a key by its id")
    project_revoke.add_argument("key_id", metavar="KEY_ID")
    project_actions.add_parser(
        "verify", help="check a key read from stdin with the layer's verifier"
    )
    return parser


def _print_keys(rows: list[account_keys.AccountKey]) -> None:
    table = [("keyId", "prefix", "createdAt", "revokedAt")]
    table += [(r.key_id, r.prefix, r.created_at, r.revoked_at or "-") for r in rows]
    widths = [max(len(row[column]) for row in table) for column in range(4)]
    for row in table:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _run(args: argparse.Namespace) -> int:
    if args.kind == "account-key" and args.action == "create":
        print(account_keys.create_key(args.account))
    elif args.kind == "account-key" and args.action == "list":
        _print_keys(account_keys.list_keys(args.account))
    elif args.kind == "account-key" and args.action == "revoke":
        try:
            account_keys.revoke_key(args.key_id)
        except account_keys.AccountKeyNotFoundError:
            print(f"No active account key has id {args.key_id}.", file=sys.stderr)
            return 1
        print(f"Revoked account key {args.key_id}.")
    elif args.kind == "project-key" and args.action == "verify":
        return _verify(sys.stdin.readline().strip())
    else:
        try:
            owner = project_keys.revoke_key(args.key_id)
        except project_keys.ProjectKeyNotFoundError:
            print(f"No active project key has id {args.key_id} in a live project.", file=sys.stderr)
            return 1
        print(f"Revoked project key {args.key_id} of project {owner['projectId']}.")
    return 0


def _verify(key: str) -> int:
    """Run the verifier the rest of Craftkit's API calls. The key comes on stdin so that it
    stays out of shell history and process listings."""
    try:
        principal = verify_project_key(f"Bearer {key}")
    except UnauthorizedError as error:
        print(f"refused: {error.message}")
        return 1
    print(
        f"valid: account {principal.account_id}, project {principal.project_id},"
        f" key {principal.key_id}"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except pydantic.ValidationError:
        print(
            "Set CRAFTKIT_ACCOUNT_KEYS_TABLE and CRAFTKIT_PROJECTS_TABLE to the stack's tables.",
            file=sys.stderr,
        )
    except (BotoCoreError, ClientError) as error:
        # The error names the operation and endpoint; never a key.
        print(f"DynamoDB call failed: {error}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
