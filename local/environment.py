"""The environment local processes run with: boto3's standard AWS variables pointing at the
local DynamoDB, and the variables template.yaml gives the functions.

Nothing here is invented: handlers and craftkit-admin read the same variables deployed.
"""

import os
import sys
from collections.abc import Mapping

from craftkit_local.tables import table_environment
from craftkit_local.template import Intrinsic, Template, resolve_variable

REGION = "us-east-1"
DEFAULT_DYNAMODB_PORT = 8000


def dynamodb_endpoint(port: int | None = None) -> str:
    port = port if port is not None else int(os.environ.get("DYNAMODB_PORT", DEFAULT_DYNAMODB_PORT))
    return f"http://127.0.0.1:{port}"


def aws_environment(endpoint_url: str) -> dict[str, str]:
    """boto3's standard settings for a local endpoint. The keys are dummies: DynamoDB Local
    wants some, and with -sharedDb it ignores which."""
    return {
        "AWS_ENDPOINT_URL_DYNAMODB": endpoint_url,
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        # Never ask an instance metadata service for credentials or a region.
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def local_environment(
    endpoint_url: str, table_names: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Everything craftkit-admin and the handlers need to reach the local tables."""
    return {**aws_environment(endpoint_url), **table_environment(table_names)}


def function_environment(
    template: Template, table_names: Mapping[str, str], current: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The variables the functions run with: Globals, then each function's own.

    `!Ref <Table>` values become local table names. A literal value gives way to one already in
    `current`, so a developer's POWERTOOLS_LOG_LEVEL=DEBUG wins over the template's INFO.
    """
    # Limitation: one process serves every function, so each sees the variables of all of
    # them; deployed, only CreateProjectFunction has CRAFTKIT_IDEMPOTENCY_TABLE.
    current = current or {}
    merged: dict[str, str] = {}
    for variables in [template.global_environment, *(f.environment for f in template.functions)]:
        for name, value in variables.items():
            if isinstance(value, Intrinsic) or name not in current:
                resolved = resolve_variable(value, table_names)
            else:
                resolved = current[name]
            if merged.get(name, resolved) != resolved:
                raise ValueError(f"{name} differs between functions; one process can't run both")
            merged[name] = resolved
    return merged


def reset_layer_caches() -> None:
    """Forget the layer's per-container caches (settings, DynamoDB client, ...), so the next
    use reads the environment again. Tests switch environments; a container never does."""
    for name, module in list(sys.modules.items()):
        if name == "craftkit_projects" or name.startswith("craftkit_projects."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def use_environment(variables: Mapping[str, str]) -> None:
    """Set these variables for this process and let the layer read them afresh."""
    # A profile would only send botocore looking for files; local work never uses one.
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        os.environ.pop(name, None)
    os.environ.update(variables)
    reset_layer_caches()
