"""Table models over the core's paged queries: outgoing letters, incoming letters (and
tembusan), dispositions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from tnde import signing, sync
from tnde.incoming import IncomingFilter
from tnde.workflow import LetterFilter
from ui.labels import (
    disposition_status_label,
    incoming_status_label,
    jenis_label,
    letter_status_label,
    task_label,
)
from ui.models.paged import Column, PagedTableModel

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from tnde.incoming import DispositionRow, IncomingRow
    from tnde.workflow import LetterRow, Queue
    from ui.services import Services

translate = QCoreApplication.translate

__all__ = ["DispositionTableModel", "IncomingTableModel", "LetterTableModel", "format_when"]


def format_when(moment: dt.datetime | None, services: Services) -> str:
    """A moment in the office's time zone, short (``24/11/2026 09.30``)."""
    if moment is None:
        return ""
    local = moment.astimezone(services.letters.zone)
    return f"{local:%d/%m/%Y %H:%M}"


def format_day(iso_day: str) -> str:
    """An ISO date as ``24/11/2026``."""
    if len(iso_day) < 10:
        return iso_day
    return f"{iso_day[8:10]}/{iso_day[5:7]}/{iso_day[0:4]}"


class _QueryTableModel(PagedTableModel):
    """A paged table over one of the core's page queries, for the current user, with a filter
    and a sort. Subclasses name the query (:meth:`query`) and its extra arguments."""

    def __init__(
        self, services: Services, flt: Any, sort_key: str, descending: bool, parent: Any
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.filter = flt
        self.sort_key = sort_key
        self.descending = descending
        self._waiting: frozenset[str] = frozenset()
        self._linked: bool | None = None

    def aggregate_id(self, row: Any) -> str:
        """The letter (or incoming letter) ``row`` belongs to."""
        return self.row_key(row)

    def is_waiting(self, row: Any) -> bool:
        return self.aggregate_id(row) in self._waiting

    def has_waiting(self) -> bool:
        """Whether any row on show carries the waiting-to-be-sent mark."""
        return any(self.is_waiting(row) for row in self._rows)

    def query(self, nip: str, **paging: Any) -> Iterable[Any]:
        """Ask the core's service for one page with ``paging`` (today, now, flt, sort,
        offset…)."""
        raise NotImplementedError

    def set_filter(self, flt: Any) -> None:
        """Show the rows matching ``flt`` (reloads)."""
        self.filter = flt
        self.reload()

    def fetch_page(self, offset: int, limit: int) -> list[Any]:
        s = self.services
        if self._linked is None:
            self._linked = sync.link_of(s.workspace) is not None
        if self._linked:  # only a linked desk sends: elsewhere nothing "waits"
            self._waiting = frozenset(sync.waiting_letters(s.workspace))
        return list(
            self.query(
                s.nip,
                today=s.today(),
                now=s.clock(),
                flt=self.filter,
                sort=self.sort_key,
                descending=self.descending,
                offset=offset,
                limit=limit,
            )
        )


class LetterTableModel(_QueryTableModel):
    """One outgoing-letter queue of the current user."""

    columns = (
        Column(lambda: translate("Columns", "Subject"), "hal", 260, elide=True),
        Column(lambda: translate("Columns", "Type"), "jenis", 120),
        Column(lambda: translate("Columns", "Number"), "nomor", 150),
        Column(lambda: translate("Columns", "Status"), "status", 150),
        Column(lambda: translate("Columns", "Urgency"), "", 90),
        Column(lambda: translate("Columns", "Since"), "tanggal", 130),
        Column(lambda: translate("Columns", "Due"), "", 130),
    )

    filter: LetterFilter

    def __init__(self, services: Services, queue: Queue, parent: Any = None) -> None:
        descending = queue.value in ("naskah_keluar", "arsip")
        super().__init__(services, LetterFilter(), "tanggal", descending, parent)
        self.queue = queue
        self._uncertain: frozenset[str] = frozenset()
        """Letters whose last sign request got no answer ("status tidak pasti")."""

    def query(self, nip: str, **paging: Any) -> Iterable[Any]:
        letters = self.services.letters
        self._uncertain = frozenset(signing.open_unknown_outcomes(letters))
        calendar = self.services.desk.calendar()
        return letters.page(self.queue, nip, calendar=calendar, **paging)

    def row_key(self, row: LetterRow) -> str:
        return row.letter_id

    def cell(self, row: LetterRow, column: int) -> str:
        if column == 0:
            return row.hal or translate("Columns", "(no subject)")
        if column == 1:
            return jenis_label(row.jenis)
        if column == 2:
            return row.nomor
        if column == 3:
            if row.letter_id in self._uncertain:
                return translate("Columns", "signature status uncertain")
            status = letter_status_label(row.status)
            return f"{status} · {task_label(row.task)}" if row.task else status
        if column == 4:
            return row.urgensi
        if column == 5:
            return format_when(row.since, self.services)
        if column == 6:
            return format_when(row.due_at, self.services)
        return ""

    def tooltip(self, row: LetterRow, column: int) -> str | None:
        if column == 3 and row.letter_id in self._uncertain:
            return translate(
                "Columns",
                "A sign request got no answer: check the signature status before signing again.",
            )
        if row.overdue:
            return translate("Columns", "Overdue: due %1").replace(
                "%1", format_when(row.due_at, self.services)
            )
        return row.hal if column == 0 else None


class IncomingTableModel(_QueryTableModel):
    """Incoming letters (or, with ``copies``, the tembusan) the user sees."""

    stretch_column = 1

    columns = (
        Column(lambda: translate("Columns", "Agenda"), "agenda", 90),
        Column(lambda: translate("Columns", "Subject"), "hal", 260, elide=True),
        Column(lambda: translate("Columns", "From"), "asal", 200, elide=True),
        Column(lambda: translate("Columns", "Number"), "", 170),
        Column(lambda: translate("Columns", "Urgency"), "urgensi", 100),
        Column(lambda: translate("Columns", "Received"), "diterima", 100),
        Column(lambda: translate("Columns", "Status"), "status", 110),
    )

    filter: IncomingFilter

    def __init__(self, services: Services, *, copies: bool = False, parent: Any = None) -> None:
        super().__init__(services, IncomingFilter(), "diterima", True, parent)
        self.copies = copies

    def query(self, nip: str, **paging: Any) -> Iterable[Any]:
        return self.services.desk.incoming_page(nip, copies=self.copies, **paging)

    def row_key(self, row: IncomingRow) -> str:
        return row.incoming_id

    def cell(self, row: IncomingRow, column: int) -> str:
        values = (
            row.agenda,
            row.hal,
            row.asal,
            row.nomor,
            row.urgensi,
            format_day(row.diterima),
            incoming_status_label(row.status),
        )
        return values[column] if 0 <= column < len(values) else ""


class DispositionTableModel(_QueryTableModel):
    """Dispositions addressed to a jabatan the user holds, most urgent first."""

    columns = (
        Column(lambda: translate("Columns", "Subject"), "hal", 260, elide=True),
        Column(lambda: translate("Columns", "Agenda"), "", 90),
        Column(lambda: translate("Columns", "From"), "", 200, elide=True),
        Column(lambda: translate("Columns", "Urgency"), "urgensi", 100),
        Column(lambda: translate("Columns", "Given"), "diberikan", 130),
        Column(lambda: translate("Columns", "Due"), "batas", 130),
        Column(lambda: translate("Columns", "Status"), "status", 110),
    )

    filter: IncomingFilter

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(services, IncomingFilter(), "batas", False, parent)

    def query(self, nip: str, **paging: Any) -> Iterable[Any]:
        return self.services.desk.disposition_page(nip, **paging)

    def row_key(self, row: DispositionRow) -> str:
        return row.disposisi_id

    def aggregate_id(self, row: DispositionRow) -> str:
        return row.incoming_id

    def cell(self, row: DispositionRow, column: int) -> str:
        lead = translate("Columns", " (lead)") if row.leading else ""
        values = (
            row.hal,
            row.agenda,
            row.giver,
            row.urgensi,
            format_when(row.given_at, self.services),
            format_when(row.due_at, self.services),
            disposition_status_label(row.status) + lead,
        )
        return values[column] if 0 <= column < len(values) else ""
