"""Strict conversion of parsed configuration (TOML, JSON) into frozen dataclass models.

Every key is checked against the model's fields: an unknown key is a problem (so a misspelt key
cannot leave a default silently in force), a missing key without a default is a problem, a value
of the wrong type is a problem. Problems are collected, not raised one at a time, each naming the
dotted key, the value and what was expected. Supported field types: ``str``, ``int``, ``float``,
``bool``, ``datetime.date``, ``tuple[T, ...]``, ``T | None``, nested dataclasses, and any type
given a parser from text (e.g. an interval such as ``"3 months"``).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import MISSING, fields, is_dataclass
from typing import Any


def to_model(
    kind: type, value: Any, *, parsers: Mapping[type, Callable[[str], Any]] | None = None
) -> tuple[Any, list[str]]:
    """``value`` converted to ``kind``, and the problems found (the model is None if any).

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Standard:
    ...     every: int
    ...     source: str
    >>> to_model(Standard, {"every": 6, "source": "Knowsley"})
    (Standard(every=6, source='Knowsley'), [])
    >>> to_model(Standard, {"evry": 6, "source": ""})[1]
    ['evry: unknown key', 'every: missing', 'source: expected text, got an empty string']
    """
    problems: list[str] = []
    model = _convert(kind, value, "", problems, parsers or {})
    return (None if problems else model), problems


def _convert(
    kind: Any,
    value: Any,
    key: str,
    problems: list[str],
    parsers: Mapping[type, Callable[[str], Any]],
) -> Any:
    where = key or "(top level)"
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        return _convert(options[0], value, key, problems, parsers)
    if origin is tuple:
        if not isinstance(value, list):
            problems.append(f"{where}: expected a list, got {value!r}")
            return ()
        item_kind = typing.get_args(kind)[0]
        return tuple(
            _convert(item_kind, item, f"{key}[{index}]", problems, parsers)
            for index, item in enumerate(value)
        )
    if kind in parsers:
        if not isinstance(value, str):
            problems.append(f"{where}: expected text such as '3 months', got {value!r}")
            return None
        try:
            return parsers[kind](value)
        except ValueError as error:
            problems.append(f"{where}: expected {error}, got {value!r}")
            return None
    if is_dataclass(kind):
        return _convert_model(kind, value, key, problems, parsers)
    accepted = (int, float) if kind is float else (kind,)
    if not isinstance(value, accepted) or (kind is not bool and isinstance(value, bool)):
        problems.append(f"{where}: expected {kind.__name__}, got {value!r}")
        return None
    if isinstance(value, str) and not value.strip():
        problems.append(f"{where}: expected text, got an empty string")
    return float(value) if kind is float else value


def _convert_model(
    kind: Any,
    value: Any,
    key: str,
    problems: list[str],
    parsers: Mapping[type, Callable[[str], Any]],
) -> Any:
    if not isinstance(value, dict):
        problems.append(f"{key or '(top level)'}: expected a table, got {value!r}")
        return None
    hints = typing.get_type_hints(kind)
    declared = {field.name: field for field in fields(kind)}
    for unknown in sorted(set(value) - set(declared)):
        problems.append(f"{_join(key, unknown)}: unknown key")
    arguments = {}
    for name, field in declared.items():
        if name in value:
            arguments[name] = _convert(
                hints[name], value[name], _join(key, name), problems, parsers
            )
        elif field.default is MISSING and field.default_factory is MISSING:
            problems.append(f"{_join(key, name)}: missing")
    return None if problems else kind(**arguments)


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name
