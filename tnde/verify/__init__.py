"""Offline verification of signed PDFs: the auditor's job (docs/verification.md).

:func:`verify_pdf` checks one file's bytes (the verdict policy is in
:mod:`tnde.verify.engine`); :func:`tnde.verify.batch.verify_paths` runs a folder of
thousands of files on two processes; :func:`tnde.verify.report.render_report` prints the
"Berita Acara Verifikasi" and :func:`tnde.verify.jsonout.run_json` gives the same for
machines. Reports are plain dataclasses (:mod:`tnde.verify.model`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.lazy import lazy_exports
from tnde.verify.model import (
    FileReport,
    RootInfo,
    SignatureReport,
    TimestampInfo,
    Verdict,
    VerificationRun,
)

if TYPE_CHECKING:
    from tnde.verify.batch import find_pdfs, quiet_library_logs, verify_paths
    from tnde.verify.engine import verify_pdf
    from tnde.verify.folder import verify_folder
    from tnde.verify.jsonout import run_json
    from tnde.verify.policy import RootPolicy, VerifyPolicy, workspace_trust
    from tnde.verify.records import crosscheck
    from tnde.verify.report import render_report

__all__ = [
    "FileReport",
    "RootInfo",
    "RootPolicy",
    "SignatureReport",
    "TimestampInfo",
    "Verdict",
    "VerificationRun",
    "VerifyPolicy",
    "crosscheck",
    "find_pdfs",
    "quiet_library_logs",
    "render_report",
    "run_json",
    "verify_folder",
    "verify_paths",
    "verify_pdf",
    "workspace_trust",
]

# The report types load with the package; the rest on first use, because pyHanko and pypdf
# are slow to import (see tnde.lazy).
__getattr__ = lazy_exports(
    __name__,
    {
        "RootPolicy": "tnde.verify.policy",
        "VerifyPolicy": "tnde.verify.policy",
        "crosscheck": "tnde.verify.records",
        "find_pdfs": "tnde.verify.batch",
        "quiet_library_logs": "tnde.verify.batch",
        "render_report": "tnde.verify.report",
        "run_json": "tnde.verify.jsonout",
        "verify_folder": "tnde.verify.folder",
        "verify_paths": "tnde.verify.batch",
        "verify_pdf": "tnde.verify.engine",
        "workspace_trust": "tnde.verify.policy",
    },
)
