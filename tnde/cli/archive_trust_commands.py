"""``tnde archive trust add|list|remove``: the root CAs the verification page trusts.

The public page behind every letter's QR code verifies an uploaded letter against these roots
only (docs/archive.md, "The verification page"). Adding and removing a root is written to the
archive's audit log under ``admin:<the server account's user name>``; the running server uses
the change from the next upload on.
"""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde import archive
from tnde.cli.output import emit_json, out
from tnde.cli.parser import CliParser
from tnde.cli.trust_view import print_root, root_json, said_trusted
from tnde.datafile import read_input
from tnde.messages import _
from tnde.pki import format_duration, parse_duration

if TYPE_CHECKING:
    import argparse


__all__ = ["register_trust"]


def register_trust(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``trust`` and its commands to ``tnde archive``."""
    p = commands.add_parser(
        "trust",
        help=_("the root CAs the verification page checks signatures against"),
        description=_(
            "The root CAs the archive's public verification page checks uploaded letters "
            "against (the province's roots, e.g. Root CA Indonesia DS G1). The running server "
            "uses a change from the next upload on."
        ),
    )
    trust = p.add_subparsers(dest="trust_command", required=True, parser_class=CliParser)

    add = trust.add_parser(
        "add",
        help=_("trust a root certificate (PEM or DER file)"),
        description=_(
            "Trust the root certificate FILE (PEM or DER, self-signed). A DEMO root is "
            "accepted only by an archive of the demo profile."
        ),
    )
    add.add_argument("folder", type=Path, metavar="FOLDER", help=_("the archive folder"))
    add.add_argument("file", type=Path, metavar="FILE", help=_("the root certificate"))
    add.add_argument("--label", help=_("a name for the list (default: the certificate's CN)"))
    add.add_argument(
        "--revocation-freshness",
        metavar="DURATION",
        help=_(
            "how long before a signature a CRL/OCSP answer may be issued and still count "
            "(30m, 24h, 2d; default 0)"
        ),
    )
    _database(add)
    add.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add.set_defaults(run=cmd_trust_add)

    listing = trust.add_parser(
        "list", help=_("the trusted roots"), description=_("The roots the archive trusts.")
    )
    listing.add_argument("folder", type=Path, metavar="FOLDER", help=_("the archive folder"))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(run=cmd_trust_list)

    remove = trust.add_parser(
        "remove", help=_("stop trusting a root"), description=_("Stop trusting a root.")
    )
    remove.add_argument("folder", type=Path, metavar="FOLDER", help=_("the archive folder"))
    remove.add_argument("fingerprint", help=_("SHA-256 fingerprint (or its first 8+ hex digits)"))
    _database(remove)
    remove.set_defaults(run=cmd_trust_remove)


def _database(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        default=None,
        metavar="URL",
        help=_("the database to use instead of the one in the folder's settings"),
    )


def cmd_trust_add(args: argparse.Namespace) -> int:
    """Trust a root; print its label and fingerprint."""
    data = read_input(args.file)
    freshness = (
        None if args.revocation_freshness is None else parse_duration(args.revocation_freshness)
    )
    opened = archive.open_archive(args.folder, database=args.database)
    try:
        root = archive.add_trust_root(
            opened,
            data,
            actor=_actor(),
            at=dt.datetime.now(dt.UTC),
            label=args.label,
            source=str(args.file),
            revocation_freshness=freshness,
        )
    finally:
        opened.close()
    if args.json:
        emit_json(root_json(root))
    else:
        said_trusted(root)
    return 0


def cmd_trust_list(args: argparse.Namespace) -> int:
    """The trusted roots (the database is not needed)."""
    roots = archive.list_trust_roots(args.folder)
    if args.json:
        emit_json([root_json(r) for r in roots])
        return 0
    if not roots:
        out(_("no trusted root yet; add one with: tnde archive trust add FOLDER FILE"))
        return 0
    for r in roots:
        print_root(r)
        window = format_duration(r.revocation_freshness)
        out("  " + _("CRL/OCSP freshness  {window}", window=window))
    return 0


def cmd_trust_remove(args: argparse.Namespace) -> int:
    """Stop trusting a root."""
    opened = archive.open_archive(args.folder, database=args.database)
    try:
        gone = archive.remove_trust_root(
            opened, args.fingerprint, actor=_actor(), at=dt.datetime.now(dt.UTC)
        )
    finally:
        opened.close()
    out(
        _(
            "no longer trusted: {label}  {fingerprint}",
            label=gone.label,
            fingerprint=gone.fingerprint,
        )
    )
    return 0


def _actor() -> str:
    """Who ran the command, for the audit log: the server account's user name."""
    try:
        return f"admin:{getpass.getuser()}"
    except (OSError, KeyError):  # no user name in the environment or the password database
        return "admin"
