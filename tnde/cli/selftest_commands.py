"""``tnde self-test``: check that this installation renders, signs, verifies and previews.

Meant for whoever installs or packages TNDE Desktop: it needs no workspace and changes none
(everything happens in a temporary folder, :mod:`tnde.selftest`). Each step is printed as it
ends, so the few seconds the DEMO keys take do not look like a hang; the exit code is 0 only
when every step passed, for a script or an installer to read.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from tnde.cli.output import out
from tnde.messages import _
from tnde.selftest import run_self_test, step_line

if TYPE_CHECKING:
    import argparse

EXIT_FAILED = 1
"""The exit code when a step failed."""


def register(sub: Any) -> None:
    """Add ``self-test`` to the command line."""
    p = sub.add_parser(
        "self-test",
        help=_("check this installation: render, sign, verify and preview in a temporary folder"),
    )
    p.set_defaults(run=cmd_self_test)


def cmd_self_test(_args: argparse.Namespace) -> int:
    """``tnde self-test``: every step with "ok" or its failure; 0 only when all passed."""
    result = run_self_test(lambda title, ok, reason: out(step_line(title, ok, reason)))
    if result.ok:
        out(_("self-test passed: {count} steps", count=len(result.steps)))
        return 0
    sys.stderr.write(
        _(
            "tnde: self-test failed: {names}",
            names=", ".join(step.title for step in result.failed),
        )
        + "\n"
    )
    return EXIT_FAILED
