"""template.yaml against the code: every function's handler exists and serves the route the
template gives it; and cfn-lint finds nothing."""

import importlib
import os
import re
import subprocess
import sys

import pytest

from craftkit_local.template import ROOT, TEMPLATE_PATH, template

FUNCTIONS = {f.logical_id: f for f in template().functions}


def normalised(path: str) -> str:
    """/v1/projects/{id} and /v1/projects/<project_id> both become /v1/projects/{}."""
    return re.sub(r"\{[^}]+\}|<[^>]+>", "{}", path)


def test_template_declares_the_eight_routes() -> None:
    routes = sorted((f.route.method, f.route.path) for f in FUNCTIONS.values() if f.route)

    assert routes == [
        ("DELETE", "/v1/projects/{id}"),
        ("DELETE", "/v1/projects/{id}/keys/{keyId}"),
        ("GET", "/v1/projects"),
        ("GET", "/v1/projects/{id}"),
        ("GET", "/v1/projects/{id}/keys"),
        ("PATCH", "/v1/projects/{id}"),
        ("POST", "/v1/projects"),
        ("POST", "/v1/projects/{id}/keys"),
    ]


@pytest.mark.parametrize("logical_id", sorted(FUNCTIONS))
def test_handler_resolves_and_serves_the_templates_route(logical_id: str) -> None:
    function = FUNCTIONS[logical_id]
    module_name, handler_name = function.handler.rsplit(".", 1)
    assert function.code_uri.parent == ROOT / "functions"

    module = importlib.import_module(f"functions.{function.code_uri.name}.{module_name}")

    assert callable(getattr(module, handler_name))
    registered = module.app._static_routes + module.app._dynamic_routes
    assert [(r.method, normalised(r.path)) for r in registered] == [
        (function.route.method, normalised(function.route.path))
    ]


def test_cfn_lint_finds_nothing() -> None:
    cfn_lint = os.path.join(os.path.dirname(sys.executable), "cfn-lint")
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
    }

    done = subprocess.run(
        [cfn_lint, str(TEMPLATE_PATH)], env=environment, capture_output=True, text=True
    )

    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
