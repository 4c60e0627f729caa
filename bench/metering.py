"""Counting the DynamoDB calls a piece of code makes, and the capacity they consume.

Hooks on the layer's one client (`craftkit_projects.dynamo.client()`) add
`ReturnConsumedCapacity: TOTAL` to every operation that takes it and record each call after it
returns, so production code is measured untouched. Outside `measure()` nothing is recorded.
"""

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Call:
    operation: str
    params: dict[str, Any]
    capacity: float | None  # None when DynamoDB reported none (a failed call)
    error: str | None
    response: dict[str, Any]


@dataclass
class Measurement:
    calls: list[Call] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.calls)

    @property
    def capacity(self) -> float:
        return sum(call.capacity or 0.0 for call in self.calls)

    @property
    def unreported(self) -> int:
        """Calls whose capacity DynamoDB did not report (failed conditions, cancellations)."""
        return sum(1 for call in self.calls if call.capacity is None)

    def summary(self) -> dict[str, Any]:
        return {
            "calls": self.count,
            "capacityUnits": round(self.capacity, 2),
            "operations": [
                call.operation + (f" ({call.error})" if call.error else "") for call in self.calls
            ],
            "callsWithoutReportedCapacity": self.unreported,
        }


def _capacity(parsed: dict[str, Any]) -> float | None:
    consumed = parsed.get("ConsumedCapacity")
    if consumed is None:
        return None
    entries = consumed if isinstance(consumed, list) else [consumed]
    return float(sum(entry.get("CapacityUnits", 0.0) for entry in entries))


class CallMeter:
    """Attach once to a botocore DynamoDB client; then `with meter.measure() as m: ...`."""

    def __init__(self, client: Any) -> None:
        self._current: Measurement | None = None
        self._params: list[dict[str, Any]] = []
        self._events = client.meta.events
        self._events.register("provide-client-params.dynamodb", self._ask_for_capacity)
        self._events.register("after-call.dynamodb", self._record)

    def detach(self) -> None:
        self._events.unregister("provide-client-params.dynamodb", self._ask_for_capacity)
        self._events.unregister("after-call.dynamodb", self._record)

    @contextmanager
    def measure(self) -> Iterator[Measurement]:
        self._current = Measurement()
        self._params = []
        try:
            yield self._current
        finally:
            self._current = None

    def _ask_for_capacity(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        if self._current is None:
            return
        # Kept as the caller passed them, for replaying the same call without the hook.
        self._params.append(copy.deepcopy(params))
        if "ReturnConsumedCapacity" in model.input_shape.members:
            params.setdefault("ReturnConsumedCapacity", "TOTAL")

    def _record(self, http_response: Any, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        if self._current is None:
            return
        error = parsed.get("Error", {}).get("Code") if "Error" in parsed else None
        params = self._params.pop(0) if self._params else {}
        response = {
            k: v for k, v in parsed.items() if k not in ("ResponseMetadata", "ConsumedCapacity")
        }
        self._current.calls.append(
            Call(model.name, params, _capacity(parsed), error, copy.deepcopy(response))
        )
