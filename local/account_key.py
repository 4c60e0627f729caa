"""`make account-key ACCOUNT=ID`: mint an account key against `make run`'s tables.

It is craftkit-admin with the local environment; the key is printed alone on the last line.
"""

import sys

from craftkit_admin import cli
from craftkit_local.environment import dynamodb_endpoint, local_environment, use_environment


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m craftkit_local.account_key ACCOUNT_ID", file=sys.stderr)
        return 2
    use_environment(local_environment(dynamodb_endpoint()))
    status = cli.main(["account-key", "create", "--account", argv[0]])
    if status != 0:
        print(f"Is `make run` running (DynamoDB on {dynamodb_endpoint()})?", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
