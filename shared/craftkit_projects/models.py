"""Request bodies (pydantic) and the mapping of their validation errors to the `issues` shape
of the error envelope: {"formErrors": [...], "fieldErrors": {"name": [...]}}."""

import re
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from craftkit_projects.errors import InvalidRequestError

PROJECT_NAME_MAX = 120
KEY_NAME_MAX = 200
DEFAULT_KEY_NAME = "API key"

# Unicode's control characters (category Cc), and lone surrogates (Cs), which JSON's \ud800
# escapes can produce and no storage encoding accepts.
_REFUSED_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _name_rule(max_length: int) -> AfterValidator:
    def check(value: str) -> str:
        value = value.strip()
        if not 1 <= len(value) <= max_length:
            raise PydanticCustomError(
                "name_length", f"Must be 1 to {max_length} characters after trimming."
            )
        if _REFUSED_CHARACTERS.search(value):
            raise PydanticCustomError("name_characters", "Must not contain control characters.")
        return value

    return AfterValidator(check)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ProjectNameBody(_Body):
    """POST /v1/projects and PATCH /v1/projects/{id}."""

    name: Annotated[str, _name_rule(PROJECT_NAME_MAX)]


class KeyNameBody(_Body):
    """POST /v1/projects/{id}/keys; the body and its name are optional."""

    name: Annotated[str, _name_rule(KEY_NAME_MAX)] = DEFAULT_KEY_NAME


_MESSAGES = {
    "missing": "Required.",
    "string_type": "Expected a string.",
    "model_type": "Expected a JSON object.",
    "dict_type": "Expected a JSON object.",
}


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _invalid_request(error) from None


def _invalid_request(error: ValidationError) -> InvalidRequestError:
    form_errors: list[str] = []
    field_errors: dict[str, list[str]] = {}
    for issue in error.errors(include_url=False, include_input=False):
        location = issue["loc"]
        if issue["type"] == "extra_forbidden":
            form_errors.append(f"Unrecognized key: {location[0]!r}.")
        elif not location:
            form_errors.append(_MESSAGES.get(issue["type"], issue["msg"]))
        else:
            message = _MESSAGES.get(issue["type"], issue["msg"])
            field_errors.setdefault(str(location[0]), []).append(message)
    return InvalidRequestError(
        "The request body is invalid.", form_errors=form_errors, field_errors=field_errors
    )
