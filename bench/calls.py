"""1. DynamoDB calls and consumed capacity per route, success and error paths, against
DynamoDB Local; plus the project-key verifier and slug collisions up to the 1000th "Acme"."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench import invoke
from bench.metering import Call, CallMeter, Measurement
from bench.report import Figure
from craftkit_admin import account_keys
from craftkit_projects import ids, keys, project_keys, projects
from craftkit_projects.errors import UnauthorizedError

SECTION = "1. DynamoDB calls per request (DynamoDB Local; CU = capacity units reported)"

# Calls allowed on each route's success path (and so on any of its error paths).
ROUTE_BUDGET = 2
MALFORMED_TOKEN_BUDGET = 0
UNKNOWN_KEY_BUDGET = 1  # the one account-key GetItem
COLLISION_BUDGET = 4
IDEMPOTENCY_EXTRA = 2
ACME_MEASURED = (2, 100, 1000)

PROJECTS = "/v1/projects"
PROJECT = "/v1/projects/{id}"
KEYS = "/v1/projects/{id}/keys"
KEY = "/v1/projects/{id}/keys/{keyId}"
ROUTES = (
    ("create_project", "POST", PROJECTS),
    ("list_projects", "GET", PROJECTS),
    ("get_project", "GET", PROJECT),
    ("rename_project", "PATCH", PROJECT),
    ("delete_project", "DELETE", PROJECT),
    ("create_project_key", "POST", KEYS),
    ("list_project_keys", "GET", KEYS),
    ("revoke_project_key", "DELETE", KEY),
)


@dataclass(frozen=True)
class Case:
    function: str
    path: str  # which path through the route: "success", "unknown key", ...
    request: invoke.Request
    status: int
    budget: int = ROUTE_BUDGET


@dataclass
class Outcome:
    figures: list[Figure]
    # The calls each function's success path made, with DynamoDB's answers, for the warm bench.
    success_calls: dict[str, list[Call]]
    success_requests: dict[str, invoke.Request]


def _figure(name: str, measurement: Measurement, budget: int, problem: str = "") -> Figure:
    plural = "" if measurement.count == 1 else "s"
    value = f"{measurement.count} call{plural}, {measurement.capacity:g} CU"
    if measurement.unreported:
        value += f" ({measurement.unreported} failed, CU unreported)"
    if problem:
        value += f"  [{problem}]"
    return Figure(
        SECTION,
        name,
        value,
        f"<= {budget} call{'' if budget == 1 else 's'}",
        measurement.count <= budget and not problem,
        measurement.summary(),
    )


def _route_cases(token: str, project_id: str, doomed_id: str, key_id: str) -> list[Case]:
    missing = ids.new_id()
    own, gone, doomed = {"id": project_id}, {"id": missing}, {"id": doomed_id}
    bad_cursor = {"cursor": ["not-a-cursor"]}
    renamed, bad_name = {"name": "Renamed"}, {"name": 7}

    def r(method: str, resource: str, **kwargs: Any) -> invoke.Request:
        return invoke.request(method, resource, token, **kwargs)

    cases = [
        Case("create_project", "success, free slug",
             r("POST", PROJECTS, body={"name": f"Bench {uuid.uuid4().hex[:8]}"}), 201),
        Case("create_project", "bad body (422)", r("POST", PROJECTS, body={"name": ""}), 422),
        Case("create_project", "bad body (invalid JSON)", r("POST", PROJECTS, body="{"), 400),
        Case("list_projects", "success", r("GET", PROJECTS), 200),
        Case("list_projects", "bad cursor", r("GET", PROJECTS, query=bad_cursor), 422),
        Case("get_project", "success", r("GET", PROJECT, path=own), 200),
        Case("get_project", "missing project", r("GET", PROJECT, path=gone), 404),
        Case("rename_project", "success", r("PATCH", PROJECT, body=renamed, path=own), 200),
        Case("rename_project", "missing project",
             r("PATCH", PROJECT, body=renamed, path=gone), 404),
        Case("rename_project", "bad body", r("PATCH", PROJECT, body=bad_name, path=own), 422),
        Case("rename_project", "bad body, missing project",
             r("PATCH", PROJECT, body=bad_name, path=gone), 404),
        Case("delete_project", "success", r("DELETE", PROJECT, path=doomed), 200),
        Case("delete_project", "missing project", r("DELETE", PROJECT, path=gone), 404),
        Case("create_project_key", "success", r("POST", KEYS, body={"name": "ci"}, path=own), 201),
        Case("create_project_key", "missing project", r("POST", KEYS, path=gone), 404),
        Case("create_project_key", "bad body", r("POST", KEYS, body=bad_name, path=own), 422),
        Case("list_project_keys", "success", r("GET", KEYS, path=own), 200),
        Case("list_project_keys", "missing project", r("GET", KEYS, path=gone), 404),
        Case("list_project_keys", "bad cursor", r("GET", KEYS, query=bad_cursor, path=own), 422),
        Case("revoke_project_key", "success",
             r("DELETE", KEY, path=own | {"keyId": key_id}), 200),
        Case("revoke_project_key", "missing project",
             r("DELETE", KEY, path=gone | {"keyId": key_id}), 404),
        Case("revoke_project_key", "unknown key id",
             r("DELETE", KEY, path=own | {"keyId": ids.new_id()}), 404),
    ]  # fmt: skip
    # Every route: a token that is no account key, and a well-formed one nobody holds.
    unknown = keys.new_account_key()
    for function, method, resource in ROUTES:
        path = {"id": project_id, "keyId": key_id}
        body = {"name": "x"} if method in ("POST", "PATCH") else None
        for name, bad_token, budget in (
            ("malformed token", "ck_acct_short", MALFORMED_TOKEN_BUDGET),
            ("unknown key", unknown, UNKNOWN_KEY_BUDGET),
        ):
            req = invoke.request(method, resource, bad_token, body=body, path=path)
            cases.append(Case(function, name, req, 401, budget))
    return sorted(cases, key=lambda case: invoke.FUNCTIONS.index(case.function))


def _run_case(meter: CallMeter, case: Case) -> tuple[Figure, Measurement]:
    with meter.measure() as measurement:
        status, _ = invoke.call(case.function, case.request)
    problem = f"status {status}, expected {case.status}" if status != case.status else ""
    return _figure(f"{case.function}: {case.path}", measurement, case.budget, problem), measurement


def _idempotency_figures(meter: CallMeter, token: str) -> list[Figure]:
    key = f"bench-{uuid.uuid4()}"
    req = invoke.request(
        "POST", PROJECTS, token, body={"name": "Idempotent"}, headers={"Idempotency-Key": key}
    )
    figures = []
    for path in ("Idempotency-Key, first request", "Idempotency-Key, replay"):
        with meter.measure() as measurement:
            status, _ = invoke.call("create_project", req)
        problem = f"status {status}, expected 201" if status != 201 else ""
        name = f"create_project: {path}"
        figures.append(_figure(name, measurement, ROUTE_BUDGET + IDEMPOTENCY_EXTRA, problem))
    return figures


def _acme_figures(meter: CallMeter, token: str, account_id: str) -> list[Figure]:
    """Create "Acme" 1000 times in one account, measuring the handler at ACME_MEASURED and
    seeding the rest through the domain function (uncounted)."""
    figures = []
    req = invoke.request("POST", PROJECTS, token, body={"name": "Acme"})
    for number in range(1, max(ACME_MEASURED) + 1):
        if number not in ACME_MEASURED:
            projects.create_project(account_id, "Acme")
            continue
        with meter.measure() as measurement:
            status, body = invoke.call("create_project", req)
        expected_slug = "acme" if number == 1 else f"acme-{number - 1}"
        problem = "" if status == 201 else f"status {status}, expected 201"
        if not problem and body.get("slug") != expected_slug:
            problem = f"slug {body.get('slug')}, expected {expected_slug}"
        name = f"create_project: Acme #{number} (slug collides)"
        figures.append(_figure(name, measurement, COLLISION_BUDGET, problem))
    return figures


def _verifier_figures(meter: CallMeter, account_id: str, account_token: str) -> list[Figure]:
    project_id = projects.create_project(account_id, "Verifier")["id"]
    valid = project_keys.mint_key(account_id, project_id, "valid")["key"]
    revoked = project_keys.mint_key(account_id, project_id, "revoked")
    project_keys.revoke_key(account_id, project_id, revoked["id"])
    gone_project = projects.create_project(account_id, "Verifier gone")["id"]
    orphan = project_keys.mint_key(account_id, gone_project, "orphan")["key"]
    projects.delete_project(account_id, gone_project)

    cases: list[tuple[str, str, int, bool]] = [
        ("malformed (an account key)", account_token, 0, False),
        ("unknown key", keys.new_project_key(), 1, False),
        ("valid key", valid, 2, True),
        ("revoked key", revoked["key"], 2, False),
        ("key of a deleted project", orphan, 2, False),
    ]
    figures = []
    for path, token, budget, accepted in cases:
        with meter.measure() as measurement:
            outcome = _verify(f"Bearer {token}")
        problem = "" if outcome == accepted else f"accepted={outcome}, expected {accepted}"
        name = f"verify_project_key: {path}"
        figures.append(_figure(name, measurement, budget, problem))
    return figures


def _verify(authorization: str) -> bool:
    try:
        project_keys.verify_project_key(authorization)
    except UnauthorizedError:
        return False
    return True


def run(meter: CallMeter, log: Callable[[str], None]) -> Outcome:
    account_id = "bench-routes"
    token = account_keys.create_key(account_id)
    project_id = projects.create_project(account_id, "Bench project")["id"]
    doomed_id = projects.create_project(account_id, "Bench doomed")["id"]
    key_id = project_keys.mint_key(account_id, project_id, "to revoke")["id"]

    figures: list[Figure] = []
    success_calls: dict[str, list[Call]] = {}
    success_requests: dict[str, invoke.Request] = {}
    for case in _route_cases(token, project_id, doomed_id, key_id):
        figure, measurement = _run_case(meter, case)
        figures.append(figure)
        if case.path.startswith("success"):
            success_calls[case.function] = measurement.calls
            success_requests[case.function] = case.request
        if case.function == "create_project" and case.path.startswith("success"):
            figures += _idempotency_figures(meter, token)

    log("creating 1000 Acmes")
    acme_account = "bench-acme"
    acme_token = account_keys.create_key(acme_account)
    acme = _acme_figures(meter, acme_token, acme_account)
    insert_at = max(i for i, f in enumerate(figures) if f.name.startswith("create_project:")) + 1
    figures[insert_at:insert_at] = acme

    figures += _verifier_figures(meter, account_id, token)
    return Outcome(figures, success_calls, success_requests)
