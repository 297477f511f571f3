"""Who may act in which jabatan on a date, and the signature block that follows from it.

The rules of delegation: a definitive holder signs in their own authority; a Plt., Plh. or
Pj. signs with that form before the jabatan and rests on a dasar (nomor SK or surat perintah),
and only within the assignment's period; ``a.n.`` signs for the direct superior (one level);
``u.b.`` passes an ``a.n.`` mandate one level further down (two levels at most). The result
is a :class:`~tnde.templates.values.Signer` snapshot: printed values copied out of the chart,
because titles change and Plh. periods expire after the letter is signed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tnde.errors import OrgError
from tnde.messages import _
from tnde.org.model import BENTUK
from tnde.templates.values import Delegation, Person, Signer

if TYPE_CHECKING:
    from datetime import date

    from tnde.org.model import Assignment, Jabatan, OrgChart

__all__ = ["Holding", "acting_for", "can_act_as", "holders", "signature_block"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Holding:
    """A person holding a jabatan on a given day, and on what basis."""

    jabatan_id: str
    """The jabatan held."""
    nip: str
    """The holder."""
    bentuk: str
    """``"definitif"``, ``"Plt."``, ``"Plh."`` or ``"Pj."``."""
    dasar: str
    """Legal basis of an acting assignment (nomor SK), ``""`` for most definitive ones."""
    mulai: date
    """First day of the assignment."""
    selesai: date | None
    """Last day of the assignment, ``None`` when open-ended."""
    assignment_id: str
    """The assignment this holding comes from."""

    @property
    def acting(self) -> bool:
        """Whether the jabatan is held as Plt., Plh. or Pj."""
        return self.bentuk != "definitif"

    @classmethod
    def of(cls, a: Assignment) -> Holding:
        """The holding an assignment gives."""
        return cls(a.jabatan_id, a.nip, a.bentuk, a.dasar, a.mulai, a.selesai, a.assignment_id)


def _order(h: Holding) -> tuple[int, date, str]:
    rank = BENTUK.index(h.bentuk) if h.bentuk in BENTUK else len(BENTUK)
    return rank, h.mulai, h.assignment_id


def holders(chart: OrgChart, jabatan_id: str, on: date) -> list[Holding]:
    """Who holds ``jabatan_id`` on ``on``: definitive holders first, then Pj., Plt., Plh.

    While a Plh. stands in, the definitive holder still holds the jabatan; both are listed.

    Raises:
        OrgError: ``unknown_jabatan``.
    """
    chart.get_jabatan(jabatan_id)
    found = [Holding.of(a) for a in chart.assignments_of_jabatan(jabatan_id) if a.active_on(on)]
    return sorted(found, key=_order)


def acting_for(chart: OrgChart, nip: str, on: date) -> list[Holding]:
    """Every jabatan ``nip`` may act in on ``on``: their own and any Plt./Plh./Pj. duty.

    Raises:
        OrgError: ``unknown_pegawai``.
    """
    chart.get_pegawai(nip)
    found = [Holding.of(a) for a in chart.assignments_of(nip) if a.active_on(on)]
    return sorted(found, key=_order)


def can_act_as(chart: OrgChart, nip: str, jabatan_id: str, on: date) -> Holding | None:
    """The holding that lets ``nip`` act as ``jabatan_id`` on ``on``, or ``None``.

    A definitive holding wins over an acting one of the same jabatan. A Plh./Plt./Pj. counts
    only within its period (both ends inclusive).

    Raises:
        OrgError: ``unknown_pegawai`` or ``unknown_jabatan``.
    """
    chart.get_jabatan(jabatan_id)
    return next((h for h in acting_for(chart, nip, on) if h.jabatan_id == jabatan_id), None)


def _require_holding(chart: OrgChart, nip: str, jabatan: Jabatan, on: date) -> Holding:
    holding = can_act_as(chart, nip, jabatan.jabatan_id, on)
    if holding is not None:
        return holding
    mine = [a for a in chart.assignments_of(nip) if a.jabatan_id == jabatan.jabatan_id]
    what = f"{jabatan.nama} ({jabatan.jabatan_id})"
    ended = [a for a in mine if a.selesai is not None and a.selesai < on]
    if ended:
        last = max(ended, key=lambda a: a.selesai or a.mulai)
        raise OrgError(
            "period_over",
            _(
                "the signer's {bentuk} assignment as {what} ended on {selesai}; it does not "
                "cover {on}",
                bentuk=last.bentuk,
                what=what,
                selesai=last.selesai,
                on=on,
            ),
            subject=jabatan.jabatan_id,
        )
    if any(a.mulai > on for a in mine):
        first = min(a.mulai for a in mine if a.mulai > on)
        raise OrgError(
            "period_not_started",
            _(
                "the signer's assignment as {what} starts on {first}; it does not cover {on}",
                what=what,
                first=first,
                on=on,
            ),
            subject=jabatan.jabatan_id,
        )
    raise OrgError(
        "not_holder",
        _(
            "the signer does not hold {what} on {on}, neither definitively nor as Plt./Plh./Pj.",
            what=what,
            on=on,
        ),
        subject=jabatan.jabatan_id,
    )


def signature_block(
    chart: OrgChart,
    signer_nip: str,
    signing_jabatan_id: str,
    on: date,
    *,
    atas_nama_jabatan_id: str | None = None,
    ub_via_jabatan_id: str | None = None,
) -> Signer:
    """The signature snapshot for ``signer_nip`` signing in ``signing_jabatan_id`` on ``on``.

    Args:
        chart: the org chart.
        signer_nip: who signs.
        signing_jabatan_id: the jabatan printed on the last line (the signer's own, or the
            one they hold as Plt./Plh./Pj.).
        on: the signing date; holdings and Plh. periods are checked on this day.
        atas_nama_jabatan_id: sign ``a.n.`` this jabatan: the direct superior of
            ``signing_jabatan_id``, or with ``ub_via_jabatan_id`` the superior two levels up.
        ub_via_jabatan_id: for ``u.b.``: the jabatan that holds the ``a.n.`` mandate, directly
            above ``signing_jabatan_id`` and directly below ``atas_nama_jabatan_id``.

    Returns:
        The :class:`Signer`: nama, NIP, pangkat and golongan from the pegawai, the jabatan's
        nama, and the delegation (``None`` for a definitive holder signing in their own
        authority; ``Plt.``/``Plh.``/``Pj.`` with the dasar; ``a.n.``; ``u.b.``).

    Raises:
        OrgError: ``unknown_pegawai``/``unknown_jabatan``; ``not_holder``, ``period_over``
            or ``period_not_started`` when the signer does not hold the jabatan on ``on``;
            ``not_superior`` when the a.n. (or u.b.) target is not above the signer's
            jabatan; ``chain_too_long`` beyond one level for a.n. or two for u.b.;
            ``ub_without_an`` for u.b. without its a.n. target; ``acting_with_delegation``
            for a Plt./Plh./Pj. signing a.n. (the Signer snapshot cannot print both forms).
    """
    pegawai = chart.get_pegawai(signer_nip)
    jabatan = chart.get_jabatan(signing_jabatan_id)
    holding = _require_holding(chart, signer_nip, jabatan, on)
    person = Person(
        nama=pegawai.nama,
        nip=pegawai.nip,
        pangkat=pegawai.pangkat,
        golongan=pegawai.golongan,
        jabatan=jabatan.nama,
    )
    if ub_via_jabatan_id is not None and atas_nama_jabatan_id is None:
        raise OrgError(
            "ub_without_an",
            _("u.b. always follows a.n.: name the jabatan signed for (atas_nama_jabatan_id)"),
            subject=ub_via_jabatan_id,
        )
    if atas_nama_jabatan_id is None:
        if not holding.acting:
            return Signer(person=person)
        return Signer(
            person=person, delegasi=Delegation(bentuk=holding.bentuk, dasar=holding.dasar)
        )
    if holding.bentuk == "Pj.":
        # A Pj. heads the government itself; there is no one above to sign a.n. for.
        raise OrgError(
            "acting_with_delegation",
            _("a Pj. {nama} signs in their own name, never a.n.", nama=jabatan.nama),
            subject=jabatan.jabatan_id,
        )
    # "a.n. GUBERNUR / Plt. SEKRETARIS DAERAH,": the stand-in form rides on the a.n./u.b.
    pelaksana = holding.bentuk if holding.acting else ""
    target = chart.get_jabatan(atas_nama_jabatan_id)
    chain = [j.jabatan_id for j in chart.superior_chain(jabatan.jabatan_id)]
    if target.jabatan_id not in chain:
        raise OrgError(
            "not_superior",
            _(
                "{nama} ({jabatan_id}) is not a superior of {own_nama} ({own_jabatan_id}); "
                "a.n. signs for a superior only",
                nama=target.nama,
                jabatan_id=target.jabatan_id,
                own_nama=jabatan.nama,
                own_jabatan_id=jabatan.jabatan_id,
            ),
            subject=target.jabatan_id,
        )
    levels = chain.index(target.jabatan_id) + 1
    if ub_via_jabatan_id is None:
        if levels > 1:
            raise OrgError(
                "chain_too_long",
                _(
                    "a.n. reaches one level up, but {nama} is {levels} levels above {own_nama}; "
                    "use u.b. through the jabatan in between",
                    nama=target.nama,
                    levels=levels,
                    own_nama=jabatan.nama,
                ),
                subject=target.jabatan_id,
            )
        return Signer(
            person=person,
            delegasi=Delegation(
                bentuk="a.n.", atas_nama=target.nama, pelaksana=pelaksana, dasar=holding.dasar
            ),
        )
    via = chart.get_jabatan(ub_via_jabatan_id)
    if levels > 2:
        raise OrgError(
            "chain_too_long",
            _(
                "u.b. reaches at most two levels up, but {nama} is {levels} levels above "
                "{own_nama}",
                nama=target.nama,
                levels=levels,
                own_nama=jabatan.nama,
            ),
            subject=target.jabatan_id,
        )
    if levels < 2 or chain[0] != via.jabatan_id:
        raise OrgError(
            "not_superior",
            _(
                "u.b. goes through the signer's direct superior, just below {nama}; "
                "{via_nama} ({via_jabatan_id}) is not that jabatan",
                nama=target.nama,
                via_nama=via.nama,
                via_jabatan_id=via.jabatan_id,
            ),
            subject=via.jabatan_id,
        )
    _log.debug(
        "u.b. signature: %s via %s for %s", jabatan.jabatan_id, via.jabatan_id, target.jabatan_id
    )
    return Signer(
        person=person,
        delegasi=Delegation(
            bentuk="u.b.",
            atas_nama=target.nama,
            jabatan_antara=via.nama,
            pelaksana=pelaksana,
            dasar=holding.dasar,
        ),
    )
