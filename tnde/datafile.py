"""Typed, strict reading of TOML data files (profiles, templates, drafts).

Every accessor knows the file and the dotted key it reads, so an error always names the file,
the key and the problem. Unknown keys are errors too: a typo in a profile must not silently
fall back to a default.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tnde.errors import DataFileError
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

T = TypeVar("T")
_MISSING: Any = object()


#: The largest input file read by default, in megabytes (``TNDE_MAX_INPUT_MB`` changes it):
#: a letter, a scan or a certificate is far smaller, and ``/dev/zero`` would never end.
DEFAULT_INPUT_LIMIT_MB = 100


def input_limit() -> int:
    """The largest input file, in bytes: ``TNDE_MAX_INPUT_MB`` megabytes, 100 by default."""
    text = os.environ.get("TNDE_MAX_INPUT_MB", "")
    megabytes = int(text) if text.isdigit() and int(text) > 0 else DEFAULT_INPUT_LIMIT_MB
    return megabytes * 1024 * 1024


def read_input(path: Path | str, *, limit: int | None = None) -> bytes:
    """The bytes of a file the user named, refusing what is not a regular file (a device, a
    pipe, a folder) and reading no more than ``limit`` bytes (default :func:`input_limit`).

    Raises:
        DataFileError: missing, unreadable, not a regular file, or larger than the limit,
            naming the file and the limit.
    """
    path = Path(path)
    limit = input_limit() if limit is None else limit
    try:
        # O_NONBLOCK: opening a named pipe would otherwise wait for a writer, forever; the
        # fstat below refuses it (a regular file reads the same either way)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise DataFileError(
                    str(path), "", _("not a regular file (a folder, a device or a pipe)")
                )
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise DataFileError(str(path), "", _("file not found")) from None
    except IsADirectoryError:
        raise DataFileError(
            str(path), "", _("not a regular file (a folder, a device or a pipe)")
        ) from None
    except OSError as exc:
        raise DataFileError(
            str(path), "", _("cannot read file: {strerror}", strerror=exc.strerror or exc)
        ) from None
    if len(data) > limit:
        raise DataFileError(
            str(path),
            "",
            _(
                "larger than {megabytes} MB, the limit for an input file "
                "(TNDE_MAX_INPUT_MB changes it)",
                megabytes=limit // (1024 * 1024),
            ),
        )
    return data


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads``, with tables or arrays nested too deep for the parser reported as a
    :class:`tomllib.TOMLDecodeError` like any other malformed file (the parser recurses, and a
    hostile file of a few kilobytes would otherwise end in ``RecursionError``)."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError(_("tables or arrays nested too deeply")) from None


def load_toml(path: Path, error: type[DataFileError] = DataFileError) -> dict[str, Any]:
    """Read a TOML file, turning I/O and syntax problems into ``error`` naming the file."""
    try:
        raw = read_input(path)
    except DataFileError as exc:
        raise error(str(path), "", exc.problem) from None
    try:
        return parse_toml(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise error(str(path), "", _("not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as exc:
        raise error(str(path), "", _("malformed TOML: {exc}", exc=exc)) from None


class Table:
    """A TOML table being read: accessors pop keys, :meth:`done` rejects what is left."""

    def __init__(
        self,
        data: dict[str, Any],
        source: str,
        prefix: str = "",
        error: type[DataFileError] = DataFileError,
    ) -> None:
        self._data = dict(data)
        self.source = source
        self.prefix = prefix
        self.error = error

    # -- naming and failing -------------------------------------------------------------------

    def key_path(self, key: str) -> str:
        """The dotted path of ``key`` inside the file."""
        return f"{self.prefix}.{key}" if self.prefix else key

    def fail(self, key: str, problem: str) -> DataFileError:
        """An error about ``key`` of this table, ready to raise."""
        return self.error(self.source, self.key_path(key) if key else self.prefix, problem)

    def has(self, key: str) -> bool:
        """Whether ``key`` is present (and not yet read)."""
        return key in self._data

    def names(self) -> list[str]:
        """The keys not yet read."""
        return list(self._data)

    # -- scalars ------------------------------------------------------------------------------

    def _take(self, key: str, kind: type | tuple[type, ...], kind_name: str, default: Any) -> Any:
        if key not in self._data:
            if default is _MISSING:
                raise self.fail(key, _("required key is missing"))
            return default
        value = self._data.pop(key)
        # bool is a subclass of int: never accept true/false where a number is meant.
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(key, _("expected {kind_name}, got a boolean", kind_name=kind_name))
        if not isinstance(value, kind):
            raise self.fail(
                key,
                _("expected {kind_name}, got {found}", kind_name=kind_name, found=_describe(value)),
            )
        return value

    def text(self, key: str, default: Any = _MISSING, *, nonempty: bool = False) -> Any:
        """A string value; ``nonempty`` rejects blank strings."""
        value = self._take(key, str, _("text"), default)
        if nonempty and isinstance(value, str) and not value.strip():
            raise self.fail(key, _("must not be empty"))
        return value

    def flag(self, key: str, default: Any = _MISSING) -> Any:
        """A boolean value."""
        return self._take(key, bool, _("true or false"), default)

    def integer(
        self,
        key: str,
        default: Any = _MISSING,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> Any:
        """An integer value, optionally bounded."""
        value = self._take(key, int, _("a whole number"), default)
        if isinstance(value, int):
            _check_range(self, key, value, minimum, maximum)
        return value

    def number(
        self,
        key: str,
        default: Any = _MISSING,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> Any:
        """An integer or float value as float, optionally bounded."""
        value = self._take(key, (int, float), _("a number"), default)
        if isinstance(value, int | float):
            _check_range(self, key, value, minimum, maximum)
            return float(value)
        return value

    def choice(self, key: str, options: tuple[str, ...], default: Any = _MISSING) -> Any:
        """A string that must be one of ``options``."""
        value = self.text(key, default)
        if isinstance(value, str) and value not in options:
            allowed = ", ".join(repr(o) for o in options)
            raise self.fail(
                key, _("{value!r} is not one of {allowed}", value=value, allowed=allowed)
            )
        return value

    def date(self, key: str, default: Any = _MISSING) -> Any:
        """A TOML date (``2026-11-27``); a string in ISO form is accepted too."""
        if key in self._data and isinstance(self._data[key], str):
            text = self._data.pop(key)
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise self.fail(
                    key, _("{text!r} is not a date (use YYYY-MM-DD)", text=text)
                ) from None
        value = self._take(key, dt.date, _("a date (YYYY-MM-DD)"), default)
        if isinstance(value, dt.datetime):
            raise self.fail(key, _("expected a date without a time"))
        return value

    def str_list(self, key: str, default: Any = _MISSING) -> Any:
        """A list of strings."""
        value = self._take(key, list, _("a list of text"), default)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if not isinstance(item, str):
                    raise self.fail(
                        f"{key}[{i}]", _("expected text, got {found}", found=_describe(item))
                    )
            return tuple(value)
        return value

    def raw(self, key: str, default: Any = _MISSING) -> Any:
        """The value as TOML gave it, unchecked (for values checked elsewhere)."""
        if key not in self._data:
            if default is _MISSING:
                raise self.fail(key, _("required key is missing"))
            return default
        return self._data.pop(key)

    # -- nesting ------------------------------------------------------------------------------

    def table(self, key: str, *, required: bool = False) -> Table:
        """A sub-table; an absent optional one reads as empty."""
        value = self._take(key, dict, _("a table"), _MISSING if required else {})
        return Table(value, self.source, self.key_path(key), self.error)

    def tables(self, key: str, *, required: bool = False) -> Iterator[Table]:
        """An array of tables (``[[key]]``)."""
        value = self._take(key, list, _("an array of tables"), _MISSING if required else [])
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(
                    f"{key}[{i}]", _("expected a table, got {found}", found=_describe(item))
                )
            yield Table(item, self.source, f"{self.key_path(key)}[{i}]", self.error)

    def map(self, key: str, convert: Callable[[Table, str], T]) -> dict[str, T]:
        """A table whose keys are free names, each converted by ``convert(table, name)``."""
        sub = self.table(key)
        return {name: convert(sub, name) for name in sub.names()}

    def done(self) -> None:
        """Reject keys that no accessor read: they are typos or unsupported settings."""
        if self._data:
            name = sorted(self._data)[0]
            raise self.fail(name, _("unknown key (misspelt, or not supported here)"))


def _check_range(
    table: Table, key: str, value: float, minimum: float | None, maximum: float | None
) -> None:
    if minimum is not None and value < minimum:
        raise table.fail(
            key, _("{value} is below the minimum {minimum}", value=value, minimum=minimum)
        )
    if maximum is not None and value > maximum:
        raise table.fail(
            key, _("{value} is above the maximum {maximum}", value=value, maximum=maximum)
        )


def _describe(value: object) -> str:
    names = {
        str: _("text"),
        int: _("a number"),
        float: _("a number"),
        bool: _("a boolean"),
        list: _("a list"),
        dict: _("a table"),
        dt.date: _("a date"),
        dt.datetime: _("a date-time"),
    }
    return names.get(type(value), type(value).__name__)
