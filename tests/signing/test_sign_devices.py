"""Signing devices (a PKCS#11 token in SoftHSM2, PKCS#12 files) and letters with two signers."""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from tests.demoworkspace import letter_in, p12_of, signer_of
from tests.sigcheck import nss_db, openssl_verify, pdfsig
from tests.signing.test_sign_letters import sign, validation_context
from tests.softhsm import softhsm_token_from_p12
from tnde.demo import add_demo_letters
from tnde.errors import SigningError
from tnde.org import holders, load_org
from tnde.pki.demo import DEMO_PASSPHRASE
from tnde.pki.workspace_demo import demo_folder
from tnde.signing.batch import sign_letters
from tnde.signing.context import workspace_services
from tnde.signing.devices import Pkcs11Device, Pkcs12Device
from tnde.workflow import finishing
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.workspace import Workspace


def test_a_letter_signed_with_a_pkcs11_token_is_valid(
    demo_ws: Workspace,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    token = softhsm_token_from_p12(
        tmp_path_factory, p12_of(demo_ws, nip), DEMO_PASSPHRASE, monkeypatch=monkeypatch
    )
    device = Pkcs11Device(token.module, token.label)
    with workspace_services(demo_ws) as signing:
        (result,) = sign_letters(
            letters,
            nip,
            [letter],
            device,
            bytearray(token.pin.encode()),
            signing.services,
            level=signing.level,
            issuer_of=signing.issuer_of,
        )
    assert result.ok, result.error
    pdf = tmp_path / "token.pdf"
    pdf.write_bytes(demo_ws.blobs.get(result.blob))
    root = demo_folder(demo_ws.path) / "root.pem"
    (found,) = pdfsig(pdf, nss_db(tmp_path / "nss", [root]))
    assert (found.validation, found.certificate) == (
        "Signature is Valid.",
        "Certificate is Trusted.",
    )
    assert openssl_verify(pdf.read_bytes(), root, tmp_path) == []


def test_token_errors_are_specific(
    demo_ws: Workspace, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    letters = Letters(demo_ws)
    nip = signer_of(letters, letter_in(letters, "dinomori"))
    token = softhsm_token_from_p12(
        tmp_path_factory, p12_of(demo_ws, nip), DEMO_PASSPHRASE, monkeypatch=monkeypatch
    )
    with pytest.raises(SigningError) as wrong:
        Pkcs11Device(token.module, token.label).open(b"000000")
    assert wrong.value.kind == SigningError.WRONG_SECRET
    with pytest.raises(SigningError) as absent:
        Pkcs11Device(token.module, "TIDAK-ADA").open(token.pin.encode())
    assert absent.value.kind == SigningError.TOKEN_ABSENT
    with pytest.raises(SigningError) as no_module:
        Pkcs11Device(tmp_path_factory.mktemp("x") / "tidak-ada.so", token.label).open(b"1")
    assert no_module.value.kind == SigningError.TOKEN_ABSENT
    with pytest.raises(SigningError) as no_key:
        Pkcs11Device(token.module, token.label, "kunci-lain").open(token.pin.encode())
    assert no_key.value.kind == SigningError.DEVICE


def test_a_locked_token_is_reported_as_locked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # SoftHSM2 never locks a token (tests/softhsm.py), so the module's answer is simulated at
    # the one call that reports it.
    import pkcs11.exceptions
    import pyhanko.sign.pkcs11

    def locked(*args: object, **kwargs: object) -> None:
        raise pkcs11.exceptions.PinLocked

    monkeypatch.setattr(pyhanko.sign.pkcs11, "open_pkcs11_session", locked)
    module = tmp_path / "modul.so"
    module.write_bytes(b"")
    with pytest.raises(SigningError) as caught:
        Pkcs11Device(module, "TNDE").open(b"123456")
    assert caught.value.kind == SigningError.TOKEN_LOCKED
    assert "terkunci" in str(caught.value)


def test_a_file_that_is_not_pkcs12_is_named_as_such(tmp_path: Path) -> None:
    bogus = tmp_path / "bukan sertifikat.p12"
    bogus.write_bytes(b"%PDF-1.7 bukan PKCS#12")
    with pytest.raises(SigningError) as caught:
        Pkcs12Device(bogus).open(b"apa saja")
    assert caught.value.kind == SigningError.DEVICE
    assert "bukan berkas sertifikat PKCS#12" in str(caught.value)
    with pytest.raises(SigningError) as missing:
        Pkcs12Device(tmp_path / "tidak ada.p12").open(b"x")
    assert missing.value.kind == SigningError.DEVICE


def test_two_signers_the_first_certifies_and_the_second_fills_its_own_field(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    letters = Letters(demo_ws)
    (letter,) = add_demo_letters(demo_ws, 1, state="konsep")
    state = letters.get(letter)
    chart = load_org(demo_ws.thread_connection())
    day = letters.today()
    sekdis = str(holders(chart, "SEKDIS", day)[0].nip)
    kadis = str(holders(chart, "KADIS", day)[0].nip)
    registry = str(holders(chart, "KASUBBAG_UMPEG", day)[0].nip)
    letters.set_route(
        state.konseptor_nip,
        letter,
        [
            {"kind": "tandatangan", "jabatan_id": "SEKDIS"},
            {"kind": "tandatangan", "jabatan_id": "KADIS"},
        ],
    )
    letters.submit(state.konseptor_nip, letter)
    finishing.number_letter(letters, registry, letter)

    first, second = signer_of(letters, letter), None
    assert first in (sekdis, kadis)
    (one,) = sign(demo_ws, [letter], first)
    assert one.ok, one.error
    assert letters.get(letter).status is LetterStatus.DINOMORI  # one signature still missing
    second = signer_of(letters, letter)
    assert {first, second} == {sekdis, kadis}
    (two,) = sign(demo_ws, [letter], second)
    assert two.ok, two.error
    assert letters.get(letter).status is LetterStatus.DITANDATANGANI

    data = demo_ws.blobs.get(two.blob)
    assert data.startswith(demo_ws.blobs.get(one.blob))  # the first signed file, untouched
    reader = PdfFileReader(BytesIO(data))
    signatures = [
        s for s in reader.embedded_signatures if s.sig_object.get("/Type") != "/DocTimeStamp"
    ]
    assert [s.field_name for s in signatures] == ["TTE-penandatangan", "TTE-penandatangan-2"]
    for signature in signatures:
        status = validate_pdf_signature(signature, validation_context(demo_ws))
        assert status.bottom_line, status.pretty_print_details()
        assert status.docmdp_ok is True
    pdf = tmp_path / "dua penandatangan.pdf"
    pdf.write_bytes(data)
    root = demo_folder(demo_ws.path) / "root.pem"
    assert [s.validation for s in pdfsig(pdf, nss_db(tmp_path / "nss", [root]))] == [
        "Signature is Valid.",
        "Signature is Valid.",
    ]


def test_electronic_paraf_comes_first_as_invisible_approval_signatures(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    # The kabupaten profile asks reviewers to sign their paraf electronically.
    letters = Letters(demo_ws)
    (letter,) = add_demo_letters(demo_ws, 1, profile_id="bkpsdm-kabupaten-sukamaju")
    state = letters.get(letter)
    reviewers = [(s.step_no, s.decided_by) for s in state.route if s.kind == "periksa"]
    assert reviewers
    assert state.paraf_required == tuple(step for step, _ in reviewers)
    open_tasks = (
        demo_ws.thread_connection()
        .execute("SELECT kind, nip FROM task WHERE letter_id = ? ORDER BY step_no", (letter,))
        .fetchall()
    )
    assert [tuple(t) for t in open_tasks] == [("paraf_tte", nip) for _, nip in reviewers]

    kadis = signer_of(letters, letter)
    (early,) = sign(demo_ws, [letter], kadis)
    assert not early.ok
    assert "WF-PARAF-TTE" in str(early.error)
    for _, nip in reviewers:
        (paraf,) = sign(demo_ws, [letter], nip)
        assert paraf.ok, paraf.error
    assert letters.get(letter).status is LetterStatus.DINOMORI
    (signed,) = sign(demo_ws, [letter], kadis)
    assert signed.ok, signed.error
    assert letters.get(letter).status is LetterStatus.DITANDATANGANI

    reader = PdfFileReader(BytesIO(demo_ws.blobs.get(signed.blob)))
    signatures = [
        s for s in reader.embedded_signatures if s.sig_object.get("/Type") != "/DocTimeStamp"
    ]
    names = [s.field_name for s in signatures]
    assert names == [f"PARAF-{step}" for step, _ in reviewers] + ["TTE-penandatangan"]
    for signature in signatures:
        status = validate_pdf_signature(signature, validation_context(demo_ws))
        assert status.bottom_line, status.pretty_print_details()
    assert signatures[0].sig_object.get("/Reference") is not None  # the first one certifies
    # paraf fields are invisible: a zero-size widget
    widget = (
        signatures[0].sig_field["/Kids"][0]
        if "/Kids" in signatures[0].sig_field
        else signatures[0].sig_field
    )
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    assert (x2 - x1, y2 - y1) == (0, 0)
