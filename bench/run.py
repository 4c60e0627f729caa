"""`make bench`: every figure of issue 4 in one run, printed with its budget and written to
bench/results.json. Starts and stops its own DynamoDB Local; needs network only for pip (the
layer's wheels). Exits 0 whatever the budgets say: timings are reported, never asserted."""

import datetime as dt
import sys
import time
from collections.abc import Callable

from bench import cold_start, invoke, list_cost, local_stack, package_size, report, warm
from bench.report import Figure


def _logger(started: float) -> Callable[[str], None]:
    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    return log


def main() -> int:
    started = time.monotonic()
    log = _logger(started)
    figures: list[Figure] = []

    # Cold starts first, while no DynamoDB Local competes for the two cores.
    log("cold starts")
    cold = cold_start.run(log)

    with local_stack.running_dynamodb() as server:
        log(f"{server.engine} on {server.endpoint_url}")
        # Imported only now: the layer reads its settings and endpoint at first use.
        from bench import calls
        from bench.metering import CallMeter
        from craftkit_projects import dynamo

        for function in invoke.FUNCTIONS:
            invoke.handler_module(function)
        invoke.silence_logs()
        meter = CallMeter(dynamo.client())
        seed_client = local_stack.admin_client(server.endpoint_url)

        log("DynamoDB calls per route")
        outcome = calls.run(meter, log)
        figures += outcome.figures
        log("list cost against table size")
        figures += list_cost.run(meter, seed_client, log)
        meter.detach()
        log("warm requests against DynamoDB Local (context)")
        real = warm.run_real(outcome)
        engine = server.engine

    figures += cold
    log("warm requests, stubbed")
    figures += warm.run_stubbed(outcome, log) + real
    log("package sizes")
    figures += package_size.run(log)

    elapsed = time.monotonic() - started
    report.print_table(figures)
    report.write_json(
        figures,
        {
            "finishedAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "wallSeconds": round(elapsed, 1),
            "dynamodbEngine": engine,
        },
    )
    print(f"\nbench: {elapsed:.0f} s; figures in {report.RESULTS_PATH.name}")
    if engine != "DynamoDB Local":
        print(
            f"WARNING: ran against {engine}, not DynamoDB Local: capacity figures are not "
            "DynamoDB's",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
