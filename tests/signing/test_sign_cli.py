"""``tnde sign`` and ``tnde sign-pdf`` in a child process, as a script would use them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.cliutil import WorkspaceCli
from tests.demoworkspace import letter_in, p12_of, signer_of
from tests.pkifixtures import KADIS, small_pdf
from tests.sigcheck import nss_db, pdfsig
from tnde.demo import add_demo_letters
from tnde.workflow.letters import Letters

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.pki import DemoPki, PkiServer
    from tnde.workspace import Workspace

# End-to-end runs of the command line: slow, still run by CI (.ci/run).
pytestmark = pytest.mark.slow


PASS = "demo1234\n"


def test_sign_a_batch_with_the_passphrase_from_a_file_descriptor(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    batch = add_demo_letters(demo_ws, 2)
    nip = signer_of(letters, batch[0])
    cli = WorkspaceCli(demo_ws.path)
    p12 = p12_of(demo_ws, nip)
    results = cli.json("sign", *batch, "--as", nip, "--p12", p12, "--secret-fd", "0", stdin=PASS)
    assert [(r["letter"], r["ok"], r["error"]) for r in results] == [(i, True, None) for i in batch]
    assert all(r["nomor"] == letters.get(r["letter"]).nomor for r in results)


def test_a_reviewers_electronic_paraf_is_not_reported_as_a_signature(demo_ws: Workspace) -> None:
    # the kabupaten profile asks reviewers for an electronic paraf before the signer signs
    letters = Letters(demo_ws)
    (letter,) = add_demo_letters(demo_ws, 1, profile_id="bkpsdm-kabupaten-sukamaju")
    reviewer = next(s.decided_by for s in letters.get(letter).route if s.kind == "periksa")
    assert reviewer
    cli = WorkspaceCli(demo_ws.path)
    p12 = p12_of(demo_ws, reviewer)
    proc = cli.run("sign", letter, "--as", reviewer, "--p12", p12, "--secret-fd", "0", stdin=PASS)
    assert proc.returncode == 0, proc.stderr
    nomor = letters.get(letter).nomor
    assert letters.get(letter).status.value == "dinomori"  # still waiting for its signer
    assert proc.stdout.strip() == f"{letter}: paraf elektronik dibubuhkan pada {nomor}"
    assert "ditandatangani" not in proc.stdout


def test_sign_failures_exit_1_with_the_reason_and_never_take_the_secret_from_argv(
    demo_ws: Workspace,
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    cli = WorkspaceCli(demo_ws.path)
    p12 = p12_of(demo_ws, nip)
    wrong = cli.run("sign", letter, "--as", nip, "--p12", p12, "--secret-fd", "0", stdin="salah\n")
    assert wrong.returncode == 1
    assert "frasa sandi salah" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    # no terminal and no --secret-fd: a usage error, nothing asked, nothing signed
    no_tty = cli.run("sign", letter, "--as", nip, "--p12", p12)
    assert no_tty.returncode == 2
    assert "--secret-fd" in no_tty.stderr
    # there is no option that takes the passphrase itself
    argv = cli.run("sign", letter, "--as", nip, "--p12", p12, "--passphrase", "demo1234")
    assert argv.returncode == 2
    assert cli.run("sign", letter, "--as", nip, "--p12", p12, "--level", "B-X").returncode == 2
    assert letters.get(letter).status.value == "dinomori"


def test_sign_pdf_signs_any_pdf_into_a_new_file_and_refuses_in_place(
    demo_pki: DemoPki, pki_server: PkiServer, tmp_path: Path
) -> None:
    source = tmp_path / "surat luar.pdf"
    original = small_pdf()
    source.write_bytes(original)

    root = demo_pki.folder / "root.pem"
    out = tmp_path / "surat luar (ttd).pdf"
    cli = WorkspaceCli(tmp_path / "tanpa ruang kerja")
    args = ["--p12", demo_pki.p12_path(KADIS), "--secret-fd", "0", "--trust", root]
    printed = cli.ok(
        "sign-pdf", source, "-o", out, "--tsa", pki_server.tsa_url, "--certify",
        "--box", "350,60,540,130", *args, stdin=PASS,
    )  # fmt: skip
    assert "B-LT" in printed
    (found,) = pdfsig(out, nss_db(tmp_path / "nss", [root]))
    assert (found.field, found.validation) == ("Tanda Tangan", "Signature is Valid.")
    assert source.read_bytes() == original  # the input is untouched

    in_place = cli.run("sign-pdf", out, "-o", out, *args, stdin=PASS)
    assert in_place.returncode == 2
    assert "tidak pernah diubah di tempat" in in_place.stderr
    # a second signature may not add a field after the first one certified the file
    again = cli.run(
        "sign-pdf",
        out,
        "-o",
        tmp_path / "lagi.pdf",
        "--field",
        "Baru",
        *args,
        "--level",
        "B-B",
        stdin=PASS,
    )
    assert again.returncode == 1
    assert "kolom baru tidak boleh ditambahkan" in again.stderr


def test_sign_pdf_names_the_file_it_cannot_read(demo_pki: DemoPki, tmp_path: Path) -> None:
    bogus = tmp_path / "bukan pdf.pdf"
    bogus.write_bytes(b"bukan PDF sama sekali")
    cli = WorkspaceCli(tmp_path / "tanpa ruang kerja")
    args = ["--p12", demo_pki.p12_path(KADIS), "--secret-fd", "0", "--trust"]
    proc = cli.run(
        "sign-pdf", bogus, "-o", tmp_path / "keluar.pdf", *args, demo_pki.folder / "root.pem",
        "--level", "B-B", stdin=PASS,
    )  # fmt: skip
    assert proc.returncode == 1
    assert f"{bogus}: PDF tidak terbaca" in proc.stderr
    assert not (tmp_path / "keluar.pdf").exists()
