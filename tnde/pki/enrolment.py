"""Officials enrolled in a DEMO PKI whose key is made when it is first asked for.

Making a 3072-bit RSA key takes 0.1-0.5 s; a demo office has seventeen officials, and most of
them never sign anything in a practice session. So the demo workspace *enrols* them instead:
``officials/<nip>.enrol.json`` records who they are and the validity their certificate will
carry, and :meth:`tnde.pki.DemoPki.p12_path` issues the certificate (a fresh key, signed by the
DEMO issuing CA, sealed with the DEMO passphrase) the first time anyone asks for it, then
removes the enrolment. The certificate is the same as one issued up front would have been:
same key size, same chain, same validity window (from the PKI's creation), listed in
``state.toml`` so OCSP answers for it and it can be revoked.

An enrolment holds no key, passphrase or secret; the NIK in it is the fictional demo NIK that
the certificate will carry anyway.

A lock file (``officials/<nip>.lock``, made with ``O_EXCL``) keeps two processes (the app and
``tnde pki serve``, say) from issuing two certificates for one official at the same moment.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from tnde.errors import PkiError
from tnde.fsutil import write_atomic
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = ["ENROL_SUFFIX", "Enrolment", "enrolled_keys", "issue_lock", "read_enrolment"]

ENROL_SUFFIX = ".enrol.json"
"""File name ending of an enrolment in ``officials/``."""
_LOCK_WAIT = 60.0
"""Seconds to wait for another process issuing the same certificate (a key takes < 1 s)."""
_STALE_LOCK = 120.0
"""A lock file older than this was left by a process that died; it is taken over."""


@dataclass(frozen=True)
class Enrolment:
    """Who gets a certificate on first use, and the validity it will carry."""

    nama: str
    """Name as printed, with degrees."""
    nip: str
    """18-digit NIP, or ``""``."""
    nik: str
    """The fictional 16-digit demo NIK."""
    jabatan: str
    """Position, for the ``title`` attribute."""
    unit: str
    """Work unit, for ``OU``."""
    organisasi: str
    """Institution, for ``O``."""
    not_before: dt.datetime
    """Start of validity (aware, UTC)."""
    not_after: dt.datetime
    """End of validity (aware, UTC)."""

    def write(self, folder: Path, key: str) -> None:
        """Save as ``<folder>/<key>.enrol.json``."""
        data = asdict(self)
        data["not_before"] = self.not_before.isoformat()
        data["not_after"] = self.not_after.isoformat()
        text = json.dumps({"schema_version": 1, **data}, ensure_ascii=False, indent=1)
        write_atomic(folder / f"{key}{ENROL_SUFFIX}", text.encode("utf-8"))


def read_enrolment(path: Path) -> Enrolment:
    """The enrolment saved at ``path``.

    Raises:
        PkiError: ``BAD_FILE`` when it cannot be read or lacks a field.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Enrolment(
            nama=str(data["nama"]),
            nip=str(data["nip"]),
            nik=str(data["nik"]),
            jabatan=str(data["jabatan"]),
            unit=str(data["unit"]),
            organisasi=str(data["organisasi"]),
            not_before=dt.datetime.fromisoformat(data["not_before"]).astimezone(dt.UTC),
            not_after=dt.datetime.fromisoformat(data["not_after"]).astimezone(dt.UTC),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PkiError(
            PkiError.BAD_FILE,
            _("the DEMO enrolment cannot be read: {exc}", exc=exc),
            path=str(path),
        ) from None


def enrolled_keys(folder: Path) -> list[str]:
    """The NIPs (or NIKs) enrolled in ``folder`` whose certificate is not made yet."""
    return [p.name.removesuffix(ENROL_SUFFIX) for p in folder.glob(f"*{ENROL_SUFFIX}")]


@contextlib.contextmanager
def issue_lock(folder: Path, key: str) -> Iterator[None]:
    """Hold ``<folder>/<key>.lock`` while a certificate for ``key`` is issued.

    Raises:
        PkiError: ``BAD_FILE`` when another process holds it for longer than a key takes.
    """
    lock = folder / f"{key}.lock"
    deadline = time.monotonic() + _LOCK_WAIT
    while True:
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            break
        except FileExistsError:
            with contextlib.suppress(FileNotFoundError):
                if time.time() - lock.stat().st_mtime > _STALE_LOCK:
                    lock.unlink()
                    continue
            if time.monotonic() > deadline:
                raise PkiError(
                    PkiError.BAD_FILE,
                    _("another program is still making this DEMO certificate; try again"),
                    path=str(lock),
                ) from None
            time.sleep(0.05)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()
