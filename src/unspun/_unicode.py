"""Lone surrogates: half of a UTF-16 pair, which JSON's ``\\uXXXX`` escapes and Python's
``surrogateescape`` (undecodable file names) put in a ``str``, but which no UTF-8 writer
(JSON output, SQLite, a terminal) accepts. Readers, ``check()`` and the index refuse them
where they come in, with one message, rather than fail when a report is written."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def lone_surrogate_at(value: str) -> int | None:
    """Where the first lone surrogate of ``value`` is, or None."""
    if value.isascii():  # constant time in CPython: the common case costs nothing
        return None
    try:
        value.encode("utf-8")  # UTF-8 refuses surrogates, and nothing else
    except UnicodeEncodeError as error:
        return error.start
    return None


def describe_lone_surrogate(value: str) -> str | None:
    """"a lone surrogate (\\ud800) at character 2: not valid Unicode" for a ``value`` holding
    one, else None."""
    at = lone_surrogate_at(value)
    if at is None:
        return None
    return f"a lone surrogate (\\u{ord(value[at]):04x}) at character {at}: not valid Unicode"


def strings_in(value: Any) -> Iterator[str]:
    """Every ``str`` in ``value`` and the mappings, lists and tuples nested in it (keys too).

    A stack, not recursion: how deep a value nests is its writer's choice (json.loads nests
    as deep as its C parser allows, which need not match Python's recursion limit)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, Mapping):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)


def safe_text(value: str) -> str:
    """``value`` printable and storable: the undecodable bytes of a file name (which
    ``surrogateescape`` carries as lone surrogates) written out as ``\\xff``, other lone
    surrogates as ``\\ud800``. For the names unspun makes from paths."""
    if lone_surrogate_at(value) is None:
        return value
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate surrogateescape did not make
        return "".join(f"\\u{ord(char):04x}" if "\ud800" <= char <= "\udfff" else char for char in value)
