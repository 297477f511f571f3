"""One verification run for the screen, off the GUI thread: find the PDFs, verify them with the
workspace's trust roots, compare each with the workspace's records. Qt-free.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tnde.progress import CancelToken, ProgressSink
    from tnde.verify import VerificationRun
    from tnde.workflow.letters import Letters

log = logging.getLogger(__name__)

__all__ = ["VERIFY_WORKERS", "run_verification"]

VERIFY_WORKERS = 2
"""Worker processes for large batches (the core verifies up to 8 files in-process)."""


def run_verification(
    letters: Letters,
    paths: Sequence[Path],
    *,
    progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> VerificationRun:
    """Verify every PDF in ``paths`` (files and folders) against the workspace of ``letters``.

    Trust roots are the workspace trust store's (DEMO roots only in a demo workspace); each
    report is cross-checked with the workspace's records (:func:`tnde.verify.records.crosscheck`).

    Raises:
        Cancelled: ``cancel`` was set.
    """
    from tnde import __version__
    from tnde.pki.identity import fingerprint
    from tnde.progress import check_cancel
    from tnde.verify import RootInfo, VerificationRun
    from tnde.verify.batch import find_pdfs, quiet_library_logs, verify_paths
    from tnde.verify.policy import workspace_trust
    from tnde.verify.records import crosscheck

    ws = letters.ws
    roots, policy = workspace_trust(ws.path, demo=bool(ws.config.demo))
    files = find_pdfs([Path(p) for p in paths])
    quiet_library_logs()

    def report(done: int, total: int, text: str = "") -> None:
        if progress is not None:
            progress(done, total, Path(text).name if text else "")  # the file name only

    reports = (
        verify_paths(
            files,
            trust_roots=roots,
            workers=VERIFY_WORKERS,
            progress=report,
            cancel=cancel,
            policy=policy,
        )
        if files
        else []
    )
    checked = []
    for item in reports:
        check_cancel(cancel)
        try:
            data = Path(item.path).read_bytes()
        except OSError:
            checked.append(item)  # already reported as unreadable
            continue
        checked.append(crosscheck(item, data, letters) if item.sha256 else item)
    log.info("verified %d file(s)", len(checked))
    return VerificationRun(
        verified_at=dt.datetime.now(dt.UTC),
        tool_version=__version__,
        trust_roots=tuple(
            RootInfo(r.subject.rfc4514_string(), fingerprint(r), r.not_valid_after_utc)
            for r in roots
        ),
        files=tuple(checked),
    )
