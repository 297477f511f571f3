"""What a verification finds: verdicts, per-signature and per-file reports.

Plain frozen dataclasses without pyHanko objects, so reports cross process boundaries (the
batch runs in worker processes), serialise to JSON (:mod:`tnde.verify.jsonout`) and print
(:mod:`tnde.verify.report`). Reason strings are Indonesian sentences for the auditor; the
machine-readable parts (verdicts, levels, field names) are stable English codes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from tnde.pki.identity import CertIdentity

__all__ = [
    "FileReport",
    "RootInfo",
    "SignatureReport",
    "TimestampInfo",
    "Verdict",
    "VerificationRun",
]


class Verdict(enum.StrEnum):
    """The outcome for one signature or one file (fail closed: docs/verification.md)."""

    VALID = "VALID"
    """Intact, trusted, not revoked, and nothing unacceptable changed afterwards."""
    INVALID = "INVALID"
    """Proven wrong: broken bytes or structure, forbidden changes, revoked, bad timestamp."""
    INDETERMINATE = "INDETERMINATE"
    """Nothing proven wrong, but validity cannot be established offline (untrusted root,
    missing revocation data, expired certificate without a timestamp proving otherwise)."""

    @property
    def label(self) -> str:
        """The Indonesian word printed in reports: "SAH", "TIDAK SAH", "TIDAK DAPAT DIPASTIKAN"."""
        return _LABELS[self]

    @classmethod
    def worst(cls, verdicts: Iterable[Verdict]) -> Verdict:
        """INVALID beats INDETERMINATE beats VALID; VALID for an empty input."""
        found = set(verdicts)
        for verdict in (cls.INVALID, cls.INDETERMINATE):
            if verdict in found:
                return verdict
        return cls.VALID


_LABELS = {
    Verdict.VALID: "SAH",
    Verdict.INVALID: "TIDAK SAH",
    Verdict.INDETERMINATE: "TIDAK DAPAT DIPASTIKAN",
}


@dataclass(frozen=True)
class TimestampInfo:
    """An RFC 3161 timestamp: the signature's own token or a document timestamp."""

    time: dt.datetime
    tsa: str
    """The TSA certificate's subject (common name first)."""
    intact: bool
    """The token's imprint matches the data it stamps and its signature verifies."""
    trusted: bool
    """The TSA chains to a trusted root and carries the timeStamping EKU."""


@dataclass(frozen=True)
class SignatureReport:
    """Everything found about one signature or document timestamp."""

    index: int
    """1-based, in the order the signatures were added."""
    field: str
    kind: str
    """``"signature"`` or ``"document_timestamp"``."""
    verdict: Verdict
    reasons: tuple[str, ...] = ()
    """Why the verdict is not VALID (Indonesian); empty for VALID."""
    notes: tuple[str, ...] = ()
    """Facts worth knowing that do not change the verdict (Indonesian)."""
    signer: CertIdentity | None = None
    """Who the signer certificate names (``tnde.pki.identity.identity_of``)."""
    claimed_time: dt.datetime | None = None
    """The signer's own claim (``/M``): not proof of anything."""
    timestamp: TimestampInfo | None = None
    """The signature timestamp, or the token itself for a document timestamp."""
    pades_level: str | None = None
    """``B-B``, ``B-T``, ``B-LT`` or ``B-LTA`` as found in the file."""
    subfilter: str = ""
    revision: int = 0
    """0-based revision of the file this signature belongs to."""
    byte_range: tuple[int, ...] = ()
    signed_end: int = 0
    """Bytes covered from the start of the file: the signed revision is ``data[:signed_end]``."""
    coverage: str | None = None
    modification_level: str | None = None
    """pyHanko's judgement of everything after this signature (``NONE`` … ``OTHER``)."""
    changes: tuple[str, ...] = ()
    """A readable account of every later revision (Indonesian)."""
    certification: int | None = None
    """DocMDP ``P`` when this is the certification signature."""
    field_lock: str | None = None
    lock_violations: tuple[str, ...] = ()
    chain: tuple[str, ...] = ()
    """Certificate subjects from the signer up to the trust anchor."""
    trust_anchor: str | None = None
    revocation: str = "not_checked"
    """``good``, ``revoked``, ``unknown`` (no usable data) or ``not_checked``."""
    revocation_source: str | None = None
    """Where the revocation data came from: ``DSS``, ``CMS`` or ``DSS+CMS``."""
    revocation_evidence: tuple[str, ...] = ()
    """The fresh CRLs and OCSP responses that proved the chain unrevoked at signing time."""
    ades: str | None = None
    """The AdES engine's indication (``PASSED/OK``, ``INDETERMINATE/NO_POE``…), when run."""
    page: int | None = None
    """1-based page of the visible signature widget; ``None`` when invisible."""


@dataclass(frozen=True)
class FileReport:
    """The verification of one file."""

    path: str
    sha256: str
    verdict: Verdict
    reasons: tuple[str, ...] = ()
    """Why the file is not VALID (Indonesian): its own problems and a summary of its
    signatures' problems."""
    signatures: tuple[SignatureReport, ...] = ()
    error: str | None = None
    """Set when the file could not be examined at all (unreadable, not a PDF)."""
    size: int = 0
    revisions: int = 0
    certification_level: int | None = None
    unsigned_fields: tuple[str, ...] = ()
    records: list[str] | None = None
    """Findings of the cross-check against workspace records, filled in by the caller."""
    notes: tuple[str, ...] = ()
    """Facts about the file that do not change the verdict (e.g. read leniently)."""


@dataclass(frozen=True)
class RootInfo:
    """A trust root used for a run, as printed in the report header."""

    subject: str
    sha256_fingerprint: str
    not_after: dt.datetime


@dataclass(frozen=True)
class VerificationRun:
    """One verification session: when, with what, and the per-file results."""

    verified_at: dt.datetime
    tool_version: str
    trust_roots: tuple[RootInfo, ...]
    files: tuple[FileReport, ...] = field(default_factory=tuple)

    @property
    def verdict(self) -> Verdict:
        """VALID only when there is at least one file and every file is VALID."""
        if not self.files:
            return Verdict.INVALID
        return Verdict.worst(f.verdict for f in self.files)

    def counts(self) -> dict[str, int]:
        """How many files got each verdict (all three keys always present)."""
        out = {v.value: 0 for v in Verdict}
        for report in self.files:
            out[report.verdict.value] += 1
        return out
