"""A whole verification run, as the auditor starts it from the window or the command line:
find the PDFs under the given paths, verify them against the trust roots, compare each with a
workspace's records of the letter when there is one, and gather the reports into the run that
the Berita Acara prints.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from tnde import __version__
from tnde.datafile import read_input
from tnde.errors import DataFileError
from tnde.pki.identity import fingerprint
from tnde.progress import check_cancel
from tnde.verify.batch import find_pdfs, verify_paths
from tnde.verify.model import FileReport, RootInfo, VerificationRun
from tnde.verify.records import crosscheck

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cryptography import x509

    from tnde.progress import CancelToken, ProgressSink
    from tnde.verify.policy import VerifyPolicy
    from tnde.workflow import Letters

__all__ = ["verify_folder"]

log = logging.getLogger(__name__)


def verify_folder(
    paths: Sequence[Path],
    *,
    trust_roots: Sequence[x509.Certificate],
    policy: VerifyPolicy | None = None,
    workers: int = 2,
    crls: Sequence[bytes] = (),
    records: Letters | None = None,
    progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> VerificationRun:
    """Verify every PDF in ``paths`` (files, and the ``*.pdf`` below folders).

    Args:
        records: a workspace's letters; each signed file is also compared with what the
            workspace recorded of that letter (:func:`tnde.verify.records.crosscheck`).
        progress: told ``(done, total, path)`` after each file.

    Returns:
        The run; it holds no file when ``paths`` has no PDF.

    Raises:
        Cancelled: ``cancel`` was set.
    """
    files = find_pdfs([Path(p) for p in paths])
    reports = (
        verify_paths(
            files,
            trust_roots=trust_roots,
            workers=workers,
            progress=progress,
            cancel=cancel,
            crls=crls,
            policy=policy,
        )
        if files
        else []
    )
    if records is not None:
        reports = [_crosscheck(report, records, cancel) for report in reports]
    log.info("verified %d file(s)", len(reports))
    return VerificationRun(
        verified_at=dt.datetime.now(dt.UTC),
        tool_version=__version__,
        trust_roots=tuple(
            RootInfo(r.subject.rfc4514_string(), fingerprint(r), r.not_valid_after_utc)
            for r in trust_roots
        ),
        files=tuple(reports),
    )


def _crosscheck(report: FileReport, letters: Letters, cancel: CancelToken | None) -> FileReport:
    check_cancel(cancel)
    if not report.sha256:
        return report  # unreadable or not a PDF: nothing to compare
    try:
        data = read_input(report.path)
    except DataFileError:
        return report  # already reported as unreadable
    return crosscheck(report, data, letters)
