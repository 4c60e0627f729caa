"""template.yaml read as data: the functions, their routes and variables, and the tables.

The local gateway, the tables and the tests all take these facts from the template, so a route
or an index changes in one place.
"""

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_PATH = ROOT / "template.yaml"

FUNCTION_TYPE = "AWS::Serverless::Function"
TABLE_TYPE = "AWS::DynamoDB::Table"
API_TYPE = "AWS::Serverless::Api"


@dataclass(frozen=True)
class Intrinsic:
    """A CloudFormation short tag kept as data: `!Ref X` is Intrinsic("Ref", "X")."""

    name: str
    value: Any


@dataclass(frozen=True)
class Route:
    method: str  # upper case, as API Gateway puts it in the event
    path: str  # the resource, e.g. /v1/projects/{id}


@dataclass(frozen=True)
class Function:
    logical_id: str
    code_uri: Path
    handler: str
    route: Route | None
    # Only the function's own Environment variables; Globals are in Template.global_environment.
    environment: Mapping[str, Any] = field(default_factory=dict)
    memory_mb: int = 128
    timeout_s: int = 3


@dataclass(frozen=True)
class Template:
    functions: tuple[Function, ...]
    tables: Mapping[str, Mapping[str, Any]]
    global_environment: Mapping[str, Any]
    gateway_responses: Mapping[str, Mapping[str, Any]]
    stage_name: str


class _CloudFormationLoader(yaml.SafeLoader):
    """SafeLoader that reads short tags (!Ref, !GetAtt, !Sub, ...) instead of failing on them."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Intrinsic:
    name = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Intrinsic(name, value)


_CloudFormationLoader.add_multi_constructor("!", _intrinsic)


def load_yaml(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_CloudFormationLoader)


def _route(properties: Mapping[str, Any]) -> Route | None:
    for event in (properties.get("Events") or {}).values():
        if event.get("Type") == "Api":
            api = event["Properties"]
            return Route(method=str(api["Method"]).upper(), path=str(api["Path"]))
    return None


def _function(
    logical_id: str, properties: Mapping[str, Any], globals_: Mapping[str, Any]
) -> Function:
    return Function(
        logical_id=logical_id,
        code_uri=ROOT / properties["CodeUri"],
        handler=properties["Handler"],
        route=_route(properties),
        environment=dict((properties.get("Environment") or {}).get("Variables") or {}),
        memory_mb=int(properties.get("MemorySize", globals_.get("MemorySize", 128))),
        timeout_s=int(properties.get("Timeout", globals_.get("Timeout", 3))),
    )


def parse(document: Mapping[str, Any]) -> Template:
    resources: Mapping[str, Any] = document["Resources"]
    globals_ = (document.get("Globals") or {}).get("Function") or {}
    functions = tuple(
        _function(logical_id, resource["Properties"], globals_)
        for logical_id, resource in resources.items()
        if resource["Type"] == FUNCTION_TYPE
    )
    tables = {
        logical_id: resource["Properties"]
        for logical_id, resource in resources.items()
        if resource["Type"] == TABLE_TYPE
    }
    apis = [r["Properties"] for r in resources.values() if r["Type"] == API_TYPE]
    gateway_responses = apis[0].get("GatewayResponses", {}) if apis else {}
    stage = (document.get("Parameters") or {}).get("StageName", {}).get("Default", "Prod")
    return Template(
        functions=functions,
        tables=tables,
        global_environment=dict((globals_.get("Environment") or {}).get("Variables") or {}),
        gateway_responses=gateway_responses,
        stage_name=str(stage),
    )


@functools.cache
def template() -> Template:
    """This project's template.yaml, read once per process."""
    return parse(load_yaml())


def resolve_variable(value: Any, table_names: Mapping[str, str]) -> str:
    """An Environment value as a string: `!Ref <Table>` becomes the table's local name."""
    if isinstance(value, Intrinsic):
        if value.name == "Ref" and value.value in table_names:
            return table_names[value.value]
        raise ValueError(f"cannot resolve {value.name} {value.value!r} locally")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
