"""Key formats, generation and hashing.

Keys are `prefix + base62` drawn from the `secrets` CSPRNG. Only the SHA-256 hex digest of a key
is ever stored; the plaintext exists in memory at minting and in the one response that shows it.
"""

import hashlib
import re
import secrets
import string

BASE62 = string.digits + string.ascii_letters

ACCOUNT_KEY_PREFIX = "ck_acct_"
ACCOUNT_KEY_LENGTH = 24
PROJECT_KEY_PREFIX = "ck_live_"
PROJECT_KEY_LENGTH = 32
# How many random characters a project key's public `prefix` shows.
DISPLAY_CHARS = 5

ACCOUNT_KEY_PATTERN = re.compile(r"ck_acct_[0-9A-Za-z]{24}")
PROJECT_KEY_PATTERN = re.compile(r"ck_live_[0-9A-Za-z]{32}")


def _random_base62(length: int) -> str:
    """`length` uniform base62 characters from one CSPRNG draw below 62**length: the same
    distribution as a choice per character, at a fifth of the CPU."""
    number = secrets.randbelow(62**length)
    characters = []
    for _ in range(length):
        number, digit = divmod(number, 62)
        characters.append(BASE62[digit])
    return "".join(characters)


def new_account_key() -> str:
    return ACCOUNT_KEY_PREFIX + _random_base62(ACCOUNT_KEY_LENGTH)


def new_project_key() -> str:
    return PROJECT_KEY_PREFIX + _random_base62(PROJECT_KEY_LENGTH)


def display_prefix(key: str) -> str:
    """The part of a key that may be shown again: its type prefix and 5 random characters."""
    type_prefix = key[: key.index("_", 3) + 1]
    return key[: len(type_prefix) + DISPLAY_CHARS]


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def is_account_key(token: str) -> bool:
    return ACCOUNT_KEY_PATTERN.fullmatch(token) is not None


def is_project_key(token: str) -> bool:
    return PROJECT_KEY_PATTERN.fullmatch(token) is not None
