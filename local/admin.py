"""craftkit-admin against `make run`'s tables: `make admin ARGS='...'`, `make account-key`.

It is the operator's command with the local environment (endpoint, region, table names) set,
so nothing needs exporting by hand. `make account-key` prints the key alone on the last line.
"""

import sys

from craftkit_admin import cli
from craftkit_local.environment import dynamodb_endpoint, local_environment, use_environment


def main(argv: list[str]) -> int:
    use_environment(local_environment(dynamodb_endpoint()))
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
