"""The archive's HTTP interface, called in-process: hello and the blobs, on both databases."""

from __future__ import annotations

import base64
import datetime as dt
import errno
import hashlib
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa

from tests.archive.conftest import TEST_LIMIT
from tnde import __version__
from tnde.archive.blobs import FilesystemBlobWriter
from tnde.archive.schema import BLOB

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.archive.asgiclient import AsgiClient
    from tnde.archive import ArchiveFolder

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
PDF_SHA = hashlib.sha256(PDF).hexdigest()


def _leftovers(archive: ArchiveFolder) -> list[str]:
    """Every file in the blob store's folders (stored blobs and uploads in progress)."""
    return sorted(
        str(p.relative_to(archive.blobs.root)) for p in archive.blobs.root.rglob("*") if p.is_file()
    )


def _rows(archive: ArchiveFolder) -> int:
    with archive.database.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(BLOB)).scalar_one())


def test_hello_says_who_the_archive_is(client: AsgiClient, opened: ArchiveFolder) -> None:
    before = dt.datetime.now(dt.UTC)
    answer = client.get("/v1/hello")
    assert answer.status_code == 200
    body = answer.json()
    assert body["archive_id"] == opened.config.archive_id == opened.identity.archive_id
    assert body["epoch"] == 1
    assert body["backup_watermark"] == 0
    assert body["profile"] == "diskominfo-nusantara-raya"
    assert body["version"] == __version__
    assert body["api_version"] == 1
    assert body["limits"] == {"blob_max_bytes": TEST_LIMIT}
    server_time = dt.datetime.fromisoformat(body["server_time"].replace("Z", "+00:00"))
    assert before - dt.timedelta(seconds=1) <= server_time <= dt.datetime.now(dt.UTC)


def test_a_blob_is_stored_then_found_then_not_taken_twice(
    client: AsgiClient, opened: ArchiveFolder
) -> None:
    assert client.head(f"/v1/blobs/{PDF_SHA}").status_code == 404

    stored = client.put(
        f"/v1/blobs/{PDF_SHA}", content=PDF, headers={"content-type": "application/pdf"}
    )
    assert stored.status_code == 201, stored.text
    assert stored.json() == {"sha256": PDF_SHA, "size": len(PDF), "status": "stored"}
    assert stored.headers["etag"] == f'"{PDF_SHA}"'
    path = opened.blobs.root / "sha256" / PDF_SHA[:2] / PDF_SHA[2:4] / PDF_SHA
    assert path.read_bytes() == PDF
    assert path.stat().st_mode & 0o777 == 0o600
    assert _leftovers(opened) == [str(path.relative_to(opened.blobs.root))]

    head = client.head(f"/v1/blobs/{PDF_SHA}")
    assert head.status_code == 200
    assert head.headers["content-length"] == str(len(PDF))
    assert head.headers["etag"] == f'"{PDF_SHA}"'

    got = client.get(f"/v1/blobs/{PDF_SHA}")
    assert got.status_code == 200
    assert got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["etag"] == f'"{PDF_SHA}"'
    digest = base64.b64encode(hashlib.sha256(PDF).digest()).decode()
    assert got.headers["repr-digest"] == f"sha-256=:{digest}:"

    again = client.put(f"/v1/blobs/{PDF_SHA}", content=PDF)
    assert again.status_code == 200
    assert again.json()["status"] == "exists"
    assert _rows(opened) == 1


def test_a_download_honours_etag_and_ranges(client: AsgiClient) -> None:
    client.put(f"/v1/blobs/{PDF_SHA}", content=PDF)
    cached = client.get(f"/v1/blobs/{PDF_SHA}", headers={"if-none-match": f'"{PDF_SHA}"'})
    assert cached.status_code == 304
    assert cached.content == b""
    part = client.get(f"/v1/blobs/{PDF_SHA}", headers={"range": "bytes=0-7"})
    assert part.status_code == 206
    assert part.content == PDF[:8]


def test_content_that_does_not_match_its_name_is_refused_and_leaves_nothing(
    client: AsgiClient, opened: ArchiveFolder
) -> None:
    wrong = hashlib.sha256(b"another letter").hexdigest()
    answer = client.put(f"/v1/blobs/{wrong}", content=PDF)
    assert answer.status_code == 422
    assert answer.json()["code"] == "digest_mismatch"
    assert PDF_SHA in answer.json()["message"]
    assert _leftovers(opened) == []
    assert _rows(opened) == 0
    assert client.head(f"/v1/blobs/{wrong}").status_code == 404


def _chunks(size: int) -> Iterator[bytes]:
    for _ in range(size // 4096):
        yield b"x" * 4096


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_file_over_the_limit_is_refused_and_leaves_nothing(
    client: AsgiClient, opened: ArchiveFolder, declared: bool
) -> None:
    size = TEST_LIMIT + 4096
    name = hashlib.sha256(b"x" * size).hexdigest()
    body = b"x" * size if declared else _chunks(size)
    answer = client.put(f"/v1/blobs/{name}", content=body)
    assert answer.status_code == 413
    assert answer.json()["code"] == "blob_too_large"
    assert str(TEST_LIMIT) in answer.json()["message"]
    assert _leftovers(opened) == []
    assert _rows(opened) == 0


def test_a_file_at_the_limit_is_taken(client: AsgiClient) -> None:
    body = b"y" * TEST_LIMIT
    answer = client.put(f"/v1/blobs/{hashlib.sha256(body).hexdigest()}", content=body)
    assert answer.status_code == 201


def test_an_unknown_blob_is_not_found(client: AsgiClient) -> None:
    unknown = hashlib.sha256(b"never stored").hexdigest()
    answer = client.get(f"/v1/blobs/{unknown}")
    assert answer.status_code == 404
    assert answer.json() == {
        "code": "blob_not_found",
        "message": "arsip tidak menyimpan berkas ini",
    }
    assert client.head(f"/v1/blobs/{unknown}").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        PDF_SHA.upper(),
        PDF_SHA[:-1],
        PDF_SHA + "0",
        "sha256:" + PDF_SHA,
        "z" * 64,
    ],
    ids=["uppercase", "short", "long", "prefixed", "not-hex"],
)
def test_a_blob_name_that_is_not_a_sha256_is_refused(
    client: AsgiClient, opened: ArchiveFolder, name: str
) -> None:
    for method in ("PUT", "GET"):
        answer = client.request(method, f"/v1/blobs/{name}", content=PDF)
        assert answer.status_code == 422, method
        assert answer.json()["code"] == "bad_blob_name"
    assert client.head(f"/v1/blobs/{name}").status_code == 422
    assert _leftovers(opened) == []


def test_a_media_type_that_is_not_one_is_refused(client: AsgiClient) -> None:
    answer = client.put(f"/v1/blobs/{PDF_SHA}", content=PDF, headers={"content-type": "pdf"})
    assert answer.status_code == 422
    assert answer.json()["code"] == "bad_media_type"


def test_a_row_whose_file_is_gone_is_taken_again(client: AsgiClient, opened: ArchiveFolder) -> None:
    client.put(f"/v1/blobs/{PDF_SHA}", content=PDF)
    path = opened.blobs.root / "sha256" / PDF_SHA[:2] / PDF_SHA[2:4] / PDF_SHA
    path.unlink()
    assert client.head(f"/v1/blobs/{PDF_SHA}").status_code == 404
    assert client.put(f"/v1/blobs/{PDF_SHA}", content=PDF).status_code == 201
    assert path.read_bytes() == PDF
    assert _rows(opened) == 1


def test_every_error_is_json_with_a_code(client: AsgiClient) -> None:
    missing = client.get("/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "message": "arsip tidak memiliki alamat ini"}
    wrong = client.delete(f"/v1/blobs/{PDF_SHA}")
    assert wrong.status_code == 405
    assert wrong.json()["code"] == "method_not_allowed"
    assert client.get("/docs").status_code == 404  # no interactive pages on an archive


def test_a_full_disk_is_named_and_leaves_nothing(
    client: AsgiClient, opened: ArchiveFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_writer: object, _chunk: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FilesystemBlobWriter, "write", full)
    answer = client.put(f"/v1/blobs/{PDF_SHA}", content=PDF)
    assert answer.status_code == 507
    assert answer.json()["code"] == "storage_full"
    assert _leftovers(opened) == []
    assert _rows(opened) == 0
