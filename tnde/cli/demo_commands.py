"""``tnde demo``: build the demo workspace (sample office, org chart, letters in every state)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde.cli.demo_office import DEFAULT_PORT, create_demo_office
from tnde.cli.output import out
from tnde.cli.workspace_commands import workspace_path
from tnde.demo import create_demo
from tnde.messages import _
from tnde.secrets import keyring_usable

if TYPE_CHECKING:
    import argparse


def register(sub: Any) -> None:
    """Add ``demo`` to the command line."""
    p = sub.add_parser("demo", help=_("create the demo workspace with sample letters"))
    p.add_argument(
        "--office",
        type=Path,
        metavar="DIR",
        help=_(
            "instead: make a demo office in DIR, an archive and a workspace for each "
            "official of a letter's route, linked and signed in"
        ),
    )
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=_("the port the demo office's archive is served on (default: 8470)"),
    )
    p.set_defaults(run=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    """Create the demo workspace at ``--workspace`` (default: the usual place), or the demo
    office in ``--office``."""

    if args.office is not None:
        return _office(args.office, args.port)
    path = workspace_path(args)
    summary = create_demo(path)
    sys.stdout.write(
        _(
            "{path}: demo workspace, {count} letters",
            path=summary.workspace,
            count=len(summary.letters),
        )
        + "\n"
    )
    for letter_id, state in summary.letters.items():
        sys.stdout.write(f"  {letter_id}  {state}\n")
    return 0


def _office(folder: Path, port: int) -> int:
    kept = keyring_usable()
    desks = create_demo_office(folder, port=port)
    out(_("{folder}: demo office with {count} desks", folder=folder, count=len(desks)))
    if not kept:
        out(
            _(
                "no keyring on this computer: each desk signs in first with "
                "tnde --workspace DESK archive link --password"
            )
        )
    out(_("serve its archive (leave it running):"))
    out(f"  tnde archive serve {folder / 'arsip'} --plain-http --port {port}")
    out(_("each desk, as its official (DEMO passwords, this computer only):"))
    for desk in desks:
        out(f"  {desk.jabatan_id:<24} {desk.nama}")
        out(f"      tnde --workspace {desk.workspace} sync")
        out("      " + _("password: {password}", password=desk.password))
        if desk.admin:
            out("      " + _("an administrator of the archive: this desk sees the linked desks"))
    return 0
