"""The org chart as the archive's rules and feed see it: one in-memory snapshot.

The archive keeps the org chart in its database (imported at ``init``); the server reads it
once into an :class:`~tnde.org.OrgChart` and answers the workflow rules' questions from its
indexes, with no query per event. :class:`ChartAuthority` is the
:class:`tnde.workflow.rules.Authority` the desks' rules run against on the server;
:func:`viewer_grantees` is what a signed-in pegawai may receive from the feed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.org import acting_for

if TYPE_CHECKING:
    import datetime as dt

    from tnde.org import OrgChart

__all__ = ["ChartAuthority", "viewer_grantees"]


class ChartAuthority:
    """:class:`tnde.workflow.rules.Authority` over an org chart snapshot."""

    def __init__(self, chart: OrgChart) -> None:
        self.chart = chart

    def acts_as(self, nip: str, jabatan_id: str, on: dt.date) -> str | None:
        """How ``nip`` holds ``jabatan_id`` on ``on`` (a definitive holding first), or None."""
        if nip not in self.chart.pegawai_by_nip or jabatan_id not in self.chart.jabatan_by_id:
            return None
        held = [h for h in acting_for(self.chart, nip, on) if h.jabatan_id == jabatan_id]
        return held[0].bentuk if held else None

    def is_registry(self, nip: str, on: dt.date) -> bool:
        """Whether ``nip`` holds a registry-desk jabatan on ``on``."""
        return any(self.chart.jabatan_by_id[j].registry for j in self.jabatan_of(nip, on))

    def jabatan_exists(self, jabatan_id: str) -> bool:
        """Whether the org chart has this jabatan."""
        return jabatan_id in self.chart.jabatan_by_id

    def unit_exists(self, unit_id: str) -> bool:
        """Whether the org chart has this unit kerja."""
        return unit_id in self.chart.units_by_id

    def jabatan_of(self, nip: str, on: dt.date) -> list[str]:
        """Every jabatan ``nip`` holds or acts in on ``on``."""
        if nip not in self.chart.pegawai_by_nip:
            return []
        return [
            h.jabatan_id
            for h in acting_for(self.chart, nip, on)
            if h.jabatan_id in self.chart.jabatan_by_id
        ]


def viewer_grantees(chart: OrgChart, nip: str, on: dt.date) -> set[str]:
    """The grants through which ``nip`` receives aggregates on ``on``.

    Themselves, every jabatan they hold or act in that day, the registry role when one of
    those is a registry desk, and the units of those jabatan with every unit below them: a
    letter of a unit reaches its own unit and the units above it, whose heads review it.
    """
    authority = ChartAuthority(chart)
    jabatan = authority.jabatan_of(nip, on)
    granted = {f"nip:{nip}", *(f"jabatan:{j}" for j in jabatan)}
    if any(chart.jabatan_by_id[j].registry for j in jabatan):
        granted.add("role:registry")
    todo = [chart.jabatan_by_id[j].unit_id for j in jabatan]
    seen: set[str] = set()
    while todo:
        unit = todo.pop()
        if unit in seen:
            continue
        seen.add(unit)
        todo.extend(child.unit_id for child in chart.children(unit))
    granted.update(f"unit:{u}" for u in seen)
    return granted
