"""Everything a letter is rendered from, gathered in one place.

A letter's PDF depends on its template, its office profile, its current text, who signs it and
how (the signature block), and, once numbered, its number and date. Submitting, numbering,
previewing and signing all need the same set, checked the same way: :func:`letter_inputs`
gathers it, so a rule about any of these inputs is written once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from tnde import render
from tnde.errors import TndeError, ValidationError, WorkflowRefused
from tnde.messages import _
from tnde.org import load_org, signature_block
from tnde.profiles import Profile, load_profile
from tnde.templates.loader import load_template
from tnde.templates.values import validate_values

if TYPE_CHECKING:
    import sqlite3

    from tnde.templates import Signer
    from tnde.templates.model import Template
    from tnde.workflow.state import LetterState

__all__ = ["LetterInputs", "letter_inputs", "planned_signers", "signer_json"]

#: Preference when several people hold a jabatan on one day: a Plh./Plt. stands in for an
#: absent holder, so the acting official is the one who signs.
_SIGNER_PREFERENCE = {"Plh.": 0, "Plt.": 1, "Pj.": 2, "definitif": 3}


@dataclass(frozen=True)
class LetterInputs:
    """A letter's rendering inputs, with its values checked against the template.

    Attributes:
        values: the checked values; for a numbered letter with ``nomor`` and ``tanggal``.
        problems: what the template refuses in the text (empty when it is complete).
        signers: (signing step, NIP) for every signing step; empty when nobody can sign yet.
        signer: the first signer's block as the ``penandatangan`` field holds it, or ``{}``.
    """

    state: LetterState
    template: Template
    profile: Profile
    values: dict[str, Any]
    problems: tuple[ValidationError, ...]
    signers: tuple[tuple[int, str], ...]
    signer: dict[str, Any]

    def refuse_problems(self) -> None:
        """Refuse (``WF-INVALID``) when the text does not satisfy the template."""
        if self.problems:
            first = self.problems[0]
            raise WorkflowRefused(
                "WF-INVALID",
                _(
                    "some fields are not right yet ({count}): {field}: {detail}",
                    count=len(self.problems),
                    field=first.field,
                    detail=first.detail,
                ),
            )

    def stamp(self, *, issuer: str | None = None) -> render.TteStamp:
        """The TTE stamp (QR code, footer) of a final render, naming the signer."""
        caption = (str(self.signer.get("jabatan", "")), str(self.signer.get("nama", "")))
        return render.TteStamp(
            document_id=self.state.letter_id, caption_lines=caption, issuer=issuer
        )


def letter_inputs(
    conn: sqlite3.Connection | None,
    state: LetterState,
    today: dt.date,
    *,
    signers: dict[int, str] | None = None,
    final: bool = False,
    signer_required: bool = True,
) -> LetterInputs:
    """Gather and check what ``state`` is rendered from.

    A numbered letter uses the signature block and date snapshotted when it was numbered:
    later changes of title or delegation never alter it. An unnumbered one takes its signer
    from the org chart and the delegations in force ``today`` (or from ``signers``: signing
    step → NIP).

    Args:
        conn: the workspace connection (the org chart); unused for a numbered letter.
        final: gather for the final render: the signature block from the org chart replaces
            whatever the draft's text holds (a draft's own block only fills a gap).
        signer_required: when False, a letter nobody can sign yet is still gathered, without
            a signature block (previews); otherwise that is refused (``WF-NO-SIGNER``).
    """
    template = load_template(state.jenis)
    profile = load_profile(state.profile_id)
    raw = dict(state.head_values)
    extra: dict[str, Any] = {}
    if state.nomor and state.final_inputs:
        signer = dict(state.final_inputs.get("penandatangan") or {})
        planned = state.planned_signers
        extra = {
            "nomor": state.nomor,
            "tanggal": dt.date.fromisoformat(str(state.final_inputs["tanggal"])),
        }
    else:
        if conn is None:
            raise ValueError("an unnumbered letter's signer comes from the org chart: pass conn")
        try:
            planned = tuple(planned_signers(conn, state, signers or {}, today))
            signer = _signer_snapshot(conn, state, planned, today)
        except TndeError:
            if signer_required:
                raise
            planned, signer = (), {}
    replace = final or bool(extra) or not raw.get("penandatangan")
    if template.field("penandatangan") is not None and signer and replace:
        raw["penandatangan"] = signer
    values, problems = validate_values(template, raw)
    return LetterInputs(
        state=state,
        template=template,
        profile=profile,
        values={**values, **extra},
        problems=tuple(problems),
        signers=tuple(planned),
        signer=signer,
    )


def planned_signers(
    conn: sqlite3.Connection, state: LetterState, chosen: dict[int, str], today: dt.date
) -> list[tuple[int, str]]:
    """(signing step, NIP) for every signing step: the chosen person, or today's holder
    (a Plh./Plt. before an absent definitive holder)."""
    out = []
    for step in state.signing_steps():
        nip = chosen.get(step.step_no)
        if nip is None:
            rows = conn.execute(
                "SELECT nip, bentuk FROM assignment WHERE jabatan_id = ? AND mulai <= ? "
                "AND (selesai IS NULL OR selesai >= ?)",
                (step.jabatan_id, today.isoformat(), today.isoformat()),
            ).fetchall()
            if not rows:
                raise WorkflowRefused(
                    "WF-NO-SIGNER",
                    _(
                        "nobody holds jabatan {jabatan_id} on {today}",
                        jabatan_id=step.jabatan_id,
                        today=today,
                    ),
                )
            nip = min(rows, key=lambda r: _SIGNER_PREFERENCE.get(r[1], 9))[0]
        out.append((step.step_no, str(nip)))
    return out


def signer_json(signer: Signer) -> dict[str, Any]:
    """A signature block as the raw value a ``penandatangan`` field holds (person + delegasi)."""
    data: dict[str, Any] = {k: v for k, v in asdict(signer.person).items() if v}
    if signer.delegasi is not None:
        data["delegasi"] = {k: v for k, v in asdict(signer.delegasi).items() if v}
    return data


def _signer_snapshot(
    conn: sqlite3.Connection,
    state: LetterState,
    planned: tuple[tuple[int, str], ...],
    today: dt.date,
) -> dict[str, Any]:
    """The first signer's block from the org chart and today's delegations, or ``{}`` for a
    letter without a signing step."""
    if not planned:
        return {}
    first_step, first_nip = planned[0]
    step = next(s for s in state.route if s.step_no == first_step)
    block = signature_block(
        load_org(conn),
        first_nip,
        step.jabatan_id,
        today,
        atas_nama_jabatan_id=step.atas_nama or None,
        ub_via_jabatan_id=step.ub_via or None,
    )
    return signer_json(block)
