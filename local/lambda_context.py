"""A stand-in for the context object the Lambda Python runtime passes to a handler."""

import time
import uuid

from craftkit_local.environment import REGION
from craftkit_local.template import Function

ACCOUNT_ID = "123456789012"  # the placeholder account id AWS uses in its documentation


class LambdaContext:
    """The attributes and method handlers and Powertools read, with deployed-like values."""

    def __init__(self, function: Function) -> None:
        self.function_name = function.logical_id
        self.function_version = "$LATEST"
        self.invoked_function_arn = (
            f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{function.logical_id}"
        )
        # NOTE: a string, as the real runtime gives it (it reads an environment variable).
        self.memory_limit_in_mb = str(function.memory_mb)
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function.logical_id}"
        self.log_stream_name = f"local/[$LATEST]{uuid.uuid4().hex}"
        self.identity = None
        self.client_context = None
        self._deadline = time.monotonic() + function.timeout_s

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))
