"""``tnde incoming …``, ``tnde disposisi …``, ``tnde track`` and ``tnde search``."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde.cli.commands import read_argument_file
from tnde.cli.output import add_actor as _as
from tnde.cli.output import emit_json as _json
from tnde.cli.output import out as _out
from tnde.cli.workspace_commands import open_workspace
from tnde.fsutil import write_atomic
from tnde.incoming import IncomingDesk, Recipient, disposition_sheet, prefill_from_pdf
from tnde.messages import _
from tnde.tracking import ExportKind, TrackingFilter

if TYPE_CHECKING:
    import argparse


def register(sub: Any) -> None:
    """Add the incoming-letter, disposition, tracking and search commands."""
    incoming = sub.add_parser("incoming", help=_("incoming letters (naskah masuk)"))
    verbs = incoming.add_subparsers(dest="verb", required=True, parser_class=type(incoming))
    p = verbs.add_parser("register", help=_("register a received letter"))
    _as(p)
    p.add_argument("--unit", required=True, help=_("the receiving unit kerja"))
    p.add_argument("--pdf", type=Path, help=_("the letter as PDF (nomor/tanggal/hal pre-filled)"))
    for key in (
        "asal",
        "asal-jabatan",
        "nomor",
        "tanggal",
        "hal",
        "sifat",
        "urgensi",
        "kka",
        "isi-ringkas",
        "lampiran",
        "diterima",
    ):
        p.add_argument(f"--{key}", default="")
    p.add_argument("--tembusan", action="store_true", help=_("a copy: read-only, no disposition"))
    p.add_argument(
        "--duplicate-ok",
        action="store_true",
        help=_("register although it looks like one registered before"),
    )
    p.set_defaults(run=cmd_register)
    p = verbs.add_parser("show", help=_("one incoming letter with its dispositions"))
    p.add_argument("incoming")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_show)
    p = verbs.add_parser("read", help=_("the head of the unit opens the letter"))
    p.add_argument("incoming")
    _as(p)
    p.set_defaults(run=cmd_read)
    p = verbs.add_parser("list", help=_("incoming letters of a unit"))
    p.add_argument("--unit", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_list)

    disp = sub.add_parser("disposisi", help=_("dispositions on incoming letters"))
    verbs = disp.add_subparsers(dest="verb", required=True, parser_class=type(disp))
    verb_help = {
        "give": _("give a disposition"),
        "forward": _("forward a disposition"),
        "read": _("read a disposition"),
        "progress": _("report progress on a disposition"),
        "complete": _("complete a disposition"),
        "cancel": _("cancel a disposition"),
    }
    for verb in ("give", "forward"):
        p = verbs.add_parser(verb, help=verb_help[verb])
        p.add_argument("incoming")
        if verb == "forward":
            p.add_argument("--parent", required=True, help=_("the disposition being forwarded"))
        _as(p)
        p.add_argument(
            "--to",
            required=True,
            action="append",
            metavar="JABATAN",
            help=_("a recipient jabatan (repeat); the first one leads"),
        )
        p.add_argument(
            "--instruction",
            required=True,
            action="append",
            help=_("an instruction from the standard list (repeat)"),
        )
        p.add_argument("--note", default="")
        p.add_argument(
            "--atas-perintah",
            action="store_true",
            help=_("TU giving the disposition on the head's instruction"),
        )
        p.set_defaults(run=cmd_give)
    for verb in ("read", "progress", "complete", "cancel"):
        p = verbs.add_parser(verb, help=verb_help[verb])
        p.add_argument("incoming")
        p.add_argument("disposisi")
        _as(p)
        if verb != "read":
            p.add_argument("--note", required=True)
        if verb == "complete":
            p.add_argument("--attachment", type=Path, help=_("a PDF reporting the result"))
        p.set_defaults(run=cmd_disposition_step, step=verb)
    p = verbs.add_parser("print", help=_("the Lembar Disposisi of a disposition as PDF"))
    p.add_argument("incoming")
    p.add_argument("disposisi")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.set_defaults(run=cmd_print)
    p = verbs.add_parser("tree", help=_("the dispositions of a letter as a tree"))
    p.add_argument("incoming")
    p.set_defaults(run=cmd_tree)

    p = sub.add_parser("track", help=_("dispositions of a unit, counters, CSV or PDF report"))
    p.add_argument("--unit", required=True)
    p.add_argument("--as", dest="actor", help=_("also show this person's counters"))
    p.add_argument("--overdue", action="store_true", help=_("only overdue ones"))
    p.add_argument("--status", action="append", default=[])
    p.add_argument("--urgensi", default="")
    p.add_argument("--asal", default="")
    p.add_argument("--kka", default="")
    p.add_argument("--text", default="")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", type=Path, help=_("write the rows as CSV"))
    out.add_argument("--pdf", type=Path, help=_("write the printable report"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_track)

    p = sub.add_parser("search", help=_("full-text search over incoming letters"))
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_search)


def _desk(args: argparse.Namespace) -> IncomingDesk:
    return IncomingDesk(open_workspace(args))


def cmd_register(args: argparse.Namespace) -> int:
    """``tnde incoming register``: metadata from options, pre-filled from the PDF's text."""
    desk = _desk(args)
    pdf = None
    meta = {
        k.replace("-", "_"): getattr(args, k.replace("-", "_"))
        for k in (
            "asal",
            "asal-jabatan",
            "nomor",
            "tanggal",
            "hal",
            "sifat",
            "urgensi",
            "kka",
            "isi-ringkas",
            "lampiran",
            "diterima",
        )
    }
    if args.pdf is not None:
        pdf = read_argument_file(args.pdf)
        found = prefill_from_pdf(pdf, name=str(args.pdf))
        guessed = {
            "asal": found.asal,
            "asal_jabatan": found.asal_jabatan,
            "nomor": found.nomor,
            "tanggal": found.tanggal.isoformat() if found.tanggal else "",
            "hal": found.hal,
            "sifat": found.sifat,
            "urgensi": found.urgensi,
            "lampiran": found.lampiran,
        }
        for key, value in guessed.items():
            if not meta[key] and value:
                meta[key] = value
                sys.stderr.write(
                    _("tnde: {key} taken from the PDF: {value}", key=key, value=value) + "\n"
                )
        for key in found.unsure:
            if key in guessed and not meta[key]:
                # the PDF seems to have it, but pre-fill would rather not guess
                sys.stderr.write(
                    _(
                        "tnde: {key} not taken from the PDF: pre-fill could not read it with "
                        "certainty; give it with --{option}",
                        key=key,
                        option=key.replace("_", "-"),
                    )
                    + "\n"
                )
    meta = {k: v for k, v in meta.items() if v}
    state = desk.register(
        args.actor,
        unit_id=args.unit,
        meta=meta,
        pdf=pdf,
        copy_only=args.tembusan,
        confirm_duplicate=args.duplicate_ok,
    )
    _out(_("{incoming_id}  agenda {agenda}", incoming_id=state.incoming_id, agenda=state.agenda))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """``tnde incoming show``."""
    state = _desk(args).get(args.incoming)
    if args.json:
        _json(asdict(state))
        return 0
    m = state.meta
    _out(
        _(
            "{incoming_id}  agenda {agenda}  {status}",
            incoming_id=state.incoming_id,
            agenda=state.agenda,
            status=state.status,
        )
    )
    for key in ("asal", "nomor", "tanggal", "hal", "sifat", "urgensi", "diterima"):
        _out(f"  {key:<9}: {m.get(key, '')}")
    detail = f" ({state.verification_detail})" if state.verification_detail else ""
    _out("  " + _("signature: {verdict}{detail}", verdict=state.verification, detail=detail))

    for d in state.dispositions:
        lead = " " + _("(lead)") if d.leading else ""
        _out(
            "  "
            + _(
                "disposition {disposisi_id}: {giver} → {recipient}{lead}  {status}  due {due}",
                disposisi_id=d.disposisi_id,
                giver=d.giver_jabatan,
                recipient=d.recipient_jabatan,
                lead=lead,
                status=d.status.value,
                due=d.due_at,
            )
        )
    return 0


def cmd_read(args: argparse.Namespace) -> int:
    """``tnde incoming read``."""
    state = _desk(args).read(args.actor, args.incoming)
    _out(f"{state.incoming_id}: {state.status}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """``tnde incoming list --unit U``."""
    desk = _desk(args)
    rows = (
        desk.ws.thread_connection()
        .execute(
            "SELECT incoming_id, agenda, diterima, asal, hal, status FROM incoming "
            "WHERE unit_id = ? ORDER BY diterima DESC, agenda DESC LIMIT 200",
            (args.unit,),
        )
        .fetchall()
    )
    if args.json:
        _json(
            [
                dict(
                    zip(
                        ("incoming_id", "agenda", "diterima", "asal", "hal", "status"),
                        r,
                        strict=True,
                    )
                )
                for r in rows
            ]
        )
        return 0
    for r in rows:
        _out(f"{r[0]}  {r[1]:<10} {r[2]}  {r[5]:<13} {r[3]}: {r[4]}")
    return 0


def cmd_give(args: argparse.Namespace) -> int:
    """``tnde disposisi give|forward``."""

    recipients = [Recipient(j, leading=i == 0 and len(args.to) > 1) for i, j in enumerate(args.to)]
    state = _desk(args).dispose(
        args.actor,
        args.incoming,
        recipients=recipients,
        instructions=args.instruction,
        note=args.note,
        parent_id=getattr(args, "parent", "") or "",
        atas_perintah=args.atas_perintah,
    )
    for d in state.dispositions[-len(recipients) :]:
        _out(
            _(
                "{disposisi_id}  {recipient}  due {due}",
                disposisi_id=d.disposisi_id,
                recipient=d.recipient_jabatan,
                due=d.due_at,
            )
        )
    return 0


def cmd_disposition_step(args: argparse.Namespace) -> int:
    """``tnde disposisi read|progress|complete|cancel``."""
    desk = _desk(args)
    a, i, d = args.actor, args.incoming, args.disposisi
    steps = {
        "read": lambda: desk.read_disposition(a, i, d),
        "progress": lambda: desk.progress(a, i, d, args.note),
        "complete": lambda: desk.complete(a, i, d, args.note, _attachment(args)),
        "cancel": lambda: desk.cancel(a, i, d, args.note),
    }
    state = steps[args.step]()
    done = state.disposition(d)
    _out(f"{d}: {done.status.value if done else '?'}")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    """``tnde disposisi print INCOMING DISPOSISI -o OUT.pdf``."""

    write_atomic(args.output, disposition_sheet(_desk(args), args.incoming, args.disposisi))
    _out(_("{output}: disposition sheet", output=args.output))
    return 0


def _attachment(args: argparse.Namespace) -> bytes | None:
    path: Path | None = getattr(args, "attachment", None)
    if path is None:
        return None
    return read_argument_file(path)


def cmd_tree(args: argparse.Namespace) -> int:
    """``tnde disposisi tree``."""

    def show(nodes: list[dict[str, Any]], depth: int) -> None:
        for node in nodes:
            d = node["disposition"]
            lead = " " + _("(lead)") if d.leading else ""
            _out(
                f"{'  ' * depth}- {d.recipient_jabatan}{lead}: {d.status.value}  [{d.disposisi_id}]"
            )
            show(node["children"], depth + 1)

    show(_desk(args).tree(args.incoming), 0)
    return 0


def cmd_track(args: argparse.Namespace) -> int:
    """``tnde track --unit U``: a page of dispositions, counters, CSV or PDF."""

    desk = _desk(args)
    tracking = desk.tracking
    flt = TrackingFilter(
        unit_id=args.unit,
        statuses=tuple(args.status),
        urgensi=args.urgensi,
        asal=args.asal,
        kka=args.kka,
        text=args.text,
        overdue_only=args.overdue,
    )
    if args.csv or args.pdf:
        kind: ExportKind = "csv" if args.csv else "pdf"
        path = args.csv or args.pdf
        written = tracking.export(flt, path, kind)
        _out(_("{path}: {count} rows", path=path, count=written))
        return 0
    rows = tracking.rows(flt, limit=50)
    counters = tracking.unit_counters(args.unit)
    mine = tracking.person_counters(args.actor, desk.today()) if args.actor else None
    if args.json:
        _json(
            {
                "unit": asdict(counters),
                "person": asdict(mine) if mine else None,
                "rows": [asdict(r) for r in rows],
            }
        )
        return 0
    _out("  ".join(f"{k}={v}" for k, v in asdict(counters).items()))
    for r in rows:
        late = " " + _("OVERDUE") if r.overdue else ""
        due = r.due_at.astimezone(desk.zone)  # the office's clock, as the report prints it
        _out(
            _(
                "{agenda:<10} {status:<13} {due:%Y-%m-%d %H:%M} {days:>3} d  "
                "{recipient}: {hal}{late}",
                agenda=r.agenda,
                status=r.status,
                due=due,
                days=r.aging_days,
                recipient=r.recipient,
                hal=r.hal,
                late=late,
            )
        )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """``tnde search TEXT``."""

    hits = _desk(args).tracking.search(args.text)
    if args.json:
        _json([asdict(h) for h in hits])
        return 0
    for h in hits:
        _out(f"{h.incoming_id}  {h.agenda:<10} {h.diterima}  {h.asal}: {h.hal}")
    if not hits:
        _out(_("(nothing found)"))
    return 0
