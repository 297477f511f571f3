"""One verification run for the screen, off the GUI thread: the workspace's trust roots and
records around the core's :func:`tnde.verify.verify_folder`. Qt-free.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tnde import verify

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tnde.progress import CancelToken, ProgressSink
    from tnde.workflow import Letters

__all__ = ["VERIFY_WORKERS", "run_verification"]

VERIFY_WORKERS = 2
"""Worker processes for large batches (the core verifies up to 8 files in-process)."""


def run_verification(
    letters: Letters,
    paths: Sequence[Path],
    *,
    progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> verify.VerificationRun:
    """Verify every PDF in ``paths`` (files and folders) against the workspace of ``letters``:
    its trust store's roots (DEMO roots only in a demo workspace) and its records.

    Raises:
        Cancelled: ``cancel`` was set.
    """
    ws = letters.workspace
    roots, policy = verify.workspace_trust(ws.path, demo=bool(ws.config.demo))
    verify.quiet_library_logs()

    def report(done: int, total: int, text: str = "") -> None:
        if progress is not None:
            progress(done, total, Path(text).name if text else "")  # the file name only

    return verify.verify_folder(
        paths,
        trust_roots=roots,
        policy=policy,
        workers=VERIFY_WORKERS,
        records=letters,
        progress=report,
        cancel=cancel,
    )
