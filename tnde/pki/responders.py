"""The DEMO revocation and timestamp services: CRLs, OCSP responses, RFC 3161 tokens.

Pure functions over certificates, keys and the revocation list, so :class:`~tnde.pki.demo.DemoPki`
can answer in-process (tests, the signing code) and :class:`~tnde.pki.server.PkiServer` can
answer the same over loopback HTTP. ``thisUpdate`` is the moment of answering (whole
seconds, as DER encodes it): see :data:`BACKDATE`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.x509 import ocsp

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from cryptography.hazmat.primitives.asymmetric import rsa

__all__ = [
    "BACKDATE",
    "CRL_DAYS",
    "TSA_POLICY_OID",
    "Revocation",
    "build_crl",
    "ocsp_response",
    "timestamp_response",
]

log = logging.getLogger(__name__)

BACKDATE = dt.timedelta(0)
"""How far thisUpdate / lastUpdate lie before the moment of answering: none. A verifier
accepts only revocation data issued at or after a signature's time as proof about that time,
and the DEMO responders share the signer's clock, so there is no skew to allow for."""
CRL_DAYS = 3
"""nextUpdate of every CRL: a few days ahead, so signed files validate offline for a while."""
OCSP_HOURS = 24
"""nextUpdate of every OCSP response."""
TSA_POLICY_OID = "2.25.238940516214735402955383040386870735722.1"
"""TSA policy of the TNDE DEMO Timestamp Authority (below the DEMO certificate policy)."""
_IMPRINT_SIZES = {"sha256": 32, "sha384": 48, "sha512": 64}
"""Accepted message-imprint algorithms and their digest sizes (SHA-1 is refused)."""


@dataclass(frozen=True)
class Revocation:
    """One revoked certificate."""

    serial: int
    """Serial number of the revoked certificate."""
    at: dt.datetime
    """When it was revoked (aware)."""
    reason: x509.ReasonFlags
    """Why (RFC 5280 reason code)."""


def build_crl(
    ca_cert: x509.Certificate,
    ca_key: rsa.RSAPrivateKey,
    revoked: Sequence[Revocation],
    *,
    now: dt.datetime,
) -> bytes:
    """A fresh DER CRL of ``ca_cert`` listing ``revoked``, valid :data:`CRL_DAYS` days.

    The CRL number is the time in milliseconds, so it grows from one CRL to the next without
    any stored counter.
    """
    last = now - BACKDATE
    if revoked:
        last = max(last, max(r.at for r in revoked))
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(last)
        .next_update(now + dt.timedelta(days=CRL_DAYS))
        .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
    )
    for entry in revoked:
        item = (
            x509.RevokedCertificateBuilder()
            .serial_number(entry.serial)
            .revocation_date(entry.at)
            .add_extension(x509.CRLReason(entry.reason), critical=False)
            .build()
        )
        builder = builder.add_revoked_certificate(item)
    return builder.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def ocsp_response(
    request_der: bytes,
    *,
    issuer: x509.Certificate,
    responder: x509.Certificate,
    responder_key: rsa.RSAPrivateKey,
    issued: Callable[[int], bool],
    revocation: Callable[[int], Revocation | None],
    now: dt.datetime,
) -> bytes:
    """The DER OCSP response to ``request_der`` (RFC 6960), signed by the delegated responder.

    ``good`` for a serial ``issued`` says this CA issued, ``revoked`` when ``revocation``
    returns an entry, ``unknown`` otherwise. A request about another CA gets ``unauthorized``,
    an unreadable one ``malformedRequest``.
    """
    try:
        request = ocsp.load_der_ocsp_request(request_der)
        algorithm = request.hash_algorithm
        name_hash, key_hash = request.issuer_name_hash, request.issuer_key_hash
        serial = request.serial_number
    except (ValueError, TypeError, x509.UnsupportedGeneralNameType) as exc:
        log.info("malformed OCSP request: %s", exc)
        return _ocsp_failure(ocsp.OCSPResponseStatus.MALFORMED_REQUEST)
    ours = _issuer_hashes(issuer, algorithm.name)
    if ours is None or ours != (name_hash, key_hash):
        return _ocsp_failure(ocsp.OCSPResponseStatus.UNAUTHORIZED)
    this_update = now - BACKDATE
    entry = revocation(serial)
    if entry is not None:
        status = ocsp.OCSPCertStatus.REVOKED
        this_update = max(this_update, entry.at)
    elif issued(serial):
        status = ocsp.OCSPCertStatus.GOOD
    else:
        status = ocsp.OCSPCertStatus.UNKNOWN
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response_by_hash(
            issuer_name_hash=name_hash,
            issuer_key_hash=key_hash,
            serial_number=serial,
            algorithm=algorithm,
            cert_status=status,
            this_update=this_update,
            next_update=now + dt.timedelta(hours=OCSP_HOURS),
            revocation_time=entry.at if entry else None,
            revocation_reason=entry.reason if entry else None,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, responder)
        .certificates([responder])
    )
    for ext in request.extensions:
        if isinstance(ext.value, x509.OCSPNonce):
            builder = builder.add_extension(ext.value, critical=False)
    response = builder.sign(responder_key, hashes.SHA256())
    return response.public_bytes(serialization.Encoding.DER)


def timestamp_response(
    request_der: bytes,
    *,
    tsa: x509.Certificate,
    tsa_key: rsa.RSAPrivateKey,
    chain: Sequence[x509.Certificate],
    now: dt.datetime,
) -> bytes:
    """The DER ``TimeStampResp`` to ``request_der`` (RFC 3161), signed by the DEMO TSA.

    The token carries ``SigningCertificateV2`` (ESSCertIDv2 over SHA-256), the request's nonce,
    and, when the request sets ``certReq``, the TSA certificate and ``chain``. A request that
    cannot be parsed, asks for SHA-1 or another policy is rejected with the matching failInfo.
    """
    try:
        request = tsp.TimeStampReq.load(request_der)
        imprint = request["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        digest = imprint["hashed_message"].native
        policy = request["req_policy"].native
        nonce = request["nonce"].native
        cert_req = bool(request["cert_req"].native)
    except ValueError as exc:
        log.info("malformed timestamp request: %s", exc)
        return _tsa_rejection("bad_data_format", "permintaan tidak dapat dibaca")
    if algorithm not in _IMPRINT_SIZES or len(digest) != _IMPRINT_SIZES[algorithm]:
        return _tsa_rejection("bad_alg", f"algoritme hash {algorithm} tidak diterima")
    if policy is not None and policy != TSA_POLICY_OID:
        return _tsa_rejection("unaccepted_policy", f"kebijakan {policy} tidak dikenal")
    tsa_asn1 = _asn1(tsa)
    info = {
        "version": "v1",
        "policy": TSA_POLICY_OID,
        "message_imprint": imprint,
        "serial_number": secrets.randbits(63),
        "gen_time": now.astimezone(dt.UTC),
        "accuracy": {"seconds": 1},
        "tsa": asn1_x509.GeneralName(name="directory_name", value=tsa_asn1.subject),
    }
    if nonce is not None:
        info["nonce"] = nonce
    tst_info = tsp.TSTInfo(info).dump()
    signed_attrs = cms.CMSAttributes(
        [
            _attribute("content_type", "tst_info"),
            _attribute("signing_time", cms.Time({"utc_time": core.UTCTime(now)})),
            _attribute("message_digest", hashlib.sha256(tst_info).digest()),
            _attribute("signing_certificate_v2", _signing_certificate(tsa_asn1)),
        ]
    )
    signature = tsa_key.sign(signed_attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
    sha256 = algos.DigestAlgorithm({"algorithm": "sha256"})
    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                name="issuer_and_serial_number",
                value={"issuer": tsa_asn1.issuer, "serial_number": tsa_asn1.serial_number},
            ),
            "digest_algorithm": sha256,
            "signed_attrs": signed_attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "rsassa_pkcs1v15"}),
            "signature": signature,
        }
    )
    signed_data = {
        "version": "v3",
        "digest_algorithms": [sha256],
        "encap_content_info": {
            "content_type": "tst_info",
            "content": cms.ParsableOctetString(tst_info),
        },
        "signer_infos": [signer_info],
    }
    if cert_req:
        signed_data["certificates"] = [tsa_asn1, *(_asn1(c) for c in chain)]
    token = cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData(signed_data)})
    response = tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token})
    return bytes(response.dump())


def _issuer_hashes(issuer: x509.Certificate, algorithm: str) -> tuple[bytes, bytes] | None:
    """(issuerNameHash, issuerKeyHash) of ``issuer`` with the request's hash algorithm."""
    name = algorithm.lower().replace("-", "")
    if name not in {"sha1", "sha256", "sha384", "sha512"}:
        return None
    cert = _asn1(issuer)
    key_bits = bytes(cert.public_key["public_key"])
    return (
        hashlib.new(name, cert.subject.dump()).digest(),
        hashlib.new(name, key_bits).digest(),
    )


def _ocsp_failure(status: ocsp.OCSPResponseStatus) -> bytes:
    return ocsp.OCSPResponseBuilder.build_unsuccessful(status).public_bytes(
        serialization.Encoding.DER
    )


def _tsa_rejection(fail_info: str, text: str) -> bytes:
    status = tsp.PKIStatusInfo(
        {
            "status": "rejection",
            "status_string": [text],
            "fail_info": tsp.PKIFailureInfo({fail_info}),
        }
    )
    return bytes(_Rejection({"status": status}).dump())


class _Rejection(core.Sequence):  # type: ignore[misc]
    """``TimeStampResp`` without a token (asn1crypto's class insists on one)."""

    _fields = [("status", tsp.PKIStatusInfo)]  # noqa: RUF012 (asn1crypto's schema attribute)


def _signing_certificate(cert: asn1_x509.Certificate) -> tsp.SigningCertificateV2:
    return tsp.SigningCertificateV2(
        {
            "certs": [
                {
                    "hash_algorithm": {"algorithm": "sha256"},
                    "cert_hash": hashlib.sha256(cert.dump()).digest(),
                    "issuer_serial": {
                        "issuer": [asn1_x509.GeneralName(name="directory_name", value=cert.issuer)],
                        "serial_number": cert.serial_number,
                    },
                }
            ]
        }
    )


def _attribute(kind: str, value: object) -> cms.CMSAttribute:
    return cms.CMSAttribute({"type": kind, "values": [value]})


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
