"""Offline verification of signed PDFs: the auditor's job (docs/verification.md).

:func:`verify_pdf` checks one file's bytes (the verdict policy is in
:mod:`tnde.verify.engine`); :func:`tnde.verify.batch.verify_paths` runs a folder of
thousands of files on two processes; :func:`tnde.verify.report.render_report` prints the
"Berita Acara Verifikasi" and :func:`tnde.verify.jsonout.run_json` gives the same for
machines. Reports are plain dataclasses (:mod:`tnde.verify.model`).
"""

from __future__ import annotations

from tnde.verify.engine import verify_pdf
from tnde.verify.model import (
    FileReport,
    RootInfo,
    SignatureReport,
    TimestampInfo,
    Verdict,
    VerificationRun,
)

__all__ = [
    "FileReport",
    "RootInfo",
    "SignatureReport",
    "TimestampInfo",
    "Verdict",
    "VerificationRun",
    "verify_pdf",
]
