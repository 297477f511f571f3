"""The default review route of a draft: paraf up the line of superiors, then the signature.

A konsep goes from its konseptor through each superior in turn (each checks and initials it,
*periksa*) up to the jabatan that signs. Units outside that line initial it
as *paraf koordinasi*. The profile caps the number of paraf (``paraf_max``); when the line is
longer, the route is refused and the user picks the reviewers by hand.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tnde.errors import OrgError
from tnde.messages import _
from tnde.org.authority import acting_for, holders

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from tnde.org.model import Jabatan, OrgChart

__all__ = ["RouteStep", "StepKind", "build_route", "coordination"]

_log = logging.getLogger(__name__)

StepKind = Literal["periksa", "paraf_koordinasi", "tandatangan"]
"""What a step asks of its jabatan; the same words as the ``task.kind`` column."""


@dataclass(frozen=True)
class RouteStep:
    """One step of a review route, assigned to a jabatan (whoever holds it then)."""

    kind: str
    """One of :data:`StepKind`."""
    jabatan_id: str
    """The jabatan that acts; its definitive or acting holder does the step."""
    nip: str = ""
    """Set when the step is assigned to one person rather than to the jabatan."""


def build_route(
    chart: OrgChart, konseptor_nip: str, signer_jabatan_id: str, on: date, *, max_paraf: int
) -> tuple[RouteStep, ...]:
    """The superiors from the konseptor's jabatan up to the signer's, then the signature.

    The konseptor's jabatan is the one they hold on ``on`` (their definitive jabatan first,
    then any Plt./Plh./Pj.) from which ``signer_jabatan_id`` is reachable upwards. A konseptor
    who holds the signing jabatan gets a route of the signature alone.

    Args:
        chart: the org chart.
        konseptor_nip: who drafted the letter.
        signer_jabatan_id: the jabatan that signs.
        on: the date the route is planned for (holders are checked on this day).
        max_paraf: the profile's ``paraf_max``: the most ``periksa`` steps allowed.

    Returns:
        ``periksa`` steps, nearest superior first, then one ``tandatangan`` step.

    Raises:
        OrgError: ``unknown_pegawai``/``unknown_jabatan``; ``no_jabatan`` when the konseptor
            holds no jabatan on ``on``; ``signer_not_above`` when the signer's jabatan is not
            in the konseptor's line of superiors; ``too_many_paraf`` when the line needs more
            than ``max_paraf`` reviewers; ``vacant`` when a jabatan on the route has no
            holder on ``on``.
    """
    signer = chart.get_jabatan(signer_jabatan_id)
    own = acting_for(chart, konseptor_nip, on)
    if not own:
        raise OrgError("no_jabatan", _("the konseptor holds no jabatan on {on}", on=on))
    line: list[Jabatan] | None = None
    for holding in own:
        if holding.jabatan_id == signer.jabatan_id:
            line = []
            break
        chain = [j.jabatan_id for j in chart.superior_chain(holding.jabatan_id)]
        if signer.jabatan_id in chain:
            line = list(chart.superior_chain(holding.jabatan_id)[: chain.index(signer.jabatan_id)])
            break
    if line is None:
        raise OrgError(
            "signer_not_above",
            _(
                "{nama} ({jabatan_id}) is not above the konseptor's jabatan ({own}); choose "
                "the reviewers by hand",
                nama=signer.nama,
                jabatan_id=signer.jabatan_id,
                own=", ".join(h.jabatan_id for h in own),
            ),
            subject=signer.jabatan_id,
        )
    if len(line) > max_paraf:
        raise OrgError(
            "too_many_paraf",
            _(
                "the line up to {nama} needs {count} paraf, more than the {max_paraf} the "
                "profile allows; choose the reviewers by hand",
                nama=signer.nama,
                count=len(line),
                max_paraf=max_paraf,
            ),
            subject=signer.jabatan_id,
        )
    for jabatan in [*line, signer]:
        if not holders(chart, jabatan.jabatan_id, on):
            raise OrgError(
                "vacant",
                _(
                    "nobody holds {nama} ({jabatan_id}) on {on}; appoint a Plt./Plh. or choose "
                    "the route by hand",
                    nama=jabatan.nama,
                    jabatan_id=jabatan.jabatan_id,
                    on=on,
                ),
                subject=jabatan.jabatan_id,
            )
    steps = [RouteStep("periksa", j.jabatan_id) for j in line]
    steps.append(RouteStep("tandatangan", signer.jabatan_id))
    _log.debug("route to %s: %d paraf", signer.jabatan_id, len(line))
    return tuple(steps)


def coordination(
    chart: OrgChart, jabatan_ids: Iterable[str], *, route: Iterable[RouteStep] = ()
) -> tuple[RouteStep, ...]:
    """``paraf_koordinasi`` steps for jabatan of other units that must initial the draft.

    Jabatan already on ``route`` (they initial it anyway) and repeats are left out; the order
    given is kept. The caller places the steps, usually just before the signature.

    Raises:
        OrgError: ``unknown_jabatan``.
    """
    taken = {step.jabatan_id for step in route}
    out = []
    for jabatan_id in jabatan_ids:
        chart.get_jabatan(jabatan_id)
        if jabatan_id in taken:
            continue
        taken.add(jabatan_id)
        out.append(RouteStep("paraf_koordinasi", jabatan_id))
    return tuple(out)
