"""Configuration read from the environment once, at first use, and validated."""

import functools
import os

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    projects_table: str = Field(min_length=3, max_length=255)
    account_keys_table: str = Field(min_length=3, max_length=255)
    # Only the create function is given this table (see template.yaml).
    idempotency_table: str | None = None


@functools.cache
def settings() -> Settings:
    return Settings(
        projects_table=os.environ.get("CRAFTKIT_PROJECTS_TABLE", ""),
        account_keys_table=os.environ.get("CRAFTKIT_ACCOUNT_KEYS_TABLE", ""),
        idempotency_table=os.environ.get("CRAFTKIT_IDEMPOTENCY_TABLE") or None,
    )
