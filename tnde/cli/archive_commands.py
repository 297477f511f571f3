"""``tnde archive init|serve|user|backup|restore`` (also ``tnde-archive …``): the archive server.

The server's libraries (FastAPI, uvicorn, SQLAlchemy, Alembic) load only when one of these
commands runs: :mod:`tnde.archive` exports its functions lazily, so building the parser here
costs nothing for the other commands.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tnde import archive
from tnde.cli.archive_backup_commands import register_backup
from tnde.cli.archive_trust_commands import register_trust
from tnde.cli.archive_user_commands import register_user
from tnde.cli.commands import UsageError
from tnde.cli.parser import CliParser
from tnde.cli.sync_commands import register_link
from tnde.messages import LANGUAGES, _

__all__ = ["cmd_archive_init", "cmd_archive_serve", "register"]


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``archive`` and its commands to the ``tnde`` command."""
    p = sub.add_parser(
        "archive",
        help=_(
            "the central archive server: make one (init), run it (serve), manage its "
            "accounts (user), back it up (backup) and restore it (restore)"
        ),
        description=_(
            "The central archive server: desks send it their letters and files. "
            "docs/archive.md explains the folder, TLS and the databases."
        ),
    )
    # ``tnde-archive --lang en init`` is ``tnde archive --lang en init``: the options before
    # the command are taken here too (SUPPRESS keeps tnde's own when they stand before it)
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help=_("log details to stderr"),
    )
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language of messages and help (default: $TNDE_LANG, else id)"),
    )
    commands = p.add_subparsers(dest="archive_command", required=True, parser_class=CliParser)

    init = commands.add_parser(
        "init",
        help=_("make a new archive in a folder"),
        description=_(
            "Make a new archive in FOLDER (new or empty): its database, the blob folder, the "
            "settings, and a self-signed TLS certificate whose fingerprint is printed: read "
            "it out to every desk that links to this archive."
        ),
    )
    init.add_argument("folder", type=Path, metavar="FOLDER")
    init.add_argument(
        "--profile", required=True, help=_("the office profile: a shipped id or a TOML file")
    )
    init.add_argument(
        "--org",
        required=True,
        type=Path,
        metavar="ORG",
        help=_("the org chart: a TOML file or a folder of CSV files"),
    )
    init.add_argument(
        "--database",
        default="",
        metavar="URL",
        help=_("a PostgreSQL database (postgresql+psycopg://user@host/name) instead of SQLite"),
    )
    init.add_argument(
        "--name",
        action="append",
        default=[],
        metavar="HOST",
        help=_("another host name or address for the certificate (repeatable)"),
    )
    init.set_defaults(run=cmd_archive_init)

    serve = commands.add_parser(
        "serve",
        help=_("run the archive server"),
        description=_(
            "Serve the archive in FOLDER over HTTPS with the folder's certificate (or "
            "--cert/--key). Plain HTTP (--plain-http) is allowed on a loopback address only."
        ),
    )
    serve.add_argument("folder", type=Path, metavar="FOLDER")
    serve.add_argument(
        "--host",
        default=archive.DEFAULT_HOST,
        help=_("the address to listen on (default: {default})", default=archive.DEFAULT_HOST),
    )
    serve.add_argument(
        "--port",
        type=int,
        default=archive.DEFAULT_PORT,
        help=_("the port to listen on (default: {default})", default=archive.DEFAULT_PORT),
    )
    serve.add_argument("--cert", type=Path, metavar="FILE", help=_("TLS certificate (PEM)"))
    serve.add_argument("--key", type=Path, metavar="FILE", help=_("its private key (PEM)"))
    serve.add_argument(
        "--database",
        default=None,
        metavar="URL",
        help=_("the database to use instead of the one in the folder's settings"),
    )
    serve.add_argument(
        "--plain-http",
        action="store_true",
        help=_("serve without TLS (loopback addresses only, e.g. behind a local proxy)"),
    )
    serve.set_defaults(run=cmd_archive_serve)

    register_user(commands)
    register_backup(commands)
    register_trust(commands)
    register_link(commands)


def cmd_archive_init(args: argparse.Namespace) -> int:
    """Make the archive and print what the admin needs: where, which database, the fingerprint."""
    made = archive.init_archive(
        args.folder,
        profile=args.profile,
        org=args.org,
        database=args.database,
        names=args.name,
    )
    lines = [
        _("archive {archive_id} made in {folder}", archive_id=made.archive_id, folder=made.folder),
        _(
            "database: {database} (schema {revision})",
            database=made.database,
            revision=made.revision,
        ),
        _("certificate for: {names}", names=", ".join(made.names)),
        _("certificate fingerprint (SHA-256), read it out to every desk that links:"),
        f"  {made.fingerprint}",
        _("start it with: tnde archive serve {folder}", folder=made.folder),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def cmd_archive_serve(args: argparse.Namespace) -> int:
    """Check, announce, then serve until interrupted."""
    if (args.cert is None) != (args.key is None):
        raise UsageError(_("--cert and --key go together"))
    if args.plain_http and args.cert is not None:
        raise UsageError(_("--plain-http serves without a certificate; leave out --cert/--key"))
    if not 0 < args.port < 65536:
        raise UsageError(_("--port must be between 1 and 65535"))
    server = archive.prepare_server(
        args.folder,
        host=args.host,
        port=args.port,
        certificate=args.cert,
        key=args.key,
        database=args.database,
        plain_http=args.plain_http,
    )
    lines = [
        _(
            "archive {archive_id} serving {url}",
            archive_id=server.archive.identity.archive_id,
            url=server.url,
        ),
        _("database: {database}", database=server.archive.database.shown),
    ]
    if server.archive.migrated:
        lines.append(
            _(
                "database upgraded to schema {revisions}",
                revisions=", ".join(server.archive.migrated),
            )
        )
    if server.fingerprint:
        lines.append(_("certificate fingerprint (SHA-256): {fp}", fp=server.fingerprint))
    else:
        lines.append(_("plain HTTP on a loopback address: reachable from this machine only"))
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    server.run()
    return 0
