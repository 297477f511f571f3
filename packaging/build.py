"""Build TNDE Desktop for installation: the PyInstaller bundle, then a ``.tar.gz`` of it and,
on Linux, a Debian package; on Windows, the Inno Setup installer.

    python packaging/build.py                 # bundle, .tar.gz, .deb (Linux) or setup.exe
    python packaging/build.py --no-bundle     # package the bundle already in dist/
    python packaging/build.py --check dist/tnde-desktop

Everything goes to ``dist/`` (the bundle ``dist/tnde-desktop/``, the archives beside it);
PyInstaller's work files to ``build/``. The bundle's data files are checked against the
package's own resource files after every build: a file the package holds and the bundle
lacks fails the build (the checkout's ``resources/`` is the package ``tnde._resources``).

The Debian package installs the bundle under ``/opt/tnde-desktop``, links ``tnde`` and
``tnde-desktop`` into ``/usr/bin``, and adds a desktop entry with the icon and an "Open
with" entry that verifies PDFs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUILD = ROOT / "build"
BUNDLE = DIST / "tnde-desktop"
ICONS = ROOT / "packaging" / "icons"
PACKAGE = "tnde-desktop"

DEB_DEPENDS = (
    "libc6, libgl1, libegl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1, libfreetype6, "
    "libdbus-1-3, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, "
    "libxcb-render-util0, libxcb-image0, libxcb-xinerama0, libxcb-randr0, libxcb-xfixes0"
)

DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Name=TNDE Desktop
GenericName=Naskah Dinas Elektronik
Comment=Menyusun, memeriksa, menandatangani, dan memverifikasi naskah dinas elektronik
Exec=tnde-desktop
Icon=tnde-desktop
Terminal=false
Categories=Office;
StartupWMClass=tnde-desktop
"""

VERIFY_ENTRY = """[Desktop Entry]
Type=Application
Name=Verifikasi dengan TNDE
Comment=Periksa tanda tangan elektronik PDF dengan TNDE Desktop
Exec=tnde-desktop --verify %F
Icon=tnde-desktop
Terminal=false
NoDisplay=true
MimeType=application/pdf;
"""

POSTINST = """#!/bin/sh
set -e
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
"""


def version() -> str:
    """``tnde.__version__``, read without importing the package."""
    for line in (ROOT / "tnde" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("tnde/__init__.py names no __version__")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def build_bundle() -> None:
    """Run PyInstaller over packaging/tnde.spec, with the build's date and commit inside."""
    BUILD.mkdir(exist_ok=True)
    info = BUILD / "build_info.json"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    info.write_text(
        json.dumps(
            {
                "version": version(),
                "build_date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
                "commit": commit,
            }
        ),
        encoding="utf-8",
    )
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(BUILD / "pyinstaller"),
        str(ROOT / "packaging" / "tnde.spec"),
    ]
    say(f"building the bundle ({' '.join(command[2:4])} …)")
    subprocess.run(command, check=True, cwd=ROOT, env={**os.environ, "TNDE_BUILD_INFO": str(info)})


def bundled_resources(bundle: Path) -> set[str]:
    """The resource files inside a bundle, relative to its ``resources/`` folder."""
    base = next(
        (p for p in (bundle / "_internal" / "resources", bundle / "resources") if p.is_dir()), None
    )
    if base is None:
        return set()
    return {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()}


def package_resources() -> set[str]:
    """The files the installed package ``tnde._resources`` holds, read from a freshly built wheel.

    The wheel is what ``pip install`` installs, so this is the package's own list, made by the
    same package-data rules, not a list kept by hand beside it."""
    wheels = BUILD / "wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    return wheel_resources(build_wheel(wheels))


def build_wheel(target: Path) -> Path:
    """Build the wheel of this checkout into ``target`` (offline: no build isolation)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(target), str(ROOT)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = target.glob("*.whl")
    return wheel


def wheel_resources(wheel: Path) -> set[str]:
    """The files under ``tnde/_resources/`` in a wheel, relative to that folder."""
    prefix = "tnde/_resources/"
    with zipfile.ZipFile(wheel) as archive:
        return {
            name.removeprefix(prefix)
            for name in archive.namelist()
            if name.startswith(prefix) and not name.endswith("/")
        }


def check_bundle(bundle: Path) -> list[str]:
    """What is wrong with a bundle: missing executables, resource files it lacks."""
    problems = []
    suffix = ".exe" if os.name == "nt" else ""
    for name in ("tnde-desktop", "tnde"):
        if not (bundle / f"{name}{suffix}").is_file():
            problems.append(f"{name}{suffix} is missing")
    missing = package_resources() - bundled_resources(bundle)
    problems += [f"resources/{name} is missing" for name in sorted(missing)]
    return problems


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def make_tarball(ver: str) -> Path:
    target = DIST / f"{PACKAGE}-{ver}-linux-x86_64.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(BUNDLE, arcname=f"{PACKAGE}-{ver}")
    return target


def make_deb(ver: str) -> Path:
    """A Debian package made with dpkg-deb, files owned by root."""
    stage = BUILD / "deb" / PACKAGE
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / "opt" / PACKAGE
    shutil.copytree(BUNDLE, opt, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    for name in ("tnde", "tnde-desktop"):
        (stage / "usr" / "bin" / name).symlink_to(f"/opt/{PACKAGE}/{name}")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / "tnde-desktop.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    (apps / "tnde-desktop-verify.desktop").write_text(VERIFY_ENTRY, encoding="utf-8")
    icons = stage / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    shutil.copy2(ICONS / "tnde.png", icons / "tnde-desktop.png")
    control = stage / "DEBIAN"
    control.mkdir()
    size_kb = folder_size(stage) // 1024
    (control / "control").write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {ver}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Architecture: amd64\n"
        f"Depends: {DEB_DEPENDS}\n"
        f"Installed-Size: {size_kb}\n"
        "Maintainer: TNDE Desktop <tnde-desktop@localhost>\n"
        "Description: Tata Naskah Dinas Elektronik desktop client\n"
        " Drafts official letters from the standard templates, routes them for review,\n"
        " signs them with PAdES signatures, tracks incoming letters and dispositions and\n"
        " verifies signed PDFs offline.\n",
        encoding="utf-8",
    )
    postinst = control / "postinst"
    postinst.write_text(POSTINST, encoding="utf-8")
    postinst.chmod(0o755)
    target = DIST / f"{PACKAGE}_{ver}_amd64.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


def verify_deb(deb: Path) -> list[str]:
    """Install ``deb`` into a scratch root and run both executables from the installed
    place: ``tnde --version``, ``tnde self-test``, and ``tnde-desktop --self-test`` twice
    (the second start reads what the first one left). What failed, if anything."""
    root = BUILD / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    problems = []
    for name in ("tnde", "tnde-desktop"):
        link = root / "usr" / "bin" / name
        if not link.is_symlink() or os.readlink(link) != f"/opt/{PACKAGE}/{name}":
            problems.append(f"/usr/bin/{name} is not a link to /opt/{PACKAGE}/{name}")
    installed = root / "opt" / PACKAGE
    home = BUILD / "deb-home"
    shutil.rmtree(home, ignore_errors=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "TNDE_HOME": ""}
    env.pop("TNDE_HOME")
    runs = [
        [str(installed / "tnde"), "--version"],
        [str(installed / "tnde"), "self-test"],
        [str(installed / "tnde-desktop"), "--self-test"],
        [str(installed / "tnde-desktop"), "--self-test"],
    ]
    for command in runs:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
        shown = " ".join(Path(command[0]).name if n == 0 else a for n, a in enumerate(command))
        say(f"  {shown}: exit {done.returncode}")
        if done.returncode != 0:
            problems.append(f"{shown} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    if (
        f"tnde {version()}"
        not in subprocess.run(runs[0], capture_output=True, text=True, env=env, check=False).stdout
    ):
        problems.append("tnde --version does not name this version")
    return problems


def make_windows_installer(ver: str) -> Path | None:
    """Compile the Inno Setup script, where Inno Setup is installed."""
    iscc = shutil.which("iscc") or shutil.which("ISCC.exe")
    if iscc is None:
        say("Inno Setup (iscc) not found: no setup.exe made")
        return None
    subprocess.run(
        [iscc, f"/DAppVersion={ver}", str(ROOT / "packaging" / "tnde-desktop.iss")], check=True
    )
    return next(DIST.glob(f"{PACKAGE}-{ver}-setup*.exe"), None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-bundle", action="store_true", help="package dist/tnde-desktop as it is"
    )
    parser.add_argument("--check", type=Path, metavar="BUNDLE", help="only check a bundle")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="install the .deb into a scratch root and run both executables' self-tests",
    )
    args = parser.parse_args()
    if args.check:
        problems = check_bundle(args.check)
        for problem in problems:
            say(f"  {problem}")
        return 1 if problems else 0
    ver = version()
    if not args.no_bundle:
        build_bundle()
    problems = check_bundle(BUNDLE)
    if problems:
        for problem in problems:
            say(f"  {problem}")
        return 1
    say(f"bundle: {BUNDLE} ({folder_size(BUNDLE) / 1e6:.0f} MB)")
    if os.name == "nt":
        made = make_windows_installer(ver)
        if made is not None:
            say(f"installer: {made}")
        return 0
    say(f"archive: {make_tarball(ver)}")
    if shutil.which("dpkg-deb"):
        deb = make_deb(ver)
        say(f"Debian package: {deb} ({deb.stat().st_size / 1e6:.0f} MB)")
        if args.verify:
            problems = verify_deb(deb)
            for problem in problems:
                say(f"  {problem}")
            return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
