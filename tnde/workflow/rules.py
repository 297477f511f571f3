"""Which events are allowed: pure functions shared by the desktop and the archive server.

``check(state, event, authority, today)`` raises :class:`~tnde.errors.WorkflowRefused`
naming the rule when the event may not happen, and returns None otherwise. It reads
nothing but its arguments, so the server can run the very same rules on what devices send.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from tnde.errors import WorkflowRefused
from tnde.messages import _
from tnde.workflow.events import Event, EventType, revision_hash
from tnde.workflow.state import FINAL_STATES, LetterState, LetterStatus

if TYPE_CHECKING:
    import datetime as dt

ROUTE_KINDS = ("periksa", "paraf_koordinasi", "tandatangan")


class Authority(Protocol):
    """What the rules need to know about the org chart on a given day."""

    def acts_as(self, nip: str, jabatan_id: str, on: dt.date) -> str | None:
        """How ``nip`` holds ``jabatan_id`` on ``on`` (``definitif``, ``Plt.``…), or None."""

    def is_registry(self, nip: str, on: dt.date) -> bool:
        """Whether ``nip`` works at a registry desk (pencatat/TU) on ``on``."""

    def jabatan_exists(self, jabatan_id: str) -> bool:
        """Whether the org chart has this jabatan."""

    def unit_exists(self, unit_id: str) -> bool:
        """Whether the org chart has this unit kerja."""


def refuse(rule: str, message: str) -> WorkflowRefused:
    """A refusal naming ``rule`` (a stable id such as ``WF-OWN-APPROVAL``)."""
    return WorkflowRefused(rule, message)


def check(state: LetterState | None, event: Event, authority: Authority, today: dt.date) -> None:
    """Allow ``event`` on a letter in ``state`` (None for a new letter), or raise.

    Raises:
        WorkflowRefused: the event breaks a rule; nothing may be stored.
    """
    if event.type is EventType.CREATED:
        if state is not None:
            raise refuse(
                "WF-EXISTS", _("letter {letter_id} already exists", letter_id=event.letter_id)
            )
        unit = str(event.payload.get("unit_id", ""))
        if not authority.unit_exists(unit):
            raise refuse("WF-UNIT", _("unit kerja {unit!r} is not in the org chart", unit=unit))
        _check_text_hash(event)
        return
    if state is None:
        raise refuse("WF-UNKNOWN", _("letter {letter_id} is unknown", letter_id=event.letter_id))
    if event.letter_seq != state.head_seq + 1:
        raise refuse(
            "WF-SEQ",
            _(
                "event number {letter_seq} does not follow on (the last is {head_seq})",
                letter_seq=event.letter_seq,
                head_seq=state.head_seq,
            ),
        )
    if state.status in FINAL_STATES and event.type is not EventType.READ:
        raise refuse(
            "WF-FINAL",
            _(
                "the letter is {status} already; no further action is possible",
                status=state.status.value,
            ),
        )
    _CHECKS[event.type](state, event, authority, today)


def _konseptor_only(state: LetterState, event: Event, refusal: str) -> None:
    """Refuse with ``refusal`` (a whole sentence) unless the konseptor acts."""
    if event.actor_nip != state.konseptor_nip:
        raise refuse("WF-KONSEPTOR", refusal)


def _editable(state: LetterState, event: Event, refusal: str) -> None:
    _konseptor_only(state, event, refusal)
    allowed = (
        LetterStatus.KONSEP,
        LetterStatus.DIKEMBALIKAN,
        LetterStatus.DIAJUKAN,
        LetterStatus.SIAP_TANDATANGAN,
    )
    if state.status not in allowed:
        raise refuse(
            "WF-NOT-EDITABLE",
            _(
                "a letter with status {status} cannot be changed; return it for revision first",
                status=state.status.value,
            ),
        )


def _check_text_hash(e: Event) -> None:
    """A text's revision hash is the hash of that text: an approval names a hash, so a text
    under another text's hash would carry an approval nobody gave it."""
    values = e.payload.get("values")
    if not isinstance(values, dict) or e.revision_hash != revision_hash(values):
        raise refuse("WF-REVISION-HASH", _("the text's revision hash is not the hash of its text"))


def _check_revised(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _editable(s, e, _("only the konseptor can change the draft"))
    _check_text_hash(e)
    parent = e.payload.get("parent_revision")
    if parent != s.head_revision and parent not in s.revisions:
        raise refuse("WF-STALE-EDIT", _("the change was made to a text this letter never had"))
    merges = e.payload.get("merges", [])
    if (e.revision_hash == s.head_revision or e.revision_hash in s.branches) and not _chooses(
        s, e, merges
    ):
        raise refuse("WF-NO-CHANGE", _("the text did not change"))
    if not isinstance(merges, list) or any(m not in s.branches for m in merges):
        raise refuse("WF-MERGE", _("a merge names only the draft's open branches"))
    if merges and parent != s.head_revision:
        raise refuse("WF-MERGE", _("a merge is made on the latest text"))


def _chooses(s: LetterState, e: Event, merges: object) -> bool:
    """Whether a text resolves open branches by taking one of the texts as it is: the head
    (the branches it names are let go) or one of the branches it names. Resolving branches
    is a choice between texts, so the chosen text need not differ from them; any other text
    equal to the head or to an open branch changes nothing."""
    if not isinstance(merges, list) or not merges:
        return False
    return e.revision_hash == s.head_revision or e.revision_hash in merges


def _check_route(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _konseptor_only(s, e, _("only the konseptor can set the route"))
    if s.status not in (LetterStatus.KONSEP, LetterStatus.DIKEMBALIKAN):
        raise refuse(
            "WF-ROUTE-LOCKED", _("the route can be changed only before the draft is submitted")
        )
    steps = e.payload.get("steps") or []
    kinds = [st.get("kind") for st in steps]
    if not steps or kinds[-1] != "tandatangan":
        raise refuse("WF-ROUTE-SIGNER", _("the route must end with the signer"))
    if any(k not in ROUTE_KINDS for k in kinds):
        raise refuse("WF-ROUTE-KIND", _("unknown kind of route step"))
    named = [st.get(key, "") for st in steps for key in ("jabatan_id", "atas_nama", "ub_via")]
    unknown = next((j for j in named if j and not a.jabatan_exists(str(j))), None)
    if unknown is not None or any(not st.get("jabatan_id") for st in steps):
        raise refuse(
            "WF-ROUTE-JABATAN", _("jabatan {unknown!r} is not in the org chart", unknown=unknown)
        )
    if "tandatangan" in kinds[: kinds.index("tandatangan")] or any(
        k != "tandatangan" for k in kinds[kinds.index("tandatangan") :]
    ):
        raise refuse("WF-ROUTE-ORDER", _("the signing step must come at the end of the route"))
    limit = int(e.payload.get("paraf_max", 0))
    paraf = sum(1 for k in kinds if k != "tandatangan")
    if limit and paraf > limit:
        raise refuse(
            "WF-PARAF-MAX",
            _("the route has {paraf} paraf; the profile allows {limit}", paraf=paraf, limit=limit),
        )


def _check_recipients(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _editable(s, e, _("only the konseptor can change the recipients"))
    if not e.payload.get("tujuan"):
        raise refuse("WF-NO-TUJUAN", _("a letter needs at least one recipient (tujuan)"))


def _check_submitted(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _konseptor_only(s, e, _("only the konseptor can submit the draft"))
    if s.status not in (LetterStatus.KONSEP, LetterStatus.DIKEMBALIKAN):
        raise refuse(
            "WF-SUBMIT-STATE",
            _("a letter with status {status} cannot be submitted", status=s.status.value),
        )
    if not s.route or not s.signing_steps():
        raise refuse("WF-ROUTE-SIGNER", _("set a route with a signer before submitting"))
    if s.branches:
        raise refuse(
            "WF-BRANCH-OPEN",
            _(
                "the draft was also changed at another desk: choose or merge the two texts "
                "before submitting"
            ),
        )
    if s.status is LetterStatus.DIKEMBALIKAN and s.head_revision == s.returned_revision:
        raise refuse("WF-NOT-REVISED", _("the returned draft has not been revised"))


def _acting_step(
    s: LetterState,
    e: Event,
    a: Authority,
    today: dt.date,
    kinds: tuple[str, ...],
    states: tuple[LetterStatus, ...],
) -> int:
    """Check that the actor may act on the current step now; return its number.

    The event names the step it acts on (the one the user saw), so repeating an action, or
    losing a race to a colleague's, acts at most once: a step already done says so rather
    than moving on to the next step, even when the actor holds that one too.
    """
    named = int(e.payload.get("step", -1))
    done = next((x for x in s.route if x.step_no == named), None)
    if done is not None and s.head_revision and done.approved_revision == s.head_revision:
        if done.kind == "tandatangan":
            what = _(
                "step {step_no} ({jabatan_id}) has already been signed on this revision; "
                "each step is acted on once",
                step_no=named,
                jabatan_id=done.jabatan_id,
            )
        else:
            what = _(
                "step {step_no} ({jabatan_id}) has already been approved on this revision; "
                "each step is acted on once",
                step_no=named,
                jabatan_id=done.jabatan_id,
            )
        raise refuse("WF-STEP-DONE", what)
    if s.status not in states:
        raise refuse(
            "WF-STEP-STATE",
            _("the letter is {status}; this action is not available", status=s.status.value),
        )
    step = s.current_step()
    if step is None or step.kind not in kinds:
        raise refuse("WF-NO-STEP", _("no step is waiting for this action"))
    if named != step.step_no:
        raise refuse("WF-WRONG-STEP", _("the step waiting is step {step_no}", step_no=step.step_no))
    if e.actor_nip == s.konseptor_nip and step.kind != "tandatangan":
        raise refuse("WF-OWN-APPROVAL", _("the konseptor cannot review their own letter"))
    if a.acts_as(e.actor_nip, step.jabatan_id, today) is None:
        raise refuse(
            "WF-NOT-ASSIGNEE",
            _(
                "step {step_no} is assigned to jabatan {jabatan_id}, which the actor does "
                "not hold on {date}",
                step_no=step.step_no,
                jabatan_id=step.jabatan_id,
                date=today.isoformat(),
            ),
        )
    if e.revision_hash != s.head_revision:
        raise refuse(
            "WF-STALE-REVISION", _("the action names an old revision; check the latest text")
        )
    return step.step_no


_REVIEW = ("periksa", "paraf_koordinasi")


def _check_approved(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _acting_step(s, e, a, today, _REVIEW, (LetterStatus.DIAJUKAN,))


def _check_returned(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _acting_step(
        s,
        e,
        a,
        today,
        (*_REVIEW, "tandatangan"),
        (LetterStatus.DIAJUKAN, LetterStatus.SIAP_TANDATANGAN, LetterStatus.DINOMORI),
    )
    if not str(e.payload.get("note", "")).strip():
        raise refuse("WF-NOTE-REQUIRED", _("returning a letter needs a note for the konseptor"))


def _check_rejected(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    _check_returned(s, e, a, today)


def _check_numbered(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    if s.status is not LetterStatus.SIAP_TANDATANGAN:
        raise refuse("WF-NUMBER-STATE", _("numbering is only for letters ready to be signed"))
    if not a.is_registry(e.actor_nip, today):
        raise refuse("WF-REGISTRY-ONLY", _("only the registry (tata usaha) gives numbers"))
    if e.revision_hash != s.head_revision:
        raise refuse("WF-STALE-REVISION", _("the number must be given on the latest text"))
    if not e.payload.get("nomor") or not e.payload.get("blob"):
        raise refuse("WF-NUMBER-DATA", _("the number and the final PDF are required"))


def _check_paraf_signed(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    if s.status is not LetterStatus.DINOMORI:
        raise refuse(
            "WF-STEP-STATE",
            _("the letter is {status}; electronic paraf is not available", status=s.status.value),
        )
    step_no = int(e.payload.get("step", -1))
    pending = {st.step_no: st for st in s.paraf_pending()}
    if step_no not in pending:
        raise refuse(
            "WF-PARAF-TTE-STEP",
            _("step {step_no} is not waiting for an electronic paraf", step_no=step_no),
        )
    if pending[step_no].decided_by != e.actor_nip:
        raise refuse(
            "WF-NOT-ASSIGNEE",
            _(
                "the electronic paraf of step {step_no} is applied by the reviewer who "
                "initialled it",
                step_no=step_no,
            ),
        )
    if any(st.approved_revision == s.head_revision for st in s.signing_steps()):
        raise refuse("WF-PARAF-AFTER-SIGN", _("a paraf cannot be added after the signature"))
    if not e.payload.get("blob"):
        raise refuse("WF-SIGN-DATA", _("the signed PDF is required"))


def _check_signed(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    step_no = _acting_step(s, e, a, today, ("tandatangan",), (LetterStatus.DINOMORI,))
    missing = [str(st.step_no) for st in s.paraf_pending()]
    if missing:
        raise refuse(
            "WF-PARAF-TTE",
            _(
                "the reviewers' electronic paraf are not complete (step {steps})",
                steps=", ".join(missing),
            ),
        )

    planned = dict(s.planned_signers).get(step_no)
    if planned and planned != e.actor_nip:
        raise refuse(
            "WF-NOT-PLANNED-SIGNER",
            _(
                "the final PDF prints another signer's name; return the letter if the signer "
                "changes"
            ),
        )
    if not e.payload.get("blob"):
        raise refuse("WF-SIGN-DATA", _("the signed PDF is required"))


def _check_sent(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    if s.status not in (LetterStatus.DITANDATANGANI, LetterStatus.DIKIRIM):
        raise refuse("WF-SEND-STATE", _("only a signed letter can be sent"))
    if not a.is_registry(e.actor_nip, today):
        raise refuse("WF-REGISTRY-ONLY", _("only the registry (tata usaha) sends letters"))
    indexes = [int(d.get("recipient", -1)) for d in e.payload.get("dispatches", ())]
    if not indexes or any(not 0 <= i < len(s.recipients) for i in indexes):
        raise refuse("WF-SEND-RECIPIENT", _("unknown recipient of the delivery"))


def _check_read(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    index = int(e.payload.get("recipient", -1))
    if index not in s.dispatched:
        raise refuse("WF-READ-UNSENT", _("the letter has not been sent to this recipient"))
    recipient = s.recipients[index]
    if not recipient.jabatan_id or a.acts_as(e.actor_nip, recipient.jabatan_id, today) is None:
        raise refuse("WF-READ-NOT-RECIPIENT", _("the actor does not hold the recipient's jabatan"))


def _check_archived(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    if s.status is not LetterStatus.DIKIRIM:
        raise refuse("WF-ARCHIVE-STATE", _("only a sent letter is archived"))
    if not a.is_registry(e.actor_nip, today):
        raise refuse("WF-REGISTRY-ONLY", _("only the registry (tata usaha) archives letters"))


def _check_cancelled(s: LetterState, e: Event, a: Authority, today: dt.date) -> None:
    if s.status in (LetterStatus.DITANDATANGANI, LetterStatus.DIKIRIM) or s.signed_blobs:
        raise refuse("WF-CANCEL-SIGNED", _("a signed letter cannot be cancelled"))
    signer_jabatan = [st.jabatan_id for st in s.signing_steps()]
    allowed = e.actor_nip == s.konseptor_nip or any(
        a.acts_as(e.actor_nip, j, today) for j in signer_jabatan
    )
    if not allowed:
        raise refuse("WF-CANCEL-ROLE", _("only the konseptor or the signer can cancel"))
    if not str(e.payload.get("reason", "")).strip():
        raise refuse("WF-REASON-REQUIRED", _("a cancellation needs a reason"))


_CHECKS = {
    EventType.REVISED: _check_revised,
    EventType.ROUTE_SET: _check_route,
    EventType.RECIPIENTS_SET: _check_recipients,
    EventType.SUBMITTED: _check_submitted,
    EventType.APPROVED: _check_approved,
    EventType.RETURNED: _check_returned,
    EventType.REJECTED: _check_rejected,
    EventType.NUMBERED: _check_numbered,
    EventType.SIGNED: _check_signed,
    EventType.PARAF_SIGNED: _check_paraf_signed,
    EventType.SENT: _check_sent,
    EventType.READ: _check_read,
    EventType.ARCHIVED: _check_archived,
    EventType.CANCELLED: _check_cancelled,
}
