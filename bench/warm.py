"""4. Warm overhead: CPU time per request of each handler on a warm container, DynamoDB's
answers supplied by botocore's Stubber (no network), against the bare botocore calls the route
makes with the same answers. Each route's calls are also run inside the floor's stack alone
(resolver and Logger decorator, floor.py) to show what the stack costs before our code.
Also counts DynamoDB clients created during warm requests."""

import copy
import statistics
import time
from collections.abc import Callable
from typing import Any
from unittest import mock

import botocore.session
from botocore import xform_name
from botocore.stub import Stubber

from bench import floor, invoke
from bench.calls import Outcome
from bench.metering import Call
from bench.report import Figure
from craftkit_projects import dynamo

SECTION = (
    "4. Warm CPU per request, stubbed DynamoDB: handler vs its bare botocore calls (p50/p99 us)"
)
ITERATIONS = 2000
WARMUP = 200
BUDGET_RATIO = 1.5
# With real calls (DynamoDB Local over HTTP), for the read-only routes only: they can repeat.
REAL_ITERATIONS = 300
REAL_ROUTES = ("get_project", "list_projects")

Variant = Callable[[dict[str, Any]], object]  # called with a fresh copy of the event


def _percentile(samples: list[int], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] / 1000  # ns -> us


def _variants(function: str, request: invoke.Request, calls: list[Call]) -> dict[str, Variant]:
    """handler, floor and bare: each runs the route's DynamoDB calls once."""
    handler = invoke.handler_module(function).lambda_handler
    context = invoke.LambdaContext(function_name=function, aws_request_id="warm")
    client = dynamo.client()
    bare_calls = [(getattr(client, xform_name(call.operation)), call.params) for call in calls]

    def bare() -> None:
        for operation, params in bare_calls:
            operation(**params)

    floor_handler = floor.warm_handler(request.method, request.resource, bare)

    def run_handler(event: dict[str, Any]) -> None:
        response = handler(event, context)
        if response["statusCode"] >= 300:
            raise RuntimeError(f"{function} answered {response['statusCode']} in the warm bench")

    return {
        "handler": run_handler,
        "floor": lambda event: floor_handler(event, context),
        "bare": lambda _: bare(),
    }


def _measure(
    variants: dict[str, Variant],
    event: dict[str, Any],
    iterations: int,
    before_each: Callable[[], None],
) -> dict[str, list[int]]:
    """CPU ns per run of each variant, interleaved so drift hits all alike."""
    samples: dict[str, list[int]] = {name: [] for name in variants}
    for iteration in range(WARMUP + iterations):
        for name, variant in variants.items():
            before_each()
            fresh_event = copy.deepcopy(event)
            started = time.process_time_ns()
            variant(fresh_event)
            spent = time.process_time_ns() - started
            if iteration >= WARMUP:
                samples[name].append(spent)
    return samples


def _figure(function: str, samples: dict[str, list[int]], operations: str) -> Figure:
    h50, h99 = _percentile(samples["handler"], 0.50), _percentile(samples["handler"], 0.99)
    b50, b99 = _percentile(samples["bare"], 0.50), _percentile(samples["bare"], 0.99)
    f50 = _percentile(samples["floor"], 0.50)
    return Figure(
        SECTION,
        function,
        f"{h50 / b50:.2f}x p50, {h99 / b99:.2f}x p99 "
        f"({h50:.0f}/{h99:.0f} vs {b50:.0f}/{b99:.0f} us; floor stack {f50 / b50:.2f}x)",
        f"<= {BUDGET_RATIO}x (p50)",
        h50 / b50 <= BUDGET_RATIO,
        {
            "handlerP50Us": h50,
            "handlerP99Us": h99,
            "bareP50Us": b50,
            "bareP99Us": b99,
            "floorStackP50Us": f50,
            "ratioP50": round(h50 / b50, 3),
            "ratioP99": round(h99 / b99, 3),
            "floorStackRatioP50": round(f50 / b50, 3),
            "handlerMeanUs": round(statistics.fmean(samples["handler"]) / 1000, 1),
            "bareCalls": operations,
            "iterations": len(samples["bare"]),
        },
    )


def run_stubbed(outcome: Outcome, log: Callable[[str], None]) -> list[Figure]:
    created = 0
    original_create_client = botocore.session.Session.create_client

    def counting_create_client(self: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal created
        created += 1
        return original_create_client(self, *args, **kwargs)

    figures = []
    with (
        Stubber(dynamo.client()) as stubber,
        mock.patch.object(botocore.session.Session, "create_client", counting_create_client),
    ):
        for function in invoke.FUNCTIONS:
            calls = outcome.success_calls[function]

            def queue_answers(calls: list[Call] = calls) -> None:
                stubber.assert_no_pending_responses()
                for call in calls:
                    stubber.add_response(xform_name(call.operation), copy.deepcopy(call.response))

            request = outcome.success_requests[function]
            variants = _variants(function, request, calls)
            samples = _measure(variants, invoke.event(request), ITERATIONS, queue_answers)
            operations = ", ".join(call.operation for call in calls)
            figures.append(_figure(function, samples, operations))
            log(f"warm {function}")
    requests = 2 * (WARMUP + ITERATIONS) * len(invoke.FUNCTIONS)
    figures.append(
        Figure(
            SECTION,
            "DynamoDB clients created during warm requests",
            f"{created} in {requests} requests",
            "0",
            created == 0,
            {"created": created, "requests": requests},
        )
    )
    return figures


def run_real(outcome: Outcome) -> list[Figure]:
    """The same ratio with real calls to DynamoDB Local (signing, HTTP, parsing): context for
    the stubbed figures, whose bare calls skip all three. Not budgeted."""
    figures = []
    for function in REAL_ROUTES:
        calls = outcome.success_calls[function]
        request = outcome.success_requests[function]
        variants = _variants(function, request, calls)
        samples = _measure(variants, invoke.event(request), REAL_ITERATIONS, lambda: None)
        figure = _figure(f"{function}, real DynamoDB Local calls", samples, "")
        figure.budget, figure.passed = "(context)", None
        figures.append(figure)
    return figures
