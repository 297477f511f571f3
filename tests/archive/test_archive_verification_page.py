"""The public verification page, read (``GET /verifikasi/{id}``), on SQLite and PostgreSQL:
what it shows of a letter of each sifat, that it escapes everything, that unsigned and unknown
letters are the same 404, and its headers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa

from tests.archive.letterrows import put_letter, rename_unit
from tests.archive.verificationkit import Desk, desk_letters, page_client, put_desk
from tnde.archive.schema import JABATAN
from tnde.formatting import format_tanggal
from tnde.workflow.state import LetterState, Step

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.archive.asgiclient import AsgiClient
    from tnde.archive import ArchiveFolder

HOSTILE_HAL = '<script>alert("hal")</script> & "kutip" \'satu\''
HOSTILE_NOMOR = "001/<b>tebal</b>/2026"
HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_UNIT = 'Dinas "Kominfo" <i>miring</i> & Co'
NOT_FOUND = "Naskah tidak ditemukan"


@pytest.fixture(scope="module")
def desk(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Desk:
    return desk_letters(demo_template, tmp_path_factory.mktemp("meja verifikasi"))


@pytest.fixture
def page(opened: ArchiveFolder, desk: Desk) -> Iterator[AsgiClient]:
    """The page over an archive holding every demo letter."""
    put_desk(opened, desk)
    with page_client(opened) as client:
        yield client


def _visible(html: str) -> str:
    """The page's text without its style and script."""
    return re.sub(r"<(style|script)>.*?</\1>", "", html, flags=re.DOTALL)


def test_a_signed_letter_shows_its_record(page: AsgiClient, desk: Desk) -> None:
    state = desk.signed.state
    answer = page.get(f"/verifikasi/{state.letter_id}")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    text = _visible(answer.text)
    assert '<html lang="id">' in answer.text
    assert state.nomor in text
    assert state.hal in text
    assert format_tanggal(_tanggal(state)) in text
    assert "Laporan" in text  # the jenis naskah's name
    assert "<dd>Dinas Komunikasi dan Informatika</dd>" in text  # the signer's unit issues it
    signer = state.final_inputs["penandatangan"]
    assert signer["nama"] in text
    assert signer["jabatan"] in text
    assert re.search(r"Ditandatangani \d{1,2} \w+ 20\d\d pukul \d\d\.\d\d WIB", text)
    assert "Telah ditandatangani" in text
    assert state.final_blob in text
    assert 'name="berkas"' in text
    assert 'type="file"' in text
    assert "PEMERINTAH PROVINSI NUSANTARA RAYA" in text  # the office's letterhead
    assert signer["nip"] not in text  # a NIP is not the page's business
    assert state.konseptor_nip not in text


@pytest.mark.parametrize(
    ("which", "words"),
    [
        ("sent", "Telah ditandatangani dan dikirim"),
        ("filed", "Telah ditandatangani, dikirim, dan diarsipkan"),
    ],
)
def test_the_state_of_the_letter(page: AsgiClient, desk: Desk, which: str, words: str) -> None:
    letter = getattr(desk, which)
    answer = page.get(f"/verifikasi/{letter.letter_id}")
    assert answer.status_code == 200
    assert words in answer.text
    assert letter.state.final_blob in answer.text  # the signed file, not the archive copy


def test_the_json_of_a_letter(page: AsgiClient, desk: Desk) -> None:
    state = desk.signed.state
    answer = page.get(f"/verifikasi/{state.letter_id}", headers={"accept": "application/json"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["restricted"] is False
    assert body["nomor"] == state.nomor
    assert body["hal"] == state.hal
    assert body["tanggal"] == state.final_inputs["tanggal"]
    assert body["status"] == "ditandatangani"
    assert body["sha256"] == state.final_blob
    (signer,) = body["signers"]
    assert signer["nama"] == state.final_inputs["penandatangan"]["nama"]
    assert signer["signed_at"].endswith("Z")
    assert answer.headers["vary"] == "Accept"


@pytest.mark.parametrize("which", ["numbered", "draft", "cancelled"])
def test_a_letter_not_signed_is_not_found(page: AsgiClient, desk: Desk, which: str) -> None:
    letter = getattr(desk, which)
    answer = page.get(f"/verifikasi/{letter.letter_id}")
    unknown = page.get("/verifikasi/01a24f70-0000-7000-8000-000000000000")
    assert answer.status_code == unknown.status_code == 404
    assert answer.text == unknown.text  # a draft is not told from nothing
    assert NOT_FOUND in answer.text
    assert letter.state.hal not in answer.text
    as_json = page.get(f"/verifikasi/{letter.letter_id}", headers={"accept": "application/json"})
    assert as_json.status_code == 404
    assert as_json.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "document_id",
    ["abc", "<script>alert(1)</script>", "..%2F..%2Fconfig.toml", "a/b/c", "%00", " " * 3],
)
def test_a_malformed_identifier_is_not_found(page: AsgiClient, document_id: str) -> None:
    answer = page.get(f"/verifikasi/{document_id}")
    assert answer.status_code == 404
    assert NOT_FOUND in answer.text
    assert "<script>alert(1)" not in answer.text
    assert answer.headers["cache-control"] == "no-store"


def test_the_identifier_in_capitals_is_the_same_letter(page: AsgiClient, desk: Desk) -> None:
    answer = page.get(f"/verifikasi/{desk.signed.letter_id.upper()}")
    assert answer.status_code == 200
    assert desk.signed.state.nomor in answer.text


def test_the_headers_keep_the_page_to_itself(page: AsgiClient, desk: Desk) -> None:
    for path, cache in (
        (f"/verifikasi/{desk.signed.letter_id}", "private, max-age=60"),
        (f"/verifikasi/{desk.draft.letter_id}", "no-store"),
    ):
        headers = page.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "form-action 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "http" not in policy  # nothing from elsewhere
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"
        assert headers["cache-control"] == cache
        assert "noindex" in headers["x-robots-tag"]


def test_the_page_needs_nothing_from_elsewhere(page: AsgiClient, desk: Desk) -> None:
    html = page.get(f"/verifikasi/{desk.signed.letter_id}").text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html
    assert html.count("<script>") == 1  # the page's own, allowed by its hash
    assert 'name="viewport"' in html


def test_everything_from_people_is_escaped(opened: ArchiveFolder, desk: Desk) -> None:
    state = desk.signed.state
    signer = {**state.final_inputs["penandatangan"], "nama": HOSTILE_NAME}
    hostile = dataclasses.replace(
        state,
        nomor=HOSTILE_NOMOR,
        head_values={**state.head_values, "hal": HOSTILE_HAL},
        final_inputs={**state.final_inputs, "penandatangan": signer},
    )
    put_letter(opened, desk.signed, state=hostile)
    rename_unit(opened, _signer_unit(opened), HOSTILE_UNIT)
    with page_client(opened) as client:
        html = client.get(f"/verifikasi/{state.letter_id}").text
        as_json = client.get(
            f"/verifikasi/{state.letter_id}", headers={"accept": "application/json"}
        ).json()
    assert html.count("<script>") == 1
    for raw in ("<script>alert", "<b>tebal", "<img", "<i>miring", "'satu'", '"kutip"'):
        assert raw not in html
    assert "&lt;script&gt;alert(&quot;hal&quot;)&lt;/script&gt; &amp; &quot;kutip&quot;" in html
    assert "&#x27;satu&#x27;" in html
    assert "001/&lt;b&gt;tebal&lt;/b&gt;/2026" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Dinas &quot;Kominfo&quot; &lt;i&gt;miring&lt;/i&gt; &amp; Co" in html
    assert as_json["hal"] == HOSTILE_HAL  # JSON carries the values as they are
    assert as_json["unit"] == HOSTILE_UNIT


@pytest.mark.parametrize(
    ("delegasi", "lines"),
    [
        (
            {"bentuk": "a.n.", "atas_nama": "Gubernur Nusantara Raya"},
            ["a.n. Gubernur Nusantara Raya", "Kepala Dinas Komunikasi dan Informatika"],
        ),
        ({"bentuk": "Plt."}, ["Plt. Kepala Dinas Komunikasi dan Informatika"]),
    ],
)
def test_the_signer_as_printed_with_the_delegation(
    opened: ArchiveFolder, desk: Desk, delegasi: dict[str, str], lines: list[str]
) -> None:
    state = desk.signed.state
    signer = {**state.final_inputs["penandatangan"], "delegasi": delegasi}
    put_letter(
        opened,
        desk.signed,
        state=dataclasses.replace(
            state, final_inputs={**state.final_inputs, "penandatangan": signer}
        ),
    )
    with page_client(opened) as client:
        body = client.get(
            f"/verifikasi/{state.letter_id}", headers={"accept": "application/json"}
        ).json()
    (shown,) = body["signers"]
    assert shown["jabatan"] == lines


def test_every_signer_of_a_joint_letter(opened: ArchiveFolder, desk: Desk) -> None:
    state = desk.signed.state
    kabid = next(s for s in state.route if s.jabatan_id == "KABID_APTIKA")
    second = Step(
        step_no=len(state.route) + 1,
        kind="tandatangan",
        jabatan_id="KABID_APTIKA",
        approved_revision=state.head_revision,
        decided_by=kabid.decided_by,
        atas_nama="KADIS",
    )
    joint = dataclasses.replace(state, route=(*state.route, second))
    put_letter(opened, desk.signed, state=joint)
    with page_client(opened) as client:
        html = client.get(f"/verifikasi/{state.letter_id}").text
        body = client.get(
            f"/verifikasi/{state.letter_id}", headers={"accept": "application/json"}
        ).json()
    first, other = body["signers"]
    assert first["nama"] == state.final_inputs["penandatangan"]["nama"]
    assert other["jabatan"] == [
        "a.n. Kepala Dinas Komunikasi dan Informatika",
        "Kepala Bidang Aplikasi Informatika",
    ]
    assert other["nama"]  # from the archive's org chart
    assert other["nama"] in html
    assert other["signed_at"] is None  # no signature event of that step: no time is made up


def test_a_head_request_answers_like_get(page: AsgiClient, desk: Desk) -> None:
    answer = page.head(f"/verifikasi/{desk.signed.letter_id}")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert page.head(f"/verifikasi/{desk.draft.letter_id}").status_code == 404


@pytest.mark.parametrize("sifat", ["Terbatas", "Rahasia", "Sangat Rahasia"])
def test_a_restricted_letter_shows_only_that_it_exists_and_whom_to_ask(
    opened: ArchiveFolder, desk: Desk, sifat: str
) -> None:
    state = desk.signed.state
    secret = dataclasses.replace(state, head_values={**state.head_values, "sifat": sifat})
    put_letter(opened, desk.signed, state=secret)
    with page_client(opened) as client:
        answer = client.get(f"/verifikasi/{state.letter_id}")
        as_json = client.get(
            f"/verifikasi/{state.letter_id}", headers={"accept": "application/json"}
        )
    assert answer.status_code == 200
    text = _visible(answer.text)
    assert "Naskah ini tercatat di arsip" in text
    assert "hubungi <strong>Dinas Komunikasi dan Informatika</strong>." in text  # whom to ask
    _assert_nothing_of(text, state)
    assert sifat not in text  # not even which level of secrecy
    assert 'name="berkas"' in text  # the file can still be compared
    assert as_json.json() == {
        "document_id": state.letter_id,
        "restricted": True,
        "unit": "Dinas Komunikasi dan Informatika",
    }


@pytest.mark.parametrize(
    ("security", "text_sifat"),
    [("Biasa", "Rahasia"), ("", None), ("biasa ", "Terbatas"), ("Rahasia", "Biasa"), ("?", None)],
)
def test_a_doubtful_sifat_is_treated_as_restricted(
    opened: ArchiveFolder, desk: Desk, security: str, text_sifat: str | None
) -> None:
    state = desk.signed.state
    values = {k: v for k, v in state.head_values.items() if k != "sifat"}
    if text_sifat is not None:
        values["sifat"] = text_sifat
    put_letter(opened, desk.signed, state=dataclasses.replace(state, head_values=values),
               security=security)  # fmt: skip
    with page_client(opened) as client:
        text = _visible(client.get(f"/verifikasi/{state.letter_id}").text)
    assert "Naskah ini tercatat di arsip" in text
    _assert_nothing_of(text, state)


def _assert_nothing_of(text: str, state: LetterState) -> None:
    signer = state.final_inputs["penandatangan"]
    for secret in (state.nomor, state.hal, signer["nama"], signer["jabatan"], state.final_blob):
        assert secret not in text
    assert format_tanggal(_tanggal(state)) not in text
    assert "Penanda tangan" not in text


def _tanggal(state: LetterState) -> dt.date:
    return dt.date.fromisoformat(str(state.final_inputs["tanggal"]))


def _signer_unit(archive: ArchiveFolder) -> str:
    with archive.database.read() as conn:
        return str(
            conn.execute(
                sa.select(JABATAN.c.unit_id).where(JABATAN.c.jabatan_id == "KADIS")
            ).scalar_one()
        )
