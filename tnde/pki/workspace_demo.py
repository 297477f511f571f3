"""Giving a workspace a DEMO PKI: certificates for its officials, trusted on its own.

:func:`init_demo_pki` is what ``tnde pki demo-init`` and ``tnde demo`` run. It reads who holds
a jabatan today from the org chart, invents a NIK for each of them (:func:`demo_nik`, fictional
province code 99), issues their certificates under ``<workspace>/pki/demo/``, records the
NIK references in the org chart (through :func:`tnde.org.replace_org`, so the change is
audited like any org chart change) and trusts the DEMO root in the workspace's trust store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import random
import shutil
import socket
from dataclasses import replace
from typing import TYPE_CHECKING

from tnde.errors import PkiError
from tnde.messages import _
from tnde.org import acting_for, load_org, replace_org
from tnde.pki.demo import DEMO_PASSPHRASE, DemoOfficial, DemoPki
from tnde.pki.identity import certificate_pem, fingerprint, nik_ref
from tnde.pki.trust import TrustStore
from tnde.workspace.audit import audit_append

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.org import OrgChart, Pegawai
    from tnde.workspace import Workspace

__all__ = [
    "DEMO_FOOTER_ISSUER",
    "demo_folder",
    "demo_nik",
    "demo_officials",
    "free_port",
    "init_demo_pki",
]

log = logging.getLogger(__name__)

DEMO_FOOTER_ISSUER = "TNDE DEMO CA (sertifikat uji, bukan PSrE)"
"""How the letter footer names the issuer of DEMO certificates."""
_FICTIONAL_REGION = "997101"
"""Province 99 does not exist, so a demo NIK can never be a real person's."""


def demo_folder(workspace: Path) -> Path:
    """Where a workspace keeps its DEMO PKI: ``<workspace>/pki/demo``."""
    return workspace / "pki" / "demo"


def demo_nik(nip: str) -> str:
    """A fictional but well-formed 16-digit NIK for the pegawai with ``nip``, always the same.

    Region ``997101`` (no such province), the birth date from the NIP (day + 40 for women, as
    on a real NIK) and four digits from a hash of the NIP. A NIP of another shape gets hash
    digits for the date part.
    """
    digest = int(hashlib.sha256(nip.encode("utf-8")).hexdigest(), 16)
    serial = f"{digest % 9999 + 1:04d}"
    if len(nip) == 18 and nip.isascii() and nip.isdigit():
        year, month, day = nip[2:4], int(nip[4:6]), int(nip[6:8])
        if 1 <= month <= 12 and 1 <= day <= 31:
            day += 40 if nip[14] == "2" else 0
            return f"{_FICTIONAL_REGION}{day:02d}{month:02d}{year}{serial}"
    return f"{_FICTIONAL_REGION}{(digest >> 20) % 1_000_000:06d}{serial}"


def demo_officials(chart: OrgChart, on: dt.date) -> list[tuple[Pegawai, DemoOfficial]]:
    """Every pegawai who holds a jabatan on ``on``, as a :class:`DemoOfficial`.

    The certificate names their definitive jabatan when they have one (an acting duty is not
    a title; someone who only acts gets it with the form, "Pj. Gubernur …"), the unit of that
    jabatan, and the top unit of the chart as the institution.
    """

    found: list[tuple[Pegawai, DemoOfficial]] = []
    for pegawai in chart.pegawai:
        holdings = acting_for(chart, pegawai.nip, on)
        if not holdings:
            continue
        holding = holdings[0]  # definitive holdings sort first
        jabatan = chart.get_jabatan(holding.jabatan_id)
        title = f"{holding.bentuk} {jabatan.nama}" if holding.acting else jabatan.nama
        unit = chart.unit(jabatan.unit_id)
        top = unit
        seen = {top.unit_id}
        while top.parent_id is not None and top.parent_id not in seen:
            seen.add(top.parent_id)
            top = chart.unit(top.parent_id)
        official = DemoOfficial(
            nama=pegawai.nama,
            nip=pegawai.nip,
            nik=demo_nik(pegawai.nip),
            jabatan=title,
            unit=unit.nama,
            organisasi=f"{top.nama} (DEMO)",
        )
        found.append((pegawai, official))
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


DEMO_PORTS = range(20000, 32000, 2)
"""Where a demo workspace's loopback services live (the PKI responders on an even port, the
"BSrE (simulasi)" on the next): below the ports Linux (32768 and up) and Windows (49152 and
up) hand out to programs that ask for any port, so no such program takes them later."""


def free_demo_port(host: str = "127.0.0.1") -> int:
    """A port of :data:`DEMO_PORTS` free now, with the one after it free too."""
    for port in random.sample(DEMO_PORTS, 64):
        if _bindable(host, port) and _bindable(host, port + 1):
            return port
    return free_port(host)  # a crowded machine: any free port will do


def _bindable(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def init_demo_pki(
    ws: Workspace,
    *,
    now: dt.datetime | None = None,
    actor: str = "demo",
    replace_existing: bool = False,
    port: int | None = None,
    on_demand: bool = False,
) -> DemoPki:
    """Create the DEMO PKI of ``ws`` for the officials of its org chart.

    Pegawai whose ``nik_ref`` is already set to something else (a real NIK) are left out:
    their certificate could not match them, and their reference is not ours to overwrite.

    Args:
        ws: an open workspace with an org chart.
        now: the moment of issue (default now); holders are taken on its date.
        actor: who is recorded in the audit log.
        replace_existing: delete an existing DEMO PKI of this workspace (and stop trusting its
            root) instead of refusing.
        port: loopback port for the services (default: a free one).
        on_demand: enrol the officials and make each one's key when it is first asked for
            (:meth:`DemoPki.p12_path`) instead of all of them now; the demo workspace does,
            so it is ready in a few seconds.

    Raises:
        PkiError: ``BAD_VALUE`` when ``ws`` is not a demo workspace.

        PkiError: ``EXISTS`` when the workspace has a DEMO PKI and ``replace_existing`` is
            false; ``NOT_FOUND`` when the org chart has nobody holding a jabatan.
        WorkspaceError: ``READ_ONLY`` when the workspace may not be written.
    """

    ws.require_writable()  # before any key or certificate file is made
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    folder = demo_folder(ws.path)
    if not ws.config.demo:
        # the demo root is never trusted outside demo workspaces.
        raise PkiError(
            PkiError.BAD_VALUE,
            _(
                "a DEMO PKI is only for a demo workspace (make one with: tnde demo, or "
                "tnde --workspace FOLDER workspace init --demo); an office workspace uses "
                "certificates from a PSrE"
            ),
            path=str(ws.path),
        )
    trust = TrustStore.for_workspace(ws.path)
    if folder.exists() and any(folder.iterdir()):
        if not replace_existing:
            raise PkiError(
                PkiError.EXISTS,
                _("this workspace already has a DEMO PKI; use --replace to make it again"),
                path=str(folder),
            )
        _forget_demo(folder, trust)
    chart = load_org(ws.thread_connection())
    on = now.date() if now is not None else dt.date.today()
    pairs = [
        (p, o) for p, o in demo_officials(chart, on) if not p.nik_ref or p.nik_ref == nik_ref(o.nik)
    ]
    if not pairs:
        raise PkiError(
            PkiError.NOT_FOUND,
            _(
                "the org chart has no official holding a jabatan on {date}; import one first "
                "with: tnde org import FILE",
                date=on.isoformat(),
            ),
            path=str(ws.path),
        )
    pki = DemoPki.create(
        folder,
        [o for _, o in pairs],
        passphrase=DEMO_PASSPHRASE,
        port=port or free_demo_port(),
        now=moment,
        on_demand=on_demand,
    )
    try:
        refs = {p.nip: nik_ref(o.nik) for p, o in pairs}
        changed = tuple(replace(p, nik_ref=refs.get(p.nip, p.nik_ref)) for p in chart.pegawai)
        new_chart = replace(chart, pegawai=changed)
        with ws.transaction() as conn:
            if changed != chart.pegawai:
                replace_org(conn, new_chart, actor=actor)
            audit_append(
                conn,
                actor=actor,
                action="pki.demo_init",
                object=fingerprint(pki.root),
                details={"officials": len(pairs), "port": pki.port, "folder": "pki/demo"},
            )
        trust.add_root(
            certificate_pem(pki.root),
            label="TNDE DEMO Root CA",
            footer_issuer=DEMO_FOOTER_ISSUER,
            demo=True,
            demo_workspace=True,
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    log.info("DEMO PKI for %d officials of %s on port %d", len(pairs), ws.path, pki.port)
    return pki


def _forget_demo(folder: Path, trust: TrustStore) -> None:
    """Remove an old DEMO PKI and the trust in its root."""
    old_root = folder / "root.pem"
    if old_root.is_file():
        from cryptography import x509

        try:
            fp = fingerprint(x509.load_pem_x509_certificate(old_root.read_bytes()))
        except ValueError:
            fp = ""
        if fp and any(r.fingerprint == fp for r in trust.list()):
            trust.remove(fp)
    shutil.rmtree(folder)
