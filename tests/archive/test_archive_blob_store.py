"""The filesystem blob store: ``sha256/ab/cd/<hex>``, nothing half-written under a final name."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pytest

from tnde.archive import ArchiveError, FilesystemBlobStore
from tnde.archive.blobs import store_stream

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

DATA = b"surat dinas " * 10_000
NAME = hashlib.sha256(DATA).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> FilesystemBlobStore:
    blobs = FilesystemBlobStore(tmp_path / "berkas – é")
    blobs.create()
    return blobs


def _files(store: FilesystemBlobStore) -> list[Path]:
    return sorted(p for p in store.root.rglob("*") if p.is_file())


def _pieces(data: bytes, size: int = 4096) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_a_blob_lands_under_two_levels_of_its_hash(store: FilesystemBlobStore) -> None:
    size = store_stream(store, NAME, _pieces(DATA), max_bytes=len(DATA))
    assert size == len(DATA)
    path = store.root / "sha256" / NAME[:2] / NAME[2:4] / NAME
    assert path == store.path(NAME) == store.local_path(NAME)
    assert _files(store) == [path]
    assert path.read_bytes() == DATA
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert store.exists(NAME)
    assert store.size(NAME) == len(DATA)
    with store.open(NAME) as handle:
        assert handle.read() == DATA


def test_storing_the_same_bytes_again_changes_nothing(store: FilesystemBlobStore) -> None:
    store_stream(store, NAME, [DATA], max_bytes=len(DATA))
    store_stream(store, NAME, _pieces(DATA, 999), max_bytes=len(DATA))
    assert _files(store) == [store.path(NAME)]


def test_a_wrong_digest_leaves_nothing(store: FilesystemBlobStore) -> None:
    wrong = hashlib.sha256(b"other").hexdigest()
    with pytest.raises(ArchiveError) as caught:
        store_stream(store, wrong, _pieces(DATA), max_bytes=len(DATA))
    assert caught.value.code == ArchiveError.DIGEST_MISMATCH
    assert NAME in caught.value.detail
    assert _files(store) == []
    assert not store.exists(wrong)


def test_too_many_bytes_stop_the_upload_and_leave_nothing(store: FilesystemBlobStore) -> None:
    written: list[int] = []

    def counted() -> Iterator[bytes]:
        for piece in _pieces(DATA):
            written.append(len(piece))
            yield piece

    with pytest.raises(ArchiveError) as caught:
        store_stream(store, NAME, counted(), max_bytes=len(DATA) - 1)
    assert caught.value.code == ArchiveError.BLOB_TOO_LARGE
    assert sum(written) == len(DATA)  # it stopped at the piece that went over, not before
    assert _files(store) == []


def test_an_upload_that_breaks_off_leaves_nothing(store: FilesystemBlobStore) -> None:
    def broken() -> Iterator[bytes]:
        yield DATA[:4096]
        raise ConnectionResetError("the desk went away")

    with pytest.raises(ConnectionResetError):
        store_stream(store, NAME, broken(), max_bytes=len(DATA))
    assert _files(store) == []


def test_a_name_that_is_not_a_sha256_is_refused(store: FilesystemBlobStore) -> None:
    for bad in (NAME.upper(), NAME[:10], "../" + NAME[3:], ""):
        with pytest.raises(ArchiveError) as caught:
            store.path(bad)
        assert caught.value.code == ArchiveError.BAD_BLOB_NAME
