"""``tnde archive link`` and ``tnde sync``: a desk's side of the archive.

``archive link URL`` signs the workspace's owner in at the archive (first time with the
enrolment code the admin gave, later with the password) and keeps the refresh token in the
OS keyring. ``sync`` pushes what waits and pulls what is new, once or until stopped;
``sync status`` tells what waits, what was refused and when the desk last reached the
archive. Codes and passwords are asked without echo or read from ``--secret-fd``: never an
argument, where other users of the computer would see them.
"""

from __future__ import annotations

import getpass
import os
import sys
import time
from typing import TYPE_CHECKING, Any

from tnde import sync
from tnde.cli.commands import UsageError
from tnde.cli.output import emit_json, out
from tnde.cli.sign_commands import _descriptor
from tnde.cli.workspace_commands import open_workspace
from tnde.messages import _
from tnde.secrets import KeyringSecretStore

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from tnde.sync.engine import Syncer, SyncReport

__all__ = ["register_link", "register_sync"]

WAIT_SECONDS = 25.0
"""How long ``sync`` (without ``--once``) holds each pull open for new events."""


def register_link(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``link`` to the ``archive`` commands."""
    p = commands.add_parser(
        "link",
        help=_("link this workspace to an archive and sign in"),
        description=_(
            "Sign the workspace's official in at the archive at URL. The first time, give "
            "the enrolment code the administrator printed and choose a password; later, "
            "sign in with the password (--password). The code and password are asked "
            "without echo, or read from --secret-fd (code on the first line, password on "
            "the second)."
        ),
    )
    p.add_argument(
        "url",
        metavar="URL",
        nargs="?",
        help=_("the archive (default: the [archive] url of the workspace's settings)"),
    )
    p.add_argument(
        "--fingerprint",
        metavar="SHA256",
        default="",
        help=_("the archive certificate's fingerprint, as the administrator read it out"),
    )
    p.add_argument("--nip", default="", help=_("who signs in (default: the workspace's owner)"))
    p.add_argument(
        "--password",
        action="store_true",
        help=_("sign in with the password (this official enrolled before)"),
    )
    p.add_argument(
        "--secret-fd",
        type=_descriptor,
        metavar="FD",
        help=_("read the code and password from this file descriptor"),
    )
    p.set_defaults(run=cmd_archive_link)


def register_sync(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``sync`` to the ``tnde`` command."""
    p = sub.add_parser(
        "sync",
        help=_("send this desk's work to the archive and receive what is new"),
        description=_(
            "Push every action waiting to be sent and pull what the archive accepted from "
            "other desks. Without --once, keeps syncing (waiting for new events) until "
            "interrupted with Ctrl+C."
        ),
    )
    p.add_argument("--once", action="store_true", help=_("one push and pull, then stop"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    commands = p.add_subparsers(dest="sync_command", parser_class=type(p))
    st = commands.add_parser("status", help=_("what waits to be sent, what was refused"))
    st.add_argument("--json", action="store_true", help=_("machine-readable output"))
    st.set_defaults(run=cmd_sync_status)
    fetch = commands.add_parser(
        "fetch", help=_("download a letter's files from the archive (PDFs come when needed)")
    )
    fetch.add_argument("letter", metavar="LETTER_ID")
    fetch.set_defaults(run=cmd_sync_fetch)
    dismiss = commands.add_parser(
        "dismiss", help=_("let go of an action the archive refused (after reading why)")
    )
    dismiss.add_argument("event", metavar="EVENT_ID")
    dismiss.set_defaults(run=cmd_sync_dismiss)
    p.set_defaults(run=cmd_sync)


def cmd_archive_link(args: argparse.Namespace) -> int:
    ws = open_workspace(args)
    try:
        nip = args.nip or ws.config.owner
        if not nip:
            raise UsageError(_("name who signs in with --nip (the workspace has no owner yet)"))
        url = args.url or ws.config.archive_url
        if not url:
            raise UsageError(_("name the archive's URL (the workspace's settings name none)"))
        url = sync.check_url(url)  # before any secret is asked for
        read = _secret_reader(args)
        if args.password:
            secret = read(_("Password: "))
        else:
            code = read(_("Enrolment code: "))
            password = read(_("New password: "))
            secret = f"{code}|{password}"
        link = sync.link_workspace(
            ws,
            url,
            nip=nip,
            secret=secret,
            secrets=KeyringSecretStore(),
            fingerprint=args.fingerprint,
            enrol=not args.password,
        )
        del secret
    finally:
        ws.close()
    out(
        _(
            "linked to the archive {archive_id} at {url}, signed in as {nip}",
            archive_id=link.archive_id,
            url=link.url,
            nip=link.nip,
        )
    )
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    ws = open_workspace(args)
    syncer = sync.Syncer(ws, KeyringSecretStore())
    try:
        if args.once:
            _report(syncer.sync_once(), args.json)
            return 0
        return _loop(syncer, args.json)
    finally:
        syncer.close()
        ws.close()


def _loop(syncer: Syncer, as_json: bool) -> int:
    backoff = sync.Backoff(base=2.0, cap=300.0)
    failures = 0
    try:
        while True:
            try:
                report = syncer.sync_once(wait=WAIT_SECONDS)
            except sync.ArchiveUnreachable as exc:
                delay = backoff.delay(failures)
                failures += 1
                out(
                    _(
                        "offline: {reason}; trying again in {seconds:.0f} s",
                        reason=exc,
                        seconds=delay,
                    )
                )
                time.sleep(delay)
                continue
            failures = 0
            if report.pushed or report.new or report.rejected:
                _report(report, as_json)
    except KeyboardInterrupt:
        return 0


def _report(report: SyncReport, as_json: bool) -> None:
    if as_json:
        emit_json(report.to_json())
        return
    out(
        _(
            "sent {pushed} (accepted {accepted}, already there {duplicates}, refused "
            "{rejected}); received {new} new of {pulled}",
            pushed=report.pushed,
            accepted=report.accepted,
            duplicates=report.duplicates,
            rejected=report.rejected,
            new=report.new,
            pulled=report.pulled,
        )
    )
    for refused in report.rejections:
        out(_("  refused {rule}: {message}", rule=refused["rule"], message=refused["message"]))


def cmd_sync_status(args: argparse.Namespace) -> int:
    ws = open_workspace(args)
    try:
        found = sync.status(ws)
    finally:
        ws.close()
    if args.json:
        emit_json(found)
        return 0
    if not found["linked"]:
        out(_("not linked to an archive"))
        return 0
    out(_("archive: {url} ({archive_id}), epoch {epoch}", **found))
    out(_("signed in as: {nip}", nip=found["nip"]))
    out(_("waiting to be sent: {pending}", pending=found["pending"]))
    out(_("last sent: {at}", at=found["last_push_at"] or "-"))
    out(_("last received: {at}", at=found["last_pull_at"] or "-"))
    if found["last_error"]:
        out(_("last error: {error}", error=found["last_error"]))
    for refused in found["rejected"]:
        out(
            _(
                "refused {type} of {letter_id} ({rule}): {message}",
                type=refused["type"],
                letter_id=refused["letter_id"],
                rule=refused["rule"],
                message=refused["message"],
            )
        )
    return 0


def cmd_sync_fetch(args: argparse.Namespace) -> int:
    ws = open_workspace(args)
    syncer = sync.Syncer(ws, KeyringSecretStore())
    try:
        count = syncer.fetch_letter(args.letter)
    finally:
        syncer.close()
        ws.close()
    out(_("{count} file(s) downloaded", count=count))
    return 0


def cmd_sync_dismiss(args: argparse.Namespace) -> int:
    ws = open_workspace(args)
    try:
        sync.dismiss_rejection(ws, args.event)
    finally:
        ws.close()
    out(_("dismissed; it stays in the workspace's record"))
    return 0


def _secret_reader(args: argparse.Namespace) -> Callable[[str], str]:
    """Read successive secrets: lines of ``--secret-fd``, or prompts without echo."""
    if args.secret_fd is not None:
        try:
            stream = os.fdopen(args.secret_fd, "rb", closefd=False)
        except OSError as exc:
            raise UsageError(
                _(
                    "--secret-fd {secret_fd}: {strerror}",
                    secret_fd=args.secret_fd,
                    strerror=exc.strerror,
                )
            ) from None

        def from_fd(_prompt: str) -> str:
            return stream.readline().rstrip(b"\r\n").decode("utf-8")

        return from_fd
    if not sys.stdin.isatty():
        raise UsageError(_("no terminal to ask for the code and password: use --secret-fd"))
    return getpass.getpass
