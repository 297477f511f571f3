"""The ``tnde`` command: exit codes, clear messages, and never a partial output file."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import SAMPLES_DIR, pdf_text
from tnde.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

# End-to-end runs of the command line: slow, still run by CI (.ci/run).
pytestmark = pytest.mark.slow


SAMPLE = SAMPLES_DIR / "surat_dinas.toml"


def run(*args: str | Path) -> tuple[int, str, str]:
    """Run ``tnde`` in a child process (as a user would) and return code, stdout, stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "tnde", *map(str, args)], capture_output=True, text=True, check=False
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_render_writes_pdf(out_dir: Path) -> None:
    out = out_dir / "surat dinas.pdf"
    code, stdout, _ = run("render", SAMPLE, "-o", out)
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert "2 halaman" in stdout
    assert [p.name for p in out_dir.iterdir()] == ["surat dinas.pdf"]  # no temp file left


def test_render_print_leaves_out_every_tte_mark(out_dir: Path) -> None:
    printed, final = out_dir / "cetak.pdf", out_dir / "final.pdf"
    assert run("render", SAMPLE, "-o", printed, "--print")[0] == 0
    assert run("render", SAMPLE, "-o", final, "--final")[0] == 0
    assert "Ruang tanda tangan elektronik" in pdf_text(final)
    text = pdf_text(printed)
    for mark in ("Ruang tanda tangan", "Ruang catatan kaki", "KONSEP"):
        assert mark not in text
    assert "NIP 19670827 199403 1 001" in text
    # a letter is either for a wet-ink or an electronic signature
    assert run("render", SAMPLE, "-o", printed, "--print", "--final")[0] == 2


def test_templates_lists_every_jenis(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    assert "surat_dinas" in out
    assert "Surat Dinas" in out


def test_templates_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["templates", "surat_dinas", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["jenis"] == "surat_dinas"
    assert any(f["name"] == "penandatangan" and f["required"] for f in data[0]["fields"])


def draft(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "konsep uji.toml"
    path.write_text(text, encoding="utf-8")
    return path


SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            SAMPLE_TEXT.replace('jenis = "surat_dinas"', 'jenis = "surat_cinta"'),
            "jenis naskah tidak dikenal",
        ),
        (
            SAMPLE_TEXT.replace('profil = "diskominfo-nusantara-raya"', 'profil = "tidak-ada"'),
            "profil tidak dikenal",
        ),
        (SAMPLE_TEXT + "\n[naskah\n", "TOML rusak"),
        (
            SAMPLE_TEXT.replace('nip = "196708271994031001"', 'nip = "19670827"'),
            "[naskah.penandatangan.nip]",
        ),
        (
            SAMPLE_TEXT.replace('hal = "Penyampaian', 'hal_x = "Penyampaian'),
            "[naskah.hal_x] Surat Dinas tidak punya isian 'hal_x'; maksud Anda 'hal'?",
        ),
        (
            SAMPLE_TEXT.replace('jenis = "surat_dinas"', 'jenis = "surat_dinass"'),
            "[jenis]: 'surat_dinass': jenis naskah tidak dikenal",
        ),
        (SAMPLE_TEXT.replace("tanggal = 2026-11-20", 'tanggal = "kemarin"'), "[naskah.tanggal]"),
        (SAMPLE_TEXT.replace('sifat = "Biasa"', 'sifat = "Penting"'), "[naskah.sifat]"),
        ('profil = "diskominfo-nusantara-raya"\n', "[jenis]: kunci wajib tidak ada"),
    ],
)
def test_bad_input_is_named_and_nothing_written(
    tmp_path: Path, out_dir: Path, text: str, message: str
) -> None:
    out = out_dir / "hasil.pdf"
    code, _, stderr = run("render", draft(tmp_path, text), "-o", out)
    assert code == 1
    assert message in stderr
    assert list(out_dir.iterdir()) == []


def test_missing_draft_file(out_dir: Path) -> None:
    code, _, stderr = run("render", out_dir / "tidak ada.toml", "-o", out_dir / "x.pdf")
    assert code == 1
    assert "berkas tidak ditemukan" in stderr


def test_unreadable_logo_is_a_clear_error(tmp_path: Path, out_dir: Path) -> None:
    from tnde.profiles import profiles_dir

    profile_text = (profiles_dir() / "diskominfo-nusantara-raya.toml").read_text("utf-8")
    bad_logo = tmp_path / "logo rusak.png"
    bad_logo.write_bytes(b"bukan gambar")
    profile = tmp_path / "kantor-rusak.toml"
    profile.write_text(
        profile_text.replace('id = "diskominfo-nusantara-raya"', 'id = "kantor-rusak"').replace(
            'logo = "logos/logo-provinsi-contoh.png"\nlogo_width_mm = 21',
            'logo = "logo rusak.png"\nlogo_width_mm = 21',
        ),
        "utf-8",
    )
    out = out_dir / "hasil.pdf"
    code, _, stderr = run("render", SAMPLE, "-o", out, "--profile", profile)
    assert code == 1
    assert "[kop.logo]" in stderr
    assert "logo rusak.png bukan gambar yang dapat dibaca" in stderr
    assert "kantor-rusak.toml" in stderr
    assert not out.exists()


def test_existing_output_survives_a_failed_render(tmp_path: Path, out_dir: Path) -> None:
    out = out_dir / "hasil.pdf"
    out.write_bytes(b"versi lama")
    bad = draft(tmp_path, SAMPLE_TEXT.replace('sifat = "Biasa"', 'sifat = "Penting"'))
    assert run("render", bad, "-o", out)[0] == 1
    assert out.read_bytes() == b"versi lama"


@pytest.mark.parametrize(
    "args",
    [["render", str(SAMPLE)], ["bogus"], ["lint"], ["number", "{kka}/{seq}", "--seq", "x"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, _, stderr = run(*args)
    assert code == 2
    assert "penggunaan:" in stderr


def test_render_into_missing_folder_is_usage_error(tmp_path: Path) -> None:
    code, _, stderr = run("render", SAMPLE, "-o", tmp_path / "tidak ada" / "x.pdf")
    assert code == 2
    assert f"folder {tmp_path / 'tidak ada'} tidak ada" in stderr


def test_number_format_and_parse(capsys: pytest.CaptureFixture[str]) -> None:
    pattern = "{kka}/{seq:3}/{unit}/{bulan_romawi}/{tahun}"
    assert (
        main(
            [
                "number",
                pattern,
                "--kka",
                "000.1.2.3",
                "--unit",
                "BKPSDM",
                "--seq",
                "7",
                "--date",
                "2026-11-27",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == "000.1.2.3/007/BKPSDM/XI/2026"
    assert main(["number", pattern, "--parse", "000.1.2.3/007/BKPSDM/XI/2026"]) == 0
    assert '"seq": 7' in capsys.readouterr().out
    assert main(["number", pattern, "--parse", "000.1.2.3/7/BKPSDM/2026"]) == 1


def test_kka_search_and_csv_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kka", "000.8.3.3"]) == 0
    assert "000.8.3.3" in capsys.readouterr().out
    bad = tmp_path / "kka rusak.csv"
    bad.write_text("kode,nama\n000,Umum\n000.1.2,Tanpa induk\n", encoding="utf-8")
    assert main(["kka", "--file", str(bad)]) == 1
    assert "kka rusak.csv" in capsys.readouterr().err


def test_profiles_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles"]) == 0
    out = capsys.readouterr().out
    assert "bkpsdm-kabupaten-sukamaju" in out
    assert "F4" in out


def test_lint_clean_sample_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(SAMPLE), "--today", "2026-11-27"]) == 0
    assert "tidak ada temuan" in capsys.readouterr().out


def test_lint_findings_exit_1_with_rule_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    bad = draft(
        tmp_path,
        SAMPLE_TEXT.replace('kka = "000.8.3.3"', 'kka = "000"').replace(
            'jabatan = "Kepala Dinas Komunikasi dan Informatika"',
            'jabatan = "A.N. Gubernur Nusantara Raya"',
        ),
    )
    assert main(["lint", str(bad), "--today", "2026-11-27"]) == 1
    out = capsys.readouterr().out
    assert "TND016" in out
    assert "TND003" in out
    assert main(["lint", str(bad), "--today", "2026-11-27", "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert {f["rule_id"] for f in findings} >= {"TND003", "TND016"}
    assert all(f["severity"] in ("error", "warning", "info") for f in findings)


def test_lint_rules_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--rules"]) == 0
    assert len(capsys.readouterr().out.splitlines()) >= 12


def test_office_template_folder(tmp_path: Path, out_dir: Path) -> None:
    """An installed app takes a new jenis from an office's own folder, no Python involved."""
    import shutil

    from tnde.templates import templates_dir

    folder = tmp_path / "templat kantor"
    shutil.copytree(templates_dir(), folder)
    text = (folder / "surat_dinas.toml").read_text("utf-8")
    (folder / "surat_rekomendasi.toml").write_text(
        text.replace('jenis = "surat_dinas"', 'jenis = "surat_rekomendasi"').replace(
            'nama = "Surat Dinas"', 'nama = "Surat Rekomendasi"'
        ),
        "utf-8",
    )
    draft_file = draft(
        tmp_path, SAMPLE_TEXT.replace('jenis = "surat_dinas"', 'jenis = "surat_rekomendasi"')
    )
    out = out_dir / "rekomendasi.pdf"
    code, stdout, stderr = run("render", draft_file, "-o", out, "--templates", folder)
    assert code == 0, stderr
    assert "Surat Rekomendasi" in stdout
    code, stdout, _ = run("templates", "--templates", folder)
    assert "surat_rekomendasi" in stdout
    assert run("render", draft_file, "-o", out_dir / "x.pdf")[0] == 1  # not a shipped jenis
