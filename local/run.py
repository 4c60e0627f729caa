"""`make run`: the Projects API on http://127.0.0.1:3000 against DynamoDB Local.

Data lives in .local/dynamodb (kept across restarts); the dev account's key is printed at
start. Ctrl-C or SIGTERM stops the gateway, then DynamoDB Local.

Environment: PORT (3000), DYNAMODB_PORT (8000), CRAFTKIT_LOCAL_DIR (.local).
"""

import logging
import os
import signal
import sys
import threading
from pathlib import Path

from craftkit_local.dev_key import DEV_ACCOUNT, ensure_dev_key
from craftkit_local.environment import DEFAULT_DYNAMODB_PORT
from craftkit_local.stack import start_stack
from craftkit_local.template import ROOT

DEFAULT_PORT = 3000


def state_dir() -> Path:
    return Path(os.environ.get("CRAFTKIT_LOCAL_DIR") or ROOT / ".local")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())

    state = state_dir()
    stack = start_stack(
        api_port=int(os.environ.get("PORT", DEFAULT_PORT)),
        dynamodb_port=int(os.environ.get("DYNAMODB_PORT", DEFAULT_DYNAMODB_PORT)),
        db_path=state / "dynamodb",
    )
    try:
        key = ensure_dev_key(state / "dev-account-key")
        print(f"Craftkit Projects API on {stack.url}", flush=True)
        print(f"DynamoDB ({stack.dynamodb.engine}) on {stack.dynamodb.endpoint_url}", flush=True)
        print(f"Account: {DEV_ACCOUNT}", flush=True)
        print(f"Account key: {key}", flush=True)
        print("Ctrl-C stops.", flush=True)
        while not stopping.wait(timeout=1):
            pass
    finally:
        print("Stopping.", flush=True)
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
