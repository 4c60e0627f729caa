"""`make run` (python -m craftkit_local.run) keeps its data and its dev key across restarts,
and stops cleanly on SIGTERM."""

import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from craftkit_local.dynamodb_local import free_port
from tests.integration.client import ApiClient

START_TIMEOUT_S = 90


@contextmanager
def local_run(state: Path) -> Iterator[tuple[ApiClient, str]]:
    """`make run` in a subprocess with its own state folder and ports: (client, key)."""
    environment = {
        **os.environ,
        "CRAFTKIT_LOCAL_DIR": str(state),
        "PORT": str(free_port()),
        "DYNAMODB_PORT": str(free_port()),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "craftkit_local.run"],
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    stdout = process.stdout
    assert stdout is not None

    def pump() -> None:  # in a thread, so a start that hangs fails on the timeout below
        for line in stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    try:
        url = key = None
        while key is None:
            line = lines.get(timeout=START_TIMEOUT_S).strip()
            if line.startswith("Craftkit Projects API on "):
                url = line.removeprefix("Craftkit Projects API on ")
            if line.startswith("Account key: "):
                key = line.removeprefix("Account key: ")
        assert url is not None
        yield ApiClient(url, key, "dev-account"), key
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_restart_keeps_projects_and_the_dev_key(tmp_path: Path) -> None:
    with local_run(tmp_path) as (api, first_key):
        created = api.request("POST", "/v1/projects", json={"name": "Survives restarts"})
        assert created.status == 201

    with local_run(tmp_path) as (api, second_key):
        status, _, body = api.request("GET", f"/v1/projects/{created.body['id']}")

    assert second_key == first_key
    assert (status, body) == (200, created.body)
    assert (tmp_path / "dev-account-key").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "dynamodb" / "shared-local-instance.db").is_file()
