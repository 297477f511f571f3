"""``tnde workspace …`` and ``tnde audit …``: create, check and audit the local workspace.

Other areas' commands open the workspace with :func:`open_workspace`, so the global
``--workspace`` option and the "not a workspace" hint work the same everywhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde.cli.commands import UsageError
from tnde.cli.output import emit_json as _json
from tnde.cli.output import out as _out
from tnde.errors import WorkspaceError
from tnde.formatting import normalize_nip, validate_nip
from tnde.integrity import check_integrity
from tnde.messages import _
from tnde.paths import default_workspace_path
from tnde.profiles import load_profile
from tnde.workspace import (
    Workspace,
    WorkspaceConfig,
    audit_entries,
    audit_verify,
    bind_owner,
)

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``workspace`` and ``audit`` with their sub-commands."""
    workspace = sub.add_parser("workspace", help=_("create and check the local workspace"))
    commands = workspace.add_subparsers(dest="workspace_command", required=True)

    p = commands.add_parser("init", help=_("create a new workspace (the folder must be empty)"))
    p.add_argument("--profile", metavar="ID", help=_("office profile letters use by default"))
    p.add_argument("--archive-url", metavar="URL", help=_("central archive server (default: none)"))
    p.add_argument(
        "--owner",
        metavar="NIP",
        help=_("the official who works at this desk; every action is taken as them"),
    )
    p.add_argument("--demo", action="store_true", help=_("a practice workspace"))
    p.set_defaults(run=cmd_workspace_init)

    p = commands.add_parser(
        "owner", help=_("set the owner of a workspace that has none (made by an older version)")
    )
    p.add_argument("nip", metavar="NIP", help=_("the official who works at this desk"))
    p.add_argument(
        "--replace",
        action="store_true",
        help=_("replace a mistyped owner, while nothing has been done in the workspace yet"),
    )
    p.set_defaults(run=cmd_workspace_owner)

    p = commands.add_parser("info", help=_("ids, schema version and settings of the workspace"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(run=cmd_workspace_info)

    p = commands.add_parser(
        "check",
        help=_(
            "verify the database, blob files, hash chains, the lists against the events and "
            "the number register"
        ),
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(run=cmd_workspace_check)

    audit = sub.add_parser("audit", help=_("the hash-chained audit log"))
    commands = audit.add_subparsers(dest="audit_command", required=True)

    p = commands.add_parser("verify", help=_("re-hash the audit log and name the first broken row"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(run=cmd_audit_verify)

    p = commands.add_parser("show", help=_("the newest audit rows"))
    p.add_argument("--limit", type=int, default=20, metavar="N", help=_("rows to show (20)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(run=cmd_audit_show)


def workspace_path(args: argparse.Namespace) -> Path:
    """The folder from the global ``--workspace`` option, or the default one."""

    given = getattr(args, "workspace", None)
    return Path(given) if given is not None else default_workspace_path()


def open_workspace(args: argparse.Namespace) -> Workspace:
    """Open the workspace the command line names; a missing one gets a hint how to make it.

    A command that acts (``--as``, see :func:`tnde.cli.output.add_actor`) gets the owner as
    its actor when none was named, and is refused at once when it names anyone else.
    """

    path = workspace_path(args)
    try:
        ws = Workspace.open(path)
    except WorkspaceError as exc:
        if exc.kind != WorkspaceError.NOT_A_WORKSPACE:
            raise
        hint = _(
            "{detail}; create one with: tnde --workspace {path!r} workspace init",
            detail=exc.detail,
            path=str(path),
        )
        raise WorkspaceError(exc.kind, exc.path, hint) from None
    if getattr(args, "actor_required", False):
        try:
            args.actor = _acting_as(ws, args.actor)
        except BaseException:
            ws.close()
            raise
    return ws


def _acting_as(ws: Workspace, given: str | None) -> str:
    """Who a command acts as: ``given``, or the owner; refused before any work is done
    when the workspace takes no actions as them (the core refuses again at each action)."""
    actor = normalize_nip(given or "") or ws.acting.default_actor()
    if not actor and ws.config.demo:
        raise UsageError(_("--as NIP is required in a demo workspace: who acts"))
    ws.acting.admit(actor)
    return actor


def audit_actor(ws: Workspace, given: str | None, fallback: str) -> str:
    """Who a change to the workspace's settings (org chart, trusted roots, register) is
    recorded as: the owner outside demo mode, who alone may make it; in a demo, ``given`` or
    ``fallback``.

    Raises:
        WorkflowRefused: ``given`` names someone other than the owner, or there is no owner.
    """
    if ws.config.demo:
        return normalize_nip(given or "") or fallback
    actor = normalize_nip(given or "") or ws.acting.default_actor()
    ws.acting.admit(actor)
    return actor


# -- workspace ------------------------------------------------------------------------------------


def cmd_workspace_init(args: argparse.Namespace) -> int:
    """``tnde workspace init``: a new workspace in an empty (or new) folder."""

    if args.owner and args.demo:
        raise UsageError(_("--owner and --demo exclude each other: a demo workspace has no owner"))
    if not args.owner and not args.demo:
        raise UsageError(
            _(
                "--owner NIP is required: the official who works at this desk (or --demo "
                "for a practice workspace where anyone may act)"
            )
        )
    owner = validate_nip(args.owner) if args.owner else ""
    profile_id = ""
    if args.profile:
        if args.profile.endswith(".toml"):
            raise UsageError(_("--profile takes the id of a shipped profile, not a file"))
        profile_id = load_profile(args.profile).id
    config = WorkspaceConfig(profile_id=profile_id, archive_url=args.archive_url, demo=args.demo)
    with Workspace.create(workspace_path(args), config=config) as ws:
        if owner:
            bind_owner(ws, owner)
        _out(_("created workspace {path}", path=ws.path))
        _out("  " + _("workspace id {id}", id=ws.workspace_id))
        _out("  " + _("device id    {id}", id=ws.device_id))
        _out("  " + _("profile      {profile}", profile=profile_id or _("(none yet)")))
        _out("  " + _("owner        {nip}", nip=ws.config.owner or _("(anyone: demo)")))
    return 0


def cmd_workspace_owner(args: argparse.Namespace) -> int:
    """``tnde workspace owner NIP``: bind a workspace without an owner to one official."""
    with open_workspace(args) as ws:
        nip = bind_owner(ws, args.nip, replace_unused=args.replace)
        _out(_("this workspace now acts as {nip} only", nip=nip))
    return 0


def cmd_workspace_info(args: argparse.Namespace) -> int:
    """``tnde workspace info``: what the workspace is."""
    with open_workspace(args) as ws:
        info = {
            "path": str(ws.path),
            "workspace_id": ws.workspace_id,
            "device_id": ws.device_id,
            "schema_version": ws.schema_version,
            "profile": ws.config.profile_id,
            "archive_url": ws.config.archive_url,
            "demo": ws.config.demo,
            "owner": ws.config.owner,
        }
    if args.json:
        _json(info)
    else:
        for key, value in info.items():
            _out(f"{key:<15} {'' if value is None else value}")
    return 0


def cmd_workspace_check(args: argparse.Namespace) -> int:
    """``tnde workspace check``: exit 1 when anything is damaged (warnings alone exit 0)."""

    with open_workspace(args) as ws:
        report = check_integrity(ws)
    if args.json:
        _json(report.as_dict())
    else:
        for finding in report.findings:
            _out(f"{finding.severity}: {finding.subject}: {finding.detail}")
        _out(
            _(
                "{errors} error(s), {warnings} warning(s); checked {blobs} blob(s), "
                "{audit_rows} audit row(s), {events} event(s); rebuilt {letters} letter(s) and "
                "{incoming} incoming letter(s) from their events; matched {numbers} register "
                "number(s)",
                errors=len(report.errors),
                warnings=len(report.warnings),
                blobs=report.blobs,
                audit_rows=report.audit_rows,
                events=report.events,
                letters=report.more["letters"],
                incoming=report.more["incoming"],
                numbers=report.more["numbers"],
            )
        )
    return 0 if report.ok else 1


# -- audit ----------------------------------------------------------------------------------------


def cmd_audit_verify(args: argparse.Namespace) -> int:
    """``tnde audit verify``: exit 1 naming the first broken row."""

    with open_workspace(args) as ws:
        conn = ws.connect()
        conn.execute("BEGIN")  # a read snapshot: rows appended meanwhile are not half-seen
        problems = audit_verify(conn)
        rows = int(conn.execute("SELECT count(*) FROM audit").fetchone()[0])
        conn.execute("COMMIT")
    if args.json:
        _json({"ok": not problems, "rows": rows, "problems": [vars(p) for p in problems]})
    elif problems:
        first = problems[0]
        _out(
            _(
                "audit log broken at row {seq} ({kind}): {detail}",
                seq=first.seq,
                kind=first.kind,
                detail=first.detail,
            )
        )
        for problem in problems[1:]:
            _out(
                "  "
                + _(
                    "also row {seq} ({kind}): {detail}",
                    seq=problem.seq,
                    kind=problem.kind,
                    detail=problem.detail,
                )
            )
    else:
        _out(_("audit log intact: {rows} row(s)", rows=rows))
    return 1 if problems else 0


def cmd_audit_show(args: argparse.Namespace) -> int:
    """``tnde audit show``: the newest rows, oldest first."""

    if args.limit < 1:
        raise UsageError(_("--limit must be at least 1"))
    with open_workspace(args) as ws:
        conn = ws.connect()
        entries = audit_entries(conn, limit=args.limit)
    if args.json:
        _json([vars(e) for e in entries])
        return 0
    for entry in entries:
        details = json.dumps(entry.details, ensure_ascii=False, sort_keys=True)
        _out(
            f"{entry.seq:>6}  {entry.at}  {entry.actor}  {entry.action}  {entry.object}  {details}"
        )
    return 0
