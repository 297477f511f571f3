"""Blobs: named by SHA-256, durable before their row, verified on every read."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pytest

from tests.workspace.workspace_support import AT
from tnde.errors import BlobError, ValidationError

if TYPE_CHECKING:
    from tnde.workspace import Workspace

PDF = b"%PDF-1.7\n% naskah dinas \xe2\x80\x93 uji\n%%EOF\n"
SHA = hashlib.sha256(PDF).hexdigest()


def test_put_stores_the_file_under_its_hash_and_records_it(ws: Workspace) -> None:
    with ws.transaction() as conn:
        assert ws.blobs.put(PDF, "application/pdf", conn, at=AT) == SHA
    assert ws.blobs.path(SHA) == ws.path / "blobs" / SHA[:2] / SHA
    assert ws.blobs.has(SHA)
    assert ws.blobs.get(SHA) == PDF
    row = ws.connect().execute("SELECT * FROM blob").fetchone()
    assert tuple(row) == (SHA, len(PDF), "application/pdf", AT)
    assert [p.name for p in ws.blobs.path(SHA).parent.iterdir()] == [SHA]  # no temp file left


def test_put_is_idempotent(ws: Workspace) -> None:
    for _ in range(2):
        with ws.transaction() as conn:
            ws.blobs.put(PDF, "application/pdf", conn)
    assert ws.connect().execute("SELECT count(*) FROM blob").fetchone()[0] == 1


def test_a_rolled_back_put_leaves_only_an_orphan_file(ws: Workspace) -> None:
    def store_then_fail() -> None:
        with ws.transaction() as conn:
            ws.blobs.put(PDF, "application/pdf", conn)
            raise RuntimeError("gagal sesudah menyimpan berkas")

    with pytest.raises(RuntimeError):
        store_then_fail()
    assert ws.connect().execute("SELECT count(*) FROM blob").fetchone()[0] == 0
    assert ws.blobs.has(SHA)  # harmless: the next put reuses it, check reports it as a warning


def test_put_repairs_a_damaged_file(ws: Workspace) -> None:
    with ws.transaction() as conn:
        ws.blobs.put(PDF, "application/pdf", conn)
    ws.blobs.path(SHA).write_bytes(b"rusak")
    with ws.transaction() as conn:
        ws.blobs.put(PDF, "application/pdf", conn)
    assert ws.blobs.get(SHA) == PDF


def test_get_names_a_missing_blob(ws: Workspace) -> None:
    with pytest.raises(BlobError) as caught:
        ws.blobs.get(SHA)
    assert caught.value.kind == BlobError.MISSING
    assert caught.value.sha256 == SHA
    assert SHA in str(caught.value)


def test_get_names_a_corrupt_blob(ws: Workspace) -> None:
    with ws.transaction() as conn:
        ws.blobs.put(PDF, "application/pdf", conn)
    ws.blobs.path(SHA).write_bytes(PDF.replace(b"uji", b"UJI"))
    with pytest.raises(BlobError) as caught:
        ws.blobs.get(SHA)
    assert caught.value.kind == BlobError.CORRUPT
    assert SHA in str(caught.value)
    verified = ws.blobs.verify(SHA)
    assert verified is not None
    assert verified.kind == BlobError.CORRUPT


def test_a_malformed_hash_is_refused(ws: Workspace) -> None:
    with pytest.raises(ValidationError):
        ws.blobs.path("../../workspace.sqlite")
    with pytest.raises(ValidationError):
        ws.blobs.get(SHA.upper())


def test_a_blob_needs_a_media_type(ws: Workspace) -> None:
    with pytest.raises(ValidationError), ws.transaction() as conn:
        ws.blobs.put(PDF, " ", conn)
