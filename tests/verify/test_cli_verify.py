"""``tnde verify`` end to end in child processes: exit codes, text, JSON, report, workspace."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.cliutil import WorkspaceCli, tnde
from tests.conftest import pdf_text
from tests.verify import attacks

if TYPE_CHECKING:
    from pathlib import Path

    from tests.verify.conftest import Corpus

# End-to-end runs of the command line: slow, still run by CI (.ci/run).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def files(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("surat masuk – é")
    out = {
        "valid": folder / "surat sah.pdf",
        "attacked": folder / "surat diubah.pdf",
        "root": folder.parent / f"{folder.name}-akar.pem",
        "other_root": folder.parent / f"{folder.name}-akar lain.pem",
    }
    out["valid"].write_bytes(corpus.two_signers)
    out["attacked"].write_bytes(attacks.incremental_saving(corpus.two_signers))
    out["root"].write_bytes(corpus.pki.root.pem())
    out["other_root"].write_bytes(corpus.pki.other_root.pem() + corpus.pki.root.pem())
    return out


def test_a_valid_letter_exits_0_and_names_its_signers(files: dict[str, Path]) -> None:
    proc = tnde("verify", files["valid"], "--trust", files["root"])
    assert proc.returncode == 0, proc.stderr
    assert "VALID" in proc.stdout
    assert "[SAH]" in proc.stdout
    assert "Dr. Budi Santoso, S.Kom., M.T. (DEMO), NIP 198001012005011001, Kepala Dinas" in (
        proc.stdout
    )
    assert "PAdES B-LT" in proc.stdout
    assert "Ringkasan: 1 berkas (SAH 1, TIDAK SAH 0, TIDAK DAPAT DIPASTIKAN 0)" in proc.stdout
    assert proc.stderr == ""  # pyHanko's own warnings are kept quiet


def test_a_folder_with_an_attacked_letter_exits_1_with_json_and_report(
    files: dict[str, Path], out_dir: Path
) -> None:
    report = out_dir / "berita acara.pdf"
    proc = tnde(
        "verify", files["valid"].parent, "--trust", files["root"], "--json", "--report", report
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["verdict"] == "INVALID"
    assert data["counts"] == {"VALID": 1, "INVALID": 1, "INDETERMINATE": 0}
    by_name = {f["path"].rsplit("/", 1)[-1]: f for f in data["files"]}
    assert by_name["surat diubah.pdf"]["verdict"] == "INVALID"
    assert by_name["surat sah.pdf"]["signatures"][1]["signer"]["jabatan"] == "Sekretaris"
    text = pdf_text(report)
    assert "TIDAK SAH" in text
    assert "surat sah.pdf" in text


def test_a_bundle_with_the_root_works_and_a_wrong_root_is_indeterminate(
    files: dict[str, Path], tmp_path: Path
) -> None:
    assert tnde("verify", files["valid"], "--trust", files["other_root"]).returncode == 0
    wrong = tmp_path / "salah.pem"
    wrong.write_bytes(files["other_root"].read_bytes().split(b"-----END CERTIFICATE-----")[0])
    wrong.write_bytes(wrong.read_bytes() + b"-----END CERTIFICATE-----\n")
    proc = tnde("verify", files["valid"], "--trust", wrong)
    assert proc.returncode == 1
    assert "INDETERMINATE" in proc.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["verify", "tidak ada.pdf", "--trust", "{root}"], 2, "tidak ditemukan"),
        (["verify", "{valid}"], 2, "tidak ada akar tepercaya"),
        (["verify", "{valid}", "--trust", "akar hilang.pem"], 2, "akar hilang.pem: berkas tidak"),
        (["verify", "{valid}", "--trust", "{valid}"], 1, "bukan sertifikat X.509"),
        (["verify"], 2, "argumen berikut wajib diberikan"),
    ],
)
def test_usage_and_input_errors(
    files: dict[str, Path], args: list[str], code: int, message: str
) -> None:
    proc = tnde(*(a.format(root=files["root"], valid=files["valid"]) for a in args))
    assert proc.returncode == code, proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_empty_folder_is_not_a_success(tmp_path: Path, files: dict[str, Path]) -> None:
    proc = tnde("verify", tmp_path, "--trust", files["root"])
    assert proc.returncode == 1
    assert "tidak ada berkas PDF" in proc.stderr


def test_workspace_trust_store_supplies_the_roots(files: dict[str, Path], tmp_path: Path) -> None:
    cli = WorkspaceCli(tmp_path / "ruang kerja – é")
    cli.ok("workspace", "init", "--demo")
    proc = cli.run("verify", files["valid"])
    assert proc.returncode == 2  # an empty trust store: nothing to trust
    cli.ok("pki", "trust", "add", files["root"], "--label", "Akar uji")
    proc = cli.run("verify", files["valid"], "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["trust_roots"][0]["subject"].startswith("CN=DEMO Uji Root CA")


def test_an_auditor_grants_a_freshness_window_to_the_roots_given(
    corpus: Corpus, files: dict[str, Path]
) -> None:
    """CRLs issued an hour before the signature prove nothing about it by default; an
    auditor who knows the CA publishes hourly says so with --revocation-freshness."""
    import datetime as dt

    from tests.verify import sigfixtures as fx

    signed = fx.sign(corpus.pki, corpus.unsigned, corpus.pki.kepala, level="B-T")
    issued = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)
    stale = files["root"].parent / "crl sejam sebelumnya.pdf"
    stale.write_bytes(fx.add_dss(corpus.pki, signed, crls_at=issued))
    strict = tnde("verify", stale, "--trust", files["root"])
    assert strict.returncode == 1
    assert "diterbitkan sebelum waktu penandatanganan" in strict.stdout
    lenient = tnde("verify", stale, "--trust", files["root"], "--revocation-freshness", "2h")
    assert lenient.returncode == 0, lenient.stdout
    bad = tnde("verify", stale, "--trust", files["root"], "--revocation-freshness", "sebentar")
    assert bad.returncode == 2
    assert "--revocation-freshness" in bad.stderr
