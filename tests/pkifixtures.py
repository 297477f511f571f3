"""A TNDE DEMO PKI and its loopback responders for tests (PKI, signing, verification).

RSA 3072 key generation is slow, so one DEMO PKI with three officials is built per test
session and served by one :class:`PkiServer` on the port its certificates name. Every test can
ask for these fixtures (``pytest_plugins`` in ``tests/conftest.py``):

- ``demo_pki_session``: the session's :class:`DemoPki` — read-only (never revoke or issue on it).
- ``pki_server``: the running :class:`PkiServer` (``.tsa_url``, ``.ocsp_url``, ``.url``); the
  certificates' AIA/CRL URLs point at it, so pyHanko fetches OCSP and CRLs from it.
- ``demo_pki``: a private copy for one test, served by ``pki_server`` during that test; revoke
  or issue on it freely, the HTTP answers follow.

Plain helpers: :data:`OFFICIALS` (the three officials, NIP → :class:`DemoOfficial`),
:func:`copy_demo_pki`, :func:`small_pdf`, :func:`build_demo_pki`. The officials are real
pegawai of the shipped demo org chart (:func:`tnde.pki.demo_officials`, with
:func:`tnde.pki.demo_nik` NIKs), so a workspace made from that chart matches them once
``nik_ref`` is set.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from typing import TYPE_CHECKING

import pytest

from tnde.org import demo_org_path, read_org_toml
from tnde.pki import (
    DEMO_PASSPHRASE,
    DemoOfficial,
    DemoPki,
    PkiServer,
    demo_officials,
    free_port,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = [
    "KABID_IKP",
    "KADIS",
    "OFFICIALS",
    "STAF",
    "build_demo_pki",
    "copy_demo_pki",
    "demo_pki",
    "demo_pki_session",
    "pki_server",
    "small_pdf",
]

KADIS = "196708271994031001"
"""NIP of Dr. Budi Santoso, S.Kom., M.T., Kepala Dinas (the demo's signer)."""
KABID_IKP = "197803142003122002"
"""NIP of Siti Rahmawati, S.Sos., M.I.Kom., Kepala Bidang IKP and Plt. Sekretaris Dinas (a
woman: her NIK's day of birth is + 40)."""
STAF = "199603292022031003"
"""NIP of Wahyu Hidayat, S.Stat., Analis Data Statistik."""
ON = dt.date(2026, 11, 20)
"""The day whose holders name the jabatan in the certificates."""


def _officials() -> dict[str, DemoOfficial]:
    chart = read_org_toml(demo_org_path())
    found = {o.nip: o for _, o in demo_officials(chart, ON)}
    return {nip: found[nip] for nip in (KADIS, KABID_IKP, STAF)}


OFFICIALS: dict[str, DemoOfficial] = _officials()
"""The session PKI's officials by NIP; every ``.p12`` opens with ``DEMO_PASSPHRASE``."""


def build_demo_pki(folder: Path, *, port: int | None = None) -> DemoPki:
    """A new DEMO PKI with :data:`OFFICIALS` in ``folder`` (about 2 s)."""
    return DemoPki.create(
        folder, list(OFFICIALS.values()), passphrase=DEMO_PASSPHRASE, port=port or free_port()
    )


def copy_demo_pki(pki: DemoPki, folder: Path) -> DemoPki:
    """A copy of ``pki`` in ``folder`` (same keys, certificates and port), to mutate."""
    shutil.copytree(pki.folder, folder)
    return DemoPki.open(folder)


def small_pdf(text: str = "Naskah dinas DEMO untuk uji tanda tangan") -> bytes:
    """A one-page PDF made with reportlab."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    page = canvas.Canvas(buf)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buf.getvalue()


# One PKI and one server per process, however many conftest files import the fixtures
# (each import makes its own session fixture definition).
_shared: dict[str, object] = {}
_server_users: list[int] = []


@pytest.fixture(scope="session")
def demo_pki_session(tmp_path_factory: pytest.TempPathFactory) -> DemoPki:
    """The session's DEMO PKI (read-only: copy it with ``demo_pki`` to revoke or issue)."""
    pki = _shared.get("pki")
    if not isinstance(pki, DemoPki):
        pki = build_demo_pki(tmp_path_factory.mktemp("pki sesi – é") / "demo")
        _shared["pki"] = pki
    return pki


@pytest.fixture(scope="session")
def pki_server(demo_pki_session: DemoPki) -> Iterator[PkiServer]:
    """The running loopback TSA/OCSP/CRL server of the session PKI."""
    server = _shared.get("server")
    if not isinstance(server, PkiServer):
        server = PkiServer(demo_pki_session).start()
        _shared["server"] = server
    _server_users.append(1)
    yield server
    _server_users.pop()
    if not _server_users:
        server.stop()
        del _shared["server"]


@pytest.fixture
def demo_pki(demo_pki_session: DemoPki, pki_server: PkiServer, tmp_path: Path) -> Iterator[DemoPki]:
    """A private copy of the session PKI, served by ``pki_server`` for this test."""
    pki = copy_demo_pki(demo_pki_session, tmp_path / "pki salinan – é")
    previous = pki_server.pki
    pki_server.pki = pki
    try:
        yield pki
    finally:
        pki_server.pki = previous
