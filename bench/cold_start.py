"""3. Cold start: a fresh interpreter imports a function's handler module as Lambda does
(`app` on the function's own path, the layer on the path) and makes its first DynamoDB client.
Runs are interleaved with the floor script (floor.py) and compared by their medians.

The budget is judged on CPU time: on a shared two-core machine the wall time of a 300 ms import
swings with whatever else runs, while a Lambda sandbox has its cores to itself. Wall time is
reported beside it."""

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench import invoke
from bench.local_stack import lambda_environment
from bench.report import Figure

SECTION = "3. Cold start: import + first client, median of {runs} fresh interpreters"
ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
RUNS = 7
BUDGET_RATIO = 1.2
HEAVY_MODULES = (
    "aws_xray_sdk",
    "boto3",
    "boto3.resources",
    "aws_lambda_powertools.utilities.parser",
    "aws_lambda_powertools.utilities.parser.envelopes",
)

# Timed from the first statement to the first client; interpreter start-up is the same for all.
_PROBE = """
import json, sys, time
started, cpu_started = time.perf_counter(), time.process_time()
{work}
cpu_ms = (time.process_time() - cpu_started) * 1000
wall_ms = (time.perf_counter() - started) * 1000
heavy = [name for name in {heavy!r} if name in sys.modules]
modules = sorted(sys.modules)
print(json.dumps({{"cpuMs": cpu_ms, "wallMs": wall_ms, "heavy": heavy, "modules": modules}}))
"""
_FLOOR_WORK = "import floor"
_FUNCTION_WORK = "import app\nfrom craftkit_projects import dynamo\ndynamo.client()"


def _probe(target: str) -> dict:
    if target == "floor":
        path, work = [BENCH_DIR], _FLOOR_WORK
        env_function = None
    else:
        path, work = [ROOT / "functions" / target, ROOT / "shared"], _FUNCTION_WORK
        env_function = target
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join(str(p) for p in path),
        **lambda_environment(env_function),
    }
    code = _PROBE.format(work=work, heavy=HEAVY_MODULES)
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"cold start of {target} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _by_package(modules: set[str]) -> dict[str, int]:
    """How many of `modules` each top-level package brings."""
    counts: dict[str, int] = {}
    for name in sorted(modules):
        package = name.split(".")[0]
        counts[package] = counts.get(package, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


def run(log: Callable[[str], None]) -> list[Figure]:
    targets = ["floor", *invoke.FUNCTIONS]
    for target in targets:  # compile bytecode and warm the page cache; not counted
        _probe(target)
    cpu: dict[str, list[float]] = {target: [] for target in targets}
    wall: dict[str, list[float]] = {target: [] for target in targets}
    modules: dict[str, set[str]] = {}
    heavy: dict[str, list[str]] = {}
    for round_number in range(RUNS):
        shift = round_number % len(targets)
        for target in targets[shift:] + targets[:shift]:
            result = _probe(target)
            cpu[target].append(result["cpuMs"])
            wall[target].append(result["wallMs"])
            modules[target] = set(result["modules"])
            heavy[target] = result["heavy"]
        log(f"cold start round {round_number + 1}/{RUNS}")

    section = SECTION.format(runs=RUNS)
    floor_cpu, floor_wall = statistics.median(cpu["floor"]), statistics.median(wall["floor"])
    figures = [
        Figure(
            section,
            "floor (bench/floor.py)",
            f"{floor_cpu:.0f} ms CPU, {floor_wall:.0f} ms wall, {len(modules['floor'])} modules",
            data=_timing(cpu["floor"], wall["floor"]) | {"heavyModules": heavy["floor"]},
        )
    ]
    for function in invoke.FUNCTIONS:
        median = statistics.median(cpu[function])
        ratio = median / floor_cpu
        wall_ratio = statistics.median(wall[function]) / floor_wall
        extra = modules[function] - modules["floor"]
        heavy_text = ", ".join(heavy[function]) or "none"
        heavy_text += "" if not heavy["floor"] else f" (floor: {', '.join(heavy['floor'])})"
        figures.append(
            Figure(
                section,
                function,
                f"{ratio:.2f}x ({median:.0f} ms CPU, wall {wall_ratio:.2f}x; "
                f"+{len(extra)} modules; heavy: {heavy_text})",
                f"<= {BUDGET_RATIO}x floor (CPU)",
                ratio <= BUDGET_RATIO,
                _timing(cpu[function], wall[function])
                | {
                    "cpuRatioToFloor": round(ratio, 3),
                    "wallRatioToFloor": round(wall_ratio, 3),
                    "heavyModules": heavy[function],
                    "modulesBeyondFloor": len(extra),
                    "packagesBeyondFloor": _by_package(extra),
                },
            )
        )
    return figures


def _timing(cpu: list[float], wall: list[float]) -> dict[str, object]:
    return {
        "medianCpuMs": round(statistics.median(cpu), 1),
        "medianWallMs": round(statistics.median(wall), 1),
        "runsCpuMs": [round(value, 1) for value in cpu],
        "runsWallMs": [round(value, 1) for value in wall],
    }
