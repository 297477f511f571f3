"""Incoming letters and dispositions through the ``tnde`` command, as a registry desk drives it.

Every command runs in a child process (``python -m tnde --workspace W …``) on a workspace made
with ``workspace init`` and ``org import`` of the demo org chart. The registry desk is the
holder of the ``registry`` jabatan of that file (Kepala Subbagian Umum dan Kepegawaian), the
letters are received by the Dinas itself (headed by the Kepala Dinas), and the people come
from ``org show --json``. The received letter is the sample Surat Dinas, numbered and rendered
to PDF with ``tnde render``. The CLI uses the real clock: nothing here depends on the date.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from typing import TYPE_CHECKING, Any

import pytest

from bench.prefill_accuracy import CORPUS as PREFILL_CORPUS
from tests.cliutil import ORG_FILE, PROFILE, WorkspaceCli, org_file
from tests.conftest import SAMPLES_DIR

if TYPE_CHECKING:
    from pathlib import Path

# End-to-end runs of the command line: slow, still run by CI (.ci/run).
pytestmark = pytest.mark.slow


SAMPLE = SAMPLES_DIR / "surat_dinas.toml"
NOMOR = "000.8.3.3/417/Diskominfo/2026"
"""The number the sample letter carries once sent (its draft has none)."""
DINAS = "DISKOMINFO"
APTIKA, IKP = "DISKOMINFO.APTIKA", "DISKOMINFO.IKP"
INSTRUCTION = "Tindak lanjuti/selesaikan"
AGENDA = re.compile(r"^(?P<id>[0-9a-f-]{36})  agenda (?P<agenda>\d+/\d{4})$")
GIVEN = re.compile(r"^(?P<id>[0-9a-f-]{36})  (?P<jabatan>\S+)  batas (?P<due>\S+)$")


def sample_hal() -> str:
    naskah = tomllib.loads(SAMPLE.read_text(encoding="utf-8"))["naskah"]
    return str(naskah["hal"])


class Cli(WorkspaceCli):
    """``tnde --workspace W …`` in a child process."""

    tables = ("event", "audit", "blob", "number_use", "incoming", "disposisi")

    def show(self, incoming: str) -> dict[str, Any]:
        state: dict[str, Any] = self.json("incoming", "show", incoming)
        return state


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "ruang kerja – naskah masuk")
    assert "ruang kerja dibuat" in cli.ok("workspace", "init", "--profile", PROFILE, "--demo")
    assert "14 unit, 18 jabatan" in cli.ok("org", "import", ORG_FILE)
    return cli


@pytest.fixture
def people(cli: Cli) -> dict[str, str]:
    """The registry desk (``TU``) and the holders of every jabatan, by jabatan id."""
    holders = cli.holders()
    (registry,) = [j["jabatan_id"] for j in org_file()["jabatan"] if j.get("registry")]
    return {**holders, "TU": holders[registry]}


@pytest.fixture
def received_pdf(cli: Cli, tmp_path: Path) -> Path:
    """The sample Surat Dinas as the Dinas would receive it: numbered, final, as PDF."""
    draft = tmp_path / "surat masuk – bernomor.toml"
    text = SAMPLE.read_text(encoding="utf-8")
    assert '\nkka = "000.8.3.3"\n' in text
    draft.write_text(
        text.replace('\nkka = "000.8.3.3"\n', f'\nnomor = "{NOMOR}"\nkka = "000.8.3.3"\n', 1),
        encoding="utf-8",
    )
    pdf = tmp_path / "surat masuk.pdf"
    assert "Surat Dinas" in cli.ok("render", draft, "-o", pdf, "--final")
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf


def register(cli: Cli, *args: str | Path) -> tuple[str, str, str]:
    """``incoming register`` that must succeed: (id, agenda, stderr)."""
    proc = cli.run("incoming", "register", *args)
    assert proc.returncode == 0, proc.stderr
    found = AGENDA.match(proc.stdout.strip())
    assert found, f"register prints the id and the agenda number: {proc.stdout!r}"
    return found["id"], found["agenda"], proc.stderr


def give(cli: Cli, *args: str) -> dict[str, str]:
    """``disposisi give|forward`` that must succeed: recipient jabatan → disposition id."""
    out = {}
    for line in cli.ok("disposisi", *args).splitlines():
        found = GIVEN.match(line)
        assert found, f"one line per recipient: {line!r}"
        out[found["jabatan"]] = found["id"]
    return out


def prefilled(stderr: str) -> dict[str, str]:
    """What ``incoming register --pdf`` says it took from the PDF, by field."""
    found = re.findall(r"^tnde: (\w+) diambil dari PDF: (.*)$", stderr, re.MULTILINE)
    return dict(found)


def test_a_letter_registered_from_its_pdf_is_disposed_worked_and_tracked(
    cli: Cli, people: dict[str, str], received_pdf: Path, tmp_path: Path
) -> None:
    tu, kadis = people["TU"], people["KADIS"]
    aptika, ikp = people["KABID_APTIKA"], people["KABID_IKP"]

    letter, agenda, stderr = register(
        cli, "--pdf", received_pdf, "--unit", DINAS, "--as", tu, "--urgensi", "Segera"
    )
    assert agenda.startswith("1/")
    taken = prefilled(stderr)
    assert taken["nomor"] == NOMOR
    assert " ".join(taken["hal"].split()) == sample_hal()
    assert "dinas komunikasi dan informatika" in taken["asal"].casefold()
    state = cli.show(letter)
    assert (state["status"], state["agenda"], state["unit_id"]) == ("diregistrasi", agenda, DINAS)
    assert (state["pimpinan_jabatan"], state["registered_by"]) == ("KADIS", tu)
    meta = state["meta"]
    assert (meta["nomor"], meta["hal"], meta["asal"]) == (NOMOR, taken["hal"], taken["asal"])
    assert (meta["urgensi"], meta["tanggal"]) == ("Segera", "2026-11-20")
    blob = cli.workspace / "blobs" / state["blob"][:2] / state["blob"]
    assert blob.read_bytes() == received_pdf.read_bytes(), "the PDF is kept as received"
    listed = cli.json("incoming", "list", "--unit", DINAS)
    assert [(i["incoming_id"], i["status"]) for i in listed] == [(letter, "diregistrasi")]
    waiting = cli.json("track", "--unit", DINAS, "--as", kadis)
    assert waiting["unit"]["masuk_belum_dibaca"] == 1
    assert waiting["person"]["masuk_belum_dibaca"] == 1

    # the same file again is a duplicate, unless the desk says it is meant
    again_args = ("--pdf", received_pdf, "--unit", DINAS, "--as", tu)
    stderr = cli.refused("IN-DUPLICATE", "incoming", "register", *again_args)
    assert f"agenda {agenda}" in stderr, "the refusal names the earlier registration"
    again, agenda2, _ = register(cli, *again_args, "--duplicate-ok")
    assert again != letter
    assert agenda2.split("/")[0] == "2"

    assert cli.ok("incoming", "read", letter, "--as", kadis).strip() == f"{letter}: dibaca"
    given = give(
        cli, "give", letter, "--to", "KABID_APTIKA", "--to", "KABID_IKP",
        "--instruction", INSTRUCTION, "--as", kadis,
    )  # fmt: skip
    assert list(given) == ["KABID_APTIKA", "KABID_IKP"]
    state = cli.show(letter)
    assert state["status"] == "didisposisi"
    first, second = state["dispositions"]
    assert (first["recipient_jabatan"], first["leading"]) == ("KABID_APTIKA", True)
    assert (second["recipient_jabatan"], second["leading"]) == ("KABID_IKP", False)
    assert first["instructions"] == [INSTRUCTION]
    assert first["status"] == second["status"] == "terkirim"
    assert first["due_at"] > first["given_at"]

    d_aptika, d_ikp = given["KABID_APTIKA"], given["KABID_IKP"]
    as_ikp = ("--as", ikp)
    assert cli.ok("disposisi", "read", letter, d_ikp, *as_ikp).strip() == f"{d_ikp}: dibaca"
    cli.refused("DP-NOT-RECIPIENT", "disposisi", "read", letter, d_aptika, *as_ikp)
    down = give(
        cli, "forward", letter, "--parent", d_ikp, "--to", "KASI_PIP",
        "--instruction", "Siapkan bahan/jawaban", *as_ikp,
    )  # fmt: skip
    assert list(down) == ["KASI_PIP"]
    progress = cli.ok("disposisi", "progress", letter, d_ikp, "--note", "Disusun.", *as_ikp)
    assert progress.strip() == f"{d_ikp}: dalam_proses"
    complete = cli.ok("disposisi", "complete", letter, d_ikp, "--note", "Sudah.", *as_ikp)
    assert complete.strip() == f"{d_ikp}: selesai"

    tree = cli.ok("disposisi", "tree", letter).splitlines()
    assert tree == [
        f"- KABID_APTIKA (utama): terkirim  [{d_aptika}]",
        f"- KABID_IKP: selesai  [{d_ikp}]",
        f"  - KASI_PIP: terkirim  [{down['KASI_PIP']}]",
    ]

    tracked = cli.json("track", "--unit", APTIKA, "--as", aptika)
    assert tracked["unit"]["disposisi_belum_dibaca"] == 1
    assert tracked["unit"]["terlambat"] == 0
    assert tracked["person"]["disposisi_belum_dibaca"] == 1
    (row,) = tracked["rows"]
    assert (row["agenda"], row["status"], row["leading"], row["overdue"]) == (
        agenda,
        "terkirim",
        True,
        False,
    )
    assert row["recipient"] == "Kepala Bidang Aplikasi Informatika"
    assert row["urgensi"] == "Segera"
    done = cli.json("track", "--unit", IKP)
    assert [r["status"] for r in done["rows"]] == ["selesai"]
    assert done["unit"]["disposisi_belum_dibaca"] == done["unit"]["disposisi_belum_selesai"] == 0

    table = tmp_path / "pemantauan – aptika.csv"
    assert cli.ok("track", "--unit", APTIKA, "--csv", table).strip() == f"{table}: 1 baris"
    data = table.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for Excel"
    header, line = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    assert header[:2] == ["No. Agenda", "Tanggal Diterima"]
    assert (line[0], line[3]) == (agenda, meta["hal"])
    report = tmp_path / "pemantauan – aptika.pdf"
    assert cli.ok("track", "--unit", APTIKA, "--pdf", report).strip() == f"{report}: 1 baris"
    assert report.read_bytes().startswith(b"%PDF")

    # the PDF's text is searched too: "sertifikat" is only in the body of the letter
    hits = cli.json("search", "sertifikat elektronik")
    assert {h["incoming_id"] for h in hits} == {letter, again}
    assert {h["nomor"] for h in hits} == {NOMOR}
    assert letter in cli.ok("search", "Standar Operasional")
    assert cli.ok("search", "kriptografi").strip() == "(tidak ditemukan)"


def test_duplicates_by_sender_and_number_and_late_cancellations_are_refused(
    cli: Cli, people: dict[str, str]
) -> None:
    tu, kadis, aptika = people["TU"], people["KADIS"], people["KABID_APTIKA"]
    meta = (
        "--asal", "Badan Kepegawaian Daerah Provinsi Nusantara Raya",
        "--nomor", "800.2/1457/BKD/2026",
        "--tanggal", "2026-11-18",
        "--hal", "Pemanggilan Peserta Pelatihan Kepemimpinan Administrator",
    )  # fmt: skip
    cli.refused("IN-REGISTRY-ONLY", "incoming", "register", "--unit", DINAS, "--as", kadis, *meta)
    cli.refused("IN-META", "incoming", "register", "--unit", DINAS, "--as", tu, *meta[:6])
    letter, agenda, _ = register(cli, "--unit", DINAS, "--as", tu, *meta)
    shouted = [m.upper() if m.startswith("Badan") else m for m in meta]
    stderr = cli.refused(
        "IN-DUPLICATE", "incoming", "register", "--unit", DINAS, "--as", tu, *shouted
    )
    assert f"agenda {agenda}" in stderr
    register(cli, "--unit", DINAS, "--as", tu, *shouted, "--duplicate-ok")

    cli.refused("IN-NOT-PIMPINAN", "incoming", "read", letter, "--as", aptika)
    cli.ok("incoming", "read", letter, "--as", kadis)
    given = give(
        cli, "give", letter, "--to", "KABID_APTIKA", "--to", "KABID_SANDISTAT",
        "--instruction", INSTRUCTION, "--as", kadis,
    )  # fmt: skip
    d_aptika, d_sandistat = given["KABID_APTIKA"], given["KABID_SANDISTAT"]
    cli.ok("disposisi", "read", letter, d_aptika, "--as", aptika)
    cancel = ("disposisi", "cancel", letter)
    cli.refused("DP-CANCEL-READ", *cancel, d_aptika, "--note", "salah", "--as", kadis)
    cli.refused("DP-NOT-GIVER", *cancel, d_sandistat, "--note", "salah", "--as", aptika)
    cli.refused("WF-REASON-REQUIRED", *cancel, d_sandistat, "--note", " ", "--as", kadis)
    step = (*cancel, d_sandistat, "--note", "salah alamat", "--as", kadis)
    assert cli.ok(*step).strip() == f"{d_sandistat}: dibatalkan"
    complete = ("disposisi", "complete", letter, d_aptika, "--note")
    cli.refused("DP-REPORT-REQUIRED", *complete, " ", "--as", aptika)
    cli.refused("DP-NOT-RECIPIENT", *complete, "Selesai.", "--as", kadis)
    assert [d["status"] for d in cli.show(letter)["dispositions"]] == ["dibaca", "dibatalkan"]

    # mistakes in the command line itself are usage errors (exit 2), not refusals
    proc = cli.run("disposisi", "give", letter, "--to", "KABID_APTIKA", "--as", kadis)
    assert proc.returncode == 2
    assert "--instruction" in proc.stderr


def test_a_scan_without_fields_is_refused_saying_it_has_no_text(
    cli: Cli, people: dict[str, str]
) -> None:
    scan = PREFILL_CORPUS / "scan-00.pdf"

    stderr = cli.refused(
        "IN-META", "incoming", "register", "--unit", DINAS, "--as", people["TU"], "--pdf", scan
    )

    assert "asal, nomor, tanggal, hal" in stderr
    assert "lapisan teks" in stderr or "text layer" in stderr  # until the catalogue has it
    assert prefilled(stderr) == {}
