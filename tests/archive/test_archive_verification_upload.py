"""The upload check of the verification page (``POST /verifikasi/{id}``), on SQLite and
PostgreSQL: the archived file, its archive copy, a file changed after signing, another
letter, a file signed by someone else, files that are no PDF or hostile, sizes, the time
limit, and what a restricted letter answers."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import threading
import time
import zlib
from typing import TYPE_CHECKING

import pytest

from tests.archive.letterrows import put_letter
from tests.archive.verificationkit import (
    PAGE_LIMIT,
    Desk,
    desk_letters,
    page_client,
    put_desk,
    trust_demo_root,
)
from tests.verify.hostile import append_revision
from tnde.verify import verify_pdf

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path
    from typing import Any

    import httpx

    from tests.archive.asgiclient import AsgiClient
    from tnde.archive import ArchiveFolder
    from tnde.archive.trust import TrustRoots
    from tnde.verify import FileReport

JSON = {"accept": "application/json"}


@pytest.fixture(scope="module")
def desk(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Desk:
    return desk_letters(demo_template, tmp_path_factory.mktemp("meja unggah"))


@pytest.fixture
def archive(opened: ArchiveFolder, desk: Desk) -> ArchiveFolder:
    """The archive with every demo letter, trusting the demo PKI's root."""
    put_desk(opened, desk)
    trust_demo_root(opened, desk)
    return opened


@pytest.fixture
def page(archive: ArchiveFolder) -> Iterator[AsgiClient]:
    with page_client(archive) as client:
        yield client


def _upload(
    client: AsgiClient, letter_id: str, data: bytes, *, as_json: bool = False
) -> httpx.Response:
    """The file as the page's form sends it."""
    return client.request(
        "POST",
        f"/verifikasi/{letter_id}",
        files={"berkas": ("surat yang diterima.pdf", data, "application/pdf")},
        headers=JSON if as_json else {},
    )


def test_the_archived_file_is_identical_and_valid(page: AsgiClient, desk: Desk) -> None:
    pdf = desk.signed.pdf
    assert pdf is not None
    answer = _upload(page, desk.signed.letter_id, pdf)
    assert answer.status_code == 200
    assert "Sama persis dengan naskah yang diarsipkan" in answer.text
    assert "SAH" in answer.text
    assert "cap waktu tepercaya" in answer.text
    assert "DEMO" in answer.text  # signed with a practice certificate, and said so
    assert answer.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in answer.headers["content-security-policy"]

    body = _upload(page, desk.signed.letter_id, pdf, as_json=True).json()
    assert body["match"] == "identical"
    assert body["matches_archive"] is True
    assert body["sha256"] == body["archived_sha256"] == desk.signed.state.final_blob
    assert body["message"] == "Sama persis dengan naskah yang diarsipkan"
    verification = body["verification"]
    assert verification["verdict"] == "VALID"
    (signature,) = verification["signatures"]
    assert signature["letter_signer"] is True
    assert signature["time_proven"] is True
    assert signature["demo"] is True


def test_the_raw_body_is_taken_as_the_file(page: AsgiClient, desk: Desk) -> None:
    answer = page.request(
        "POST",
        f"/verifikasi/{desk.signed.letter_id}",
        content=desk.signed.pdf,
        headers={"content-type": "application/pdf", **JSON},
    )
    assert answer.status_code == 200
    assert answer.json()["match"] == "identical"


def test_the_archive_copy_is_recognised(page: AsgiClient, desk: Desk) -> None:
    copy = desk.filed.archive_copy
    assert copy is not None
    body = _upload(page, desk.filed.letter_id, copy, as_json=True).json()
    assert body["match"] == "archive_copy"
    assert body["matches_archive"] is True
    assert body["verification"]["verdict"] == "VALID"


def test_bytes_added_after_signing(page: AsgiClient, desk: Desk) -> None:
    pdf = desk.signed.pdf
    assert pdf is not None
    changed = append_revision(pdf, payload=b"% isi tambahan setelah ditandatangani\n")
    body = _upload(page, desk.signed.letter_id, changed, as_json=True).json()
    assert body["matches_archive"] is False
    assert body["match"] == "changed"
    assert body["signed_part_intact"] is True
    assert body["verification"]["verdict"] == "INVALID"
    assert body["verification"]["reasons"]
    html = _upload(page, desk.signed.letter_id, changed).text
    assert "Tidak sama dengan naskah yang diarsipkan" in html
    assert "sesudah naskah ditandatangani" in html
    assert "TIDAK SAH" in html


def test_content_altered_after_signing(page: AsgiClient, desk: Desk) -> None:
    pdf = desk.signed.pdf
    assert pdf is not None
    at = pdf.index(b"/Subject (") + len(b"/Subject (")
    altered = pdf[:at] + b"X" + pdf[at + 1 :]  # inside the signed bytes, same length
    body = _upload(page, desk.signed.letter_id, altered, as_json=True).json()
    assert body["match"] == "changed"
    assert body["signed_part_intact"] is False
    assert body["verification"]["verdict"] == "INVALID"
    html = _upload(page, desk.signed.letter_id, altered).text
    assert "isinya telah diubah sesudah ditandatangani" in html


def test_another_valid_letter_is_not_this_one(page: AsgiClient, desk: Desk) -> None:
    other = desk.sent.pdf
    assert other is not None
    body = _upload(page, desk.signed.letter_id, other, as_json=True).json()
    assert body["match"] == "other"
    assert body["matches_archive"] is False
    assert body["verification"]["verdict"] == "VALID"  # a genuine letter, just another one
    assert body["foreign_signers"] == []  # by the same Kepala Dinas
    html = _upload(page, desk.signed.letter_id, other).text
    assert "Bukan naskah yang diarsipkan" in html
    assert desk.signed.state.final_blob in html  # the hash it should have had


def test_a_file_signed_by_someone_else(page: AsgiClient, desk: Desk) -> None:
    body = _upload(page, desk.signed.letter_id, desk.foreign, as_json=True).json()
    assert body["match"] == "other"
    assert body["verification"]["verdict"] != "VALID"
    assert body["foreign_signers"] == [desk.foreign_signer]
    (signature,) = body["verification"]["signatures"]
    assert signature["letter_signer"] is False
    html = _upload(page, desk.signed.letter_id, desk.foreign).text
    assert "yang bukan penanda tangan naskah ini" in html


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"Ini bukan PDF, hanya teks biasa.\n" * 40, id="text"),
        pytest.param(bytes(range(256)) * 64, id="binary"),
        pytest.param(b"%PDF-1.7\n%%EOF\n", id="empty-pdf"),
        pytest.param(b"%PDF-1.7\n1 0 obj\n" + b"[" * 100_000 + b"\nendobj\n", id="nested"),
    ],
)
def test_a_file_that_is_no_signed_letter(page: AsgiClient, desk: Desk, data: bytes) -> None:
    answer = _upload(page, desk.signed.letter_id, data)
    assert answer.status_code == 200
    assert "Bukan naskah yang diarsipkan" in answer.text
    body = _upload(page, desk.signed.letter_id, data, as_json=True).json()
    assert body["matches_archive"] is False
    assert body["verification"]["verdict"] == "INVALID"
    assert body["verification"]["reasons"]


@functools.cache
def _deflate(size: int, *, layers: int = 1) -> bytes:
    compressor = zlib.compressobj(9)
    block = bytes(1 << 20)
    data = b"".join(compressor.compress(block) for _ in range(size >> 20)) + compressor.flush()
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    return data


@pytest.mark.parametrize(
    ("size", "layers"),
    [pytest.param(300 << 20, 1, id="flate"), pytest.param(256 << 20, 2, id="flate-of-flate")],
)
def test_a_decompression_bomb_is_refused_in_time(
    page: AsgiClient, desk: Desk, size: int, layers: int
) -> None:
    pdf = desk.signed.pdf
    assert pdf is not None
    stream = _deflate(size, layers=layers)
    filters = "/FlateDecode" if layers == 1 else "[/FlateDecode /FlateDecode]"
    body = b"<</Length %d /Filter %s>>\nstream\n" % (len(stream), filters.encode())
    bomb = append_revision(pdf, objects={9999: body + stream + b"\nendstream"})
    assert len(bomb) < PAGE_LIMIT
    started = time.monotonic()
    answer = _upload(page, desk.signed.letter_id, bomb, as_json=True)
    assert answer.status_code == 200
    assert time.monotonic() - started < 30
    assert answer.json()["verification"]["verdict"] == "INVALID"


def test_a_file_too_large_is_refused(page: AsgiClient, desk: Desk) -> None:
    letter = desk.signed.letter_id
    big = b"%PDF-1.7\n" + bytes(PAGE_LIMIT)
    as_form = _upload(page, letter, big)
    assert as_form.status_code == 413
    assert "Berkas terlalu besar" in as_form.text
    assert "1 MB" in as_form.text
    raw = page.request(
        "POST", f"/verifikasi/{letter}", content=big, headers={"content-type": "application/pdf"}
    )
    assert raw.status_code == 413
    streamed = page.request(  # no Content-Length: counted while it arrives
        "POST", f"/verifikasi/{letter}", content=iter([big[:1000], big[1000:]]), headers=JSON
    )
    assert streamed.status_code == 413
    assert streamed.json()["code"] == "file_too_large"
    declared = page.request(
        "POST",
        f"/verifikasi/{letter}",
        content=b"x",
        headers={"content-length": str(50 * PAGE_LIMIT), **JSON},
    )
    assert declared.status_code == 413


def test_the_largest_file_allowed_is_checked(page: AsgiClient, desk: Desk) -> None:
    exactly = b"%PDF-1.7\n" + bytes(PAGE_LIMIT - 9)
    answer = _upload(page, desk.signed.letter_id, exactly, as_json=True)
    assert answer.status_code == 200
    assert answer.json()["size"] == PAGE_LIMIT


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"content": b""}, "no_file"),
        ({"files": {"berkas": ("kosong.pdf", b"", "application/pdf")}}, "no_file"),
        ({"files": {"catatan": (None, "tanpa berkas")}}, "bad_form"),
        (
            {"content": b"--x\r\nrusak", "headers": {"content-type": "multipart/form-data"}},
            "bad_form",
        ),
        (
            {
                "content": b"--x\r\nrusak",
                "headers": {"content-type": "multipart/form-data; boundary=x"},
            },
            "bad_form",
        ),
    ],
)
def test_a_form_without_a_file(
    page: AsgiClient, desk: Desk, kwargs: dict[str, Any], code: str
) -> None:
    kwargs = dict(kwargs)  # the parameters are shared by the runs on both databases
    headers = {**kwargs.pop("headers", {}), **JSON}
    answer = page.request("POST", f"/verifikasi/{desk.signed.letter_id}", headers=headers, **kwargs)
    assert answer.status_code == 400
    assert answer.json()["code"] == code
    page_answer = page.request("POST", f"/verifikasi/{desk.signed.letter_id}", content=b"")
    assert "Tidak ada berkas" in page_answer.text


def test_a_file_under_another_field_name_is_taken(page: AsgiClient, desk: Desk) -> None:
    answer = page.request(
        "POST",
        f"/verifikasi/{desk.signed.letter_id}",
        files={"file": ("surat.pdf", desk.signed.pdf, "application/pdf")},
        headers=JSON,
    )
    assert answer.json()["match"] == "identical"


@pytest.mark.parametrize("which", ["draft", "numbered"])
def test_an_upload_for_a_letter_not_signed_is_not_found(
    page: AsgiClient, desk: Desk, which: str
) -> None:
    letter = getattr(desk, which)
    answer = _upload(page, letter.letter_id, desk.signed.pdf or b"")
    assert answer.status_code == 404
    assert "Naskah tidak ditemukan" in answer.text
    assert _upload(page, "bukan-kode", b"%PDF-", as_json=True).status_code == 404


@pytest.mark.parametrize("sifat", ["Terbatas", "Rahasia", "Sangat Rahasia"])
def test_a_restricted_letter_answers_only_match_or_not(
    opened: ArchiveFolder, desk: Desk, sifat: str
) -> None:
    state = desk.signed.state
    secret = dataclasses.replace(state, head_values={**state.head_values, "sifat": sifat})
    put_letter(opened, desk.signed, state=secret)
    trust_demo_root(opened, desk)
    pdf, other = desk.signed.pdf, desk.sent.pdf
    assert pdf is not None
    assert other is not None
    with page_client(opened) as client:
        same = _upload(client, state.letter_id, pdf, as_json=True).json()
        differs = _upload(client, state.letter_id, other, as_json=True).json()
        same_page = _upload(client, state.letter_id, pdf).text
        differs_page = _upload(client, state.letter_id, other).text
    keys = {"document_id", "restricted", "sha256", "size", "matches_archive", "message"}
    assert set(same) == set(differs) == keys
    assert (same["matches_archive"], same["message"]) == (True, "Cocok")
    assert (differs["matches_archive"], differs["message"]) == (False, "Tidak cocok")
    assert same["sha256"] == hashlib.sha256(pdf).hexdigest()  # the uploader's own file
    assert "Cocok" in same_page
    assert "Tidak cocok" in differs_page
    for page_text in (same_page, differs_page):
        for secret_text in (state.nomor, state.hal, state.final_blob, "SAH", "Penanda tangan"):
            assert secret_text not in page_text
        signer = state.final_inputs["penandatangan"]["nama"]
        assert signer not in page_text


def test_a_root_added_while_serving_counts_at_once(opened: ArchiveFolder, desk: Desk) -> None:
    put_letter(opened, desk.signed)
    pdf = desk.signed.pdf or b""
    with page_client(opened) as client:
        before = _upload(client, desk.signed.letter_id, pdf, as_json=True).json()
        trust_demo_root(opened, desk)
        after = _upload(client, desk.signed.letter_id, pdf, as_json=True).json()
    assert before["match"] == "identical"  # the hash alone says so
    assert before["verification"]["verdict"] == "INDETERMINATE"  # nothing trusted yet
    assert after["verification"]["verdict"] == "VALID"


def test_an_unreadable_trust_store_fails_closed(archive: ArchiveFolder, desk: Desk) -> None:
    (archive.folder / "trust" / "trust.toml").write_text("schema_version = [", encoding="utf-8")
    with page_client(archive) as client:
        body = _upload(client, desk.signed.letter_id, desk.signed.pdf or b"", as_json=True).json()
        html = _upload(client, desk.signed.letter_id, desk.signed.pdf or b"").text
    assert body["match"] == "identical"
    assert body["verification"]["verdict"] is None
    assert "akar tepercaya" in body["verification"]["problem"]
    assert "TIDAK DIPERIKSA" in html


def test_a_slow_verification_meets_the_time_limit(archive: ArchiveFolder, desk: Desk) -> None:
    release = threading.Event()
    finished = threading.Event()

    def slow(data: bytes, roots: TrustRoots) -> FileReport:
        release.wait(30)
        try:
            return verify_pdf(data, trust_roots=roots.certificates, policy=roots.policy)
        finally:
            finished.set()

    pdf = desk.signed.pdf or b""
    with page_client(archive, verify=slow, time_limit=0.3, workers=1) as client:
        late = _upload(client, desk.signed.letter_id, pdf, as_json=True).json()
        busy = _upload(client, desk.signed.letter_id, pdf, as_json=True).json()
        release.set()
        assert finished.wait(30)
        time.sleep(0.1)  # the thread frees its slot after handing over its answer
        again = _upload(client, desk.signed.letter_id, pdf, as_json=True).json()
    assert late["match"] == busy["match"] == "identical"
    assert late["verification"]["verdict"] is None
    assert "batas waktu" in late["verification"]["problem"]
    assert busy["verification"]["verdict"] is None
    assert "sedang memeriksa berkas lain" in busy["verification"]["problem"]
    assert again["verification"]["verdict"] == "VALID"


def test_an_error_in_the_verifier_is_no_verdict(archive: ArchiveFolder, desk: Desk) -> None:
    def broken(data: bytes, roots: TrustRoots) -> FileReport:
        raise MemoryError

    with page_client(archive, verify=broken) as client:
        answer = _upload(client, desk.signed.letter_id, desk.signed.pdf or b"")
    assert answer.status_code == 200
    assert "Sama persis dengan naskah yang diarsipkan" in answer.text
    assert "TIDAK DIPERIKSA" in answer.text
