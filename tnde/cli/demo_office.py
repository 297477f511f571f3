"""``tnde demo --office DIR``: an archive and a workspace for each official of a letter's
route, linked and signed in, so a person can open two windows as two officials and watch a
letter travel between them.

The folder holds ``arsip/`` (the archive, served over plain HTTP on this computer) and one
``meja-<jabatan>/`` per official: the konseptor of the demo office, each superior up to the
Kepala Dinas, and the registry desk. Each desk joins the office as a new computer does
(:func:`tnde.sync.join_office`: the org chart and the profile come from the archive), and the
registry desk's official is an administrator of the archive, so the demo shows which desks
are linked. The officials' passwords are printed: they are DEMO accounts of a DEMO archive on
this computer only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from tnde import archive, sync
from tnde.org import (
    DEMO_KONSEPTOR_JABATAN,
    DEMO_REGISTRY_JABATAN,
    demo_org_path,
    holders,
    read_org,
)
from tnde.secrets import KeyringSecretStore, MemorySecretStore, keyring_usable
from tnde.sync import OfficeDesk
from tnde.workspace import refuse_occupied

if TYPE_CHECKING:
    from tnde.org import OrgChart
    from tnde.secrets import SecretStore

__all__ = ["OfficeDesk", "create_demo_office"]

DEMO_PROFILE = "diskominfo-nusantara-raya"
DEFAULT_PORT = 8470


def office_cast(chart: OrgChart, day: dt.date) -> list[tuple[str, str]]:
    """(jabatan, NIP) of the officials who work a letter of the demo office: the konseptor,
    each superior up to the top, and the registry desk."""
    route = [DEMO_KONSEPTOR_JABATAN]
    route += [j.jabatan_id for j in chart.superior_chain(DEMO_KONSEPTOR_JABATAN)]
    route.append(DEMO_REGISTRY_JABATAN)
    cast = []
    for jabatan_id in route:
        found = holders(chart, jabatan_id, day)
        if found:
            cast.append((jabatan_id, found[0].nip))
    return cast


def create_demo_office(
    folder: Path, *, port: int = DEFAULT_PORT, secrets: SecretStore | None = None
) -> list[OfficeDesk]:
    """Make the demo office in ``folder`` (new or empty).

    The desks' sign-ins go to ``secrets``, by default the OS keyring, or, where there is
    none, nowhere (each desk then signs in with its password, as the desktop app's
    ``--office`` does). ``kantor.json`` lists the desks for the desktop app
    (:mod:`tnde.sync.demo_office_desks`).

    Raises:
        WorkspaceError: the folder is not empty.
        ArchiveError: the archive cannot be served on ``port`` for the sign-ins.
    """
    folder = Path(folder)
    refuse_occupied(folder)
    chart = read_org(demo_org_path())
    day = dt.datetime.now(dt.UTC).date()
    archive.init_archive(folder / "arsip", profile=DEMO_PROFILE, org=demo_org_path())
    if secrets is None:
        secrets = KeyringSecretStore() if keyring_usable() else MemorySecretStore()
    desks = []
    with archive.serve_in_background(folder / "arsip", port) as url:
        for jabatan_id, nip in office_cast(chart, day):
            path = folder / f"meja-{jabatan_id.lower().replace('_', '-')}"
            admin = jabatan_id == DEMO_REGISTRY_JABATAN
            opened = archive.open_archive(folder / "arsip")
            try:
                with opened.database.write() as conn:
                    at = dt.datetime.now(dt.UTC)
                    code = archive.enrol_account(conn, nip, at=at, actor="demo").code
                    if admin:
                        archive.set_admin(conn, nip, admin=True, at=at, actor="demo")
            finally:
                opened.close()
            password = f"demo-{nip[-6:]}-arsip"
            secret = f"{code}|{password}"
            sync.join_office(path, url, nip=nip, secret=secret, secrets=secrets).close()
            pegawai = chart.get_pegawai(nip)
            jabatan = chart.get_jabatan(jabatan_id).nama
            desks.append(OfficeDesk(jabatan_id, nip, pegawai.nama, password, path, admin, jabatan))
        sync.write_demo_office(sync.DemoOffice(folder, url, port, tuple(desks)))
    return desks
