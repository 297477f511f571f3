"""Crash safety inside the commit window: ``tnde sign``, ``tnde letter number``, ``tnde incoming
register`` and ``tnde disposisi give`` killed between the first write of their action and its
COMMIT.

The random kills of ``test_workspace_crash.py`` and ``tests/workflow/test_crash.py`` mostly
land between actions; these aim. Each case runs the real command in a child process with
``TNDE_CRASH_AT=<point>:<n>`` (:mod:`tnde.faults`), so it dies at that moment: after a blob
file is written, after a number is drawn, after the event row is inserted, after the signed
PDF is stored, or just before COMMIT. A ``:pause`` case stops there instead: the test checks
where the command stopped and reads the workspace from outside (the half-done action must
not show), then kills it itself.

After every kill the workspace must be consistent (``consistency.check_consistent``:
``check_workspace`` clean but for whole orphan blob files, projections equal to the fold of
their events, every event with its outbox and audit rows and its blobs, no number skipped,
repeated or carried by no event), and the action must be fully there or fully absent (absent:
the database holds exactly what it held before). Then the command, run again without the
fault, must succeed, and the workspace must still be consistent.

Every case starts from a copy of one demo workspace built for the module (a demo workspace,
so one test can act as every official). Signing runs one at a time (the DEMO PKI's responders
listen on one loopback port); the other commands run beside them.

A signing run that a busy machine makes fail before anything is written is run again (at
most three times): the DEMO responders date their CRLs and OCSP answers at the moment they
answer, and pyHanko refuses as "too recent" an answer dated more than a second after the
validation context was made, which a loaded machine can take. That is a fault of signing
under load, not of crash safety, so this test steps around it.
"""

from __future__ import annotations

import concurrent.futures
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.demoworkspace import p12_of
from tests.pkifixtures import small_pdf
from tests.workspace.consistency import (
    Dump,
    changed_tables,
    check_consistent,
    dump,
    read_only,
)
from tnde import faults
from tnde.demo import add_demo_letters
from tnde.incoming.desk import IncomingDesk
from tnde.org import holders, load_org
from tnde.pki.demo import DEMO_PASSPHRASE
from tnde.workflow.letters import Letters
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Iterable

ROOT = Path(__file__).resolve().parents[2]
KILLED = -signal.SIGKILL if os.name == "posix" else signal.SIGTERM
"""How a child killed at a crash point ends (SIGKILL; TerminateProcess's code on Windows)."""
PAUSED = re.compile(r"paused at (\w+):(\d+) after (.*)")
TIMEOUT_S = 180
INSTRUCTION = "Tindak lanjuti/selesaikan"
TOO_RECENT = "pencabutan sertifikat tidak dapat diperoleh"
"""Part of both Indonesian messages of signing refused for want of revocation data."""
ATTEMPTS = 3


# -- the office every case starts from --------------------------------------------------------


@dataclass(frozen=True)
class Office:
    """The module's demo workspace and who and what the cases act on."""

    path: Path
    to_sign: tuple[str, str, str]
    """Numbered letters the Kepala Dinas signs."""
    to_number: tuple[str, str, str]
    """Fully approved letters the registry numbers."""
    unread: str
    disposed: str
    completed: str
    """Incoming letters of the Dinas: not yet read, disposed, disposed and done."""
    sek_letter: str
    """An incoming letter of the Sekretariat, whose head is a Plt."""
    dinas: str
    sekretariat: str
    kadis: str
    sekdis: str
    registry: str
    p12: str
    """The Kepala Dinas's DEMO ``.p12``, relative to the workspace folder."""
    pdf: Path
    """A received letter as PDF, outside the workspace."""
    before: Dump
    """The database as every case finds it."""


@pytest.fixture(scope="module")
def office(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Office:
    folder = tmp_path_factory.mktemp("jendela commit – é")
    path = folder / "ruang kerja"
    shutil.copytree(demo_template, path)
    with Workspace.open(path) as ws:
        conn = ws.thread_connection()
        day = Letters(ws).today()
        chart = load_org(conn)

        def holder(jabatan: str) -> str:
            return str(holders(chart, jabatan, day)[0].nip)

        def unit_of(jabatan: str) -> str:
            return str(chart.get_jabatan(jabatan).unit_id)

        registry = holder("KASUBBAG_UMPEG")
        add_demo_letters(ws, 2, state="dinomori")
        add_demo_letters(ws, 1, state="siap_tandatangan", jenis="surat_dinas")
        add_demo_letters(ws, 1, state="siap_tandatangan", jenis="surat_undangan")
        sek_letter = (
            IncomingDesk(ws)
            .register(
                registry,
                unit_id=unit_of("SEKDIS"),
                meta={
                    "asal": "Inspektorat Provinsi Nusantara Raya",
                    "nomor": "700/88/Itprov/2026",
                    "tanggal": day.isoformat(),
                    "hal": "Permintaan Data Pengelolaan Sertifikat Elektronik",
                },
            )
            .incoming_id
        )

        def letters_in(state: str) -> list[str]:
            sql = "SELECT letter_id FROM letter WHERE state = ? ORDER BY created_at, letter_id"
            return [row[0] for row in conn.execute(sql, (state,))]

        dinas = unit_of("KADIS")
        incoming: dict[str, list[str]] = {}
        for status, incoming_id in conn.execute(
            "SELECT status, incoming_id FROM incoming WHERE unit_id = ? AND copy_only = 0"
            " ORDER BY rowid",
            (dinas,),
        ):
            incoming.setdefault(status, []).append(incoming_id)
        to_sign, to_number = letters_in("dinomori"), letters_in("siap_tandatangan")
        p12 = p12_of(ws, holder("KADIS")).relative_to(path)
        office = Office(
            path=path,
            to_sign=(to_sign[0], to_sign[1], to_sign[2]),
            to_number=(to_number[0], to_number[1], to_number[2]),
            unread=incoming["diregistrasi"][0],
            disposed=incoming["didisposisi"][0],
            completed=incoming["didisposisi"][1],
            sek_letter=sek_letter,
            dinas=dinas,
            sekretariat=unit_of("SEKDIS"),
            kadis=holder("KADIS"),
            sekdis=holder("SEKDIS"),
            registry=registry,
            p12=str(p12),
            pdf=folder / "surat masuk.pdf",
            before={},
        )
    office.pdf.write_bytes(small_pdf("Surat masuk untuk uji jendela commit"))
    check_consistent(path)
    return replace(office, before=dump(path))


# -- the cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One command killed at one crash point, then run again without it."""

    command: str
    """``sign``, ``number``, ``register`` or ``give``."""
    args: tuple[str, ...]
    """The command line after ``--workspace``; ``{ws}`` stands for the copy's folder."""
    fault: str
    """``TNDE_CRASH_AT``."""
    target: tuple[str, ...]
    """What the action is about, as :func:`done` counts it."""
    rerun: tuple[str, ...] = ()
    """The command line run again without the fault (default: :attr:`args`)."""
    done_before: int = 0
    """Targets the killed run finished before it died (the earlier letters of a batch)."""
    setup: tuple[tuple[str, ...], ...] = ()
    """Commands run first, without a fault."""

    @property
    def point(self) -> str:
        return self.fault.split(":")[0]

    @property
    def pause(self) -> bool:
        return self.fault.endswith(":pause")

    @property
    def total(self) -> int:
        """What :func:`done` counts once the action is complete."""
        return len(self.target) if self.command in ("sign", "number") else 1

    @property
    def stdin(self) -> str | None:
        return DEMO_PASSPHRASE.decode() + "\n" if self.command == "sign" else None

    def __str__(self) -> str:
        return f"{self.command} {self.fault} {' '.join(self.args[:2])}"


def with_pauses(points: Iterable[str]) -> list[str]:
    """Each crash point, then the same point paused (the test kills the command itself)."""
    return [f"{point}{suffix}" for point in points for suffix in ("", ":pause")]


def sign_cases(o: Office) -> list[Case]:
    a, b, c = o.to_sign

    def sign(*letters: str) -> tuple[str, ...]:
        return ("sign", *letters, "--as", o.kadis, "--p12", f"{{ws}}/{o.p12}", "--secret-fd", "0")

    # One letter: commits 1-3 close the rules' checks (nothing written), commit 4 the
    # transaction that stores the base revision (blob 1) and the signed PDF (blob 2) and
    # appends the signature event.
    cases = [
        Case("sign", sign(a), fault, (a,))
        for fault in [
            "commit:1",
            "commit:2",
            "commit:3",
            *with_pauses(["blob:1", "blob:2", "sign:1", "event:1", "commit:4"]),
        ]
    ]
    cases += [Case("sign", sign(b), f, (b,)) for f in ("blob:2", "sign:1:pause", "commit:4")]
    # A batch of two: commits 1-4 check both, 5-6 sign the first letter, 7-8 the second.
    cases += [Case("sign", sign(b, c), f, (b, c)) for f in ("sign:1", "commit:6", "event:1:pause")]
    cases += [
        Case("sign", sign(b, c), fault, (b, c), rerun=sign(c), done_before=1)
        for fault in ("blob:3", "blob:4:pause", "sign:2", "event:2", "commit:8", "commit:8:pause")
    ]
    return cases


def number_cases(o: Office) -> list[Case]:
    def number(letter: str) -> tuple[str, ...]:
        return ("letter", "number", letter, "--as", o.registry)

    points = with_pauses(["number:1", "blob:1", "event:1", "commit:1"])
    cases = [Case("number", number(x), f, (x,)) for x in o.to_number for f in points]
    # the next number of the series after one issued in the same workspace
    first, second = o.to_number[0], o.to_number[1]
    cases += [
        Case("number", number(second), fault, (second,), setup=(number(first),))
        for fault in ("number:1", "commit:1:pause")
    ]
    return cases


def register_cases(o: Office) -> list[Case]:
    variants: list[tuple[str, tuple[str, ...], list[str]]] = [
        (o.dinas, (), with_pauses(["number:1", "event:1", "commit:1"])),
        (
            o.dinas,
            ("--pdf", str(o.pdf)),
            with_pauses(["blob:1", "number:1", "event:1", "commit:1"]),
        ),
        (o.dinas, ("--tembusan",), ["number:1", "event:1", "commit:1", "commit:1:pause"]),
        (o.sekretariat, ("--sifat", "Rahasia"), with_pauses(["number:1", "event:1", "commit:1"])),
        (o.sekretariat, ("--pdf", str(o.pdf), "--urgensi", "Amat Segera"), ["blob:1", "commit:1"]),
    ]
    cases: list[Case] = []
    for unit, extra, points in variants:
        for fault in points:
            nomor = f"800/{len(cases) + 1}/Uji-Commit/2026"
            args = (
                "incoming", "register", "--as", o.registry, "--unit", unit,
                "--asal", "Badan Kepegawaian Daerah Provinsi Nusantara Raya", "--nomor", nomor,
                "--tanggal", "2026-11-20", "--hal", f"Undangan uji jendela commit {nomor}", *extra,
            )  # fmt: skip
            cases.append(Case("register", args, fault, (nomor,)))
    return cases


def give_cases(o: Office) -> list[Case]:
    variants: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
        (o.kadis, o.unread, ("KABID_APTIKA",), ()),
        (o.kadis, o.disposed, ("KABID_SANDISTAT", "KABID_IKP"), ()),
        (o.kadis, o.completed, ("KABID_SANDISTAT",), ()),
        (o.registry, o.unread, ("KABID_IKP",), ("--atas-perintah",)),
        (o.sekdis, o.sek_letter, ("KASUBBAG_UMPEG",), ()),
        (
            o.kadis,
            o.disposed,
            ("KABID_APTIKA", "KABID_IKP", "KABID_SANDISTAT"),
            ("--instruction", "Koordinasikan/konfirmasikan"),
        ),
    ]

    def give(
        actor: str, incoming: str, to: Iterable[str], extra: tuple[str, ...], note: str
    ) -> tuple[str, ...]:
        recipients = [arg for jabatan in to for arg in ("--to", jabatan)]
        return (
            "disposisi", "give", incoming, "--as", actor, *recipients,
            "--instruction", INSTRUCTION, "--note", note, *extra,
        )  # fmt: skip

    cases: list[Case] = []
    for actor, incoming, to, extra in variants:
        for fault in with_pauses(["event:1", "commit:1"]):
            note = f"Uji jendela commit {len(cases) + 1}"
            cases.append(
                Case("give", give(actor, incoming, to, extra, note), fault, (incoming, note))
            )
    # a second disposition on a letter just disposed in the same workspace
    first = give(o.kadis, o.unread, ("KABID_APTIKA",), (), "lebih dulu")
    for fault in ("event:1", "commit:1:pause"):
        note = f"Uji jendela commit {len(cases) + 1}"
        args = give(o.kadis, o.unread, ("KABID_SANDISTAT",), (), note)
        cases.append(Case("give", args, fault, (o.unread, note), setup=(first,)))
    return cases


# -- how far the action got ---------------------------------------------------------------------


def done(path: Path, case: Case) -> int:
    """How many of the case's targets its action has reached, as committed."""
    sql = {
        "sign": "SELECT count(DISTINCT letter_id) FROM event WHERE type = 'letter.signed'"
        " AND letter_id IN ({marks})",
        "number": "SELECT count(DISTINCT letter_id) FROM event WHERE type = 'letter.numbered'"
        " AND letter_id IN ({marks})",
        "register": "SELECT count(*) FROM incoming WHERE nomor = ?",
        "give": "SELECT count(*) FROM event WHERE letter_id = ? AND type = 'disposition.given'"
        " AND json_extract(payload, '$.note') = ?",
    }[case.command].format(marks=", ".join("?" * len(case.target)))
    conn = read_only(path)
    try:
        return int(conn.execute(sql, case.target).fetchone()[0])
    finally:
        conn.close()


# -- running a case -----------------------------------------------------------------------------


def child_env(fault: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != faults.VARIABLE}
    env["PYTHONPATH"] = str(ROOT)
    env["TNDE_LANG"] = "id"  # TOO_RECENT is matched in Indonesian
    if fault is not None:
        env[faults.VARIABLE] = fault
    return env


def command_line(path: Path, args: tuple[str, ...]) -> list[str]:
    return [sys.executable, "-m", "tnde", "--workspace", str(path)] + [
        a.format(ws=path) for a in args
    ]


def too_recent(case: Case, returncode: int | None, stderr: str) -> bool:
    """Whether a signing run failed, storing nothing, for want of revocation data (see the
    module docstring): it is run again."""
    return case.command == "sign" and returncode == 1 and TOO_RECENT in stderr


def tnde(
    path: Path, args: tuple[str, ...], case: Case, fault: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``tnde --workspace PATH …``, with ``fault`` armed."""
    for _attempt in range(ATTEMPTS):
        proc = subprocess.run(
            command_line(path, args),
            input=case.stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=child_env(fault),
            timeout=TIMEOUT_S,
            check=False,
        )
        if not too_recent(case, proc.returncode, proc.stderr):
            break
    return proc


def paused(path: Path, case: Case) -> Dump:
    """Run the case's command until it pauses at its crash point, check where, and kill it;
    returns the workspace as another connection saw it during the pause."""
    for _attempt in range(ATTEMPTS):
        child = subprocess.Popen(
            command_line(path, case.args),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=child_env(case.fault),
        )
        watchdog = threading.Timer(TIMEOUT_S, child.kill)
        watchdog.start()
        try:
            assert child.stdin is not None
            assert child.stderr is not None
            child.stdin.write(case.stdin or "")
            child.stdin.close()
            said = []
            for line in child.stderr:
                said.append(line)
                match = PAUSED.fullmatch(line.rstrip("\n"))
                if match:
                    reached = dict(item.split("=") for item in match[3].split())
                    assert (match[1], match[2]) == (case.point, case.fault.split(":")[1])
                    if case.point == "commit":  # the action's own transaction, after its event
                        assert int(reached.get("event", 0)) == case.done_before + 1, line
                    return dump(path)  # what everyone else sees while the transaction is open
        finally:
            watchdog.cancel()
            child.kill()
            child.wait()
            for stream in (child.stdout, child.stderr):
                if stream is not None:
                    stream.close()
            assert child.returncode in (KILLED, 1), f"{case}: exit {child.returncode}"
        if not too_recent(case, child.returncode, "".join(said)):
            break
    pytest.fail(f"{case}: never paused (exit {child.returncode}): {''.join(said)}")


def run_case(case: Case, folder: Path, office: Office) -> None:
    path = folder / "ruang kerja"
    shutil.copytree(office.path, path)
    before = office.before
    for setup in case.setup:
        assert tnde(path, setup, case).returncode == 0
        before = dump(path)

    if case.pause:
        view: Dump | None = paused(path, case)
    else:
        proc = tnde(path, case.args, case, case.fault)
        assert proc.returncode == KILLED, f"{case}: exit {proc.returncode}: {proc.stderr}"
        view = None
    check_consistent(path)
    assert done(path, case) == case.done_before, f"{case}: the action is half there"
    after = dump(path)
    if view is not None:
        assert changed_tables(view, after) == [], f"{case}: the kill undid what was committed"
    if case.done_before == 0:
        assert changed_tables(before, after) == [], f"{case}: the killed action left rows"

    again = tnde(path, case.rerun or case.args, case)
    assert again.returncode == 0, f"{case}: the command run again failed: {again.stderr}"
    check_consistent(path)
    assert done(path, case) == case.total, f"{case}: the command run again did not finish it"
    shutil.rmtree(folder)


@pytest.mark.slow
def test_commands_killed_inside_their_commit_window_leave_all_or_nothing(
    office: Office, tmp_path: Path
) -> None:
    signing = sign_cases(office)
    others = number_cases(office) + register_cases(office) + give_cases(office)
    kills = Counter((case.command, case.point) for case in signing + others)
    per_command = Counter(command for command, _point in kills.elements())
    assert min(per_command.values()) >= 25, per_command
    assert sum(per_command.values()) >= 100, per_command
    for command, points in (
        ("sign", {"commit", "blob", "sign", "event"}),
        ("number", {"commit", "blob", "number", "event"}),
        ("register", {"commit", "blob", "number", "event"}),
        ("give", {"commit", "event"}),
    ):
        assert {p for c, p in kills if c == command} == points

    # Two lanes: one signs, one at a time, then helps with the rest; the other takes only
    # the rest. A failure stops both.
    rest: queue.SimpleQueue[Case] = queue.SimpleQueue()
    for case in others:
        rest.put(case)
    failed = threading.Event()

    def lane(name: str, own: list[Case]) -> None:
        def cases() -> Iterable[Case]:
            yield from own
            while True:
                try:
                    yield rest.get_nowait()
                except queue.Empty:
                    return

        for number, case in enumerate(cases()):
            if failed.is_set():
                return
            try:
                run_case(case, tmp_path / f"{name} {number} – é", office)
            except BaseException:
                failed.set()
                raise

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        lanes = [pool.submit(lane, "jalur tanda tangan", signing), pool.submit(lane, "jalur", [])]
        for future in lanes:
            future.result()


def test_crash_points_do_nothing_unless_armed() -> None:
    assert faults._parse("") is None
    assert faults._parse("commit") == faults._Target("commit", 1, False)
    assert faults._parse("blob:3:pause") == faults._Target("blob", 3, True)
    for wrong in ("comit", "commit:0", "commit:x", "commit:1:2", "commit:pause:1"):
        with pytest.raises(ValueError, match=faults.VARIABLE):
            faults._parse(wrong)
    faults.crash_point("commit")  # this process has no TNDE_CRASH_AT: nothing happens
