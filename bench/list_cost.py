"""2. What one page of GET /v1/projects costs as the table grows around the account: the same
page is read with 100 live projects in the account, then again after 10,000 projects in other
accounts and 10,000 deleted projects in the same account are added."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench import invoke, seeding
from bench.metering import CallMeter, Measurement
from bench.report import Figure
from craftkit_admin import account_keys
from craftkit_projects import projects

SECTION = "2. List cost against table size (one page of 100)"
LIVE = 100
OTHER_ACCOUNTS = 100
PER_OTHER_ACCOUNT = 100
DELETED = 10_000
CAPACITY_TOLERANCE = 0.10


def _page(meter: CallMeter, token: str) -> tuple[Measurement, list[str]]:
    req = invoke.request("GET", "/v1/projects", token, query={"limit": ["100"]})
    with meter.measure() as measurement:
        status, body = invoke.call("list_projects", req)
    if status != 200:
        raise RuntimeError(f"list_projects answered {status}: {body}")
    return measurement, [project["id"] for project in body["data"]]


def _delete_all(account_id: str, project_ids: list[str]) -> None:
    """Soft-delete through the domain function, so deleted items are exactly as in production."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in pool.map(lambda pid: projects.delete_project(account_id, pid), project_ids):
            pass


def run(meter: CallMeter, seed_client: Any, log: Callable[[str], None]) -> list[Figure]:
    account_id = "bench-list"
    token = account_keys.create_key(account_id)
    live_ids = seeding.seed_projects(seed_client, account_id, LIVE, "Live")
    small, small_page = _page(meter, token)

    log(f"seeding {OTHER_ACCOUNTS * PER_OTHER_ACCOUNT} projects in other accounts")
    for number in range(OTHER_ACCOUNTS):
        seeding.seed_projects(seed_client, f"bench-other-{number}", PER_OTHER_ACCOUNT, "Other")
    log(f"seeding and soft-deleting {DELETED} projects in the listed account")
    doomed = seeding.seed_projects(seed_client, account_id, DELETED, "Gone")
    _delete_all(account_id, doomed)
    large, large_page = _page(meter, token)

    same_page = small_page == large_page == sorted(live_ids, reverse=True)
    ratio = large.capacity / small.capacity if small.capacity else float("inf")
    grown = "with +10,000 other-account and +10,000 deleted projects"
    return [
        Figure(
            SECTION,
            "page of 100, account holds 100 live projects",
            f"{small.count} calls, {small.capacity:g} CU",
            data=small.summary() | {"itemsReturned": len(small_page)},
        ),
        Figure(
            SECTION,
            f"same page {grown}",
            f"{large.count} calls, {large.capacity:g} CU",
            data=large.summary() | {"itemsReturned": len(large_page)},
        ),
        Figure(
            SECTION,
            "calls, grown table vs small",
            f"{large.count} vs {small.count}" + ("" if same_page else "  [pages differ]"),
            "equal",
            large.count == small.count and same_page,
        ),
        Figure(
            SECTION,
            "capacity, grown table vs small",
            f"{ratio:.2f}x ({large.capacity:g} vs {small.capacity:g} CU)",
            f"<= {1 + CAPACITY_TOLERANCE:.2f}x",
            abs(ratio - 1) <= CAPACITY_TOLERANCE,
            {"ratio": round(ratio, 4)},
        ),
    ]
