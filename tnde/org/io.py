"""Org chart files: one TOML file, or a folder of four CSV files, in and out.

TOML (what admins edit by hand; the demo chart ships as one)::

    schema_version = 1
    [[unit]]        # unit_id, nama, parent_id?, kode?
    [[jabatan]]     # jabatan_id, nama, unit_id, eselon?, heads_unit?, superior_id?, registry?
    [[pegawai]]     # nip, nama, pangkat?, golongan?, nik_ref?, email?
    [[assignment]]  # assignment_id?, nip, jabatan_id, bentuk, mulai, selesai?, dasar?

CSV (what comes out of a spreadsheet or a personnel system): ``unit.csv``, ``jabatan.csv``,
``pegawai.csv`` and ``assignment.csv`` in one folder, each with a header row naming the same
columns. Comma or semicolon separated (Excel in Indonesian uses ``;``), UTF-8 with or
without a BOM; empty cells mean "not set", booleans are ``true``/``false`` (also
``1``/``0``, ``ya``/``tidak``), dates are ``YYYY-MM-DD``.

Reading is strict: an unknown key or column, a wrong type or a missing value fails with the
file, the key (TOML) or the row and column (CSV) and the problem named. Reading does not
check the chart's consistency; that is :meth:`OrgChart.validate`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tnde.datafile import Table, load_toml, read_input
from tnde.errors import DataFileError, FileWriteError, OrgFileError, ValidationError
from tnde.formatting import normalize_nip, parse_tanggal
from tnde.fsutil import write_atomic
from tnde.messages import _
from tnde.org.model import BENTUK, Assignment, Jabatan, OrgChart, Pegawai, Unit
from tnde.resources import resource_path

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

T = TypeVar("T")

__all__ = [
    "CSV_COLUMNS",
    "CSV_FILES",
    "SCHEMA_VERSION",
    "demo_org_path",
    "org_toml_text",
    "parse_org_toml",
    "read_org",
    "read_org_csv",
    "read_org_toml",
    "write_org",
    "write_org_csv",
    "write_org_toml",
]

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
"""The version of the org file format this code reads and writes."""

CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": ("unit_id", "nama", "parent_id", "kode"),
    "jabatan": ("jabatan_id", "nama", "unit_id", "eselon", "heads_unit", "superior_id", "registry"),
    "pegawai": ("nip", "nama", "pangkat", "golongan", "nik_ref", "email"),
    "assignment": ("assignment_id", "nip", "jabatan_id", "bentuk", "mulai", "selesai", "dasar"),
}
"""The columns of each table, in the order they are written."""

CSV_FILES: tuple[str, ...] = tuple(f"{table}.csv" for table in CSV_COLUMNS)
"""The four files of a CSV org chart."""

_REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": ("unit_id", "nama"),
    "jabatan": ("jabatan_id", "nama", "unit_id"),
    "pegawai": ("nip", "nama"),
    "assignment": ("nip", "jabatan_id", "bentuk", "mulai"),
}
_TRUE = ("true", "1", "ya", "yes", "y")
_FALSE = ("", "false", "0", "tidak", "no", "n")
_SPREADSHEET_NUMBER_RE = re.compile(r"[0-9](?:[.,][0-9]+)?[eE]\+?[0-9]+")


#: The demo office's cast by role, as jabatan ids of the demo chart (:func:`demo_org_path`).
DEMO_KONSEPTOR_JABATAN = "PRANATA_KOMPUTER_APL"
DEMO_SIGNER_JABATAN = "KADIS"
DEMO_REGISTRY_JABATAN = "KASUBBAG_UMPEG"


def demo_org_path() -> Path:
    """The shipped demo chart of the sample provincial office (fictional people)."""
    return Path(str(resource_path("org", "diskominfo-nusantara-raya.toml")))


def default_assignment_id(jabatan_id: str, bentuk: str, mulai: dt.date) -> str:
    """The id given to an assignment written without one: stable across re-imports."""
    return f"{jabatan_id}:{bentuk.rstrip('.')}:{mulai.isoformat()}"


def read_org(source: Path) -> OrgChart:
    """Read a TOML file, or a folder of the four CSV files.

    Raises:
        OrgFileError: naming the file, the key or row, and the problem.
    """
    return read_org_csv(source) if source.is_dir() else read_org_toml(source)


def write_org(chart: OrgChart, target: Path) -> None:
    """Write ``target.toml`` as TOML; any other name is a folder for the four CSV files."""
    if target.suffix.lower() == ".toml":
        write_org_toml(chart, target)
    else:
        write_org_csv(chart, target)


# -- TOML --------------------------------------------------------------------------------------


def read_org_toml(path: Path) -> OrgChart:
    """Read an org chart TOML file.

    Raises:
        OrgFileError: naming the file, the dotted key (``jabatan[3].heads_unit``) and the
            problem.
    """
    return parse_org_toml(load_toml(path, OrgFileError), str(path))


def parse_org_toml(data: dict[str, Any], source: str) -> OrgChart:
    """Build a chart from parsed TOML ``data``; ``source`` names the file in errors."""
    root = Table(data, source, error=OrgFileError)
    version = root.integer("schema_version")
    if version != SCHEMA_VERSION:
        raise root.fail(
            "schema_version", _("version {version} is not supported (expected 1)", version=version)
        )
    units = tuple(_unit_from_toml(t) for t in root.tables("unit"))
    jabatan = tuple(_jabatan_from_toml(t) for t in root.tables("jabatan"))
    pegawai = tuple(_pegawai_from_toml(t) for t in root.tables("pegawai"))
    assignments = tuple(_assignment_from_toml(t) for t in root.tables("assignment"))
    root.done()
    return OrgChart(units, jabatan, pegawai, assignments)


def _text(t: Table, key: str, *, required: bool = False) -> str:
    value: str = t.text(key, nonempty=True) if required else t.text(key, "")
    return value.strip()


def _ref(t: Table, key: str) -> str | None:
    if not t.has(key):
        return None
    return str(t.text(key, nonempty=True)).strip()


def _unit_from_toml(t: Table) -> Unit:
    unit = Unit(
        unit_id=_text(t, "unit_id", required=True),
        nama=_text(t, "nama", required=True),
        parent_id=_ref(t, "parent_id"),
        kode=_text(t, "kode"),
    )
    t.done()
    return unit


def _jabatan_from_toml(t: Table) -> Jabatan:
    jabatan = Jabatan(
        jabatan_id=_text(t, "jabatan_id", required=True),
        nama=_text(t, "nama", required=True),
        unit_id=_text(t, "unit_id", required=True),
        eselon=_text(t, "eselon"),
        heads_unit=t.flag("heads_unit", False),
        superior_id=_ref(t, "superior_id"),
        registry=t.flag("registry", False),
    )
    t.done()
    return jabatan


def _pegawai_from_toml(t: Table) -> Pegawai:
    pegawai = Pegawai(
        nip=normalize_nip(_text(t, "nip", required=True)),
        nama=_text(t, "nama", required=True),
        pangkat=_text(t, "pangkat"),
        golongan=_text(t, "golongan"),
        nik_ref=_text(t, "nik_ref"),
        email=_text(t, "email"),
    )
    t.done()
    return pegawai


def _assignment_from_toml(t: Table) -> Assignment:
    given_id = _ref(t, "assignment_id")
    nip = normalize_nip(_text(t, "nip", required=True))
    jabatan_id = _text(t, "jabatan_id", required=True)
    bentuk: str = t.choice("bentuk", BENTUK)
    mulai: dt.date = t.date("mulai")
    assignment = Assignment(
        assignment_id=given_id or default_assignment_id(jabatan_id, bentuk, mulai),
        nip=nip,
        jabatan_id=jabatan_id,
        bentuk=bentuk,
        mulai=mulai,
        selesai=t.date("selesai", None),
        dasar=_text(t, "dasar"),
    )
    t.done()
    return assignment


def org_toml_text(chart: OrgChart, *, header: str = "") -> str:
    """The chart as TOML that :func:`parse_org_toml` reads back to an equal chart.

    Args:
        header: comment lines to put first (without the ``#``).
    """
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines.append(f"schema_version = {SCHEMA_VERSION}")
    for table, rows in _rows(chart):
        for row in rows:
            lines += ["", f"[[{table}]]"]
            lines += [f"{key} = {_toml_value(value)}" for key, value in row.items()]
    return "\n".join(lines) + "\n"


def write_org_toml(chart: OrgChart, path: Path) -> None:
    """Write the chart as one TOML file (atomically: the old file or the whole new one)."""
    write_atomic(path, org_toml_text(chart).encode("utf-8"))


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    # A JSON string is a valid TOML basic string (same escapes, \uXXXX included).
    return json.dumps(str(value), ensure_ascii=False)


def _rows(chart: OrgChart) -> Iterator[tuple[str, list[dict[str, object]]]]:
    """Each table's rows as ordered ``column → value`` maps, ``None`` values left out."""
    tables: dict[str, tuple[Any, ...]] = {
        "unit": chart.units,
        "jabatan": chart.jabatan,
        "pegawai": chart.pegawai,
        "assignment": chart.assignments,
    }
    for table, items in tables.items():
        rows = []
        for item in items:
            row = {c: getattr(item, c) for c in CSV_COLUMNS[table]}
            rows.append({k: v for k, v in row.items() if v is not None})
        yield table, rows


# -- CSV ---------------------------------------------------------------------------------------


class _CsvRow:
    """One data row of a CSV file, read cell by cell with errors naming file, row and column."""

    def __init__(self, path: Path, row_no: int, cells: dict[str, str]) -> None:
        self.path = path
        self.row_no = row_no
        self.cells = cells

    def fail(self, column: str, problem: str) -> OrgFileError:
        return OrgFileError(
            str(self.path), _("row {row}, {column}", row=self.row_no, column=column), problem
        )

    def text(self, column: str, *, required: bool = False) -> str:
        value = self.cells.get(column, "").strip()
        if required and not value:
            raise self.fail(column, _("must not be empty"))
        return value

    def ref(self, column: str) -> str | None:
        return self.text(column) or None

    def nip(self, column: str = "nip") -> str:
        value = self.text(column, required=True)
        if _SPREADSHEET_NUMBER_RE.fullmatch(value):
            raise self.fail(
                column,
                _(
                    "the NIP was turned into a number by a spreadsheet; format the column as "
                    "text and type the 18 digits again"
                ),
            )
        return normalize_nip(value)

    def flag(self, column: str) -> bool:
        value = self.text(column).lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise self.fail(column, _("{value!r} is not true or false", value=value))

    def date(self, column: str) -> dt.date | None:
        value = self.text(column)
        return self.required_date(column) if value else None

    def required_date(self, column: str) -> dt.date:
        value = self.text(column, required=True)
        try:
            return parse_tanggal(value)
        except ValidationError:
            raise self.fail(
                column, _("{value!r} is not a date (use YYYY-MM-DD)", value=value)
            ) from None

    def choice(self, column: str, options: tuple[str, ...]) -> str:
        value = self.text(column, required=True)
        if value not in options:
            allowed = ", ".join(repr(o) for o in options)
            raise self.fail(
                column, _("{value!r} is not one of {allowed}", value=value, allowed=allowed)
            )
        return value


def read_org_csv(folder: Path) -> OrgChart:
    """Read ``unit.csv``, ``jabatan.csv``, ``pegawai.csv`` and ``assignment.csv``.

    Raises:
        OrgFileError: a file is missing or unreadable, a column is unknown or missing, or a
            cell is wrong; the error names the file, the row (the header is row 1) and the
            column.
    """
    units = tuple(_csv_rows(folder / "unit.csv", "unit", _unit_from_csv))
    jabatan = tuple(_csv_rows(folder / "jabatan.csv", "jabatan", _jabatan_from_csv))
    pegawai = tuple(_csv_rows(folder / "pegawai.csv", "pegawai", _pegawai_from_csv))
    assignments = tuple(_csv_rows(folder / "assignment.csv", "assignment", _assignment_from_csv))
    return OrgChart(units, jabatan, pegawai, assignments)


def _csv_rows(path: Path, table: str, convert: Callable[[_CsvRow], T]) -> list[T]:
    text = _read_csv_text(path)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader, [])]
    if not any(header):
        raise OrgFileError(str(path), _("row {row}", row=1), _("the header row is missing"))
    known = CSV_COLUMNS[table]
    for column in header:
        if column not in known:
            raise OrgFileError(
                str(path),
                _("row {row}, {column}", row=1, column=column),
                _("unknown column (expected: {known})", known=", ".join(known)),
            )
        if header.count(column) > 1:
            raise OrgFileError(
                str(path),
                _("row {row}, {column}", row=1, column=column),
                _("the column appears twice"),
            )
    for column in _REQUIRED_COLUMNS[table]:
        if column not in header:
            raise OrgFileError(
                str(path),
                _("row {row}", row=1),
                _("the required column {column!r} is missing", column=column),
            )
    out = []
    for row_no, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise OrgFileError(
                str(path),
                _("row {row}", row=row_no),
                _(
                    "{count} cells, but the header has {header} columns",
                    count=len(cells),
                    header=len(header),
                ),
            )
        out.append(convert(_CsvRow(path, row_no, dict(zip(header, cells, strict=False)))))
    return out


def _read_csv_text(path: Path) -> str:
    try:
        raw = read_input(path)
    except DataFileError as exc:
        raise OrgFileError(str(path), "", exc.problem) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OrgFileError(str(path), "", _("not UTF-8 text (save the CSV as UTF-8)")) from None


def _unit_from_csv(r: _CsvRow) -> Unit:
    return Unit(
        unit_id=r.text("unit_id", required=True),
        nama=r.text("nama", required=True),
        parent_id=r.ref("parent_id"),
        kode=r.text("kode"),
    )


def _jabatan_from_csv(r: _CsvRow) -> Jabatan:
    return Jabatan(
        jabatan_id=r.text("jabatan_id", required=True),
        nama=r.text("nama", required=True),
        unit_id=r.text("unit_id", required=True),
        eselon=r.text("eselon"),
        heads_unit=r.flag("heads_unit"),
        superior_id=r.ref("superior_id"),
        registry=r.flag("registry"),
    )


def _pegawai_from_csv(r: _CsvRow) -> Pegawai:
    return Pegawai(
        nip=r.nip(),
        nama=r.text("nama", required=True),
        pangkat=r.text("pangkat"),
        golongan=r.text("golongan"),
        nik_ref=r.text("nik_ref"),
        email=r.text("email"),
    )


def _assignment_from_csv(r: _CsvRow) -> Assignment:
    jabatan_id = r.text("jabatan_id", required=True)
    bentuk = r.choice("bentuk", BENTUK)
    mulai = r.required_date("mulai")
    return Assignment(
        assignment_id=r.text("assignment_id") or default_assignment_id(jabatan_id, bentuk, mulai),
        nip=r.nip(),
        jabatan_id=jabatan_id,
        bentuk=bentuk,
        mulai=mulai,
        selesai=r.date("selesai"),
        dasar=r.text("dasar"),
    )


def write_org_csv(chart: OrgChart, folder: Path) -> None:
    """Write the four CSV files into ``folder`` (created if needed), each atomically.

    Files are UTF-8 with a BOM so that Excel shows non-ASCII names correctly.

    Raises:
        FileWriteError: the folder cannot be made (a file has its name, a link loops, no
            permission), or a file in it cannot be written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, a loop of links, no permission
        reason = (
            _("a file has that name; give a new name or a folder")
            if folder.exists() or folder.is_symlink()
            else _("cannot be made: {strerror}", strerror=exc.strerror or exc)
        )
        raise FileWriteError(str(folder), reason) from None
    for table, rows in _rows(chart):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        columns = CSV_COLUMNS[table]
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_value(row.get(c)) for c in columns])
        write_atomic(folder / f"{table}.csv", buffer.getvalue().encode("utf-8-sig"))


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
