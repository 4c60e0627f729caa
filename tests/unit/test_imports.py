"""What a cold start loads: each function imported as Lambda imports it, in a fresh process."""

import json
import os
import subprocess
import sys

import pytest

from craftkit_local.template import ROOT, template

FUNCTIONS = {f.code_uri.name: f for f in template().functions}
# Powertools' idempotency persistence layer imports boto3 (POST /v1/projects only).
NEEDS_BOTO3 = {"create_project"}

PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def modules_loaded_by(function_dir: str) -> set[str]:
    """Modules loaded by importing the function's handler module, with the function's code
    and the layer on the path, and no AWS settings at all (work happens at first use)."""
    function = FUNCTIONS[function_dir]
    module = function.handler.rsplit(".", 1)[0]
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join([str(function.code_uri), str(ROOT / "shared")]),
        # Nothing may be fetched; a proxy on a closed loopback port makes sure of it.
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, module],
        env=environment,
        cwd=function.code_uri,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("function_dir", sorted(FUNCTIONS))
def test_handler_imports_without_xray_or_needless_boto3(function_dir: str) -> None:
    loaded = modules_loaded_by(function_dir)

    assert not {m for m in loaded if m.split(".")[0] == "aws_xray_sdk"}
    if function_dir not in NEEDS_BOTO3:
        assert "boto3" not in loaded
        assert "boto3.resources" not in loaded
    assert "craftkit_projects.api" in loaded
