"""The CSC API v2 side of the DEMO remote signing simulator (:mod:`tnde.pki.remote_simulator`).

========================================  ==========================================================
``POST /oauth2/token``                    client credentials (HTTP Basic) → a Bearer token
``POST /csc/v2/credentials/list``         ``{userID}`` (the NIK) → the credential, its chain, status
``POST /csc/v2/credentials/authorize``    ``{credentialID, numSignatures, authData: [{id: PIN}]}``
                                          → ``{SAD, expiresIn}``, good for ``numSignatures``
``POST /csc/v2/signatures/signHash``      ``{credentialID, SAD, hashes, hashAlgorithmOID, …}``
                                          → ``{signatures: [raw PKCS#1 v1.5]}``
========================================  ==========================================================

The PIN is the official's ``.p12`` passphrase. Errors use the CSC shape
``{"error", "error_description"}``; the faults of the simulator apply here too.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils
from cryptography.hazmat.primitives.serialization import Encoding

if TYPE_CHECKING:
    from tnde.pki.remote_simulator import DemoRemoteService

__all__ = ["CSC_ROUTES", "csc_answer"]

CSC_ROUTES = {
    "token": "/oauth2/token",
    "credentials_list": "/csc/v2/credentials/list",
    "authorize": "/csc/v2/credentials/authorize",
    "sign_hash": "/csc/v2/signatures/signHash",
}
SHA256_OID = "2.16.840.1.101.3.4.2.1"


def csc_answer(
    service: DemoRemoteService, path: str, body: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    """The answer of the CSC route at ``path``."""
    if path == CSC_ROUTES["credentials_list"]:
        return _credentials(service, str(body.get("userID", "")))
    if path == CSC_ROUTES["authorize"]:
        return _authorize(service, body)
    return _sign_hash(service, body)


def _error(code: str, description: str, status: int = 400) -> tuple[int, dict[str, Any]]:
    return status, {"error": code, "error_description": description}


def _credentials(service: DemoRemoteService, user_id: str) -> tuple[int, dict[str, Any]]:
    found = None if service.fault == "not-registered" else service.official(user_id)
    if found is None:
        return _error("invalid_request", "Invalid parameter userID")
    if service.fault == "no-certificate":
        return 200, {"credentialIDs": [], "credentialInfos": []}
    key, cert = found
    pki = service.pki
    status = "valid"
    if pki.is_revoked(cert.serial_number):
        status = "revoked"
    elif pki.clock() > cert.not_valid_after_utc:
        status = "expired"
    chain = [cert, *pki.chain]
    credential_id = f"demo/{key}"
    info = {
        "credentialID": credential_id,
        "key": {"status": "enabled", "algo": ["1.2.840.113549.1.1.1"], "len": 3072},
        "cert": {
            "status": status,
            "certificates": [
                base64.b64encode(c.public_bytes(Encoding.DER)).decode() for c in chain
            ],
            "issuerDN": cert.issuer.rfc4514_string(),
            "subjectDN": cert.subject.rfc4514_string(),
            "serialNumber": format(cert.serial_number, "x"),
        },
        "auth": {
            "mode": "explicit",
            "expression": "PIN",
            "objects": [{"type": "Password", "id": "PIN"}],
        },
        "multisign": service.multisign,
        "lang": "id-ID",
    }
    return 200, {"credentialIDs": [credential_id], "credentialInfos": [info]}


def _authorize(service: DemoRemoteService, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    key = str(body.get("credentialID", "")).removeprefix("demo/")
    if key not in service.pki.official_keys():
        return _error("invalid_request", "Invalid parameter credentialID")
    count = body.get("numSignatures")
    if not isinstance(count, int) or not 1 <= count <= service.multisign:
        return _error("invalid_request", "Invalid parameter numSignatures")
    pins = [
        a.get("value")
        for a in body.get("authData") or ()
        if isinstance(a, dict) and a.get("id") == "PIN"
    ]
    pin = str(pins[0]).encode("utf-8") if pins else b""
    if service.fault == "wrong-passphrase" or service.unlock(key, pin) is None:
        return _error("invalid_pin", "The PIN is invalid")
    sad = secrets.token_urlsafe(24)
    with service.state_lock:
        service.sads[sad] = (key, count)
        service.authorizations += 1
    return 200, {"SAD": sad, "expiresIn": 300}


def _sign_hash(service: DemoRemoteService, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    if service.fault == "server-error":
        return 500, {"__raw__": service.java_trace}
    key = str(body.get("credentialID", "")).removeprefix("demo/")
    sad = str(body.get("SAD", ""))
    with service.state_lock:
        granted = service.sads.get(sad)
        if granted is None or granted[0] != key or granted[1] < 1:
            return _error("invalid_request", "Invalid SAD")
        service.sads[sad] = (key, granted[1] - 1)
    if body.get("hashAlgorithmOID") != SHA256_OID:
        return _error("invalid_request", "Invalid parameter hashAlgorithmOID")
    unlocked = service.kept_key(key)
    if unlocked is None:
        return _error("invalid_request", "Invalid SAD")
    private_key = unlocked
    if service.fault == "other-signer":
        other = service.other_key(key)
        private_key = other if other is not None else private_key
    signatures = []
    for item in body.get("hashes") or ():
        try:
            digest = base64.b64decode(str(item), validate=True)
        except binascii.Error:
            return _error("invalid_request", "Invalid parameter hashes")
        if service.fault == "wrong-digest":
            digest = hashlib.sha256(b"dokumen lain" + digest).digest()
        value = private_key.sign(digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
        signatures.append(base64.b64encode(value).decode())
    return 200, {"signatures": signatures}
