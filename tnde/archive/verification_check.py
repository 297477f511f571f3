"""The upload check of the verification page: is this file the archived letter, unchanged?

The answer comes first from the hash: a file whose SHA-256 is the archived signed PDF's is that
letter, bit for bit, whatever anyone's software says. Only for a letter of sifat Biasa does the
server then run its own verifier (:func:`tnde.verify.verify_pdf`, against the archive's trust
roots, :mod:`tnde.archive.trust`) and tell how the file relates to the letter:

- ``identical``: the archived signed PDF; ``archive_copy``: the long-term (B-LTA) copy made
  when the letter was filed;
- ``changed``: the file carries this letter's own signature (the same CMS bytes) but is not
  the archived file: something was changed or appended after signing;
- ``other``: the file carries none of this letter's signatures: another document, a copy
  signed again, or no signature at all;
- ``different``: not the archived file, and nothing more is said (a restricted letter, or
  the archive does not hold the signed file's bytes to compare).

The verifier runs on daemon threads (at most :attr:`VerifierPool.workers` at a time), each
given :attr:`VerifierPool.time_limit` seconds. A file that takes longer is answered as not
checkable: a thread cannot be stopped, so it keeps its slot until it ends, and while every
slot is taken the page answers "busy" instead of queueing more work behind a hostile file.
Daemon threads never hold up the server's shutdown. Whatever goes wrong, the answer is "not
verified", never "valid" (fail closed).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import enum
import functools
import hashlib
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anyio import to_thread

from tnde.archive.verification_data import PublicLetter
from tnde.errors import TndeError
from tnde.pki.identity import same_person_name
from tnde.verify import Verdict, quiet_library_logs, verify_pdf

if TYPE_CHECKING:
    from collections.abc import Callable

    from tnde.archive.trust import TrustRoots
    from tnde.archive.verification_data import ArchivedLetter
    from tnde.verify import FileReport, SignatureReport

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "DEFAULT_WORKERS",
    "CheckResult",
    "Match",
    "Opinion",
    "SignatureLine",
    "VerifierPool",
    "check_upload",
]

log = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 20.0
"""Seconds one verification may take (a signed letter takes well under one)."""
DEFAULT_WORKERS = 2
"""Verifications that may run at once."""


class Match(enum.StrEnum):
    """How an uploaded file relates to the archived letter."""

    IDENTICAL = "identical"
    ARCHIVE_COPY = "archive_copy"
    CHANGED = "changed"
    OTHER = "other"
    DIFFERENT = "different"

    @property
    def matches(self) -> bool:
        """Whether the file is the archived letter, bit for bit."""
        return self in (Match.IDENTICAL, Match.ARCHIVE_COPY)


@dataclass(frozen=True)
class SignatureLine:
    """One signature of the uploaded file, as the page lists it."""

    signer: str
    """The certificate's name (CN), ``""`` when it cannot be read."""
    time: dt.datetime | None
    """The signature timestamp when one is trusted, else what the signer claims."""
    time_proven: bool
    verdict: Verdict
    demo: bool
    """Signed with a TNDE DEMO certificate (practice, never an official's)."""
    letter_signer: bool | None
    """Whether the signer is one of the letter's signers (``None``: not compared)."""


@dataclass(frozen=True)
class Opinion:
    """What the verifier says about the file, or why it could not say."""

    verdict: Verdict | None
    """``None`` when the verifier did not run to the end (see :attr:`problem`)."""
    reasons: tuple[str, ...] = ()
    signatures: tuple[SignatureLine, ...] = ()
    problem: str = ""
    """Why there is no verdict (Indonesian), ``""`` when there is one."""


@dataclass(frozen=True)
class CheckResult:
    """The answer to one upload."""

    sha256: str
    size: int
    match: Match
    opinion: Opinion | None = None
    """``None`` for a restricted letter: the hash alone answers (see :func:`check_upload`)."""
    signed_part_intact: bool = False
    """For ``changed``: the bytes the letter's signature covers are unchanged (something was
    appended after signing) rather than altered."""
    foreign_signers: tuple[str, ...] = ()
    """Names of the file's signers who are not signers (or paraf signers) of this letter."""


class VerifierPool:
    """Runs the verifier off the event loop, a few at a time, each within a time limit."""

    def __init__(
        self,
        trust: Callable[[], TrustRoots],
        *,
        workers: int = DEFAULT_WORKERS,
        time_limit: float = DEFAULT_TIME_LIMIT,
        verify: Callable[[bytes, TrustRoots], FileReport] | None = None,
    ) -> None:
        """
        Args:
            trust: reads the trust roots (at every check, so an added root counts at once).
            verify: the verification itself (tests give a slow one); default
                :func:`tnde.verify.verify_pdf` with the roots and their rules.
        """
        self.trust = trust
        self.workers = workers
        self.time_limit = time_limit
        self._verify = verify or _verify_pdf
        self._slots = threading.BoundedSemaphore(workers)
        self._quiet = False

    async def verify(self, data: bytes) -> tuple[FileReport | None, str]:
        """The verifier's report on ``data``, or ``None`` and why it could not be made (in
        Indonesian). Never raises for a bad file."""
        if not self._slots.acquire(blocking=False):
            return None, "Server sedang memeriksa berkas lain. Coba lagi sebentar lagi."
        future: concurrent.futures.Future[FileReport] = concurrent.futures.Future()
        thread = threading.Thread(
            target=self._run, args=(data, future), name="tnde-verifikasi", daemon=True
        )
        try:
            thread.start()
        except RuntimeError:  # no thread can be started (resource limits)
            self._slots.release()
            log.exception("cannot start a verification thread")
            return None, _NOT_CHECKED
        wait = functools.partial(future.result, timeout=self.time_limit)
        try:
            return await to_thread.run_sync(wait), ""
        except TimeoutError:
            log.warning("verification of an upload took more than %s s", self.time_limit)
            return None, (
                "Pemeriksaan tanda tangan berkas ini melewati batas waktu, sehingga "
                "keabsahannya tidak dapat dipastikan."
            )
        except TrustUnavailableError:
            return None, (
                "Daftar akar tepercaya arsip ini tidak dapat dibaca, sehingga tanda tangan "
                "tidak dapat diperiksa. Hubungi pengelola arsip."
            )
        except Exception:  # fail closed: no verdict, never a 500
            log.exception("verification of an upload failed")
            return None, _NOT_CHECKED

    def _run(self, data: bytes, future: concurrent.futures.Future[FileReport]) -> None:
        """One verification, on its own daemon thread; frees the slot when it ends."""
        try:
            if not self._quiet:
                quiet_library_logs()  # pyHanko logs expected failures with tracebacks
                self._quiet = True
            try:
                roots = self.trust()
            except (TndeError, OSError) as exc:
                log.error("the archive's trust store cannot be read: %s", exc)
                raise TrustUnavailableError from exc
            future.set_result(self._verify(data, roots))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting request
            future.set_exception(exc)
        finally:
            self._slots.release()


class TrustUnavailableError(Exception):
    """The trust store cannot be read: nothing can be verified (fail closed)."""


_NOT_CHECKED = "Tanda tangan berkas ini tidak dapat diperiksa karena kesalahan pada server."


def _verify_pdf(data: bytes, roots: TrustRoots) -> FileReport:
    return verify_pdf(data, trust_roots=roots.certificates, policy=roots.policy)


async def check_upload(
    letter: ArchivedLetter, data: bytes, archived: bytes | None, pool: VerifierPool
) -> CheckResult:
    """Compare ``data`` with ``letter`` (and, for a Biasa letter, verify it).

    Args:
        archived: the archived signed PDF's bytes, when the archive holds them.

    For a restricted letter (Terbatas, Rahasia, Sangat Rahasia) the answer is the hash alone:
    matches or not. The verifier is not run and no signer is compared, because its answer
    would speak about the letter: telling whether a file's signer is one of the letter's
    signers turns the page into an oracle on who signed a secret letter, and a "valid"
    verdict on some other file shown beside a secret letter's identifier invites reading it
    as that letter's. Whoever holds the genuine file still gets the strongest answer there is,
    "identical".
    """
    sha256 = hashlib.sha256(data).hexdigest()
    size = len(data)
    if not isinstance(letter, PublicLetter):
        found = Match.IDENTICAL if sha256 in letter.blobs else Match.DIFFERENT
        return CheckResult(sha256, size, found)
    report, problem = await pool.verify(data)
    opinion = _opinion(report, problem, letter)
    if sha256 == letter.sha256:
        return CheckResult(sha256, size, Match.IDENTICAL, opinion)
    if sha256 == letter.archive_copy:
        return CheckResult(sha256, size, Match.ARCHIVE_COPY, opinion)
    match, intact = _relation(data, archived, report)
    foreign = tuple(
        line.signer for line in opinion.signatures if line.letter_signer is False and line.signer
    )
    return CheckResult(sha256, size, match, opinion, intact, foreign)


def _relation(data: bytes, archived: bytes | None, report: FileReport | None) -> tuple[Match, bool]:
    """Whether ``data`` carries one of the archived file's signatures, and if so whether the
    bytes that signature covers are still the archived ones."""
    if archived is None or report is None:
        return Match.DIFFERENT, False
    for signature in report.signatures:
        contents = _contents(data, signature)
        if contents and contents in archived:
            end = signature.signed_end
            intact = 0 < end <= len(archived) and data[:end] == archived[:end]
            return Match.CHANGED, intact
    return Match.OTHER, False


def _contents(data: bytes, signature: SignatureReport) -> bytes:
    """The signature's ``/Contents`` hex string as it stands in the file (the gap between the
    two byte ranges); ``b""`` when the byte range is not the usual four numbers."""
    byte_range = signature.byte_range
    if signature.kind != "signature" or len(byte_range) != 4:
        return b""
    start, end = byte_range[0] + byte_range[1], byte_range[2]
    if not 0 <= start < end <= len(data) or end - start < _MIN_CONTENTS:
        return b""
    return data[start:end]


_MIN_CONTENTS = 64
"""A real CMS signature is kilobytes of hex; anything this short proves nothing."""


def _opinion(report: FileReport | None, problem: str, letter: PublicLetter) -> Opinion:
    if report is None:
        return Opinion(None, problem=problem or _NOT_CHECKED)
    lines = tuple(_line(s, letter) for s in report.signatures if s.kind == "signature")
    return Opinion(report.verdict, tuple(report.reasons), lines)


def _line(signature: SignatureReport, letter: PublicLetter) -> SignatureLine:
    who = signature.signer
    stamp = signature.timestamp
    proven = stamp is not None and stamp.intact and stamp.trusted
    moment = stamp.time if proven and stamp is not None else signature.claimed_time
    if moment is not None and moment.tzinfo is None:  # a PDF date without a zone: read as UTC
        moment = moment.replace(tzinfo=dt.UTC)
    return SignatureLine(
        signer=who.nama if who is not None else "",
        time=moment,
        time_proven=proven,
        verdict=signature.verdict,
        demo=bool(who is not None and who.is_demo),
        letter_signer=_is_letter_signer(who.nip, who.nama, letter) if who is not None else None,
    )


def _is_letter_signer(nip: str, nama: str, letter: PublicLetter) -> bool:
    """By NIP when the certificate has one, else by name (titles and degrees ignored)."""
    nips = {s.nip for s in letter.signers if s.nip} | set(letter.paraf_nips)
    if nip:
        return nip in nips
    return any(same_person_name(nama, s.nama) for s in letter.signers)
