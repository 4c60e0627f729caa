"""Domain errors. Each API error carries its HTTP status and public code; `api.py` turns them
into the one error envelope. Storage errors never leave the layer's repository modules."""

from typing import Any


class ApiError(Exception):
    status = 500
    code = "internal"
    message = "Internal error."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message

    def body_fields(self) -> dict[str, Any]:
        return {}


class UnauthorizedError(ApiError):
    status = 401
    code = "unauthorized"
    message = "A valid account key is required: Authorization: Bearer ck_acct_..."


class NotFoundError(ApiError):
    status = 404
    code = "not_found"
    message = "Not found."


class InvalidJsonError(ApiError):
    status = 400
    code = "invalid_json"
    message = "The request body is not valid JSON."


class InvalidRequestError(ApiError):
    status = 422
    code = "invalid_request"
    message = "The request is invalid."

    def __init__(
        self,
        message: str | None = None,
        *,
        form_errors: list[str] | None = None,
        field_errors: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.form_errors = form_errors if form_errors is not None else [self.message]
        self.field_errors = field_errors or {}

    def body_fields(self) -> dict[str, Any]:
        return {"issues": {"formErrors": self.form_errors, "fieldErrors": self.field_errors}}


class ConflictError(ApiError):
    status = 409
    code = "conflict"
    message = "The request conflicts with another one; retry it."


_TRANSIENT_REASONS = frozenset({"TransactionConflict", "ThrottlingError"})


class StorageConflictError(Exception):
    """A DynamoDB condition expression failed (raised by dynamo.call)."""


class TransactionCancelledError(Exception):
    """A DynamoDB transaction was cancelled; `reasons` has one code per item, in order."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(", ".join(reasons))
        self.reasons = reasons

    def failed_condition_at(self, index: int) -> bool:
        return len(self.reasons) > index and self.reasons[index] == "ConditionalCheckFailed"

    @property
    def transient(self) -> bool:
        """Cancelled only by concurrent writes to the same items, or by throttling: nothing was
        written and no condition failed, so the same transaction may be sent again."""
        return set(self.reasons) - {"None"} <= _TRANSIENT_REASONS


class ContendedError(Exception):
    """Concurrent writes kept cancelling a transaction; retrying the operation may succeed."""


class SlugTakenError(Exception):
    """The slug is claimed: some project of the account has used it, deleted or not."""
