"""Verification cross-checked with the workspace's records of the letter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.cliutil import WorkspaceCli
from tests.demoworkspace import letter_in, p12_of, signer_of
from tnde.pki.demo import DEMO_PASSPHRASE
from tnde.pki.workspace_demo import demo_folder
from tnde.signing.batch import prepare_base
from tnde.signing.context import workspace_services
from tnde.signing.devices import Pkcs12Device
from tnde.signing.pades import Level, SignRequest, sign_pdf
from tnde.signing.prepare import TRANSPARENT_STAMP
from tnde.verify import Verdict, verify_pdf
from tnde.verify.records import crosscheck
from tnde.workflow.letters import Letters

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.workspace import Workspace


def _root(ws: Workspace) -> object:
    from tnde.pki.identity import load_certificate

    return load_certificate((demo_folder(ws.path) / "root.pem").read_bytes())


def test_a_signed_letter_matches_its_records(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "ditandatangani")
    data = demo_ws.blobs.get(letters.get(letter).final_blob)
    report = verify_pdf(data, trust_roots=[_root(demo_ws)])  # type: ignore[list-item]
    assert report.verdict is Verdict.VALID, report.reasons
    checked = crosscheck(report, data, letters)
    assert checked.verdict is Verdict.VALID
    assert checked.records is not None
    assert any("tercatat di ruang kerja" in r for r in checked.records)
    assert any("cocok dengan catatan" in r for r in checked.records)


def test_a_valid_signature_the_workflow_never_recorded_is_invalid(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    # The signer signs the numbered letter outside the app: cryptographically fine, but the
    # workspace has no signature event for it (nor did the letter leave the numbered state).
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    state = letters.get(letter)
    nip = signer_of(letters, letter)
    with (
        workspace_services(demo_ws) as signing,
        Pkcs12Device(p12_of(demo_ws, nip)).open(DEMO_PASSPHRASE) as session,
    ):
        base = prepare_base(state, str(signing.issuer_of(session.chain_with_leaf())))
        request = SignRequest("TTE-penandatangan", Level.B_LT, True, stamp_style=TRANSPARENT_STAMP)
        data = sign_pdf(base, session, request, signing.services)
    report = verify_pdf(data, trust_roots=[_root(demo_ws)])  # type: ignore[list-item]
    assert report.verdict is Verdict.VALID, report.reasons
    checked = crosscheck(report, data, letters)
    assert checked.verdict is Verdict.INVALID
    assert any("tidak tercatat untuk surat ini" in r for r in checked.reasons)

    # the same through the CLI: with --workspace the records are consulted
    pdf = tmp_path / "ditandatangani di luar aplikasi.pdf"
    pdf.write_bytes(data)
    proc = WorkspaceCli(demo_ws.path).run("verify", pdf, "--json")
    assert proc.returncode == 1
    assert "tidak tercatat untuk surat ini" in proc.stdout


def test_a_file_the_workspace_does_not_know_is_only_noted(demo_ws: Workspace) -> None:
    from tests.pkifixtures import small_pdf

    letters = Letters(demo_ws)
    report = verify_pdf(small_pdf(), trust_roots=[_root(demo_ws)])  # type: ignore[list-item]
    checked = crosscheck(report, small_pdf(), letters)
    assert checked.verdict is report.verdict  # not VALID (unsigned), and not made worse
    assert checked.records == ["tidak tercatat di ruang kerja ini"]


def test_the_letter_is_found_from_its_signed_revision_and_its_bytes_compared(
    demo_ws: Workspace,
) -> None:
    import io
    import json

    from pypdf import PdfWriter

    letters = Letters(demo_ws)
    letter = letter_in(letters, "ditandatangani")
    other = letter_in(letters, "dinomori")
    data = demo_ws.blobs.get(letters.get(letter).final_blob)

    # Another letter's metadata appended after signing: INVALID by itself, and the records
    # consulted are those of the letter the signature covers, not the one the /Info names.
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    writer.add_metadata({"/Title": "Surat lain", "/Keywords": f"naskah dinas; {other}"})
    out = io.BytesIO()
    writer.write(out)
    report = verify_pdf(out.getvalue(), trust_roots=[_root(demo_ws)])  # type: ignore[list-item]
    assert report.verdict is Verdict.INVALID
    assert any("metadata dokumen (/Info" in r for r in report.reasons), report.reasons
    changes = [c for sig in report.signatures for c in sig.changes]
    assert any("metadata dokumen (/Info: /Keywords, /Title) diubah" in c for c in changes)
    checked = crosscheck(report, out.getvalue(), letters)
    assert checked.records is not None
    assert any(f"({letter})" in r for r in checked.records), checked.records
    assert not any(other in r for r in checked.records)

    # The base the workspace stored, signed again outside the app by the same official:
    # a sound file whose signed bytes are not the ones the workspace recorded.
    conn = demo_ws.thread_connection()
    payload = json.loads(
        conn.execute(
            "SELECT payload FROM event WHERE letter_id = ? AND type = 'letter.signed'", (letter,)
        ).fetchone()[0]
    )
    base = demo_ws.blobs.get(payload["base_blob"])
    nip = conn.execute(
        "SELECT actor_nip FROM event WHERE letter_id = ? AND type = 'letter.signed'", (letter,)
    ).fetchone()[0]
    from pyhanko.pdf_utils.reader import PdfFileReader

    first = not PdfFileReader(io.BytesIO(base)).embedded_signatures
    with (
        workspace_services(demo_ws) as signing,
        Pkcs12Device(p12_of(demo_ws, nip)).open(DEMO_PASSPHRASE) as session,
    ):
        request = SignRequest(payload["field"], Level.B_LT, first, stamp_style=TRANSPARENT_STAMP)
        again = sign_pdf(base, session, request, signing.services)
    report = verify_pdf(again, trust_roots=[_root(demo_ws)])  # type: ignore[list-item]
    assert report.verdict is Verdict.VALID, report.reasons
    checked = crosscheck(report, again, letters)
    assert checked.verdict is Verdict.INVALID
    assert any("berbeda dari berkas yang tersimpan" in r for r in checked.reasons), checked.reasons
