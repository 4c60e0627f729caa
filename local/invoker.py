"""Routing a request to its function and invoking the handler as Lambda would."""

import threading
import time
from typing import Any

from craftkit_local import handlers
from craftkit_local.lambda_context import LambdaContext
from craftkit_local.proxy_event import match
from craftkit_local.template import Function, Template


class Invoker:
    """Runs handlers in the caller's thread, one request at a time per function.

    Each function behaves like a single warm container: a request to a function that is busy
    waits until the one before it is answered. Different functions run in parallel.
    Limitation: Lambda would start more containers; here a burst to one function is served
    in series, so its latencies add up. Kept because a handler may hold per-request state in
    module globals (Powertools' resolver holds the current event).
    """

    def __init__(self, template: Template) -> None:
        self.template = template
        self._locks = {f.logical_id: threading.Lock() for f in template.functions}

    def route(self, method: str, path: str) -> tuple[Function, dict[str, str]] | None:
        """The function serving `method path` and its path parameters, or None."""
        for function in self.template.functions:
            if function.route is None or function.route.method != method:
                continue
            parameters = match(function.route, path)
            if parameters is not None:
                return function, parameters
        return None

    def invoke(self, function: Function, event: dict[str, Any]) -> Any:
        with self._locks[function.logical_id]:
            handler = handlers.load_handler(function)
            started = time.monotonic()
            response = handler(event, LambdaContext(function))
        # Lambda would have stopped the handler at its Timeout; we can only refuse the result.
        if time.monotonic() - started > function.timeout_s:
            raise TimeoutError(f"{function.logical_id} ran past its {function.timeout_s} s")
        return response
