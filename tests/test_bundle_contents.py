"""The installer bundle is checked against the package's own resource files.

`packaging/build.py` compares every bundle it makes with the resource files of the wheel
built from this checkout. These tests hold that comparison to account: the wheel carries
exactly the files the bundle's spec collects, and a bundle that lacks one is refused by name.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("packaging_build", ROOT / "packaging" / "build.py")
assert _spec is not None
assert _spec.loader is not None
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build.build_wheel(tmp_path_factory.mktemp("wheel"))


def spec_collected_resources() -> set[str]:
    """What packaging/tnde.spec puts under the bundle's resources/: every file of resources/."""
    base = ROOT / "resources"
    return {
        p.relative_to(base).as_posix()
        for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_wheel_holds_exactly_the_files_the_bundle_collects(wheel: Path) -> None:
    in_wheel = build.wheel_resources(wheel)
    collected = spec_collected_resources()
    assert in_wheel, "the wheel has no tnde/_resources files"
    assert collected - in_wheel == set(), "the bundle would carry files the package lacks"
    assert in_wheel - collected == set(), "the package holds files the bundle would lack"
    for needed in (
        "org/diskominfo-nusantara-raya.toml",
        "translations/tnde_id.qm",
        "messages/id.po",
    ):
        assert needed in in_wheel, needed


def fake_bundle(folder: Path, resources: set[str]) -> Path:
    suffix = ".exe" if os.name == "nt" else ""
    folder.mkdir()
    for name in ("tnde-desktop", "tnde"):
        (folder / f"{name}{suffix}").write_bytes(b"")
    for name in resources:
        target = folder / "_internal" / "resources" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "resources" / name, target)
    return folder


def test_a_bundle_lacking_a_resource_file_is_refused_by_name(
    wheel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_wheel = build.wheel_resources(wheel)
    monkeypatch.setattr(build, "package_resources", lambda: in_wheel)
    complete = fake_bundle(tmp_path / "complete", in_wheel)
    assert build.check_bundle(complete) == []

    lacking = sorted(in_wheel)[len(in_wheel) // 2]
    partial = fake_bundle(tmp_path / "partial", in_wheel - {lacking})
    (partial / "tnde").unlink(missing_ok=True)
    (partial / "tnde.exe").unlink(missing_ok=True)
    problems = build.check_bundle(partial)
    assert f"resources/{lacking} is missing" in problems
    assert any(p.startswith("tnde") and p.endswith("is missing") for p in problems)
    assert len(problems) == 2
