"""Slugs: kebab-case of a project's name, transliterated to ASCII.

anyascii does the transliteration (Привет -> Privet, Ünïcödé -> Unicode); joining the ASCII
words with hyphens is two regular expressions, not worth a dependency.
"""

import re

from anyascii import anyascii

MAX_LENGTH = 64
# For a name with no usable letters or digits ("!!!", "   ·").
FALLBACK = "project"

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    words = _NOT_ALNUM.sub("-", anyascii(name).lower()).strip("-")
    return _truncate(words, MAX_LENGTH) or FALLBACK


def with_suffix(base: str, number: int) -> str:
    """`base-number`, shortening the base so the whole slug stays within MAX_LENGTH."""
    suffix = f"-{number}"
    return (_truncate(base, MAX_LENGTH - len(suffix)) or FALLBACK) + suffix


def _truncate(slug: str, length: int) -> str:
    return slug[:length].rstrip("-")
