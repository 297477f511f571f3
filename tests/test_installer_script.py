"""The Windows installer, checked without Inno Setup: packaging/tnde-desktop.iss read section by
section, its Indonesian messages file, and the icons packaging/make_icons.py draws."""

from __future__ import annotations

import configparser
import glob
import io
import re
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ISS = PACKAGING / "tnde-desktop.iss"
ICONS = PACKAGING / "icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Messages a normal install and uninstall shows, each with the placeholders it must keep.
ESSENTIAL_MESSAGES: dict[str, tuple[str, ...]] = {
    "SetupAppTitle": (),
    "SetupWindowTitle": ("%1",),
    "UninstallAppTitle": (),
    "UninstallAppFullTitle": ("%1",),
    "InformationTitle": (),
    "ConfirmTitle": (),
    "ErrorTitle": (),
    "LastErrorMessage": ("%1", "%2", "%3"),
    "SetupFileCorrupt": (),
    "SetupAlreadyRunning": (),
    "WindowsVersionNotSupported": (),
    "OnlyOnTheseArchitectures": ("%1",),
    "WinVersionTooLowError": ("%1", "%2"),
    "SetupAppRunningError": ("%1",),
    "UninstallAppRunningError": ("%1",),
    "PrivilegesRequiredOverrideTitle": (),
    "PrivilegesRequiredOverrideInstruction": (),
    "PrivilegesRequiredOverrideText1": ("%1",),
    "PrivilegesRequiredOverrideText2": ("%1",),
    "PrivilegesRequiredOverrideAllUsers": (),
    "PrivilegesRequiredOverrideAllUsersRecommended": (),
    "PrivilegesRequiredOverrideCurrentUser": (),
    "PrivilegesRequiredOverrideCurrentUserRecommended": (),
    "ErrorCreatingDir": ("%1",),
    "ExitSetupTitle": (),
    "ExitSetupMessage": (),
    "ButtonBack": (),
    "ButtonNext": (),
    "ButtonInstall": (),
    "ButtonOK": (),
    "ButtonCancel": (),
    "ButtonYes": (),
    "ButtonYesToAll": (),
    "ButtonNo": (),
    "ButtonNoToAll": (),
    "ButtonFinish": (),
    "ButtonBrowse": (),
    "ButtonWizardBrowse": (),
    "ButtonNewFolder": (),
    "SelectLanguageTitle": (),
    "SelectLanguageLabel": (),
    "ClickNext": (),
    "BrowseDialogTitle": (),
    "BrowseDialogLabel": (),
    "NewFolderName": (),
    "WelcomeLabel1": ("[name]",),
    "WelcomeLabel2": ("[name/ver]",),
    "WizardSelectDir": (),
    "SelectDirDesc": ("[name]",),
    "SelectDirLabel3": ("[name]",),
    "SelectDirBrowseLabel": (),
    "DiskSpaceGBLabel": ("[gb]",),
    "DiskSpaceMBLabel": ("[mb]",),
    "InvalidPath": (),
    "DiskSpaceWarningTitle": (),
    "DiskSpaceWarning": ("%1", "%2"),
    "DirExistsTitle": (),
    "DirExists": ("%1",),
    "DirDoesntExistTitle": (),
    "DirDoesntExist": ("%1",),
    "WizardSelectTasks": (),
    "SelectTasksDesc": (),
    "SelectTasksLabel2": ("[name]",),
    "WizardReady": (),
    "ReadyLabel1": ("[name]",),
    "ReadyLabel2a": (),
    "ReadyLabel2b": (),
    "ReadyMemoDir": (),
    "ReadyMemoTasks": (),
    "WizardPreparing": (),
    "PreparingDesc": ("[name]",),
    "PreviousInstallNotCompleted": ("[name]",),
    "CannotContinue": (),
    "ApplicationsFound": (),
    "ApplicationsFound2": (),
    "CloseApplications": (),
    "DontCloseApplications": (),
    "ErrorCloseApplications": (),
    "PrepareToInstallNeedsRestart": ("[name]",),
    "WizardInstalling": (),
    "InstallingLabel": ("[name]",),
    "FinishedHeadingLabel": ("[name]",),
    "FinishedLabelNoIcons": ("[name]",),
    "FinishedLabel": ("[name]",),
    "ClickFinish": (),
    "FinishedRestartLabel": ("[name]",),
    "FinishedRestartMessage": ("[name]",),
    "YesRadio": (),
    "NoRadio": (),
    "RunEntryExec": ("%1",),
    "RunEntryShellExec": ("%1",),
    "SetupAborted": (),
    "AbortRetryIgnoreSelectAction": (),
    "AbortRetryIgnoreRetry": (),
    "AbortRetryIgnoreIgnore": (),
    "AbortRetryIgnoreCancel": (),
    "StatusClosingApplications": (),
    "StatusCreateDirs": (),
    "StatusExtractFiles": (),
    "StatusCreateIcons": (),
    "StatusCreateRegistryEntries": (),
    "StatusSavingUninstall": (),
    "StatusRunProgram": (),
    "StatusRestartingApplications": (),
    "StatusRollback": (),
    "ErrorInternal2": ("%1",),
    "ErrorFunctionFailed": ("%1", "%2"),
    "ErrorExecutingProgram": ("%1",),
    "ErrorRegOpenKey": ("%1", "%2"),
    "ErrorRegCreateKey": ("%1", "%2"),
    "ErrorRegWriteKey": ("%1", "%2"),
    "FileExistsSelectAction": (),
    "FileExists2": (),
    "FileExistsOverwriteExisting": (),
    "FileExistsKeepExisting": (),
    "ExistingFileNewerSelectAction": (),
    "ExistingFileNewer2": (),
    "ExistingFileNewerOverwriteExisting": (),
    "ExistingFileNewerKeepExisting": (),
    "ErrorCopying": (),
    "ErrorReplacingExistingFile": (),
    "UninstallDisplayNameMark": ("%1", "%2"),
    "UninstallDisplayNameMarks": ("%1", "%2", "%3"),
    "UninstallDisplayNameMarkAllUsers": (),
    "UninstallDisplayNameMarkCurrentUser": (),
    "ErrorRestartingComputer": (),
    "UninstallNotFound": ("%1",),
    "UninstallOpenError": ("%1",),
    "ConfirmUninstall": ("%1",),
    "OnlyAdminCanUninstall": (),
    "UninstallStatusLabel": ("%1",),
    "UninstalledAll": ("%1",),
    "UninstalledMost": ("%1",),
    "UninstalledAndNeedsRestart": ("%1",),
    "UninstallDataCorrupted": ("%1",),
    "WizardUninstalling": (),
    "StatusUninstalling": ("%1",),
    "ShutdownBlockReasonInstallingApp": ("%1",),
    "ShutdownBlockReasonUninstallingApp": ("%1",),
}

# Where the app and Windows keep a user's own files: nothing the installer removes may be there.
USER_DATA_CONSTANTS = (
    "{userappdata}",
    "{localappdata}",
    "{commonappdata}",
    "{userdocs}",
    "{commondocs}",
    "{userdesktop}",
    "{%appdata",
    "{%localappdata",
    "{%userprofile",
    "{%homepath",
)


@dataclass(frozen=True)
class Line:
    """One line of a section, with the preprocessor conditions around it (innermost last)."""

    number: int
    text: str
    conditions: tuple[str, ...]


def parse_iss(text: str) -> dict[str, list[Line]]:
    """The script's sections (names in lower case) with their lines, comments left out.

    Preprocessor lines (``#define``, ``#if``…) belong to no section; the ``#if``, ``#ifdef``
    and ``#ifndef`` blocks a line sits in are kept with it (``#else`` as ``not <condition>``).
    """
    sections: dict[str, list[Line]] = {"": []}
    current = ""
    stack: list[str] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("#"):
            word, _, rest = line[1:].strip().partition(" ")
            if word in ("if", "ifdef", "ifndef"):
                stack.append(f"{word} {rest.strip()}")
            elif word == "else":
                stack[-1] = f"not {stack[-1]}"
            elif word == "endif":
                stack.pop()
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip().lower()
            sections.setdefault(current, [])
            continue
        sections[current].append(Line(number, line, tuple(stack)))
    assert not stack, f"unclosed preprocessor block: {stack}"
    return sections


def split_params(text: str) -> list[str]:
    """``Name: value; Name: "value; with semicolon"`` split at the semicolons outside quotes."""
    parts: list[str] = []
    current = ""
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    assert not quoted, f"unbalanced quotes: {text}"
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def parse_entry(text: str) -> dict[str, str]:
    """One entry of a section such as [Files]: parameter names in lower case, values unquoted."""
    params: dict[str, str] = {}
    for part in split_params(text):
        name, sep, value = part.partition(":")
        assert sep, f"not a 'Name: value' parameter: {part!r} in {text!r}"
        value = value.strip()
        if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
            value = value[1:-1].replace('""', '"')
        params[name.strip().lower()] = value
    return params


def entries(section: str) -> list[dict[str, str]]:
    return [parse_entry(line.text) for line in SECTIONS.get(section, [])]


def flags(entry: dict[str, str]) -> set[str]:
    return set(entry.get("flags", "").lower().split())


def repo_path(value: str) -> Path:
    """A path of the script (relative to packaging/, with backslashes) on this machine."""
    assert not re.match(r"^[A-Za-z]:|^\\\\|^/", value), f"{value}: not relative to the script"
    return PACKAGING / value.replace("\\", "/")


def read_ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(
        interpolation=None, delimiters=("=",), comment_prefixes=(";",), strict=True
    )
    parser.optionxform = str  # message names keep their case
    raw = path.read_bytes()
    parser.read_string(raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8"), source=str(path))
    return parser


def read_ico(data: bytes) -> list[tuple[int, int, bytes]]:
    """The images of an ICO file as (width, height, image bytes), from its ICONDIR header."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1), "not an icon file"
    images = []
    end_of_directory = 6 + 16 * count
    for index in range(count):
        width, height, _colors, _zero, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert offset >= end_of_directory, f"image {index} overlaps the directory"
        assert offset + length <= len(data), f"image {index} runs past the end of the file"
        images.append((width or 256, height or 256, data[offset : offset + length]))
    return images


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE), "not a PNG image"
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack_from(">II", png, 16)
    return width, height


def assert_drawn(png: bytes) -> None:
    """The icon is drawn: an opaque tile in the middle, transparent corners."""
    with Image.open(io.BytesIO(png)) as image:
        rgba = image.convert("RGBA")
    width, height = rgba.size
    assert rgba.getpixel((width // 2, height // 2))[3] == 255
    assert rgba.getpixel((0, 0))[3] == 0


ISS_TEXT = ISS.read_text(encoding="utf-8")
SECTIONS = parse_iss(ISS_TEXT)
SETUP = {
    key.strip().lower(): value.strip()
    for line in SECTIONS["setup"]
    if not line.conditions
    for key, _, value in [line.text.partition("=")]
}


def test_setup_has_the_required_directives() -> None:
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", SETUP["appid"])
    assert SETUP["appname"] == "TNDE Desktop"
    assert SETUP["appversion"] == "{#AppVersion}"
    assert SETUP["privilegesrequired"] == "lowest"
    assert SETUP["privilegesrequiredoverridesallowed"] == "dialog"
    assert SETUP["architecturesallowed"] == "x64compatible"
    assert SETUP["architecturesinstallin64bitmode"] == "x64compatible"
    assert SETUP["defaultdirname"] == r"{autopf}\TNDE Desktop"
    assert SETUP["appmutex"] == "TNDEDesktopRunning"
    assert SETUP["closeapplications"] == "yes"
    assert SETUP["uninstalldisplayicon"] == r"{app}\tnde-desktop.exe"
    assert "{#AppVersion}" in SETUP["outputbasefilename"]


def test_setup_icon_is_our_icon_file() -> None:
    icon = repo_path(SETUP["setupiconfile"])
    assert icon.is_file(), f"SetupIconFile {icon} does not exist"
    assert icon.resolve() == (ICONS / "tnde.ico").resolve()
    assert {(w, h) for w, h, _ in read_ico(icon.read_bytes())} >= {(32, 32), (256, 256)}


def test_version_comes_from_the_build_or_stops_it() -> None:
    preprocessor = [line.strip() for line in ISS_TEXT.splitlines() if line.strip().startswith("#")]
    assert "#ifndef AppVersion" in preprocessor
    assert any("build\\version.txt" in line for line in preprocessor)
    assert any(line.startswith("#error") for line in preprocessor)
    assert "AppVersion" in ISS_TEXT.split("[Setup]")[0]


def test_every_source_file_exists() -> None:
    files = entries("files")
    assert files
    sources = {entry["source"] for entry in files}
    for exe in ("tnde-desktop.exe", "tnde.exe"):
        assert f"..\\dist\\tnde-desktop\\{exe}" in sources, f"{exe} is not installed"
    for entry in files:
        assert "external" not in flags(entry), entry
        path = repo_path(entry["source"]).resolve()
        assert path.is_relative_to(ROOT), f"{entry['source']} is outside the repository"
        if path.is_relative_to(ROOT / "dist"):
            continue  # the PyInstaller bundle, made by the build
        assert glob.glob(str(path)), f"{entry['source']} names no file in the repository"
        assert entry["destdir"].startswith("{app}"), entry


def test_languages_use_our_indonesian_messages() -> None:
    languages = {entry["name"]: entry["messagesfile"].split(",") for entry in entries("languages")}
    assert next(iter(languages)) == "id", "Indonesian comes first"
    assert languages["id"][0] == "compiler:Default.isl", "English fills the gaps"
    ours = [name for name in languages["id"] if not name.startswith("compiler:")]
    assert ours, "the Indonesian entry names no messages file of ours"
    for name in ours:
        assert repo_path(name).is_file(), f"{name} does not exist"
        assert repo_path(name).resolve() == (PACKAGING / "windows" / "Indonesian.isl").resolve()
    assert all(name.startswith("compiler:") for name in languages.get("en", []))


def test_indonesian_messages_cover_an_install_and_uninstall() -> None:
    path = PACKAGING / "windows" / "Indonesian.isl"
    raw = path.read_bytes()
    assert raw.isascii() or raw.startswith(b"\xef\xbb\xbf"), "non-ASCII text needs a UTF-8 BOM"
    isl = read_ini(path)
    assert isl["LangOptions"]["LanguageName"].strip()
    assert isl["LangOptions"]["LanguageID"] == "$0421"
    messages = isl["Messages"]
    missing = sorted(set(ESSENTIAL_MESSAGES) - set(messages))
    assert not missing, f"messages missing from {path.name}: {missing}"
    for name, placeholders in ESSENTIAL_MESSAGES.items():
        text = messages[name]
        assert text.strip(), f"{name} is empty"
        for placeholder in placeholders:
            assert placeholder in text, f"{name} lost {placeholder}: {text}"
        assert text.count("&") <= 1, f"{name} has more than one shortcut letter"


def test_every_custom_message_is_defined_in_both_languages() -> None:
    isl = read_ini(PACKAGING / "windows" / "Indonesian.isl")
    standard = set(isl["CustomMessages"])  # the names Default.isl defines in English
    script = {line.text.partition("=")[0] for line in SECTIONS.get("custommessages", [])}
    used = set(re.findall(r"\{cm:(\w+)", ISS_TEXT))
    assert used
    for name in sorted(used):
        assert name in standard or f"id.{name}" in script, f"{name}: no Indonesian text"
        assert name in standard or f"en.{name}" in script, f"{name}: no English text"


def test_pdf_context_menu_verifies_with_tnde_and_is_removed_on_uninstall() -> None:
    prefix = "software\\classes\\systemfileassociations\\.pdf\\shell\\"
    verb = [e for e in entries("registry") if e["subkey"].lower().startswith(prefix)]
    assert verb, "no .pdf context-menu verb"
    for entry in verb:
        assert entry["root"].upper() in ("HKA", "HKCU"), entry
        assert "uninsdeletekey" in flags(entry), entry
    commands = [e for e in verb if e["subkey"].lower().endswith("\\command")]
    assert len(commands) == 1
    assert commands[0]["valuedata"] == '"{app}\\tnde-desktop.exe" --verify "%1"'
    (label,) = [e for e in verb if e is not commands[0] and e.get("valuename") == ""]
    assert label["valuedata"] == "{cm:VerifyWithTnde}"
    custom = dict(line.text.split("=", 1) for line in SECTIONS["custommessages"])
    assert custom["id.VerifyWithTnde"] == "Verifikasi dengan TNDE"


def test_uninstall_keeps_the_users_data() -> None:
    for section in ("uninstalldelete", "installdelete"):
        for entry in entries(section):
            name = entry["name"].lower()
            assert not name.startswith(USER_DATA_CONSTANTS), f"[{section}] deletes {name}"
            assert name.startswith("{app}\\"), f"[{section}] reaches outside the program: {name}"
    for entry in entries("dirs"):
        assert "uninsalwaysuninstall" not in flags(entry), entry
    code = "\n".join(line.text for line in SECTIONS.get("code", []))
    assert not re.search(r"\b(DelTree|DeleteFile|RemoveDir)\b", code, re.IGNORECASE)


def test_signing_is_opt_in_with_the_tndesign_tool() -> None:
    sign_tools = [line for line in SECTIONS["setup"] if line.text.lower().startswith("signtool")]
    assert sign_tools, "no code-signing hook"
    for line in sign_tools:
        assert line.text.partition("=")[2].strip() == "tndesign"
        assert line.conditions == ("ifdef Sign",), f"line {line.number} signs unconditionally"
    assert "/Stndesign=" in ISS_TEXT, "the comment says how to define the Sign Tool"


def test_icon_has_the_four_sizes() -> None:
    images = read_ico((ICONS / "tnde.ico").read_bytes())
    assert sorted((w, h) for w, h, _ in images) == [(16, 16), (32, 32), (48, 48), (256, 256)]
    for width, height, png in images:
        assert png_size(png) == (width, height)
        assert_drawn(png)
    assert png_size((ICONS / "tnde.png").read_bytes()) == (256, 256)


def test_make_icons_draws_the_svg(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(PACKAGING / "make_icons.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    images = read_ico((tmp_path / "tnde.ico").read_bytes())
    assert sorted(w for w, _, _ in images) == [16, 32, 48, 256]
    for width, height, png in images:
        assert png_size(png) == (width, height)
        assert_drawn(png)
    assert png_size((tmp_path / "tnde.png").read_bytes()) == (256, 256)
