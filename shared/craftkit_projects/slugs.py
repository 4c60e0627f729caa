"""Slugs: kebab-case of a project's name, transliterated to ASCII.

anyascii does the transliteration (Привет -> Privet, Ünïcödé -> Unicode); joining the ASCII
words with hyphens is two regular expressions, not worth a dependency.
"""

import re

from anyascii import anyascii

MAX_LENGTH = 64
# For a name with no usable letters or digits ("!!!", "   ·").
FALLBACK = "project"

# Room kept after a stem for "-" and up to six digits.
SUFFIX_ROOM = 7

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SUFFIXED = re.compile(r"(.+)-([1-9][0-9]{0,5})")


def slugify(name: str) -> str:
    words = _NOT_ALNUM.sub("-", anyascii(name).lower()).strip("-")
    return _truncate(words, MAX_LENGTH) or FALLBACK


def stem(base: str) -> str:
    """What a suffix is added to: the base, cut to leave room for a suffix of up to six
    digits. Long names that share a stem share its counter, so their suffixes never meet."""
    return _truncate(base, MAX_LENGTH - SUFFIX_ROOM) or FALLBACK


def with_suffix(base: str, number: int) -> str:
    """`stem-number`, within MAX_LENGTH (past six digits the stem gives way)."""
    suffix = f"-{number}"
    return (_truncate(stem(base), MAX_LENGTH - len(suffix)) or FALLBACK) + suffix


def as_suffixed(slug: str) -> tuple[str, int] | None:
    """(stem, number) when `slug` is what with_suffix would give for that stem: the slug of a
    name such as "Widget 2" occupies a suffix of "widget"."""
    match = _SUFFIXED.fullmatch(slug)
    if match is None or stem(match.group(1)) != match.group(1):
        return None
    return match.group(1), int(match.group(2))


def _truncate(slug: str, length: int) -> str:
    return slug[:length].rstrip("-")
