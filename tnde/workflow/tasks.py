"""Who must act on a letter now, derived from its state (the ``task`` projection)."""

from __future__ import annotations

from dataclasses import dataclass

from tnde.workflow.state import LetterState, LetterStatus

#: Task kinds handled by any registry desk rather than by a named jabatan.
REGISTRY_KINDS = ("nomori", "kirim", "arsipkan")


@dataclass(frozen=True)
class Task:
    """An open task on a letter."""

    step_no: int
    kind: str
    """``periksa``, ``paraf_koordinasi``, ``tandatangan``, ``paraf_tte`` (a reviewer's
    electronic paraf on the numbered PDF), ``revisi``, ``konsep``, or a registry kind from
    :data:`REGISTRY_KINDS`."""

    jabatan_id: str = ""
    nip: str = ""


def tasks_for(state: LetterState) -> list[Task]:
    """The open tasks of a letter in ``state`` (usually one)."""
    status = state.status
    if status is LetterStatus.KONSEP:
        return [Task(0, "konsep", nip=state.konseptor_nip)]
    if status is LetterStatus.DIKEMBALIKAN:
        return [Task(0, "revisi", nip=state.konseptor_nip)]
    if status is LetterStatus.DINOMORI and state.paraf_pending():
        return [Task(s.step_no, "paraf_tte", nip=s.decided_by) for s in state.paraf_pending()]
    if status in (LetterStatus.DIAJUKAN, LetterStatus.DINOMORI):
        step = state.current_step()
        return [Task(step.step_no, step.kind, jabatan_id=step.jabatan_id)] if step else []
    if status is LetterStatus.SIAP_TANDATANGAN:
        return [Task(0, "nomori")]
    if status is LetterStatus.DITANDATANGANI:
        return [Task(0, "kirim")]
    if status is LetterStatus.DIKIRIM:
        return [Task(0, "arsipkan")]
    return []
