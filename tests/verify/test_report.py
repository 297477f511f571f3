"""The Berita Acara Verifikasi (PDF) and the JSON for machines."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from typing import TYPE_CHECKING

import pytest
from cryptography.hazmat.primitives import hashes

from tests.conftest import pdf_text, require_tool, run_tool
from tests.verify import attacks
from tests.verify.conftest import verify
from tnde.verify import RootInfo, Verdict, VerificationRun, verify_pdf
from tnde.verify.jsonout import SCHEMA, run_json
from tnde.verify.report import render_report

if TYPE_CHECKING:
    from pathlib import Path

    from tests.verify.conftest import Corpus

WHEN = dt.datetime(2026, 11, 27, 3, 30, tzinfo=dt.UTC)  # Jumat, 27 November 2026, 10.30 WIB


@pytest.fixture(scope="module")
def run_and_files(
    corpus: Corpus, tmp_path_factory: pytest.TempPathFactory
) -> tuple[VerificationRun, Path]:
    folder = tmp_path_factory.mktemp("berita acara – é")
    files = {
        "surat dua penanda tangan.pdf": corpus.two_signers,
        "surat B-B.pdf": corpus.levels["B-B"],
        "rusak.pdf": b"%PDF-1.7\nrusak",
        "diubah (ISA).pdf": attacks.incremental_saving(corpus.two_signers),
    }
    reports = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        reports.append(verify_pdf(data, trust_roots=[corpus.pki.root.cert], name=str(path)))
    root = corpus.pki.root.cert
    info = RootInfo(
        root.subject.rfc4514_string(),
        root.fingerprint(hashes.SHA256()).hex(),
        root.not_valid_after_utc,
    )
    return VerificationRun(WHEN, "0.1.0", (info,), tuple(reports)), folder


def test_report_states_verdicts_signers_and_header(
    run_and_files: tuple[VerificationRun, Path], out_dir: Path
) -> None:
    run, _ = run_and_files
    pdf = out_dir / "berita acara.pdf"
    pdf.write_bytes(render_report(run))
    text = " ".join(pdf_text(pdf).split())
    for expected in (
        "BERITA ACARA VERIFIKASI",
        "TANDA TANGAN ELEKTRONIK PADA DOKUMEN PDF",
        "Jumat, 27 November 2026, pukul 10.30.00 WIB",
        "TNDE Desktop 0.1.0",
        "DEMO Uji Root CA",
        "SAH",
        "TIDAK SAH",
        "TIDAK DAPAT DIPASTIKAN",
        "Dr. Budi Santoso, S.Kom., M.T. (DEMO)",
        "Siti Rahmawati, S.E. (DEMO)",
        "19800101 200501 1 001",  # the NIP, printed as NIPs are
        "3201********0001",  # the NIK, masked
        "PAdES B-LT",
        "sertifikasi (DocMDP P=2)",
        "Halaman 1 sebagaimana ditandatangani",
        "Pemeriksa,",
        "Halaman 1 dari",
    ):
        assert expected in text, expected
    assert "3201010101800001" not in text  # the full NIK stays in the JSON only


def test_report_embeds_a_page_image_per_signature_and_only_bundled_fonts(
    run_and_files: tuple[VerificationRun, Path], out_dir: Path
) -> None:
    run, _ = run_and_files
    pdf = out_dir / "berita acara.pdf"
    pdf.write_bytes(render_report(run))
    images = [line for line in run_tool("pdfimages", "-list", pdf).splitlines()[2:] if line]
    signatures = sum(len(r.signatures) for r in run.files)
    assert len(images) == signatures
    fonts = run_tool("pdffonts", pdf).splitlines()[2:]
    assert fonts
    assert all(" yes " in line for line in fonts), fonts  # embedded
    assert all("LiberationSans" in line for line in fonts), fonts
    # Rendered once to look at (tests keep it in out_dir while debugging).
    require_tool("pdftoppm")
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "2", str(pdf), str(out_dir / "hlm")],
        check=True,
    )
    assert (out_dir / "hlm-1.png").stat().st_size > 10_000


def test_report_is_deterministic_and_leaves_out_images_of_changed_files(
    run_and_files: tuple[VerificationRun, Path], out_dir: Path
) -> None:
    run, folder = run_and_files
    assert render_report(run) == render_report(run)
    without = out_dir / "tanpa gambar.pdf"
    without.write_bytes(render_report(run, load=lambda report: None))
    assert "Gambar halaman tidak disertakan" in pdf_text(without)
    assert run_tool("pdfimages", "-list", without).splitlines()[2:] == []
    capped = out_dir / "dibatasi.pdf"
    capped.write_bytes(render_report(run, max_images=1))
    assert "dibatasi jumlahnya" in " ".join(pdf_text(capped).split())
    del folder


def test_json_has_stable_english_keys(run_and_files: tuple[VerificationRun, Path]) -> None:
    run, _ = run_and_files
    data = json.loads(json.dumps(run_json(run)))
    assert data["schema"] == SCHEMA
    assert data["verified_at"] == "2026-11-27T03:30:00Z"
    assert data["tool"] == "tnde 0.1.0"
    assert data["verdict"] == "INVALID"
    assert data["counts"] == {"VALID": 1, "INVALID": 2, "INDETERMINATE": 1}
    assert set(data["trust_roots"][0]) == {"subject", "sha256", "not_after"}
    first = data["files"][0]
    assert set(first) == {
        "path",
        "sha256",
        "size",
        "verdict",
        "label",
        "reasons",
        "error",
        "revisions",
        "certification_level",
        "unsigned_fields",
        "records",
        "notes",
        "signatures",
    }
    assert (first["verdict"], first["label"], first["records"]) == ("VALID", "SAH", None)
    sig = first["signatures"][0]
    assert {"verdict", "signer", "timestamp", "pades_level", "changes", "byte_range"} <= set(sig)
    assert any(e.startswith("CRL DEMO Uji Issuing CA") for e in sig["revocation_evidence"])
    assert sig["signer"]["nip"] == "198001012005011001"
    assert sig["signer"]["nik_ref"].startswith("sha256:")
    assert sig["timestamp"]["time"].endswith("Z")
    assert sig["byte_range"][0] == 0
    assert {f["verdict"] for f in data["files"]} == {v.value for v in Verdict}
    broken = data["files"][2]
    assert broken["error"]
    assert broken["signatures"] == []


def test_records_hook_reaches_json_and_report(corpus: Corpus, out_dir: Path) -> None:
    import dataclasses

    report = verify(corpus.two_signers, corpus.pki)
    noted = dataclasses.replace(report, records=["nomor surat tidak ada dalam register"])
    run = VerificationRun(WHEN, "0.1.0", (), (noted,))
    assert run_json(run)["files"][0]["records"] == ["nomor surat tidak ada dalam register"]
    pdf = out_dir / "catatan.pdf"
    pdf.write_bytes(render_report(run, load=lambda r: None))
    assert "nomor surat tidak ada dalam register" in pdf_text(pdf)
