"""What the verification page's tests share: real letters of a demo desk, and a client.

:func:`desk_letters` takes the letters of the session's demo workspace (made, numbered and
signed by the desk's own code with its DEMO certificates), plus one file the letters' signer
never signed: the numbered copy of another letter signed by a Kepala Bidang.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography.x509.oid import NameOID

from tests.archive.asgiclient import asgi_client
from tests.archive.letterrows import DeskLetter, desk_letter, put_letter
from tests.demoworkspace import p12_of
from tnde.archive import create_app
from tnde.archive.service import Limits
from tnde.archive.trust import add_trust_root
from tnde.archive.verification_page import VerificationSettings, settings_for
from tnde.pki.demo import DEMO_PASSPHRASE
from tnde.pki.workspace_demo import demo_folder
from tnde.signing.devices import Pkcs12Device
from tnde.workflow.letters import Letters
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.archive.asgiclient import AsgiClient
    from tnde.archive import ArchiveFolder

__all__ = ["PAGE_LIMIT", "Desk", "desk_letters", "page_client", "put_desk", "trust_demo_root"]

PAGE_LIMIT = 1024 * 1024
"""The blob (and upload) limit of the tests' archive: a signed letter is ~130 KB."""

NOW = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Desk:
    """The demo desk's letters, by the state they were left in."""

    signed: DeskLetter
    """Signed (``ditandatangani``), sifat Biasa."""
    sent: DeskLetter
    """Signed and sent (``dikirim``)."""
    filed: DeskLetter
    """Signed, sent and filed with its B-LTA archive copy (``diarsipkan``)."""
    numbered: DeskLetter
    """Numbered, waiting for its signature (``dinomori``)."""
    draft: DeskLetter
    """A konsep."""
    cancelled: DeskLetter
    """Cancelled before it was signed (``dibatalkan``)."""
    foreign: bytes
    """The numbered letter signed by someone who signs none of these letters."""
    foreign_signer: str
    root: bytes
    """The demo PKI's root certificate (PEM)."""


def desk_letters(template: Path, scratch: Path) -> Desk:
    """The letters of a copy (in ``scratch``) of the demo workspace ``template``."""
    copy = scratch / "ruang kerja demo – é"
    shutil.copytree(template, copy)
    ws = Workspace.open(copy)
    try:
        letters = Letters(ws)
        ids = [str(r[0]) for r in ws.thread_connection().execute("SELECT letter_id FROM letter")]
        by_state = {letters.get(i).status.value: i for i in ids}
        numbered = desk_letter(ws, by_state["dinomori"])
        signed = desk_letter(ws, by_state["ditandatangani"])
        kabid = next(s.decided_by for s in signed.state.route if s.kind != "tandatangan")
        foreign, name = _signed_by(ws, ws.blobs.get(numbered.state.final_blob), kabid)
        return Desk(
            signed=signed,
            sent=desk_letter(ws, by_state["dikirim"]),
            filed=desk_letter(ws, by_state["diarsipkan"]),
            numbered=numbered,
            draft=desk_letter(ws, by_state["konsep"]),
            cancelled=desk_letter(ws, by_state["dibatalkan"]),
            foreign=foreign,
            foreign_signer=name,
            root=(demo_folder(ws.path) / "root.pem").read_bytes(),
        )
    finally:
        ws.close()


def _signed_by(ws: Workspace, pdf: bytes, nip: str) -> tuple[bytes, str]:
    """``pdf`` signed (PAdES B-B, in a new field) with the DEMO certificate of ``nip``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    session = Pkcs12Device(p12_of(ws, nip)).open(DEMO_PASSPHRASE)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name="TTE-penandatangan")
    signed = signers.sign_pdf(writer, meta, signer=session.signer).getvalue()
    (common_name,) = session.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return signed, str(common_name.value)


def put_desk(archive: ArchiveFolder, desk: Desk) -> None:
    """Every letter of ``desk`` into ``archive``."""
    for letter in (
        desk.signed,
        desk.sent,
        desk.filed,
        desk.numbered,
        desk.draft,
        desk.cancelled,
    ):
        put_letter(archive, letter)


def trust_demo_root(archive: ArchiveFolder, desk: Desk) -> None:
    """Trust the demo PKI's root, as the admin of the demo archive does."""
    add_trust_root(archive, desk.root, actor="admin:uji", at=NOW)


@contextlib.contextmanager
def page_client(archive: ArchiveFolder, **settings: object) -> Iterator[AsgiClient]:
    """The archive's application with the page's settings of ``archive`` (its office and its
    trust store) changed by ``settings``, and a blob limit of :data:`PAGE_LIMIT`."""
    base = settings_for(archive)
    chosen = VerificationSettings(
        office=base.office,
        trust=base.trust,
        **settings,  # type: ignore[arg-type]
    )
    app = create_app(
        archive.database, archive.blobs, Limits(blob_max_bytes=PAGE_LIMIT), verification=chosen
    )
    with asgi_client(app) as client:
        yield client
