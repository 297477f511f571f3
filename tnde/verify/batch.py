"""Verifying many files: folders of thousands of letters on both cores.

Files go to a pool of worker processes (``spawn``, as on Windows) in chunks; each worker
loads the trust roots once. Progress is reported per chunk, the cancel token is checked
between chunks, and one bad file never stops the batch: an unreadable file, a file that
makes verification fail, even a file that kills its worker process, each end up as an
INVALID :class:`FileReport` carrying the error, and the rest go on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from tnde.datafile import read_input
from tnde.errors import DataFileError
from tnde.progress import check_cancel
from tnde.verify import speedups
from tnde.verify.engine import verify_pdf
from tnde.verify.model import FileReport, Verdict

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Sequence

    from cryptography import x509

    from tnde.progress import CancelToken, ProgressSink
    from tnde.verify.policy import VerifyPolicy

__all__ = ["find_pdfs", "verify_file", "verify_paths"]

log = logging.getLogger(__name__)

#: Up to this many files are verified in this process: starting workers costs ~1 s.
IN_PROCESS_LIMIT = 8
_LIBRARY_LOGGERS = ("pyhanko", "pyhanko_certvalidator")


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every ``*.pdf`` (any case) below each folder, sorted, no repeats."""
    out: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        found = (
            sorted(p for p in Path(path).rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
            if Path(path).is_dir()
            else [Path(path)]
        )
        for item in found:
            key = item.resolve()
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out


def quiet_library_logs() -> None:
    """pyHanko logs expected validation outcomes (with tracebacks) as warnings; the reports
    carry them, so its loggers are limited to critical messages in batch and CLI use."""
    for name in _LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def verify_paths(
    paths: Sequence[Path],
    *,
    trust_roots: Sequence[x509.Certificate],
    workers: int = 2,
    chunk_size: int = 16,
    progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
    now: dt.datetime | None = None,
    crls: Sequence[bytes] = (),
    policy: VerifyPolicy | None = None,
) -> list[FileReport]:
    """Verify each file in ``paths`` (files, not folders: see :func:`find_pdfs`).

    Args:
        crls: CRLs (DER) the auditor holds, used beside the files' own revocation data.

    Returns one report per path, in the order given.

    Raises:
        Cancelled: ``cancel`` was set; nothing is returned.
    """
    total = len(paths)
    if workers <= 1 or total <= IN_PROCESS_LIMIT:
        return _in_process(paths, trust_roots, progress, cancel, now, crls, policy)
    from cryptography.hazmat.primitives.serialization import Encoding

    roots = [r.public_bytes(Encoding.DER) for r in trust_roots]
    names = [str(p) for p in paths]
    chunks = [names[i : i + chunk_size] for i in range(0, total, chunk_size)]
    results: dict[str, FileReport] = {}
    while chunks:
        chunks = _run_pool(
            chunks, (roots, list(crls), policy), workers, now, results, progress, total, cancel
        )
    return [results[name] for name in names]


def _run_pool(
    chunks: list[list[str]],
    trust: tuple[list[bytes], list[bytes], VerifyPolicy | None],
    workers: int,
    now: dt.datetime | None,
    results: dict[str, FileReport],
    progress: ProgressSink | None,
    total: int,
    cancel: CancelToken | None,
) -> list[list[str]]:
    """Run ``chunks`` on a fresh pool; return the chunks to retry after a worker died."""
    retry: list[list[str]] = []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=trust
    ) as pool:
        futures = {pool.submit(_verify_chunk, chunk, now): chunk for chunk in chunks}
        for future in as_completed(futures):
            chunk = futures[future]
            try:
                for report in future.result():
                    results[report.path] = report
            except BrokenProcessPool:
                # A file killed its worker: retry file by file to find it; the pool is gone,
                # so every unfinished chunk is retried on a new one.
                if len(chunk) == 1:
                    results[chunk[0]] = _failed(chunk[0], "proses pemeriksa berhenti mendadak")
                else:
                    retry += [[name] for name in chunk]
                continue
            if cancel is not None and cancel.cancelled:
                pool.shutdown(wait=True, cancel_futures=True)
                check_cancel(cancel)
            if progress is not None:
                progress(len(results), total, chunk[-1])
    return retry


def _in_process(
    paths: Sequence[Path],
    roots: Sequence[x509.Certificate],
    progress: ProgressSink | None,
    cancel: CancelToken | None,
    now: dt.datetime | None,
    crls: Sequence[bytes],
    policy: VerifyPolicy | None,
) -> list[FileReport]:
    out = []
    for done, path in enumerate(paths, 1):
        check_cancel(cancel)
        out.append(verify_file(path, trust_roots=roots, now=now, crls=crls, policy=policy))
        if progress is not None:
            progress(done, len(paths), str(path))
    return out


def verify_file(
    path: Path,
    *,
    trust_roots: Sequence[x509.Certificate],
    now: dt.datetime | None = None,
    crls: Sequence[bytes] = (),
    policy: VerifyPolicy | None = None,
) -> FileReport:
    """Read and verify one file; an unreadable file gives an INVALID report."""

    try:
        data = read_input(path)
    except DataFileError as exc:
        return _failed(str(path), f"berkas tidak dapat dibaca: {exc.problem}")
    return verify_pdf(
        data, trust_roots=trust_roots, name=str(path), now=now, crls=crls, policy=policy
    )


def _failed(path: str, reason: str) -> FileReport:
    return FileReport(
        path=path, sha256="", verdict=Verdict.INVALID, reasons=(reason,), error=reason
    )


# -- worker side ----------------------------------------------------------------------------------

_ROOTS: list[x509.Certificate] = []
_CRLS: list[bytes] = []
_POLICY: list[VerifyPolicy | None] = [None]


def _init_worker(roots: list[bytes], crls: list[bytes], policy: VerifyPolicy | None) -> None:
    from cryptography import x509

    quiet_library_logs()
    speedups.install()
    _ROOTS[:] = [x509.load_der_x509_certificate(der) for der in roots]
    _CRLS[:] = crls
    _POLICY[0] = policy
    log.debug("verification worker %d ready", os.getpid())


def _verify_chunk(names: list[str], now: dt.datetime | None) -> list[FileReport]:
    return [
        verify_file(Path(name), trust_roots=_ROOTS, now=now, crls=_CRLS, policy=_POLICY[0])
        for name in names
    ]
