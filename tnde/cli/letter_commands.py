"""``tnde letter …`` and ``tnde inbox``: every step of an outgoing letter, headless."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde import signing
from tnde.cli.commands import UsageError
from tnde.cli.output import add_actor as _as
from tnde.cli.output import emit_json as _json
from tnde.cli.output import out as _out
from tnde.cli.workspace_commands import open_workspace
from tnde.drafts import load_draft
from tnde.errors import WorkflowRefused
from tnde.fsutil import write_atomic
from tnde.incoming import send_letter
from tnde.messages import _
from tnde.workflow import (
    Letters,
    RouteRequest,
    archive_letter,
    cancel_letter,
    mark_read,
    number_letter,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from tnde.workflow import LetterState


def register(sub: Any) -> None:
    """Add ``letter`` and ``inbox`` to the command line."""
    letter = sub.add_parser(
        "letter", help=_("outgoing letters: draft, review, number, send (sign: tnde sign)")
    )
    verbs = letter.add_subparsers(dest="verb", required=True, parser_class=type(letter))

    p = verbs.add_parser("new", help=_("a new konsep from a draft file"))
    p.add_argument("draft")
    _as(p)
    p.add_argument("--unit", required=True, help=_("unit kerja of the konseptor"))
    route = p.add_mutually_exclusive_group(required=True)
    route.add_argument(
        "--signer", help=_("jabatan id of the signer: route built from the org chart")
    )
    route.add_argument(
        "--route", help=_("by hand: kind:JABATAN,… e.g. periksa:KASI1,tandatangan:KADIS")
    )
    p.set_defaults(run=cmd_new)

    p = verbs.add_parser("edit", help=_("a new revision of the text from a draft file"))
    p.add_argument("letter")
    p.add_argument("draft")
    _as(p)
    p.set_defaults(run=cmd_edit)

    for verb, needs_note, verb_help in (
        ("submit", False, _("submit a letter")),
        ("approve", False, _("approve a letter")),
        ("return", True, _("return a letter")),
        ("reject", True, _("reject a letter")),
        ("cancel", True, _("cancel a letter")),
        ("number", False, _("number a letter")),
        ("send", False, _("send a letter")),
        ("read", False, _("read a letter")),
        ("archive", False, _("archive a letter")),
    ):
        p = verbs.add_parser(verb, help=verb_help)
        p.add_argument("letter")
        _as(p)
        if needs_note:
            p.add_argument("--note", required=True, help=_("the note or reason (required)"))
        if verb in ("approve", "return", "reject"):
            p.add_argument(
                "--step",
                type=_step_number,
                required=True,
                metavar="N",
                help=_("the step of the route you act on (letter show and inbox name it)"),
            )
        if verb == "approve":
            p.add_argument("--revision", help=_("the revision you approve (default: the head)"))
        if verb == "number":
            p.add_argument("--lease", help=_("draw from this leased block of numbers"))
        p.set_defaults(run=cmd_action, action=verb)

    p = verbs.add_parser("show", help=_("the letter's state"))
    p.add_argument("letter")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_show)

    p = verbs.add_parser("export", help=_("write the letter's newest PDF (signed, else final)"))
    p.add_argument("letter")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.set_defaults(run=cmd_export)

    p = verbs.add_parser("history", help=_("every event of the letter"))
    p.add_argument("letter")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_history)

    p = verbs.add_parser("diff", help=_("text changes since a revision"))
    p.add_argument("letter")
    p.add_argument("--since", help=_("revision hash (default: the previous one)"))
    p.add_argument("--as", dest="actor", help=_("changes since the revision this NIP last saw"))
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser("inbox", help=_("what this person must act on"))
    _as(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_inbox)


def _letters(args: argparse.Namespace) -> Any:
    return Letters(open_workspace(args))


def _step_number(text: str) -> int:
    """``--step N``: a route step, 1 or more."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 99:
        raise argparse.ArgumentTypeError(_("a step number from 1 to 99, not {text!r}", text=text))
    return int(text)


def _parse_route(text: str) -> list[dict[str, str]]:
    steps = []
    for part in text.split(","):
        kind, _colon, jabatan = part.strip().partition(":")
        if not jabatan:
            raise UsageError(_("route step {part!r} is not KIND:JABATAN", part=part))
        steps.append({"kind": kind, "jabatan_id": jabatan})
    return steps


def _draft_values(path: str) -> tuple[str, str | None, dict[str, Any]]:
    draft = load_draft(Path(path))
    return draft.jenis, draft.profile_id, draft.raw_values


def _recipients(letters: Any, values: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """Tujuan and tembusan from the draft; a line naming a jabatan of the org chart is internal."""
    conn = letters.workspace.connect()
    try:
        names = {
            str(r[1]).casefold(): str(r[0])
            for r in conn.execute("SELECT jabatan_id, nama FROM jabatan")
        }
    finally:
        conn.close()
    out: dict[str, list[dict[str, str]]] = {}
    for role in ("tujuan", "tembusan"):
        items = values.get(role) or []
        out[role] = []
        for text in items if isinstance(items, list) else [items]:
            key = str(text).split("(")[0].strip().casefold()
            entry = {"text": str(text)}
            if key in names:
                entry["jabatan_id"] = names[key]
            out[role].append(entry)
    return out


def cmd_new(args: argparse.Namespace) -> int:
    """``tnde letter new DRAFT --as NIP --unit U --signer J``."""
    letters = _letters(args)
    jenis, profile_id, values = _draft_values(args.draft)
    if not profile_id:
        raise UsageError(_("the draft names no profile"))

    steps = _parse_route(args.route) if args.route else None
    recipients = _recipients(letters, values)
    state = letters.create(
        args.actor,
        jenis=jenis,
        values=values,
        unit_id=args.unit,
        profile_id=profile_id,
        route=RouteRequest(steps=steps, signer_jabatan=args.signer),
        tujuan=recipients["tujuan"],
        tembusan=recipients["tembusan"],
    )
    _out(state.letter_id)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    """``tnde letter edit LETTER DRAFT --as NIP``."""
    letters = _letters(args)
    values = _draft_values(args.draft)[2]
    state = letters.revise(args.actor, args.letter, values)
    _out(
        _(
            "{letter_id}: revision {revision}",
            letter_id=state.letter_id,
            revision=state.head_revision[:12],
        )
    )
    return 0


def cmd_action(args: argparse.Namespace) -> int:
    """One lifecycle step by one person."""

    letters = _letters(args)
    actor, letter = args.actor, args.letter
    actions: dict[str, Callable[[], LetterState]] = {
        "submit": lambda: letters.submit(actor, letter),
        "approve": lambda: letters.approve(actor, letter, step=args.step, revision=args.revision),
        "return": lambda: letters.return_for_revision(actor, letter, args.note, step=args.step),
        "reject": lambda: letters.reject(actor, letter, args.note, step=args.step),
        "cancel": lambda: cancel_letter(letters, actor, letter, args.note),
        "number": lambda: number_letter(letters, actor, letter, lease_id=args.lease),
        "send": lambda: send_letter(letters, actor, letter),
        "read": lambda: mark_read(letters, actor, letter),
        "archive": lambda: _archive(letters, actor, letter),
    }
    state = actions[args.action]()
    if state.nomor and args.action == "number":
        _out(
            _(
                "{letter_id}: {status} number {nomor}",
                letter_id=state.letter_id,
                status=state.status.value,
                nomor=state.nomor,
            )
        )
    else:
        _out(f"{state.letter_id}: {state.status.value}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """``tnde letter export LETTER -o FILE``: the newest signed PDF, else the final one."""
    letters = _letters(args)
    state = letters.get(args.letter)
    blob = state.signed_blobs[-1] if state.signed_blobs else state.final_blob
    if not blob:
        raise WorkflowRefused(
            "WF-NO-PDF",
            _("the letter has no final PDF yet: it is made when the letter is numbered"),
        )
    write_atomic(args.output, letters.blobs.get(blob))
    kind = _("signed") if state.signed_blobs else _("final, not signed")
    _out(_("{output}: {nomor} ({kind})", output=args.output, nomor=state.nomor, kind=kind))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """``tnde letter show LETTER``."""
    letters = _letters(args)
    state = letters.get(args.letter)
    unknown = signing.unknown_outcomes(letters.workspace.thread_connection()).get(state.letter_id)
    if args.json:
        _json({**asdict(state), "signature_unknown": unknown is not None})
        return 0
    # a lost signing request: the letter is unchanged, but must be checked before signing again
    marker = f"  ({signing.UNKNOWN_LABEL})" if unknown is not None else ""
    _out(f"{state.letter_id}  {state.jenis}  {state.status.value}{marker}")
    _out("  " + _("subject  : {hal}", hal=state.hal))
    _out("  " + _("number   : {nomor}", nomor=state.nomor or "-"))
    _out(
        "  "
        + _(
            "revision : {revision} ({count} revisions)",
            revision=state.head_revision[:12],
            count=len(state.revisions),
        )
    )
    for step in state.route:
        done = _("done") if step.approved_revision == state.head_revision else _("waiting")
        _out(
            "  "
            + _(
                "step {step_no}: {kind:<17} {jabatan_id:<12} {state}",
                step_no=step.step_no,
                kind=step.kind,
                jabatan_id=step.jabatan_id,
                state=done,
            )
        )
    for i, r in enumerate(state.recipients):
        sent = _("sent") if i in state.dispatched else ""
        _out(f"  {r.role:<8} : {r.text} {sent}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """``tnde letter history LETTER``."""
    events = _letters(args).history(args.letter)
    if args.json:
        _json([{**asdict(e), "type": str(e.type)} for e in events])
        return 0
    for e in events:
        note = e.payload.get("note") or e.payload.get("reason") or e.payload.get("nomor") or ""
        _out(f"{e.letter_seq:>3} {e.client_time} {e.type!s:<18} {e.actor_nip} {note}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """``tnde letter diff LETTER``."""
    _out(
        _letters(args).diff(args.letter, since=args.since, for_nip=args.actor) or _("(no changes)")
    )
    return 0


def cmd_inbox(args: argparse.Namespace) -> int:
    """``tnde inbox --as NIP``."""
    letters = _letters(args)
    items = letters.inbox(args.actor)
    unknown = signing.unknown_outcomes(letters.workspace.thread_connection())
    if args.json:
        _json([{**asdict(i), "signature_unknown": i.letter_id in unknown} for i in items])
        return 0
    for item in items:
        # the step is what approve, return and reject name (--step)
        step = _("step {step_no}", step_no=item.step_no) if item.step_no else ""
        marker = f"  ({signing.UNKNOWN_LABEL})" if item.letter_id in unknown else ""
        _out(f"{item.letter_id}  {item.kind:<17} {step:<9} {item.jenis:<16} {item.hal}{marker}")
    if not items:
        _out(_("(nothing waiting)"))
    return 0


def _archive(letters: Any, actor: str, letter: str) -> LetterState:
    """File the letter, with its B-LTA archive copy when the workspace has a timestamp service
    (always in a demo workspace); without one it is filed as it was sent."""

    with signing.workspace_services(letters.workspace) as signing_services:
        if signing_services.services.tsa_url and letters.get(letter).signed_blobs:
            return signing.archive_signed_letter(letters, actor, letter, signing_services.services)
    state: LetterState = archive_letter(letters, actor, letter)
    return state
