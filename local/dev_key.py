"""The development account's key for `make run`, the same one on every restart.

The table keeps only a key's hash, so the plaintext is kept beside the local database in a
file only its owner can read; it is minted again if that file or its key is gone.
"""

import os
from pathlib import Path

from craftkit_admin import account_keys
from craftkit_projects import account_keys_store, keys

DEV_ACCOUNT = "dev-account"


def _still_valid(plaintext: str) -> bool:
    if not keys.is_account_key(plaintext):
        return False
    return account_keys_store.active_account_for(keys.hash_key(plaintext)) == DEV_ACCOUNT


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as stream:
        stream.write(text + "\n")
    os.replace(partial, path)


def ensure_dev_key(path: Path) -> str:
    """The dev account's active key: the one stored at `path`, or a new one stored there."""
    if path.exists():
        plaintext = path.read_text().strip()
        if _still_valid(plaintext):
            return plaintext
    plaintext = account_keys.create_key(DEV_ACCOUNT)
    _write_private(path, plaintext)
    return plaintext
