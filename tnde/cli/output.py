"""What every sub-command writes: plain lines and JSON on stdout, and the ``--as`` option."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from tnde.messages import _

if TYPE_CHECKING:
    import argparse


def out(text: str = "") -> None:
    """One line on standard output."""
    sys.stdout.write(text + "\n")


def emit_json(data: Any) -> None:
    """``data`` as indented JSON (dates and other values as strings), non-ASCII kept."""
    out(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def add_actor(parser: argparse.ArgumentParser) -> None:
    """``--as NIP``: who acts. It defaults to the workspace's owner and is needed only in a
    demo workspace, where anyone may act (:func:`tnde.cli.workspace_commands.open_workspace`
    fills it in)."""
    parser.add_argument(
        "--as",
        dest="actor",
        metavar="NIP",
        help=_("who acts (NIP; default: the workspace's owner)"),
    )
    parser.set_defaults(actor_required=True)
