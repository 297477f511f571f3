"""The SoftHSM2 harness (tests/softhsm.py): a real PKCS#11 token signs a prepared letter."""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import TYPE_CHECKING

import pkcs11
import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pkcs11 import Attribute, ObjectClass, TokenFlag
from pkcs11.exceptions import PinIncorrect
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tests.conftest import SAMPLES_DIR, run_tool
from tests.pdfcheck import render_sample
from tests.softhsm import (
    MODULE_CANDIDATES,
    DemoIdentity,
    SoftToken,
    demo_identity,
    find_module,
    softhsm_factory,  # noqa: F401  (the fixture, used by name below)
    softhsm_token_from_p12,
)
from tnde.render import TteStamp
from tnde.signing.prepare import (
    TRANSPARENT_STAMP,
    FieldPlan,
    add_signature_fields,
    to_pdfa2b,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@pytest.fixture(scope="module")
def identity() -> DemoIdentity:
    return demo_identity("DEMO Kepala Dinas Uji", key_size=3072)


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A final Surat Dinas as PDF/A-2b with its signer's field pre-created."""
    home = tmp_path_factory.mktemp("rumah")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TNDE_HOME", str(home))
        rendered = render_sample(
            SAMPLES_DIR / "surat_dinas.toml",
            home,
            mode="final",
            stamp=TteStamp(document_id="0190f3a2-7c1e-7b9a-8d2e-1f0a2b3c4d5e"),
        )
    pdfa = to_pdfa2b(
        rendered.result.pdf,
        title="Surat Dinas uji",
        author="Dinas Komunikasi dan Informatika",
        subject="Surat Dinas",
        keywords="",
        created=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
    )
    (slot,) = rendered.result.signature_slots
    return add_signature_fields(pdfa, [FieldPlan.for_slot(slot)])


@pytest.fixture
def token(softhsm_factory: Callable[..., SoftToken], identity: DemoIdentity) -> SoftToken:  # noqa: F811
    return softhsm_factory(identity.key, identity.cert, [identity.root])


def test_module_is_found_where_debian_puts_it() -> None:
    module = find_module()
    assert module.is_file()
    assert any(module.match(pattern.lstrip("/")) for pattern in MODULE_CANDIDATES)


def test_pkcs11_signature_on_prepared_letter_validates(
    token: SoftToken, identity: DemoIdentity, letter: bytes, tmp_path: Path
) -> None:
    assert os.environ["SOFTHSM2_CONF"] == str(token.conf_path)
    meta = signers.PdfSignatureMetadata(
        field_name="penandatangan",
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=MDPPerm.FILL_FORMS,
    )
    out = io.BytesIO()
    with token.pkcs11_signer() as signer:
        signers.PdfSigner(meta, signer, stamp_style=TRANSPARENT_STAMP).sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(letter)), existing_fields_only=True, output=out
        )
    signed = out.getvalue()

    root = asn1_x509.Certificate.load(identity.root.public_bytes(serialization.Encoding.DER))
    context = ValidationContext(
        trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail"
    )
    (embedded,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    status = validate_pdf_signature(embedded, context)
    assert status.bottom_line
    assert status.docmdp_ok is True
    assert status.modification_level is not None
    assert status.signing_cert.dump() == identity.cert.public_bytes(serialization.Encoding.DER)
    path = tmp_path / "ditandatangani.pdf"
    path.write_bytes(signed)
    assert "No syntax or stream encoding errors" in run_tool("qpdf", "--check", path)


def test_key_on_token_is_sensitive_and_chain_is_there(
    token: SoftToken, identity: DemoIdentity
) -> None:
    der = identity.cert.public_bytes(serialization.Encoding.DER)
    with token.session() as session:
        (key,) = session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
        assert key[Attribute.LABEL] == token.key_label
        assert key[Attribute.SENSITIVE] is True
        assert key[Attribute.EXTRACTABLE] is False
        certs = {
            c[Attribute.LABEL]: c[Attribute.VALUE]
            for c in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})
        }
    assert certs == {
        token.key_label: der,
        "ca-0": identity.root.public_bytes(serialization.Encoding.DER),
    }


def test_wrong_pin_raises_pin_incorrect(token: SoftToken) -> None:
    with pytest.raises(PinIncorrect), token.session("000000"):
        pass
    # pyHanko passes python-pkcs11's exception through unchanged
    with pytest.raises(PinIncorrect), token.pkcs11_signer("000000"):
        pass


def test_softhsm_never_locks_after_wrong_pins(token: SoftToken) -> None:
    for _ in range(12):
        with pytest.raises(PinIncorrect), token.session("999999"):
            pass
    flags = token.token().flags
    assert flags & TokenFlag.USER_PIN_COUNT_LOW
    assert not flags & (TokenFlag.USER_PIN_LOCKED | TokenFlag.USER_PIN_FINAL_TRY)
    with token.session() as session:
        assert session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
    assert not token.token().flags & TokenFlag.USER_PIN_COUNT_LOW


def test_token_from_pkcs12_and_switching_tokens(
    token: SoftToken,
    identity: DemoIdentity,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    p12 = tmp_path / "DEMO penandatangan.p12"
    p12.write_bytes(identity.pkcs12(b"demo1234"))
    second = softhsm_token_from_p12(
        tmp_path_factory,
        p12,
        b"demo1234",
        label="KEDUA",
        pin="654321",
        monkeypatch=monkeypatch,
    )
    lib = pkcs11.lib(str(second.module))
    assert [t.label for t in lib.get_tokens() if t.label] == ["KEDUA"]
    with second.session() as session:
        (cert,) = session.get_objects(
            {Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.LABEL: second.key_label}
        )
        assert cert[Attribute.VALUE] == identity.cert.public_bytes(serialization.Encoding.DER)
    token.activate(monkeypatch)
    assert [t.label for t in lib.get_tokens() if t.label] == ["TNDE"]
    with token.session() as session:
        assert session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
