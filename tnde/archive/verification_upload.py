"""Reading the file a person sends to the verification page: a form or the bare PDF.

The browser's form sends ``multipart/form-data`` with the file in the part ``berkas``
(RFC 7578); a program may send the PDF as the whole body. The body is read as it arrives and
refused as soon as it passes the limit (the archive's blob limit, plus a little for the
form's envelope), so a huge upload costs no more than the limit. No library for forms is
needed for one file field: :func:`form_file` finds the part.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from starlette.requests import ClientDisconnect

from tnde.archive.verification_html import size_text

if TYPE_CHECKING:
    from fastapi import Request

__all__ = ["ENVELOPE_BYTES", "FORM_FIELD", "UploadRefusedError", "form_file", "uploaded_file"]

FORM_FIELD = "berkas"
"""The form field that carries the file."""
ENVELOPE_BYTES = 16 * 1024
"""What a multipart form may add around the file (boundaries, part headers, a file name)."""


class UploadRefusedError(Exception):
    """The upload cannot be checked: too large, empty, or not a form the page sends."""

    def __init__(self, status: int, code: str, heading: str, message: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.heading = heading
        self.message = message


async def uploaded_file(request: Request, limit: int) -> bytes:
    """The file in the request: the ``berkas`` part of a form, or the whole body."""
    content_type = request.headers.get("content-type", "")
    multipart = content_type.lower().startswith("multipart/form-data")
    allowed = limit + (ENVELOPE_BYTES if multipart else 0)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > allowed:
        raise _too_large(limit)
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > allowed:
                raise _too_large(limit)
    except ClientDisconnect:
        raise UploadRefusedError(
            400, "upload_incomplete", "Unggahan terputus", "Berkas tidak terkirim utuh. Coba lagi."
        ) from None
    data = bytes(body)
    if multipart:
        boundary = _boundary(content_type)
        found = form_file(data, boundary) if boundary else None
        if found is None:
            raise UploadRefusedError(
                400,
                "bad_form",
                "Berkas tidak terbaca",
                "Formulir yang dikirim tidak memuat berkas. Pilih berkas PDF, lalu coba lagi.",
            )
        data = found
    if len(data) > limit:
        raise _too_large(limit)
    if not data:
        raise UploadRefusedError(
            400,
            "no_file",
            "Tidak ada berkas",
            "Pilih berkas PDF yang akan diperiksa, lalu coba lagi.",
        )
    return data


def _too_large(limit: int) -> UploadRefusedError:
    return UploadRefusedError(
        413,
        "file_too_large",
        "Berkas terlalu besar",
        f"Berkas yang dapat diperiksa paling besar {size_text(limit)}. Naskah dinas bertanda "
        "tangan elektronik biasanya jauh lebih kecil; pastikan berkas yang dipilih benar.",
    )


_BOUNDARY = re.compile(r';\s*boundary=(?:"([^"]{1,200})"|([^\s;"]{1,200}))', re.IGNORECASE)
_NAME = re.compile(r'\bname="([^"]*)"', re.IGNORECASE)
_FILENAME = re.compile(r"\bfilename\*?=", re.IGNORECASE)


def _boundary(content_type: str) -> bytes | None:
    found = _BOUNDARY.search(content_type)
    if found is None:
        return None
    return (found.group(1) or found.group(2)).encode("latin-1", "replace")


def form_file(body: bytes, boundary: bytes) -> bytes | None:
    """The content of the part named ``berkas`` (else the first part that is a file) of a
    ``multipart/form-data`` body (RFC 7578); ``None`` when there is no such part or the body
    is not well formed."""
    delimiter = b"--" + boundary
    position = body.find(delimiter)
    if position < 0:
        return None
    position += len(delimiter)
    chosen: bytes | None = None
    while not body.startswith(b"--", position):
        if not body.startswith(b"\r\n", position):
            return None
        position += 2
        if body.startswith(b"\r\n", position):  # a part without headers
            headers, start = "", position + 2
        else:
            end = body.find(b"\r\n\r\n", position)
            if end < 0:
                return None
            headers, start = body[position:end].decode("latin-1"), end + 4
        close = body.find(b"\r\n" + delimiter, start)
        if close < 0:
            return None
        content = body[start:close]
        name = _NAME.search(headers)
        if name is not None and name.group(1) == FORM_FIELD:
            return content
        if chosen is None and _FILENAME.search(headers):
            chosen = content
        position = close + 2 + len(delimiter)
    return chosen
