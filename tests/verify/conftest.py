"""One throwaway PKI and one corpus of signed letters per session (signing is slow)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest

from tests.verify import sigfixtures as fx
from tnde.verify.batch import quiet_library_logs

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from cryptography import x509

    from tnde.verify import FileReport


@pytest.fixture(scope="session", autouse=True)
def _quiet_pyhanko() -> Iterator[None]:
    quiet_library_logs()
    yield
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.fixture(scope="session")
def pki() -> fx.TestPki:
    return fx.build_pki()


class Corpus:
    """Genuine signed letters, made once and shared (read-only bytes)."""

    def __init__(self, pki: fx.TestPki) -> None:
        self.pki = pki
        one = fx.letter_pdf(fields=("Kepala",))
        self.unsigned = one
        self.levels = {
            level: fx.sign(pki, one, pki.kepala, level=level)
            for level in ("B-B", "B-T", "B-LT", "B-LTA")
        }
        certified = fx.sign(pki, fx.letter_pdf(), pki.kepala, level="B-LT", certify=True)
        self.half_signed = certified
        self.two_signers = fx.sign(
            pki, certified, pki.sekretaris, field_name="Sekretaris", level="B-LT"
        )

    @property
    def blt(self) -> bytes:
        return self.levels["B-LT"]


@pytest.fixture(scope="session")
def corpus(pki: fx.TestPki) -> Corpus:
    return Corpus(pki)


def verify(
    data: bytes,
    pki: fx.TestPki,
    *,
    roots: list[x509.Certificate] | None = None,
    now: dt.datetime | None = None,
) -> FileReport:
    """``verify_pdf`` with the test PKI's root (or ``roots``)."""
    from tnde.verify import verify_pdf

    return verify_pdf(data, trust_roots=roots or [pki.root.cert], name="uji.pdf", now=now)
