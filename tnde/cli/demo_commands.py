"""``tnde demo``: build the demo workspace (sample office, org chart, letters in every state)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from tnde.cli.workspace_commands import workspace_path
from tnde.demo import create_demo
from tnde.messages import _

if TYPE_CHECKING:
    import argparse


def register(sub: Any) -> None:
    """Add ``demo`` to the command line."""
    p = sub.add_parser("demo", help=_("create the demo workspace with sample letters"))
    p.set_defaults(run=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    """Create the demo workspace at ``--workspace`` (default: the usual place)."""

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
