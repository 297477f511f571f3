"""``tnde archive user …``: the admin's account commands, on both databases."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa

from tests.archive.authkit import DEVICE, NIP, OTHER_NIP, PASSWORD, FakeClock, auth_service
from tests.cliutil import tnde
from tnde.archive.audit import verify_audit
from tnde.archive.errors import AuthError
from tnde.archive.schema import AUDIT
from tnde.cli.main import archive_main, main

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.archive import ArchiveFolder, InitResult

CODE = re.compile(r"^  ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$", re.M)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["archive", "user", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_enrol_prints_a_code_that_works_once(
    opened: ArchiveFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(capsys, "enrol", str(opened.folder), NIP)
    assert (status, err) == (0, "")
    assert "kode pendaftaran untuk Dr. Ir. Hendra Wijaya Kusuma, M.Si." in out
    assert "hanya sekali" in out
    found = CODE.search(out)
    assert found is not None
    auth = auth_service(opened, FakeClock(dt.datetime.now(dt.UTC)))  # the command's clock
    grant = auth.sign_in_with_code(NIP, found.group(1), PASSWORD, DEVICE, "Laptop")
    assert grant.nip == NIP
    with pytest.raises(AuthError):
        auth.sign_in_with_code(NIP, found.group(1), PASSWORD, DEVICE, "Laptop")
    with opened.database.read() as conn:
        actor = conn.execute(sa.select(AUDIT.c.actor).where(AUDIT.c.seq == 1)).scalar_one()
    assert actor.startswith("admin")


def test_disable_enable_list_and_revoke(
    opened: ArchiveFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(opened.folder)
    assert _run(capsys, "list", folder)[1].startswith("belum ada akun")
    _run(capsys, "enrol", folder, NIP)
    _run(capsys, "enrol", folder, OTHER_NIP)
    out = _run(capsys, "enrol", folder, NIP)[1]
    code = CODE.search(out)
    assert code is not None
    auth = auth_service(opened, FakeClock(dt.datetime.now(dt.UTC)))
    auth.sign_in_with_code(NIP, code.group(1), PASSWORD, DEVICE, "Laptop Sekretariat")

    status, out, _err = _run(capsys, "disable", folder, NIP)
    assert status == 0
    assert "dinonaktifkan" in out
    assert "sudah nonaktif" in _run(capsys, "disable", folder, NIP)[1]
    status, out, _err = _run(capsys, "list", folder, "--json")
    listed = json.loads(out)
    assert [(a["nip"], a["state"]) for a in listed] == [
        (NIP, "disabled"),
        (OTHER_NIP, "enrolment_pending"),
    ]
    assert listed[0]["devices"][0]["device_id"] == DEVICE
    assert "aktif kembali" in _run(capsys, "enable", folder, NIP)[1]

    out = _run(capsys, "list", folder)[1]
    assert f"{NIP}  aktif  Dr. Ir. Hendra" in out
    assert f"    {DEVICE}  Laptop Sekretariat  terakhir terlihat " in out

    status, out, _err = _run(capsys, "revoke-device", folder, DEVICE.upper())
    assert status == 0
    assert DEVICE in out
    assert "(dicabut " in _run(capsys, "list", folder)[1]
    with opened.database.read() as conn:
        assert verify_audit(conn) is None
        actions = conn.execute(sa.select(AUDIT.c.action).order_by(AUDIT.c.seq)).scalars().all()
    assert actions == [
        "account.enrolled",
        "account.enrolled",
        "account.enrolled",
        "device.registered",
        "account.password_set",
        "account.disabled",
        "account.enabled",
        "device.revoked",
    ]


def test_admin_grants_and_takes_back_the_view_of_the_linked_desks(
    opened: ArchiveFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(opened.folder)
    status, out, err = _run(capsys, "admin", folder, NIP)
    assert (status, out) == (1, "")
    assert "belum memiliki akun" in err
    _run(capsys, "enrol", folder, NIP)
    _run(capsys, "enrol", folder, OTHER_NIP)

    status, out, err = _run(capsys, "admin", folder, NIP)
    assert (status, err) == (0, "")
    assert "sekarang administrator" in out
    assert "sudah administrator" in _run(capsys, "admin", folder, NIP)[1]
    listed = json.loads(_run(capsys, "list", folder, "--json")[1])
    assert [(a["nip"], a["admin"]) for a in listed] == [(NIP, True), (OTHER_NIP, False)]
    lines = _run(capsys, "list", folder)[1].splitlines()
    assert [line.endswith("  [administrator]") for line in lines] == [True, False]

    status, out, _err = _run(capsys, "admin", folder, NIP, "--remove")
    assert status == 0
    assert "bukan lagi administrator" in out
    assert "memang bukan administrator" in _run(capsys, "admin", folder, NIP, "--remove")[1]
    listed = json.loads(_run(capsys, "list", folder, "--json")[1])
    assert [a["admin"] for a in listed] == [False, False]
    with opened.database.read() as conn:
        assert verify_audit(conn) is None
        actions = conn.execute(sa.select(AUDIT.c.action).order_by(AUDIT.c.seq)).scalars().all()
    assert actions[-2:] == ["account.admin_granted", "account.admin_removed"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("enrol", "{folder}", "199001012020011001"), "bagan organisasi"),
        (("enrol", "{folder}", "12345"), "18 angka"),
        (("disable", "{folder}", OTHER_NIP), "belum memiliki akun"),
        (("revoke-device", "{folder}", "bukan-uuid"), "UUID"),
        (("revoke-device", "{folder}", "0190f0c2-7d1e-7000-8000-00000000ffff"), "belum pernah"),
        (("list", "{folder}/tidak-ada"), "bukan folder arsip"),
    ],
)
def test_refusals_are_plain_sentences(
    opened: ArchiveFolder,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    words: str,
) -> None:
    filled = [a.replace("{folder}", str(opened.folder)) for a in args]
    status, out, err = _run(capsys, *filled)
    assert status == 1
    assert out == ""
    assert words in err
    assert "Traceback" not in err
    with opened.database.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(AUDIT)).scalar() == 0


def test_the_database_option_and_the_tnde_archive_command(
    opened: ArchiveFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    url = opened.database.url.render_as_string(hide_password=False)
    assert archive_main(["user", "enrol", str(opened.folder), NIP, "--database", url]) == 0
    assert CODE.search(capsys.readouterr().out)
    assert archive_main(["--lang", "en", "user", "list", str(opened.folder)]) == 0
    assert "waiting for enrolment until" in capsys.readouterr().out


@pytest.mark.slow
def test_the_user_commands_run_as_a_process(made: InitResult, archive_dir: Path) -> None:
    proc = tnde("archive", "user", "enrol", archive_dir, NIP)
    assert proc.returncode == 0, proc.stderr
    assert CODE.search(proc.stdout)
    listed = tnde("archive", "user", "list", archive_dir, "--json")
    assert json.loads(listed.stdout)[0]["state"] == "enrolment_pending"
