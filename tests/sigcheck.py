"""Independent checks of a signed PDF with tools that share no code with pyHanko.

- poppler's ``pdfsig`` validates each CMS over its byte ranges and the certificate against
  an NSS database that trusts only the given roots (its exit code is 0 even for a digest
  mismatch, so its text is parsed);
- ``openssl cms -verify`` checks each signature's extracted CMS against exactly the signed
  bytes and the roots;
- ``qpdf --check`` checks the file's structure.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tests.conftest import require_tool

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["PdfsigSignature", "extract_cms", "nss_db", "openssl_verify", "pdfsig", "qpdf_check"]


@dataclass(frozen=True)
class PdfsigSignature:
    field: str
    signer: str
    type: str
    validation: str
    certificate: str
    total: bool


def nss_db(folder: Path, roots: list[Path]) -> Path:
    """A new NSS database in ``folder`` trusting only ``roots``."""
    certutil = require_tool("certutil")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([certutil, "-N", "-d", f"sql:{folder}", "--empty-password"], check=True)
    for i, root in enumerate(roots):
        subprocess.run(
            [certutil, "-A", "-d", f"sql:{folder}", "-n", f"root{i}", "-t", "C,C,C", "-i", root],
            check=True,
        )
    return folder


def pdfsig(pdf: Path, nssdir: Path, *, ocsp: bool = False) -> list[PdfsigSignature]:
    """What ``pdfsig`` says of each signed field (OCSP off unless asked: offline tests)."""
    args = [require_tool("pdfsig"), "-nssdir", f"sql:{nssdir}"]
    if not ocsp:
        args.append("-no-ocsp")
    proc = subprocess.run([*args, str(pdf)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    found = []
    for block in re.split(r"\nSignature #\d+:\n", proc.stdout)[1:]:
        if "The signature form field is not signed." in block:
            continue

        def get(key: str, text: str = block) -> str:
            match = re.search(rf"- {key}: (.*)", text)
            return match.group(1).strip() if match else ""

        found.append(
            PdfsigSignature(
                field=get("Signature Field Name"),
                signer=get("Signer Certificate Common Name"),
                type=get("Signature Type"),
                validation=get("Signature Validation"),
                certificate=get("Certificate Validation"),
                total="Total document signed" in block,
            )
        )
    return found


def extract_cms(data: bytes) -> list[tuple[bytes, bytes, bool]]:
    """(CMS DER, signed bytes, is a document timestamp) of every signature, read straight
    from each /ByteRange."""
    out = []
    for match in re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data):
        a, b, c, d = (int(x) for x in match.groups())
        start = data.rfind(b"<<", 0, a)
        timestamp = b"/ETSI.RFC3161" in data[max(0, start - 400) : c + 400]

        gap = data[a + b : c]
        assert re.fullmatch(rb"<[0-9A-Fa-f]*>", gap), "the gap is not one hex string"
        der = bytes.fromhex(gap[1:-1].decode())
        length_octets = der[1] & 0x7F if der[1] & 0x80 else 0
        body = int.from_bytes(der[2 : 2 + length_octets], "big") if length_octets else der[1]
        signed = data[a : a + b] + data[c : c + d]
        out.append((der[: 2 + length_octets + body], signed, timestamp))
    return out


def openssl_verify(data: bytes, root: Path, folder: Path) -> list[str]:
    """``openssl cms -verify`` of each signature (``openssl ts -verify`` of each document
    timestamp); the list of failures (empty: all good)."""
    openssl = require_tool("openssl")
    failures = []
    for i, (der, signed, timestamp) in enumerate(extract_cms(data)):
        cms, content = folder / f"sig{i}.der", folder / f"sig{i}.bin"
        cms.write_bytes(der)
        content.write_bytes(signed)
        if timestamp:
            args = ["ts", "-verify", "-token_in", "-in", cms, "-data", content, "-CAfile", root]
        else:
            args = ["cms", "-verify", "-binary", "-inform", "DER", "-in", cms, "-content",
                    content, "-CAfile", root, "-purpose", "any", "-out", "/dev/null"]  # fmt: skip
        proc = subprocess.run([openssl, *args], capture_output=True, text=True, check=False)
        ok = "Verification: OK" in proc.stdout if timestamp else proc.returncode == 0
        if not ok:
            failures.append(f"signature {i}: {(proc.stderr or proc.stdout).strip()}")
    return failures


def qpdf_check(pdf: Path) -> str:
    """``qpdf --check`` output; fails the test on errors or warnings."""
    proc = subprocess.run(
        [require_tool("qpdf"), "--check", str(pdf)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout
