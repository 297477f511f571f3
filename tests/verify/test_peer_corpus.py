"""pyHanko's own signed test PDFs, verified offline against what pyHanko's authors expect.

Our genuine-letter tests only see what our own signer writes. The peer corpus
(``tests/verify/peer/pyhanko/``, provenance and licence in its ``SOURCES.md``) was written by
another PAdES implementation and by Adobe Reader: linearized files, object streams, indirect
objects where we write direct ones, unusual CMS structures, and the tampering cases pyHanko's
difference analysis and coverage checks are built to catch. ``manifest.toml`` names, per file,
the pyHanko test that states the expected outcome; a signature pyHanko's authors call genuine
must never be INVALID here (fail-closed must not mean "fails on anything unfamiliar"), and
tampering they detect must be INVALID here too.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from cryptography import x509

from tnde.verify import Verdict, verify_pdf

if TYPE_CHECKING:
    from tnde.verify import FileReport

CORPUS = Path(__file__).parent / "peer" / "pyhanko"
MANIFEST: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "manifest.toml").read_text(encoding="utf-8")
)
NAMES = sorted(MANIFEST)

#: The verdicts each ``expect`` value of the manifest accepts.
ACCEPTED = {
    "valid": frozenset({Verdict.VALID}),
    # Genuine and intact: VALID, or INDETERMINATE when the file lacks what an offline check
    # needs (revocation data, a trusted TSA), but never INVALID.
    "not_invalid": frozenset({Verdict.VALID, Verdict.INDETERMINATE}),
    "invalid": frozenset({Verdict.INVALID}),
    "indeterminate": frozenset({Verdict.INDETERMINATE}),
}

#: Python internals that must not reach an auditor's report: exception class names
#: ("PdfStrictReadError: ..."), tracebacks, object addresses, module paths of object reprs
#: ("<pyhanko.pdf_utils.generic...") and dataclass-style reprs ("Reference(idnum=10, ...").
INTERNALS = re.compile(
    r"\b\w*(?:Error|Exception)\b"
    r"|Traceback"
    r"|object at 0x|0x0x"
    r"|<[a-z_]\w*\.[\w.]+"
    r"|\b[A-Z]\w*\([a-z_]+="
)

MAX_CORPUS_BYTES = 2 * 1024 * 1024


@functools.cache
def peer_report(name: str) -> FileReport:
    """``verify_pdf`` on one corpus file with its manifest's roots and time (once per run)."""
    entry = MANIFEST[name]
    roots = entry["root"] if isinstance(entry["root"], list) else [entry["root"]]
    anchors = [
        x509.load_pem_x509_certificate((CORPUS / "roots" / root).read_bytes()) for root in roots
    ]
    return verify_pdf(
        (CORPUS / name).read_bytes(),
        trust_roots=anchors,
        name=name,
        now=dt.datetime.fromisoformat(entry["now"]),
    )


def explain(name: str, report: FileReport) -> str:
    """The verdict, the expectation and every reason, for a failing assertion."""
    entry = MANIFEST[name]
    lines = [
        f"{name}: {report.verdict} (expected {entry['expect']}; {entry['pyhanko_test']})",
        *(f"  file: {reason}" for reason in report.reasons),
    ]
    for sig in report.signatures:
        lines.append(f"  #{sig.index} {sig.field}: {sig.verdict}")
        lines += [f"    {reason}" for reason in sig.reasons]
    return "\n".join(lines)


def test_manifest_describes_every_signed_file() -> None:
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.pdf")}
    assert on_disk == set(MANIFEST)
    for name, entry in MANIFEST.items():
        assert entry["expect"] in ACCEPTED, name
        assert entry["pyhanko_test"], name
        assert entry["note"], name
        assert dt.datetime.fromisoformat(entry["now"]).tzinfo is not None, name
        roots = entry["root"] if isinstance(entry["root"], list) else [entry["root"]]
        assert roots, name
        assert all((CORPUS / "roots" / root).is_file() for root in roots), name


def test_corpus_stays_small() -> None:
    """The corpus lives in the repository: keep it well below what a checkout should carry."""
    size = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert size < MAX_CORPUS_BYTES


@pytest.mark.parametrize("name", NAMES)
def test_verdict_matches_pyhanko(name: str) -> None:
    report = peer_report(name)
    assert report.verdict in ACCEPTED[MANIFEST[name]["expect"]], explain(name, report)


@pytest.mark.parametrize("name", NAMES)
def test_reasons_are_free_of_python_internals(name: str) -> None:
    """Reasons are sentences for an auditor; a class name or repr means an exception or a
    library message leaked through instead of being described."""
    report = peer_report(name)
    texts = [*report.reasons, report.error or ""]
    for sig in report.signatures:
        texts += sig.reasons
    leaks = [text for text in texts if INTERNALS.search(text)]
    assert not leaks, explain(name, report)
