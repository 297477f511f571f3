"""``tnde archive user enrol|disable|enable|admin|list|revoke-device``: the archive's accounts.

Run by the admin on the server, on the archive folder (and its database) itself; each change
is written to the archive's audit log under ``admin:<the server account's user name>``. Like
``archive init|serve``, these load the server's libraries only when they run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde import archive
from tnde.cli.output import emit_json, out
from tnde.cli.parser import CliParser
from tnde.messages import _

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from tnde.archive import AccountInfo, ArchiveFolder

__all__ = ["register_user"]


def register_user(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``user`` and its commands to ``tnde archive``."""
    p = commands.add_parser(
        "user",
        help=_("accounts of the officials who sign in to the archive"),
        description=_(
            "Accounts of the officials (pegawai of the archive's org chart) who sign in to "
            "the archive from their desks, and the desks they signed in from."
        ),
    )
    users = p.add_subparsers(dest="user_command", required=True, parser_class=CliParser)

    enrol = users.add_parser(
        "enrol",
        help=_("make (or reset) an account and print its one-time enrolment code"),
        description=_(
            "Make the account of the pegawai NIP, or reset it (the old password stops "
            "working), and print a one-time enrolment code valid for 7 days. The official "
            "types it at their desk with a new password. Hand it over in person."
        ),
    )
    _folder(enrol)
    enrol.add_argument("nip", metavar="NIP", help=_("the pegawai's NIP (18 digits)"))
    enrol.set_defaults(run=cmd_user_enrol)

    for name, run, help_text in (
        ("disable", cmd_user_disable, _("refuse an account from its next request on")),
        ("enable", cmd_user_enable, _("let a disabled account sign in again")),
    ):
        command = users.add_parser(name, help=help_text, description=help_text)
        _folder(command)
        command.add_argument("nip", metavar="NIP", help=_("the account's NIP"))
        command.set_defaults(run=run)

    admin = users.add_parser(
        "admin",
        help=_("let an account see which desks are linked (or no longer, with --remove)"),
        description=_(
            "Make the account NIP an administrator of the archive: from their desk they see "
            "every account, its state and the desks it signed in from (read-only; accounts "
            "are still changed here, on the server). --remove takes it back."
        ),
    )
    _folder(admin)
    admin.add_argument("nip", metavar="NIP", help=_("the account's NIP"))
    admin.add_argument(
        "--remove", action="store_true", help=_("the account is no longer an administrator")
    )
    admin.set_defaults(run=cmd_user_admin)

    listing = users.add_parser(
        "list",
        help=_("list the accounts and their desks"),
        description=_("List every account, its state, and the desks it signed in from."),
    )
    _folder(listing)
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(run=cmd_user_list)

    revoke = users.add_parser(
        "revoke-device",
        help=_("sign a desk out for good (a lost or replaced computer)"),
        description=_(
            "Sign the desk DEVICE_ID out: its tokens stop working at its next request and the "
            "device id can no longer sign in (the desk links again under a new one). "
            "'tnde archive user list' shows the device ids."
        ),
    )
    _folder(revoke)
    revoke.add_argument("device_id", metavar="DEVICE_ID", help=_("the desk's device id (a UUID)"))
    revoke.set_defaults(run=cmd_user_revoke_device)


def _folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, metavar="FOLDER", help=_("the archive folder"))
    parser.add_argument(
        "--database",
        default=None,
        metavar="URL",
        help=_("the database to use instead of the one in the folder's settings"),
    )


def cmd_user_enrol(args: argparse.Namespace) -> int:
    """Print the code; it is shown once and the archive keeps only its hash."""
    with _opened(args) as opened, opened.database.write() as conn:
        made = archive.enrol_account(conn, args.nip, at=_now(), actor=_actor())
    out(_("enrolment code for {nama} (NIP {nip}):", nama=made.nama, nip=made.nip))
    out(f"  {made.code}")
    out(_("it works once, until {expires} (UTC); hand it over in person", expires=made.expires_at))
    if made.disabled:
        out(
            _(
                "the account is disabled: the code works once it is enabled again "
                "(tnde archive user enable)"
            )
        )
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    """Disable an account; its signed-in desks are refused from their next request."""
    with _opened(args) as opened, opened.database.write() as conn:
        changed = archive.disable_account(conn, args.nip, at=_now(), actor=_actor())
    if changed:
        out(_("account disabled: its desks are refused from their next request"))
    else:
        out(_("the account was already disabled"))
    return 0


def cmd_user_enable(args: argparse.Namespace) -> int:
    """Enable a disabled account."""
    with _opened(args) as opened, opened.database.write() as conn:
        changed = archive.enable_account(conn, args.nip, at=_now(), actor=_actor())
    out(_("account enabled") if changed else _("the account was already enabled"))
    return 0


def cmd_user_admin(args: argparse.Namespace) -> int:
    """Grant or take back the administrator's view of the linked desks."""
    granted = not args.remove
    with _opened(args) as opened, opened.database.write() as conn:
        changed = archive.set_admin(conn, args.nip, admin=granted, at=_now(), actor=_actor())
    if granted:
        out(
            _("the account is now an administrator: it sees the linked desks")
            if changed
            else _("the account was already an administrator")
        )
    else:
        out(
            _("the account is no longer an administrator")
            if changed
            else _("the account was not an administrator")
        )
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    """Every account with its state and desks."""
    with _opened(args) as opened, opened.database.read() as conn:
        accounts = archive.list_accounts(conn, at=_now())
    if args.json:
        emit_json([a.to_json() for a in accounts])
        return 0
    if not accounts:
        out(_("no accounts yet; make one with: tnde archive user enrol FOLDER NIP"))
    for account in accounts:
        admin = "  " + _("[administrator]") if account.admin else ""
        out(f"{account.nip}  {_state_label(account)}  {account.nama}{admin}")
        for device in account.devices:
            seen = device.last_seen_at or "-"
            state = _(" (revoked {at})", at=device.revoked_at) if device.revoked_at else ""
            out(
                "    "
                + _(
                    "{device_id}  {name}  last seen {seen}{state}",
                    device_id=device.device_id,
                    name=device.name,
                    seen=seen,
                    state=state,
                )
            )
    return 0


def cmd_user_revoke_device(args: argparse.Namespace) -> int:
    """Revoke one desk of an official."""
    with _opened(args) as opened, opened.database.write() as conn:
        device = archive.revoke_device(conn, args.device_id, at=_now(), actor=_actor())
    out(
        _(
            "desk {device_id} ({name}, NIP {nip}) revoked: its tokens no longer work",
            device_id=device.device_id,
            name=device.name,
            nip=device.nip,
        )
    )
    return 0


@contextlib.contextmanager
def _opened(args: argparse.Namespace) -> Iterator[ArchiveFolder]:
    opened = archive.open_archive(args.folder, database=args.database)
    try:
        yield opened
    finally:
        opened.close()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _actor() -> str:
    """Who ran the command, for the audit log: the server account's user name."""
    try:
        return f"admin:{getpass.getuser()}"
    except (OSError, KeyError):  # no user name in the environment or the password database
        return "admin"


def _state_label(account: AccountInfo) -> str:
    if account.state == "active":
        return _("active")
    if account.state == "enrolment_pending":
        return _("waiting for enrolment until {expires}", expires=account.enrol_expires_at)
    if account.state == "enrolment_expired":
        return _("enrolment code expired")
    return _("disabled")
