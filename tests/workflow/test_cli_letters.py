"""An outgoing letter through the ``tnde`` command, end to end, as support staff would drive it.

Every command runs in a child process (``python -m tnde --workspace W …``) on a workspace made
with ``workspace init`` and ``org import`` of the demo org chart. The people come from that
file and from ``org show --json`` (who holds each jabatan today); the route comes from
``letter show --json``. The CLI uses the real clock, so nothing here depends on the date
beyond what the demo chart and the sample draft allow.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

import pytest

from tests.cliutil import ORG_FILE, PROFILE, WorkspaceCli, org_file
from tests.conftest import SAMPLES_DIR

if TYPE_CHECKING:
    from pathlib import Path

# End-to-end runs of the command line: slow, still run by CI (.ci/run).
pytestmark = pytest.mark.slow


SAMPLE = SAMPLES_DIR / "surat_dinas.toml"
KONSEPTOR_JABATAN, UNIT, SIGNER = "ANALIS_DATA_STAT", "DISKOMINFO.SANDISTAT.STAT", "KADIS"


def definitive_holder(jabatan_id: str) -> str:
    """The NIP of the jabatan's definitive holder in the demo org file."""
    (nip,) = [
        a["nip"]
        for a in org_file()["assignment"]
        if a["jabatan_id"] == jabatan_id and a["bentuk"] == "definitif"
    ]
    return str(nip)


KONSEPTOR = definitive_holder(KONSEPTOR_JABATAN)
REGISTRY = definitive_holder(
    next(j["jabatan_id"] for j in org_file()["jabatan"] if j.get("registry"))
)


class Cli(WorkspaceCli):
    """``tnde --workspace W …`` in a child process."""

    def state(self, letter: str) -> dict[str, Any]:
        state: dict[str, Any] = self.json("letter", "show", letter)
        return state


def current_step(state: dict[str, Any]) -> dict[str, Any] | None:
    return next(
        (s for s in state["route"] if s["approved_revision"] != state["head_revision"]), None
    )


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "ruang kerja – CLI")
    assert "ruang kerja dibuat" in cli.ok("workspace", "init", "--profile", PROFILE, "--demo")
    assert "14 unit, 18 jabatan" in cli.ok("org", "import", ORG_FILE)
    return cli


def p12(cli: Cli, nip: str) -> Path:
    """The DEMO certificate file of ``nip`` (``pki demo-init`` must have run)."""
    return cli.workspace / "pki" / "demo" / "officials" / f"{nip}.p12"


def sign(cli: Cli, letter: str, nip: str) -> str:
    """``tnde sign`` with the DEMO passphrase given on standard input."""
    return cli.ok(
        "sign", letter, "--as", nip, "--p12", p12(cli, nip), "--secret-fd", "0", stdin="demo1234\n"
    )


def new_letter(cli: Cli) -> str:
    out = cli.ok(
        "letter", "new", SAMPLE, "--as", KONSEPTOR, "--unit", UNIT, "--signer", SIGNER
    ).split()
    assert len(out) == 1, "letter new prints the new letter's id and nothing else"
    return out[0]


def approve_pending_steps(cli: Cli, letter: str, holders: dict[str, str]) -> None:
    """Each reviewer of the route approves in turn, as ``letter show`` names them."""
    state = cli.state(letter)
    while state["status"] == "diajukan":
        step = current_step(state)
        assert step is not None
        reviewer = holders[step["jabatan_id"]]
        assert letter in [i["letter_id"] for i in cli.json("inbox", "--as", reviewer)]
        approved = cli.ok(
            "letter", "approve", letter, "--as", reviewer, "--step", str(step["step_no"])
        )
        assert f"{letter}: " in approved
        state = cli.state(letter)
    assert state["status"] == "siap_tandatangan"


def test_a_letter_goes_from_konsep_to_dikirim(cli: Cli, tmp_path: Path) -> None:
    holders = cli.holders()
    letter = new_letter(cli)
    state = cli.state(letter)
    assert state["status"] == "konsep"
    assert state["konseptor_nip"] == KONSEPTOR
    route = [(s["kind"], s["jabatan_id"]) for s in state["route"]]
    assert route == [
        ("periksa", "KASI_STAT"),
        ("periksa", "KABID_SANDISTAT"),
        ("tandatangan", "KADIS"),
    ], "the route goes up the konseptor's line of superiors to the signer"
    assert [r["role"] for r in state["recipients"]] == ["tujuan", "tembusan", "tembusan"]
    assert [i["kind"] for i in cli.json("inbox", "--as", KONSEPTOR)] == ["konsep"]

    assert cli.ok("letter", "submit", letter, "--as", KONSEPTOR).strip() == f"{letter}: diajukan"
    kasi, kabid = holders["KASI_STAT"], holders["KABID_SANDISTAT"]
    (item,) = cli.json("inbox", "--as", kasi)
    assert (item["letter_id"], item["kind"], item["step_no"]) == (letter, "periksa", 1)
    assert item["hal"] == state["head_values"]["hal"]
    cli.ok("letter", "approve", letter, "--as", kasi, "--step", "1")
    assert cli.json("inbox", "--as", kasi) == []

    returned = cli.ok(
        "letter", "return", letter, "--as", kabid, "--step", "2", "--note", "Tambahkan batas waktu"
    )
    assert returned.strip() == f"{letter}: dikembalikan"
    assert [i["kind"] for i in cli.json("inbox", "--as", KONSEPTOR)] == ["revisi"]

    first_text = cli.state(letter)["head_revision"]
    edited = tmp_path / "konsep revisi – é.toml"
    edited.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("31 Desember 2026", "15 Desember 2026"),
        encoding="utf-8",
    )
    assert "revisi" in cli.ok("letter", "edit", letter, edited, "--as", KONSEPTOR)
    state = cli.state(letter)
    assert state["revisions"] == [first_text, state["head_revision"]]
    diff = cli.ok("letter", "diff", letter)
    assert "-3. melaporkan pelaksanaan SOP dimaksud paling lambat tanggal 31 Desember" in diff
    assert "+3. melaporkan pelaksanaan SOP dimaksud paling lambat tanggal 15 Desember" in diff
    assert cli.ok("letter", "diff", letter, "--as", kasi) == diff, "Kasi last saw the first text"

    cli.ok("letter", "submit", letter, "--as", KONSEPTOR)
    assert current_step(cli.state(letter))["step_no"] == 1, "review restarts at the first step"
    approve_pending_steps(cli, letter, holders)

    numbered = cli.ok("letter", "number", letter, "--as", REGISTRY)
    state = cli.state(letter)
    assert state["status"] == "dinomori"
    assert state["nomor"].startswith("000.8.3.3/1/Diskominfo/")
    assert numbered.strip() == f"{letter}: dinomori nomor {state['nomor']}"
    blob = cli.workspace / "blobs" / state["final_blob"][:2] / state["final_blob"]
    assert blob.read_bytes().startswith(b"%PDF")
    ((step_no, signer),) = state["planned_signers"]
    assert step_no == 3
    assert letter in [i["letter_id"] for i in cli.json("inbox", "--as", signer)]
    cli.ok("pki", "demo-init")
    nomor = state["nomor"]
    assert sign(cli, letter, signer).strip() == f"{letter}: ditandatangani {nomor}"
    assert cli.ok("letter", "send", letter, "--as", REGISTRY).strip() == f"{letter}: dikirim"
    assert cli.state(letter)["dispatched"] == [0, 1, 2]

    history = cli.json("letter", "history", letter)
    assert [e["type"] for e in history] == [
        "letter.created",
        "route.set",
        "recipients.set",
        "letter.submitted",
        "review.approved",
        "review.returned",
        "draft.revised",
        "letter.submitted",
        "review.approved",
        "review.approved",
        "letter.numbered",
        "letter.signed",
        "letter.sent",
    ]
    assert [e["letter_seq"] for e in history] == list(range(1, 14))
    assert history[5]["payload"]["note"] == "Tambahkan batas waktu"
    assert history[10]["payload"]["nomor"] == state["nomor"]
    assert all(e["prev_event_hash"] == p["event_hash"] for p, e in pairwise(history))

    check = cli.json("workspace", "check")
    # 13 letter events, and the internal tembusan (the Gubernur) registered as an incoming copy;
    # blobs: the numbered PDF, the unsigned base revision, the signed PDF
    assert (check["ok"], check["events"], check["blobs"]) == (True, 14, 3)

    assert check["findings"] == []
    audit = cli.json("audit", "verify")
    assert audit["ok"]
    assert audit["problems"] == []
    assert "log audit utuh" in cli.ok("audit", "verify")


def test_refusals_exit_1_naming_the_rule_and_store_nothing(cli: Cli) -> None:
    holders = cli.holders()
    kasi, kabid = holders["KASI_STAT"], holders["KABID_SANDISTAT"]
    letter = new_letter(cli)
    cli.refused("WF-STEP-STATE", "letter", "approve", letter, "--as", kasi, "--step", "1")
    cli.refused("WF-KONSEPTOR", "letter", "submit", letter, "--as", kasi)
    cli.ok("letter", "submit", letter, "--as", KONSEPTOR)
    cli.refused("WF-OWN-APPROVAL", "letter", "approve", letter, "--as", KONSEPTOR, "--step", "1")
    cli.refused("WF-NOT-ASSIGNEE", "letter", "approve", letter, "--as", kabid, "--step", "1")
    cli.refused("WF-WRONG-STEP", "letter", "approve", letter, "--as", kabid, "--step", "2")
    cli.refused("WF-NUMBER-STATE", "letter", "number", letter, "--as", REGISTRY)
    return_ = ("letter", "return", letter, "--as", kasi, "--step", "1", "--note")
    cli.refused("WF-NOTE-REQUIRED", *return_, " ")
    cli.ok(*return_, "Perbaiki hal")
    cli.refused("WF-NOT-REVISED", "letter", "submit", letter, "--as", KONSEPTOR)
    cli.refused("WF-NO-CHANGE", "letter", "edit", letter, SAMPLE, "--as", KONSEPTOR)
    cli.refused("WF-UNKNOWN", "letter", "show", "01a21f1e-0000-7000-8000-000000000000")

    # mistakes in the command line itself are usage errors (exit 2), not refusals
    proc = cli.run("letter", "return", letter, "--as", kasi, "--step", "1")
    assert proc.returncode == 2
    assert "--note" in proc.stderr
    proc = cli.run("letter", "approve", letter, "--as", kasi)
    assert proc.returncode == 2
    assert "--step" in proc.stderr


def test_registry_only_numbers_and_only_the_planned_signer_signs(cli: Cli) -> None:
    holders = cli.holders()
    letter = new_letter(cli)
    cli.ok("letter", "submit", letter, "--as", KONSEPTOR)
    approve_pending_steps(cli, letter, holders)
    cli.refused("WF-REGISTRY-ONLY", "letter", "number", letter, "--as", holders["KADIS"])
    cli.ok("letter", "number", letter, "--as", REGISTRY)
    # refused before any certificate is opened or passphrase asked for
    sekda = holders["SEKDA"]
    cli.refused("WF-NOT-ASSIGNEE", "sign", letter, "--as", sekda, "--p12", p12(cli, sekda))
    cli.refused("WF-SEND-STATE", "letter", "send", letter, "--as", REGISTRY)
    cli.ok("pki", "demo-init")
    sign(cli, letter, holders["KADIS"])
    cli.refused("WF-REGISTRY-ONLY", "letter", "send", letter, "--as", KONSEPTOR)
    cli.refused("WF-CANCEL-SIGNED", "letter", "cancel", letter, "--as", KONSEPTOR, "--note", "x")


def test_a_refused_signer_leaves_no_half_made_letter(cli: Cli) -> None:
    proc = cli.run("letter", "new", SAMPLE, "--as", KONSEPTOR, "--unit", UNIT, "--signer", "GUB")
    assert proc.returncode == 1
    assert "paraf" in proc.stderr
    assert cli.json("inbox", "--as", KONSEPTOR) == []


def test_a_route_naming_an_unknown_jabatan_is_refused(cli: Cli) -> None:
    proc = cli.run(
        "letter",
        "new",
        SAMPLE,
        "--as",
        KONSEPTOR,
        "--unit",
        UNIT,
        "--route",
        "periksa:KASI_STAT,tandatangan:TIDAK_ADA",
    )
    assert proc.returncode == 1
