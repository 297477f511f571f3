"""What the editor needs from the org chart and the KKA list, read once off the GUI thread.

:func:`load_directory` runs in a worker (it reads the workspace database); the
:class:`OrgDirectory` it returns is immutable, so the GUI thread reads it freely.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from tnde.errors import OrgError
from tnde.numbering import default_kka
from tnde.org import acting_for, build_route, holders, signature_block, workspace_org
from ui.drafting.models import JabatanEntry, RouteEntry

if TYPE_CHECKING:
    import datetime as dt

    from tnde.org import OrgChart
    from tnde.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OrgDirectory:
    """A snapshot of the org chart on one day, seen from the konseptor."""

    chart: OrgChart | None
    on: dt.date
    konseptor_nip: str
    entries: tuple[JabatanEntry, ...] = ()
    """Every jabatan, in chart order, with today's holder."""
    unit_id: str = ""
    """The konseptor's unit (their first jabatan today); "" when they hold none."""
    kka: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """(code, name) of every classification code."""

    def entry(self, jabatan_id: str) -> JabatanEntry | None:
        """The jabatan with that id."""
        return next((e for e in self.entries if e.jabatan_id == jabatan_id), None)

    def signer_value(self, jabatan_id: str) -> dict[str, Any] | None:
        """The raw signer value (person fields + delegasi) for today's holder of a jabatan,
        from the core's :func:`tnde.org.signature_block`; None when nobody holds it."""

        if self.chart is None:
            return None
        try:
            found = holders(self.chart, jabatan_id, self.on)
            if not found:
                return None
            signer = signature_block(self.chart, found[0].nip, jabatan_id, self.on)
        except OrgError:
            log.debug("no signature block for %s", jabatan_id, exc_info=True)
            return None
        data: dict[str, Any] = {k: v for k, v in asdict(signer.person).items() if v}
        if signer.delegasi is not None:
            data["delegasi"] = {k: v for k, v in asdict(signer.delegasi).items() if v}
        return data

    def suggested_route(self, signer_jabatan_id: str, max_paraf: int) -> list[RouteEntry]:
        """The default route from :func:`tnde.org.build_route`.

        Raises:
            OrgError: the chart gives no route (the user then builds it by hand).
        """

        if self.chart is None:
            raise OrgError("no_chart", "the workspace has no org chart")
        steps = build_route(
            self.chart, self.konseptor_nip, signer_jabatan_id, self.on, max_paraf=max_paraf
        )
        return [self.route_entry(s.kind, s.jabatan_id) for s in steps]

    def route_entry(self, kind: str, jabatan_id: str) -> RouteEntry:
        """A route step with the jabatan's name and holder filled in."""
        entry = self.entry(jabatan_id)
        if entry is None:
            return RouteEntry(kind, jabatan_id)
        return RouteEntry(kind, jabatan_id, entry.nama, entry.holder)


def load_directory(workspace: Workspace | None, konseptor_nip: str, on: dt.date) -> OrgDirectory:
    """Read the org chart and the KKA list (run this in a worker)."""

    kka = tuple((k.kode, k.nama) for k in default_kka())
    if workspace is None:
        return OrgDirectory(None, on, konseptor_nip, kka=kka)
    chart = workspace_org(workspace)
    entries = []
    for jabatan in chart.jabatan:
        unit = chart.units_by_id.get(jabatan.unit_id)
        found = holders(chart, jabatan.jabatan_id, on)
        holder = nip = ""
        if found:
            person = chart.pegawai_by_nip.get(found[0].nip)
            acting = f"{found[0].bentuk} " if found[0].acting else ""
            holder = f"{acting}{person.nama}" if person else found[0].nip
            nip = found[0].nip
        entries.append(
            JabatanEntry(jabatan.jabatan_id, jabatan.nama, unit.nama if unit else "", holder, nip)
        )
    unit_id = ""
    try:
        own = acting_for(chart, konseptor_nip, on)
    except OrgError:
        own = []
    if own:
        unit_id = chart.get_jabatan(own[0].jabatan_id).unit_id
    return OrgDirectory(chart, on, konseptor_nip, tuple(entries), unit_id, kka)
