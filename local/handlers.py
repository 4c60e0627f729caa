"""Function handlers loaded from CodeUri + Handler, as the Lambda runtime would find them.

Every function's module is named app.py, so each is imported under a name of its own
(craftkit_function_<LogicalId>) instead of `app`, which would give every route the first one.
"""

import importlib.util
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from craftkit_local.template import Function

Handler = Callable[[dict[str, Any], Any], Any]

_loaded: dict[str, Handler] = {}
_loading = threading.Lock()


def handler_file(function: Function) -> tuple[Path, str]:
    """The handler's source file and attribute: app.lambda_handler -> (<CodeUri>/app.py, ...)."""
    module_path, _, attribute = function.handler.rpartition(".")
    if not module_path or not attribute:
        raise ValueError(f"{function.logical_id}: Handler must be module.function")
    return function.code_uri / (module_path.replace(".", "/") + ".py"), attribute


def module_name(function: Function) -> str:
    return f"craftkit_function_{function.logical_id}"


def _import(function: Function, path: Path) -> ModuleType:
    name = module_name(function)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{function.logical_id}: cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def load_handler(function: Function) -> Handler:
    """The function's handler, imported at its first use (its cold start) and then kept."""
    # Limitation: a function module that imports siblings from its own folder would need
    # that folder on sys.path; ours import only the craftkit_projects layer.
    with _loading:
        if function.logical_id not in _loaded:
            path, attribute = handler_file(function)
            handler = getattr(_import(function, path), attribute)
            if not callable(handler):
                raise TypeError(f"{function.logical_id}: {function.handler} is not callable")
            _loaded[function.logical_id] = handler
        return _loaded[function.logical_id]
