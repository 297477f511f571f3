"""The self-test of an installation (``tnde self-test``): every step for real, every failure
reported without stopping the others, nothing left behind; and what the About box and
``tnde --version`` say this copy is."""

from __future__ import annotations

import importlib.metadata
import json
import sys
import tempfile
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

from tests.cliutil import tnde
from tnde import __version__, buildinfo, selftest
from tnde.buildinfo import build_info
from tnde.cli.main import main
from tnde.selftest import SelfTestCheck, run_self_test

if TYPE_CHECKING:
    from pathlib import Path

STEPS = ["messages", "render", "demo", "sign", "verify", "preview"]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder the self-test makes its own in (empty again when it ends)."""
    folder = tmp_path / "sementara"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _no_room(path: Path, **_kwargs: object) -> None:
    """A demo that fails half-way, as on a full disk."""
    path.mkdir(parents=True)
    (path / "workspace.sqlite").write_bytes(b"setengah")
    raise OSError(28, "No space left on device")


@pytest.mark.slow
def test_every_step_passes_and_the_folder_is_removed(scratch: Path) -> None:
    reported: list[tuple[str, bool, str]] = []
    seen: list[Path | None] = []

    def look(workspace: Path | None) -> str:
        seen.append(workspace)
        assert workspace is not None
        assert (workspace / "workspace.sqlite").is_file()
        return "dilihat"

    result = run_self_test(
        lambda *step: reported.append(step), checks=[SelfTestCheck("lihat", "lihat", look)]
    )

    assert result.ok, result.failed
    assert [s.name for s in result.steps] == [*STEPS, "lihat"]
    assert reported == [(s.title, s.ok, s.reason) for s in result.steps]
    reasons = {s.name: s.reason for s in result.steps}
    assert reasons["render"].startswith("17 jenis")
    assert reasons["verify"] == "VALID, B-LT"
    assert "piksel" in reasons["preview"]
    assert seen
    assert seen[0] is not None
    assert not seen[0].exists()
    assert result.folder is not None
    assert not result.folder.exists()
    assert list(scratch.iterdir()) == []


def test_a_failing_step_does_not_stop_the_others(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selftest, "create_demo", _no_room)
    seen: list[Path | None] = []

    def look(workspace: Path | None) -> str:
        seen.append(workspace)
        return "dilihat"

    def broken(_workspace: Path | None) -> str:
        raise ValueError("rusak")

    result = run_self_test(
        checks=[SelfTestCheck("rusak", "rusak", broken), SelfTestCheck("lihat", "lihat", look)]
    )

    assert not result.ok
    outcome = {s.name: (s.ok, s.reason) for s in result.steps}
    assert list(outcome) == [*STEPS, "rusak", "lihat"]
    assert outcome["demo"] == (False, "[Errno 28] No space left on device")
    # what needs the demo fails, saying why; the rest ran and passed
    assert outcome["sign"] == (False, "tidak ada ruang kerja demo untuk penandatanganan")
    assert outcome["verify"] == (False, "tidak ada surat bertanda tangan untuk diverifikasi")
    assert all(outcome[name][0] for name in ("messages", "render", "preview", "lihat"))
    assert outcome["rusak"] == (False, "ValueError: rusak")
    assert [s.name for s in result.failed] == ["demo", "sign", "verify", "rusak"]
    assert seen == [None]
    assert list(scratch.iterdir()) == []  # the half-made demo went with the folder


@pytest.mark.slow
def test_tnde_self_test_exits_0_when_every_step_passed() -> None:
    proc = tnde("self-test")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(STEPS) + 1
    assert all(line.startswith("ok ") for line in lines[:-1]), proc.stdout
    assert lines[-1] == "uji mandiri lulus: 6 langkah"
    assert proc.stderr == ""


def test_tnde_self_test_exits_1_naming_what_failed(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(selftest, "create_demo", _no_room)
    assert main(["self-test"]) == 1
    out, err = capsys.readouterr()
    failed = [line for line in out.splitlines() if line.startswith("GAGAL")]
    assert len(failed) == 3
    assert "ruang kerja demo dengan PKI DEMO: [Errno 28]" in failed[0]
    assert err.startswith("tnde: uji mandiri gagal: ruang kerja demo dengan PKI DEMO, ")
    assert "Traceback" not in out + err
    assert list(scratch.iterdir()) == []


def test_tnde_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"tnde {__version__}\n"


def test_a_checkout_has_no_build_date_and_names_its_libraries() -> None:
    info = build_info()
    assert info.version == __version__
    assert info.build_date is None
    assert info.commit is None
    assert dict(info.libraries) == {
        name: importlib.metadata.version(name) for name in ("reportlab", "pyHanko", "pypdfium2")
    }


def test_a_packaged_build_names_its_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = tmp_path / "build_info.json"
    recorded.write_text(
        json.dumps({"version": __version__, "build_date": "2026-05-04", "commit": "a1b2c3d"}),
        encoding="utf-8",
    )
    monkeypatch.setattr(buildinfo, "_BUILD_FILE", recorded)
    assert (build_info().build_date, build_info().commit) == ("2026-05-04", "a1b2c3d")
    # a build that generates the module instead
    module = ModuleType("tnde._build_info")
    module.BUILD_DATE = "2026-06-01"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tnde._build_info", module)
    assert (build_info().build_date, build_info().commit) == ("2026-06-01", None)
