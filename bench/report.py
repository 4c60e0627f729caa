"""Bench figures with their budgets: the printed table and bench/results.json."""

import json
import os
import platform
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RESULTS_PATH = Path(__file__).resolve().parent / "results.json"


@dataclass
class Figure:
    """One measured figure. `passed` is None for figures shown for information only."""

    section: str
    name: str
    value: str
    budget: str = ""
    passed: bool | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: ""}[self.passed]


def print_table(figures: list[Figure]) -> None:
    name_width = max(len(f.name) for f in figures)
    value_width = max(len(f.value) for f in figures)
    budget_width = max(len(f.budget) for f in figures)
    section = None
    for figure in figures:
        if figure.section != section:
            section = figure.section
            print(f"\n{section}")
        print(
            f"  {figure.name:<{name_width}}  {figure.value:<{value_width}}  "
            f"{figure.budget:<{budget_width}}  {figure.verdict}".rstrip()
        )
    failed = [f for f in figures if f.passed is False]
    checked = [f for f in figures if f.passed is not None]
    print(f"\n{len(checked) - len(failed)} of {len(checked)} budgets met.")
    for figure in failed:
        section_number = figure.section.split(".")[0]
        print(f"  FAIL in {section_number}: {figure.name} (budget {figure.budget})")


def write_json(figures: list[Figure], meta: dict[str, Any], path: Path = RESULTS_PATH) -> None:
    document = {
        "meta": {
            "python": sys.version.split()[0],
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            **meta,
        },
        "budgetsMet": all(f.passed is not False for f in figures),
        "figures": [asdict(f) for f in figures],
    }
    path.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")
