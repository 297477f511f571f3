"""Why an action of this desk did not go through, in plain words.

A refusal's rule says what the rules saw (``WF-STEP-DONE``: the step was approved on this
text already); the user needs what happened (Dra. Sri Wahyuni approved it at another desk at
10:42). When the rule is one that another desk's action can cause, the letter's events the
archive accepted from other desks after the refused action's base tell it: first an action
on the same step or disposition, then one that closed the letter, then (for a refusal about
the text) a change of the text, then the first other action. Rules that no other desk's
action causes (a forged actor, an unreadable event, a number outside the desk's block) are
told in a sentence of their own, and any other refusal by its own message.

Everything here is pure: :mod:`tnde.sync.attention` reads the rows and words the names and
times.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tnde.messages import _

__all__ = ["Happened", "action_name", "decisive", "fallback_reason", "what_happened"]


class Happened(NamedTuple):
    """An action another desk took on the letter, as the archive accepted it."""

    type: str
    actor: str
    """The NIP of who took it."""
    payload: dict[str, Any]
    at: str
    """When, as that desk says (ISO 8601, UTC)."""


_STATE_RULES = frozenset(
    {
        "WF-FINAL",
        "WF-SEQ",
        "WF-STEP-DONE",
        "WF-STEP-STATE",
        "WF-NO-STEP",
        "WF-WRONG-STEP",
        "WF-STALE-REVISION",
        "WF-STALE-EDIT",
        "WF-NO-CHANGE",
        "WF-MERGE",
        "WF-BRANCH-OPEN",
        "WF-NOT-EDITABLE",
        "WF-NOT-REVISED",
        "WF-SUBMIT-STATE",
        "WF-ROUTE-LOCKED",
        "WF-NUMBER-STATE",
        "WF-SEND-STATE",
        "WF-ARCHIVE-STATE",
        "WF-CANCEL-SIGNED",
        "WF-PARAF-TTE",
        "WF-PARAF-TTE-STEP",
        "WF-PARAF-AFTER-SIGN",
        "WF-READ-UNSENT",
        "DP-STATE",
        "DP-CANCEL-READ",
        "DP-UNKNOWN",
    }
)
"""Rules another desk's action can make refuse an action that was allowed where it was made."""

_TEXT_RULES = frozenset(
    {"WF-STALE-REVISION", "WF-STALE-EDIT", "WF-NO-CHANGE", "WF-MERGE", "WF-BRANCH-OPEN"}
)
_STEP_TYPES = frozenset(
    {
        "review.approved",
        "review.returned",
        "review.rejected",
        "letter.signed",
        "letter.paraf_signed",
    }
)
_DISPOSITION_TYPES = frozenset(
    {
        "disposition.read",
        "disposition.progress",
        "disposition.completed",
        "disposition.cancelled",
    }
)
_CLOSING = frozenset({"letter.cancelled", "review.rejected", "letter.archived"})
_NOISE = frozenset({"letter.read", "incoming.read", "tembusan.read"})
"""Read receipts: they never make another action impossible."""


def action_name(event_type: str) -> str:
    """What an action of ``event_type`` is called, as the user would name it."""
    names = {
        "letter.created": _("New draft"),
        "draft.revised": _("Change to the draft"),
        "route.set": _("Setting the route"),
        "recipients.set": _("Setting the recipients"),
        "letter.submitted": _("Submission of the draft"),
        "review.approved": _("Approval"),
        "review.returned": _("Return for revision"),
        "review.rejected": _("Refusal of the letter"),
        "letter.numbered": _("Numbering"),
        "letter.signed": _("Signature"),
        "letter.paraf_signed": _("Electronic paraf"),
        "letter.sent": _("Dispatch of the letter"),
        "letter.read": _("Read receipt"),
        "letter.archived": _("Filing in the archive"),
        "letter.cancelled": _("Cancellation of the letter"),
        "incoming.registered": _("Registration of an incoming letter"),
        "incoming.read": _("Reading of an incoming letter"),
        "tembusan.read": _("Reading of a copy (tembusan)"),
        "disposition.given": _("Disposition"),
        "disposition.read": _("Reading of a disposition"),
        "disposition.progress": _("Progress report on a disposition"),
        "disposition.completed": _("Completion report on a disposition"),
        "disposition.cancelled": _("Withdrawal of a disposition"),
    }
    return names.get(event_type) or _("Action")


def target(event_type: str, payload: dict[str, Any]) -> str:
    """The route step or the disposition an action acts on ("" for the whole letter)."""
    if event_type in _STEP_TYPES:
        return f"step:{payload.get('step', '')}"
    if event_type in _DISPOSITION_TYPES:
        return f"disposition:{payload.get('disposisi_id', '')}"
    if event_type == "disposition.given" and payload.get("parent_id"):
        return f"disposition:{payload['parent_id']}"  # passing a disposition on
    return ""


def decisive(
    rule: str, event_type: str, payload: dict[str, Any], happened: list[Happened]
) -> Happened | None:
    """Which of the other desks' actions (oldest first) made the rules refuse the action
    ``event_type`` with ``payload``, or None when the rule is not one they can cause or
    none of them explains it."""
    if rule not in _STATE_RULES:
        return None
    mine = target(event_type, payload)
    if mine:
        same = next((h for h in happened if target(h.type, h.payload) == mine), None)
        if same is not None:
            return same
    closing = next((h for h in happened if h.type in _CLOSING), None)
    if closing is not None:
        return closing
    if rule in _TEXT_RULES:
        text = next((h for h in happened if h.type == "draft.revised"), None)
        if text is not None:
            return text
    return next((h for h in happened if h.type not in _NOISE), None)


def what_happened(
    found: Happened, event_type: str, payload: dict[str, Any], who: str, when: str
) -> str:
    """The sentence that tells the user what ``found`` did: ``who`` did it ``when``."""
    mine = target(event_type, payload)
    same = bool(mine) and target(found.type, found.payload) == mine
    kind = found.type
    if kind == "review.approved" and same:
        return _(
            "This step was already approved by {who} at another desk {when}.", who=who, when=when
        )
    if kind == "letter.signed" and same:
        return _(
            "This step was already signed by {who} at another desk {when}.", who=who, when=when
        )
    sentences = {
        "review.returned": _(
            "The letter was returned to the konseptor for revision by {who} at another desk "
            "{when}.",
            who=who,
            when=when,
        ),
        "review.rejected": _(
            "The letter was refused by {who} at another desk {when}.", who=who, when=when
        ),
        "letter.cancelled": _(
            "The letter was cancelled by {who} at another desk {when}.", who=who, when=when
        ),
        "letter.archived": _(
            "The letter was filed in the archive by {who} at another desk {when}.",
            who=who,
            when=when,
        ),
        "draft.revised": _(
            "The text of the letter was changed by {who} at another desk {when}; this action "
            "was made on the earlier text.",
            who=who,
            when=when,
        ),
        "letter.submitted": _(
            "The draft was submitted by {who} at another desk {when}.", who=who, when=when
        ),
        "letter.numbered": _(
            "The letter was given its number by {who} at another desk {when}.", who=who, when=when
        ),
        "letter.sent": _(
            "The letter was sent by {who} at another desk {when}.", who=who, when=when
        ),
    }
    if kind in sentences:
        return sentences[kind]
    if same and kind == "disposition.read" and event_type != "disposition.cancelled":
        return _("The disposition was already read by {who} {when}.", who=who, when=when)
    if same and kind == "disposition.read":
        return _(
            "The disposition was already read by {who} {when}, so it can no longer be withdrawn.",
            who=who,
            when=when,
        )
    if same and kind == "disposition.cancelled":
        return _("The disposition was withdrawn by {who} {when}.", who=who, when=when)
    if same and kind == "disposition.completed":
        return _(
            "The disposition was already reported complete by {who} {when}.", who=who, when=when
        )
    return _(
        "{action} by {who} at another desk {when} reached the archive first.",
        action=action_name(kind),
        who=who,
        when=when,
    )


def fallback_reason(rule: str, message: str, source: str) -> str:
    """Why an action was refused when no other desk's action explains it: a plain sentence
    for the refusals a desk cannot cause by acting on a letter, else the refusal's own
    message, else what refused it."""
    sentences = {
        "SYNC-BAD-EVENT": _("The archive could not read this action, so it was not recorded."),
        "SYNC-ID-REUSED": _(
            "The archive already holds another action under the same identity; this one was "
            "not recorded."
        ),
        "SYNC-DEVICE": _(
            "The action names another computer than the one signed in to the archive, so it "
            "was not recorded."
        ),
        "ACT-NOT-OWNER": _(
            "The action was made in the name of another official than the one signed in to "
            "the archive, so it was not recorded."
        ),
        "REG-NOT-LEASED": _(
            "The letter's number was not taken from the block of numbers the archive gave "
            "this desk."
        ),
        "REG-NUMBER-USED": _("The letter's number had already been used for another letter."),
    }
    if rule in sentences:
        return sentences[rule]
    text = " ".join(message.split())
    if text:
        text = text[0].upper() + text[1:]
        return text if text.endswith((".", "!", "?")) else text + "."
    if source == "merge":
        return _("After what was done at other desks, the rules no longer allow this action.")
    return _("The archive did not accept this action.")
