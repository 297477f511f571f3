"""The DEMO TSA, OCSP responder and CRLs over real loopback HTTP, read by the openssl CLI."""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

import pytest
from asn1crypto import core, tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp

from tests.pkifixtures import KABID_IKP, KADIS
from tnde.errors import PkiError
from tnde.pki import PkiServer
from tnde.pki.responders import CRL_DAYS, TSA_POLICY_OID

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.pki import DemoPki


def openssl(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the openssl CLI (which must be installed); rc and both streams."""
    if shutil.which("openssl") is None:
        pytest.fail("openssl is not installed: run ./dev.sh test, which installs it")
    return subprocess.run(["openssl", *map(str, args)], capture_output=True, text=True, check=False)


def http(url: str, data: bytes | None = None, content_type: str = "") -> tuple[int, str, bytes]:
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def ca_bundle(pki: DemoPki, tmp_path: Path) -> Path:
    bundle = tmp_path / "rantai ca.pem"
    bundle.write_bytes(
        b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (pki.root, pki.issuing_ca))
    )
    return bundle


def test_openssl_ocsp_says_good_then_revoked(
    demo_pki: DemoPki, pki_server: PkiServer, tmp_path: Path
) -> None:
    folder = demo_pki.folder
    cert = folder / "officials" / f"{KADIS}.pem"
    ask = ("ocsp", "-issuer", folder / "issuing-ca.pem", "-cert", cert, "-url", pki_server.ocsp_url)
    good = openssl(*ask, "-CAfile", folder / "root.pem")
    assert good.returncode == 0, good.stderr
    assert f"{cert}: good" in good.stdout
    assert "Response verify OK" in good.stderr  # signature, delegated responder, nonce
    demo_pki.revoke(KADIS, reason="keyCompromise")
    revoked = openssl(*ask, "-CAfile", folder / "root.pem", "-resp_text")
    assert revoked.returncode == 0, revoked.stderr
    assert f"{cert}: revoked" in revoked.stdout
    assert "Reason: keyCompromise" in revoked.stdout
    assert "Responder Id: " in revoked.stdout
    other_cert = folder / "officials" / f"{KABID_IKP}.pem"
    other = openssl(
        "ocsp", "-issuer", folder / "issuing-ca.pem", "-cert", other_cert,
        "-url", pki_server.ocsp_url, "-CAfile", folder / "root.pem",
    )  # fmt: skip
    assert ": good" in other.stdout


def test_crls_over_http_list_revocations_and_verify_with_openssl(
    demo_pki: DemoPki, pki_server: PkiServer, tmp_path: Path
) -> None:
    bundle = ca_bundle(demo_pki, tmp_path)
    status, kind, before = http(pki_server.crl_url("issuing-ca"))
    assert (status, kind) == (200, "application/pkix-crl")
    assert len(x509.load_der_x509_crl(before)) == 0
    serial = demo_pki.revoke(KADIS, reason="superseded")
    ca_serial = demo_pki.revoke(f"{demo_pki.issuing_ca.serial_number:x}", reason="cACompromise")
    for name, expected in (("issuing-ca", serial), ("root", ca_serial)):
        status, _, body = http(pki_server.crl_url(name))
        assert status == 200
        path = tmp_path / f"{name}.crl"
        path.write_bytes(body)
        checked = openssl("crl", "-inform", "DER", "-in", path, "-CAfile", bundle, "-noout")
        assert checked.returncode == 0, checked.stderr
        assert "verify OK" in checked.stderr
        text = openssl("crl", "-inform", "DER", "-in", path, "-noout", "-text").stdout
        hex_serial = f"{expected:X}"
        assert f"Serial Number: {'0' * (len(hex_serial) % 2)}{hex_serial}" in text
        crl = x509.load_der_x509_crl(body)
        assert [r.serial_number for r in crl] == [expected]
        assert crl.next_update_utc is not None
        ahead = crl.next_update_utc - dt.datetime.now(dt.UTC)
        assert dt.timedelta(days=CRL_DAYS) - dt.timedelta(minutes=1) < ahead
        assert ahead <= dt.timedelta(days=CRL_DAYS)


def test_crls_are_fresh_on_every_request(demo_pki_session: DemoPki) -> None:
    first, second = (x509.load_der_x509_crl(demo_pki_session.crl("root")) for _ in range(2))
    number = x509.CRLNumber
    first_no = first.extensions.get_extension_for_class(number).value.crl_number
    second_no = second.extensions.get_extension_for_class(number).value.crl_number
    assert second_no >= first_no
    assert [x509.load_der_x509_crl(c).issuer for c in demo_pki_session.crls()] == [
        demo_pki_session.root.subject,
        demo_pki_session.issuing_ca.subject,
    ]


def _request_for(serial: int, issuer: x509.Certificate) -> bytes:
    builder = ocsp.OCSPRequestBuilder()
    probe = _probe_cert(serial, issuer)
    return (
        builder.add_certificate(probe, issuer, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )


def _probe_cert(serial: int, issuer: x509.Certificate) -> x509.Certificate:
    """A throwaway certificate that names ``issuer`` and ``serial`` (only the ids matter)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([]))
        .issuer_name(issuer.subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )


def test_ocsp_get_unknown_unauthorized_and_malformed(
    demo_pki_session: DemoPki, pki_server: PkiServer
) -> None:
    pki = demo_pki_session
    official = pki.certificate_of(KABID_IKP)
    encoded = base64.b64encode(_request_for(official.serial_number, pki.issuing_ca)).decode()
    status, kind, body = http(f"{pki_server.ocsp_url}/{urllib.request.quote(encoded, safe='')}")
    assert (status, kind) == (200, "application/ocsp-response")
    answer = ocsp.load_der_ocsp_response(body)
    assert answer.response_status is ocsp.OCSPResponseStatus.SUCCESSFUL
    assert answer.certificate_status is ocsp.OCSPCertStatus.GOOD
    assert answer.certificates == [pki.ocsp_cert]
    responder_key = answer.certificates[0].public_key()
    assert isinstance(responder_key, rsa.RSAPublicKey)
    responder_key.verify(
        answer.signature, answer.tbs_response_bytes, padding.PKCS1v15(), hashes.SHA256()
    )

    def post(request: bytes) -> ocsp.OCSPResponse:
        _, _, raw = http(pki_server.ocsp_url, request, "application/ocsp-request")
        return ocsp.load_der_ocsp_response(raw)

    unknown = post(_request_for(12345, pki.issuing_ca))
    assert unknown.certificate_status is ocsp.OCSPCertStatus.UNKNOWN
    about_root = post(_request_for(pki.issuing_ca.serial_number, pki.root))
    assert about_root.response_status is ocsp.OCSPResponseStatus.UNAUTHORIZED
    garbage = post(b"\x30\x03bukan ocsp")
    assert garbage.response_status is ocsp.OCSPResponseStatus.MALFORMED_REQUEST


def test_openssl_reads_and_verifies_a_timestamp_reply(
    demo_pki_session: DemoPki, pki_server: PkiServer, tmp_path: Path
) -> None:
    pki = demo_pki_session
    data = tmp_path / "naskah.txt"
    data.write_text("Naskah dinas DEMO", encoding="utf-8")
    query, reply = tmp_path / "q.tsq", tmp_path / "r.tsr"
    made = openssl("ts", "-query", "-data", data, "-sha256", "-cert", "-out", query)
    assert made.returncode == 0, made.stderr
    status, kind, body = http(pki_server.tsa_url, query.read_bytes(), "application/timestamp-query")
    assert (status, kind) == (200, "application/timestamp-reply")
    reply.write_bytes(body)
    text = openssl("ts", "-reply", "-in", reply, "-text")
    assert text.returncode == 0, text.stderr
    assert "Status: Granted." in text.stdout
    assert f"Policy OID: {TSA_POLICY_OID}" in text.stdout
    assert "Hash Algorithm: sha256" in text.stdout
    assert "CN=TNDE DEMO Timestamp Authority" in text.stdout
    assert "Nonce: 0x" in text.stdout
    # openssl ts splits -untrusted at spaces, and the PKI folder's name has one.
    untrusted = tmp_path / "issuing-ca.pem"
    shutil.copyfile(pki.folder / "issuing-ca.pem", untrusted)
    verified = openssl(
        "ts", "-verify", "-in", reply, "-queryfile", query,
        "-CAfile", pki.folder / "root.pem", "-untrusted", untrusted,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stderr
    assert "Verification: OK" in verified.stdout
    data.write_text("Naskah dinas DEMO yang diubah", encoding="utf-8")
    tampered = openssl(
        "ts", "-verify", "-in", reply, "-data", data,
        "-CAfile", pki.folder / "root.pem", "-untrusted", untrusted,
    )  # fmt: skip
    assert "Verification: FAILED" in tampered.stdout


def test_timestamp_requests_with_sha1_or_garbage_are_rejected(
    demo_pki_session: DemoPki, pki_server: PkiServer, tmp_path: Path
) -> None:
    data = tmp_path / "naskah.txt"
    data.write_text("x", encoding="utf-8")
    query = tmp_path / "sha1.tsq"
    assert openssl("ts", "-query", "-data", data, "-sha1", "-out", query).returncode == 0
    _, _, body = http(pki_server.tsa_url, query.read_bytes(), "application/timestamp-query")
    reply = tmp_path / "sha1.tsr"
    reply.write_bytes(body)
    text = openssl("ts", "-reply", "-in", reply, "-text").stdout
    assert "Status: Rejected." in text
    assert "unrecognized or unsupported algorithm identifier" in text
    raw = demo_pki_session.timestamp_response(b"bukan permintaan")
    status = tsp.PKIStatusInfo.load(core.Sequence.load(raw).contents)  # no token in a rejection
    assert status["status"].native == "rejection"
    assert status["fail_info"].native == {"bad_data_format"}


def test_unknown_paths_and_oversized_bodies(pki_server: PkiServer) -> None:
    assert http(f"{pki_server.url}/tidak-ada")[0] == 404
    assert http(f"{pki_server.url}/tsa-lain", b"x", "application/timestamp-query")[0] == 404
    assert http(pki_server.tsa_url, b"\0" * 70_000, "application/timestamp-query")[0] == 413
    status, kind, body = http(f"{pki_server.url}/ca/root.cer")
    assert (status, kind) == (200, "application/pkix-cert")
    assert x509.load_der_x509_certificate(body) == pki_server.pki.root


def test_a_taken_port_gives_a_clear_error(demo_pki_session: DemoPki) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        server = PkiServer(demo_pki_session, port=port)
        with pytest.raises(PkiError, match=f"port {port} di 127.0.0.1 sudah dipakai") as caught:
            server.start()
    assert caught.value.kind == PkiError.PORT_IN_USE
    assert not server.running


def test_server_starts_on_a_chosen_port_and_stops(demo_pki_session: DemoPki) -> None:
    with PkiServer(demo_pki_session, port=0) as server:
        assert server.port != 0
        assert server.tsa_url == f"http://127.0.0.1:{server.port}/tsa"
        assert http(server.crl_url("root"))[0] == 200
    assert not server.running
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(server.crl_url("root"), timeout=2)
