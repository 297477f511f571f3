"""The Kode Klasifikasi Arsip (KKA) tree: records classification codes with their JRA data.

Pemda use the numeric, dot-separated codes of Permendagri 83/2022 (``000`` Umum →
``000.1`` Ketatausahaan dan Kerumahtanggaan → ``000.1.2`` Perjalanan Dinas Dalam Negeri →
``000.1.2.3`` Perjalanan Dinas Pegawai); ministries use alphabetic codes (``KP.07.6``,
``UM.02.01``, ``HM``). Each code can carry its retention schedule (JRA) and security class
(SKKAAD), so the three instruments line up in one tree.

Offices keep their list as CSV with the columns
``kode,nama,retensi_aktif,retensi_inaktif,nasib_akhir,klas_keamanan`` (only ``kode`` and
``nama`` are required; column order is free and unknown columns are ignored). A starter list
ships in ``resources/kka/kka.csv``; see its README for where the codes come from.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, TypeAlias

from tnde.datafile import read_input
from tnde.errors import DataFileError
from tnde.messages import _
from tnde.resources import resource_path

__all__ = [
    "KKA_CODE_REGEX",
    "NASIB_AKHIR",
    "KkaTree",
    "Klasifikasi",
    "default_kka",
    "load_kka_csv",
    "parent_code",
]

_log = logging.getLogger(__name__)

KKA_CODE_REGEX = r"[0-9]{3}(?:\.[0-9]+)*|[A-Z]{2}(?:\.[0-9]{2})*(?:\.[0-9]+)?"
"""A classification code: digit groups whose first group has three digits (``000.1.2.3``),
or two capitals with two-digit groups and an optional last group (``KP.07.6``, ``KA.220``)."""

NASIB_AKHIR: tuple[str, ...] = ("Musnah", "Permanen", "Dinilai Kembali")
"""Final disposition of a record once its retention ends (JRA)."""

_CODE_RE = re.compile(KKA_CODE_REGEX)
_YEARS_RE = re.compile(r"[0-9]{1,3}")
_COLUMNS = ("kode", "nama", "retensi_aktif", "retensi_inaktif", "nasib_akhir", "klas_keamanan")
_REQUIRED = ("kode", "nama")

_Fail: TypeAlias = Callable[[str], DataFileError]
"""Turns a problem sentence into the error to raise, already naming the file and row."""


@dataclass(frozen=True)
class Klasifikasi:
    """One classification code."""

    kode: str
    """The code, ``"000.1.2.3"``."""
    nama: str
    """Its name, ``"Perjalanan Dinas Pegawai"``."""
    parent: str | None
    """The code one level up (``"000.1.2"``), or ``None`` at the top level."""
    retensi_aktif: int | None = None
    """Years the record stays active, or ``None`` if not given."""
    retensi_inaktif: int | None = None
    """Years it then stays inactive, or ``None`` if not given."""
    nasib_akhir: str | None = None
    """One of :data:`NASIB_AKHIR`, or ``None`` if not given."""
    klas_keamanan: str | None = None
    """Security class as the office writes it ("Biasa/Terbuka", "Terbatas"…), or ``None``."""


def parent_code(kode: str) -> str | None:
    """The code one level up: ``"000.1.2"`` → ``"000.1"``, ``"000"`` → ``None``."""
    return kode.rpartition(".")[0] or None


def _sort_key(kode: str) -> tuple[tuple[tuple[int, int, str], ...], str]:
    # Natural order: 000.1.2 before 000.1.10; the raw code breaks ties such as KP.7/KP.07.
    groups = tuple((0, int(g), "") if g.isdigit() else (1, 0, g) for g in kode.split("."))
    return groups, kode


class KkaTree:
    """An immutable set of classification codes, navigable as a tree.

    Iteration, :meth:`roots`, :meth:`children` and :meth:`search` return codes in natural
    order (``000.1.2`` before ``000.1.10``).
    """

    def __init__(self, items: Iterable[Klasifikasi]) -> None:
        """Build the tree.

        Raises:
            ValueError: a code repeats, or a parent is missing or is not the code's dotted
                prefix. (:func:`load_kka_csv` reports these as :class:`DataFileError` first.)
        """
        by_code: dict[str, Klasifikasi] = {}
        for item in items:
            if item.kode in by_code:
                raise ValueError(f"duplicate code {item.kode}")
            by_code[item.kode] = item
        for item in by_code.values():
            if item.parent is not None and (
                item.parent not in by_code or not item.kode.startswith(item.parent + ".")
            ):
                raise ValueError(f"{item.kode} has a missing or wrong parent {item.parent}")
        self._items = {k: by_code[k] for k in sorted(by_code, key=_sort_key)}
        children: dict[str | None, list[Klasifikasi]] = {}
        for item in self._items.values():
            children.setdefault(item.parent, []).append(item)
        self._children = {k: tuple(v) for k, v in children.items()}

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, kode: object) -> bool:
        return kode in self._items

    def __iter__(self) -> Iterator[Klasifikasi]:
        return iter(self._items.values())

    def __repr__(self) -> str:
        return f"<KkaTree of {len(self)} codes>"

    def get(self, kode: str) -> Klasifikasi | None:
        """The entry for ``kode``, or ``None`` if the list has no such code."""
        return self._items.get(kode)

    def roots(self) -> tuple[Klasifikasi, ...]:
        """The top-level codes (``000``, ``100``… or ``HM``, ``KP``…)."""
        return self._children.get(None, ())

    def children(self, kode: str) -> tuple[Klasifikasi, ...]:
        """The codes one level below ``kode``.

        Raises:
            KeyError: ``kode`` is not in the list.
        """
        if kode not in self._items:
            raise KeyError(kode)
        return self._children.get(kode, ())

    def ancestors(self, kode: str) -> tuple[Klasifikasi, ...]:
        """The codes above ``kode``, top level first, not including ``kode`` itself.

        Raises:
            KeyError: ``kode`` is not in the list.
        """
        chain: list[Klasifikasi] = []
        parent = self._items[kode].parent
        while parent is not None:
            item = self._items[parent]
            chain.append(item)
            parent = item.parent
        return tuple(reversed(chain))

    def search(self, text: str) -> tuple[Klasifikasi, ...]:
        """Codes whose ``kode`` or ``nama`` contains ``text``, ignoring case; all for ``""``."""
        needle = text.strip().casefold()
        return tuple(
            item
            for item in self._items.values()
            if needle in item.kode.casefold() or needle in item.nama.casefold()
        )


def load_kka_csv(
    source: str | os.PathLike[str] | Traversable | IO[str], *, source_name: str | None = None
) -> KkaTree:
    """Read a KKA list from a CSV file (UTF-8, with or without BOM) or an open text stream.

    A code's parent is the code without its last dotted group, and it must be listed too
    (rows may come in any order). Rows whose cells are all empty are skipped.

    Args:
        source: a path, a :class:`~importlib.resources.abc.Traversable` (shipped resource),
            or a text stream opened with ``newline=""``.
        source_name: how errors name the file; defaults to the path or the stream's ``name``.

    Raises:
        DataFileError: the file is unreadable, not UTF-8, not CSV, lacks a ``kode`` or
            ``nama`` column, or lists no codes (``key=""`` or ``"row 1"``); or a row has an
            invalid or duplicate code, an empty name, a retention that is not a whole number
            of years, an unknown ``nasib_akhir``, more cells than the header, or a parent that
            is not listed (``key="row N"``, counting the header as row 1 as a spreadsheet
            does).
    """
    read: Callable[[], bytes]
    if isinstance(source, str | os.PathLike):
        name = source_name or os.fspath(source)
        path = Path(source)
        # a user's file: regular files only, within the input size limit (a missing one
        # fails below like any unreadable file)
        read = functools.partial(read_input, path) if path.exists() else path.read_bytes
    elif isinstance(source, Traversable):
        name = source_name or str(source)
        read = source.read_bytes
    else:
        return _read(source, source_name or str(getattr(source, "name", "<stream>")))
    try:
        data = read()
    except OSError as exc:
        raise DataFileError(
            name, "", _("cannot read file: {strerror}", strerror=exc.strerror or exc)
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(name, "", _("not UTF-8 text")) from None
    return _read(io.StringIO(text, newline=""), name)


def _read(stream: IO[str], name: str) -> KkaTree:
    reader = csv.reader(stream)
    try:
        rows = list(enumerate(reader, start=1))
    except UnicodeDecodeError:
        raise DataFileError(name, "", _("not UTF-8 text")) from None
    except csv.Error as exc:
        raise DataFileError(
            name, _("row {row}", row=reader.line_num), _("malformed CSV: {exc}", exc=exc)
        ) from None
    if not rows:
        raise DataFileError(name, "", _("the file is empty; expected a header row"))
    header = [cell.strip().lstrip("\ufeff").lower() for cell in rows[0][1]]
    for column in _REQUIRED:
        if column not in header:
            raise DataFileError(
                name, _("row {row}", row=1), _("missing column {column!r}", column=column)
            )
    index = {column: header.index(column) for column in _COLUMNS if column in header}

    entries: dict[str, tuple[int, Klasifikasi]] = {}
    for number, record in rows[1:]:
        if not any(cell.strip() for cell in record):
            continue
        where = _("row {row}", row=number)
        if len(record) > len(header):
            raise DataFileError(
                name,
                where,
                _(
                    "{count} cells but the header has {header}; quote names with commas",
                    count=len(record),
                    header=len(header),
                ),
            )
        cells = {c: record[i].strip() if i < len(record) else "" for c, i in index.items()}
        item = _entry(cells, functools.partial(DataFileError, name, where))
        if item.kode in entries:
            first = entries[item.kode][0]
            raise DataFileError(
                name,
                where,
                _("duplicate code {kode} (first in row {first})", kode=item.kode, first=first),
            )
        entries[item.kode] = (number, item)
    if not entries:
        raise DataFileError(name, "", _("no classification codes in the file"))

    for number, item in entries.values():
        if item.parent is not None and item.parent not in entries:
            raise DataFileError(
                name,
                _("row {row}", row=number),
                _("parent {parent} of {kode} is not listed", parent=item.parent, kode=item.kode),
            )
    tree = KkaTree(item for _, item in entries.values())
    _log.debug("loaded %d KKA codes from %s", len(tree), name)
    return tree


def _entry(cells: dict[str, str], fail: _Fail) -> Klasifikasi:
    kode, nama = cells["kode"], cells["nama"]
    if not _CODE_RE.fullmatch(kode):
        raise fail(
            _(
                "invalid code {kode!r}: expected digit groups like 000.1.2.3 or a ministry "
                "code like KP.07.6",
                kode=kode,
            )
        )
    if not nama:
        raise fail(_("nama is empty for {kode}", kode=kode))
    nasib = cells.get("nasib_akhir", "")
    canonical = {n.casefold(): n for n in NASIB_AKHIR}
    if nasib and nasib.casefold() not in canonical:
        raise fail(
            _(
                "nasib_akhir must be one of {choices}, not {nasib!r}",
                choices=", ".join(NASIB_AKHIR),
                nasib=nasib,
            )
        )
    return Klasifikasi(
        kode=kode,
        nama=nama,
        parent=parent_code(kode),
        retensi_aktif=_years(cells, "retensi_aktif", fail),
        retensi_inaktif=_years(cells, "retensi_inaktif", fail),
        nasib_akhir=canonical[nasib.casefold()] if nasib else None,
        klas_keamanan=cells.get("klas_keamanan") or None,
    )


def _years(cells: dict[str, str], column: str, fail: _Fail) -> int | None:
    value = cells.get(column, "")
    if not value:
        return None
    if not _YEARS_RE.fullmatch(value):
        raise fail(
            _("{column} must be a whole number of years, not {value!r}", column=column, value=value)
        )
    return int(value)


@functools.cache
def default_kka() -> KkaTree:
    """The starter KKA list shipped in ``resources/kka/kka.csv`` (loaded once, then shared).

    Raises:
        DataFileError: the shipped file is missing or broken (a packaging fault).
    """
    return load_kka_csv(resource_path("kka", "kka.csv"))
