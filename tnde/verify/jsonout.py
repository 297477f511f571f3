"""Verification results as JSON-ready dicts: stable English keys, ISO 8601 UTC times.

The shape (``schema`` 1)::

    {"schema": 1, "verified_at": "...Z", "tool": "tnde 0.1.0", "verdict": "VALID",
     "counts": {"VALID": n, "INVALID": n, "INDETERMINATE": n},
     "trust_roots": [{"subject", "sha256", "not_after"}],
     "files": [{"path", "sha256", "size", "verdict", "label", "reasons", "error",
                "revisions", "certification_level", "unsigned_fields", "records", "notes",
                "signatures": [{"index", "field", "kind", "verdict", "label", "reasons",
                                "notes", "signer": {...} | null, "claimed_time",
                                "timestamp": {"time", "tsa", "intact", "trusted"} | null,
                                "pades_level", "subfilter", "revision", "byte_range",
                                "signed_end", "coverage", "modification_level", "changes",
                                "certification", "field_lock", "lock_violations", "chain",
                                "trust_anchor", "revocation", "revocation_source",
                                "revocation_evidence", "ades",
                                "page"}]}]}

Verdicts are ``VALID``/``INVALID``/``INDETERMINATE``; ``label`` carries the Indonesian word.
Reason strings are Indonesian sentences (for people); do not parse them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tnde.pki.identity import CertIdentity
    from tnde.verify.model import FileReport, SignatureReport, TimestampInfo, VerificationRun

__all__ = ["SCHEMA", "file_json", "run_json", "signature_json"]

SCHEMA = 1


def run_json(run: VerificationRun) -> dict[str, Any]:
    """A whole run: header, counts and every file."""
    return {
        "schema": SCHEMA,
        "verified_at": _time(run.verified_at),
        "tool": f"tnde {run.tool_version}",
        "verdict": run.verdict.value,
        "counts": run.counts(),
        "trust_roots": [
            {
                "subject": root.subject,
                "sha256": root.sha256_fingerprint,
                "not_after": _time(root.not_after),
            }
            for root in run.trust_roots
        ],
        "files": [file_json(report) for report in run.files],
    }


def file_json(report: FileReport) -> dict[str, Any]:
    """One file."""
    return {
        "path": report.path,
        "sha256": report.sha256,
        "size": report.size,
        "verdict": report.verdict.value,
        "label": report.verdict.label,
        "reasons": list(report.reasons),
        "error": report.error,
        "revisions": report.revisions,
        "certification_level": report.certification_level,
        "unsigned_fields": list(report.unsigned_fields),
        "records": list(report.records) if report.records is not None else None,
        "notes": list(report.notes),
        "signatures": [signature_json(s) for s in report.signatures],
    }


def signature_json(sig: SignatureReport) -> dict[str, Any]:
    """One signature or document timestamp."""
    return {
        "index": sig.index,
        "field": sig.field,
        "kind": sig.kind,
        "verdict": sig.verdict.value,
        "label": sig.verdict.label,
        "reasons": list(sig.reasons),
        "notes": list(sig.notes),
        "signer": _signer(sig.signer),
        "claimed_time": _time(sig.claimed_time),
        "timestamp": _timestamp(sig.timestamp),
        "pades_level": sig.pades_level,
        "subfilter": sig.subfilter,
        "revision": sig.revision,
        "byte_range": list(sig.byte_range),
        "signed_end": sig.signed_end,
        "coverage": sig.coverage,
        "modification_level": sig.modification_level,
        "changes": list(sig.changes),
        "certification": sig.certification,
        "field_lock": sig.field_lock,
        "lock_violations": list(sig.lock_violations),
        "chain": list(sig.chain),
        "trust_anchor": sig.trust_anchor,
        "revocation": sig.revocation,
        "revocation_source": sig.revocation_source,
        "revocation_evidence": list(sig.revocation_evidence),
        "ades": sig.ades,
        "page": sig.page,
    }


def _signer(identity: CertIdentity | None) -> dict[str, Any] | None:
    if identity is None:
        return None
    out = {
        key: _time(value) if isinstance(value, dt.datetime) else value
        for key, value in dataclasses.asdict(identity).items()
    }
    out["nik_ref"] = identity.nik_ref
    return out


def _timestamp(info: TimestampInfo | None) -> dict[str, Any] | None:
    if info is None:
        return None
    return {
        "time": _time(info.time),
        "tsa": info.tsa,
        "intact": info.intact,
        "trusted": info.trusted,
    }


def _time(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
