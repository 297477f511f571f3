"""SoftHSM2 tokens for tests: a real PKCS#11 module holding a test key and its certificates.

Usage from any test folder::

    from tests.softhsm import softhsm_factory  # noqa: F401  (re-export the fixture)

    def test_x(softhsm_factory):
        token = softhsm_factory(key, cert, chain)          # cryptography objects
        with token.pkcs11_signer() as signer:              # a pyHanko PKCS11Signer
            ...
        # or build your own: token.module, token.label, token.pin, token.key_label

Outside a test function use :func:`softhsm_token` with ``tmp_path_factory`` (and, if you
have one, ``monkeypatch``). :func:`softhsm_token_from_p12` takes a PKCS#12 file instead.

How SoftHSM2 2.6.1 behaves, as measured by tests/signing/test_softhsm.py with
python-pkcs11 0.9.5:

- The module reads ``SOFTHSM2_CONF`` once, in ``C_Initialize``. python-pkcs11 keeps one
  library object per module path for the whole process, and pyHanko's
  ``open_pkcs11_session`` uses that same object. So every new token here re-points
  ``SOFTHSM2_CONF`` and calls ``lib.reinitialize()`` (``C_Finalize`` + ``C_Initialize``):
  only the newest token is visible, and sessions opened before are gone. Call
  :meth:`SoftToken.activate` to switch back to an older token.
- A wrong user PIN raises ``pkcs11.exceptions.PinIncorrect`` (``CKR_PIN_INCORRECT``).
- SoftHSM2 never locks a token: after any number of wrong PINs (tested: 25) the right PIN
  still logs in. It only raises ``CKF_USER_PIN_COUNT_LOW`` in the token flags after a
  failure and clears it after a success; ``CKF_USER_PIN_LOCKED`` and ``PinLocked``
  (``CKR_PIN_LOCKED``) never occur. A locked token therefore cannot be reproduced with
  SoftHSM2; test the handling of ``pkcs11.exceptions.PinLocked`` by raising it yourself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pkcs11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pkcs11 import Attribute, ObjectClass

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

MODULE_CANDIDATES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/*/softhsm/libsofthsm2.so")
DEFAULT_PIN = "123456"
DEFAULT_SO_PIN = "12345678"

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def find_module() -> Path:
    """The SoftHSM2 PKCS#11 module; the test fails (not skips) when it is missing."""
    for pattern in MODULE_CANDIDATES:
        for hit in sorted(glob.glob(pattern)):
            return Path(hit)
    pytest.fail("libsofthsm2.so not found: install softhsm2 (./dev.sh test does)")


@dataclass(frozen=True)
class SoftToken:
    """An initialised SoftHSM2 token with one key (and its certificate chain) on it."""

    module: Path
    label: str
    pin: str
    key_label: str
    conf_path: Path
    so_pin: str = DEFAULT_SO_PIN
    key_id: bytes = b"\x01"
    cert: x509.Certificate | None = field(default=None, compare=False)
    chain: tuple[x509.Certificate, ...] = field(default=(), compare=False)

    def activate(self, monkeypatch: pytest.MonkeyPatch | None = None) -> None:
        """Point ``SOFTHSM2_CONF`` at this token's config and re-initialise the module."""
        if monkeypatch is not None:
            monkeypatch.setenv("SOFTHSM2_CONF", str(self.conf_path))
        else:
            os.environ["SOFTHSM2_CONF"] = str(self.conf_path)
        pkcs11.lib(str(self.module)).reinitialize()

    def token(self) -> Any:
        """The python-pkcs11 token object."""
        return pkcs11.lib(str(self.module)).get_token(token_label=self.label)

    @contextlib.contextmanager
    def session(self, pin: str | None = None) -> Iterator[Any]:
        """A logged-in python-pkcs11 session (``pin`` defaults to the right one)."""
        with self.token().open(user_pin=self.pin if pin is None else pin) as session:
            yield session

    @contextlib.contextmanager
    def pkcs11_signer(self, pin: str | None = None) -> Iterator[Any]:
        """A pyHanko ``PKCS11Signer`` for the key."""
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.keys import load_certs_from_pemder_data
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

        ca_chain = [
            c
            for pem in (x.public_bytes(serialization.Encoding.PEM) for x in self.chain)
            for c in load_certs_from_pemder_data(pem)
        ]
        session = open_pkcs11_session(
            str(self.module),
            token_criteria=TokenCriteria(label=self.label),
            user_pin=self.pin if pin is None else pin,
        )
        try:
            yield PKCS11Signer(
                session, cert_label=self.key_label, key_label=self.key_label, ca_chain=ca_chain
            )
        finally:
            session.close()


def softhsm_token(
    tmp_path_factory: pytest.TempPathFactory,
    key: PrivateKey,
    cert: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
    *,
    label: str = "TNDE",
    pin: str = DEFAULT_PIN,
    so_pin: str = DEFAULT_SO_PIN,
    key_label: str = "penandatangan",
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> SoftToken:
    """Create a token in a fresh temp folder, import ``key``, ``cert`` and ``chain``.

    The token becomes the active one (see the module docstring). With ``monkeypatch`` the
    ``SOFTHSM2_CONF`` change is undone after the test; without, it stays for the process.
    """
    module = find_module()
    folder = tmp_path_factory.mktemp("softhsm")
    tokens = folder / "tokens"
    tokens.mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\n"
        "objectstore.backend = file\n"
        "log.level = ERROR\n"
        "slots.removable = false\n",
        encoding="utf-8",
    )
    init = ["softhsm2-util", "--init-token", "--free", "--label", label]
    proc = subprocess.run(
        [*init, "--so-pin", so_pin, "--pin", pin],
        env={**os.environ, "SOFTHSM2_CONF": str(conf)},
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"softhsm2-util --init-token failed: {proc.stderr.strip()}")
    token = SoftToken(module, label, pin, key_label, conf, so_pin, cert=cert, chain=tuple(chain))
    token.activate(monkeypatch)
    with token.token().open(rw=True, user_pin=pin) as session:
        _import_key(session, key, key_label, token.key_id)
        _import_cert(session, cert, key_label, token.key_id)
        for n, ca in enumerate(chain):
            _import_cert(session, ca, f"ca-{n}", bytes([0x10 + n]))
    return token


def softhsm_token_from_p12(
    tmp_path_factory: pytest.TempPathFactory,
    p12_path: Path,
    passphrase: bytes,
    **kwargs: Any,
) -> SoftToken:
    """Like :func:`softhsm_token`, with key, certificate and CA certs from a PKCS#12 file."""
    key, cert, chain = pkcs12.load_key_and_certificates(p12_path.read_bytes(), passphrase)
    assert isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey)
    assert cert is not None
    return softhsm_token(tmp_path_factory, key, cert, chain, **kwargs)


@pytest.fixture
def softhsm_factory(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., SoftToken]:
    """``make(key, cert, chain=(), **softhsm_token options) -> SoftToken`` for this test."""

    def make(
        key: PrivateKey, cert: x509.Certificate, chain: Sequence[x509.Certificate] = (), **kw: Any
    ) -> SoftToken:
        kw.setdefault("monkeypatch", monkeypatch)
        return softhsm_token(tmp_path_factory, key, cert, chain, **kw)

    return make


def _import_key(session: Any, key: PrivateKey, label: str, key_id: bytes) -> None:
    if isinstance(key, rsa.RSAPrivateKey):
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.TraditionalOpenSSL,  # PKCS#1, what python-pkcs11 reads
            serialization.NoEncryption(),
        )
        attrs = pkcs11.util.rsa.decode_rsa_private_key(der)
    else:
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
        attrs = pkcs11.util.ec.decode_ec_private_key(der)
    attrs.update(
        {
            Attribute.TOKEN: True,
            Attribute.PRIVATE: True,
            Attribute.SENSITIVE: True,
            Attribute.EXTRACTABLE: False,
            Attribute.SIGN: True,
            Attribute.LABEL: label,
            Attribute.ID: key_id,
        }
    )
    session.create_object(attrs)


def _import_cert(session: Any, cert: x509.Certificate, label: str, cert_id: bytes) -> None:
    attrs = pkcs11.util.x509.decode_x509_certificate(cert.public_bytes(serialization.Encoding.DER))
    attrs.update({Attribute.TOKEN: True, Attribute.LABEL: label, Attribute.ID: cert_id})
    assert attrs[Attribute.CLASS] == ObjectClass.CERTIFICATE
    session.create_object(attrs)


# -- throwaway certificates -------------------------------------------------------------------


@dataclass(frozen=True)
class DemoIdentity:
    """A throwaway DEMO root and a signer certificate issued by it (for tests only)."""

    root: x509.Certificate
    root_key: rsa.RSAPrivateKey
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    def pkcs12(self, passphrase: bytes) -> bytes:
        """Key, certificate and root as an encrypted PKCS#12 file."""
        return pkcs12.serialize_key_and_certificates(
            b"DEMO",
            self.key,
            self.cert,
            [self.root],
            serialization.BestAvailableEncryption(passphrase),
        )


def demo_identity(
    name: str = "DEMO Penandatangan Uji", *, key_size: int = 2048, now: dt.datetime | None = None
) -> DemoIdentity:
    """A DEMO root CA and a signer certificate usable by pyHanko (nonRepudiation set)."""
    now = now or dt.datetime.now(dt.UTC)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    root_name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TNDE DEMO"),
            x509.NameAttribute(NameOID.COMMON_NAME, "TNDE DEMO Root CA Uji"),
        ]
    )
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), False)
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TNDE DEMO"),
                    x509.NameAttribute(NameOID.COMMON_NAME, name),
                ]
            )
        )
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(ca=False), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.EMAIL_PROTECTION, x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, hashes.SHA256())
    )
    return DemoIdentity(root, root_key, key, cert)


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )
