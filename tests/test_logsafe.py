"""No NIK reaches a log, whoever logs it: the handlers the CLI and the app install redact
16-digit numbers."""

from __future__ import annotations

import io
import logging

from tnde.cli.main import main
from tnde.logsafe import NikRedactingFilter, redact

NIK = "3273012505860001"
NIP = "196708271994031001"


def test_redact_takes_a_nik_and_leaves_a_nip_and_other_numbers() -> None:
    text = f"OCSP for serialNumber={NIK}, NIP {NIP}, tahun 2026, seri 12345678901234567"
    assert (
        redact(text)
        == f"OCSP for serialNumber=[NIK], NIP {NIP}, tahun 2026, seri 12345678901234567"
    )


def test_the_filter_redacts_formatted_arguments() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(NikRedactingFilter())
    logger = logging.getLogger("uji.logsafe")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        logger.debug("fetching OCSP for %s (%d)", f"CN=Budi, serialNumber={NIK}", 1)
    finally:
        logger.removeHandler(handler)
    assert NIK not in stream.getvalue()
    assert "serialNumber=[NIK]" in stream.getvalue()


def test_the_command_line_installs_the_filter() -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        main(["-v", "templates"])
        added = [h for h in root.handlers if h not in before]
        handlers = added or root.handlers
        assert handlers
        assert all(any(isinstance(f, NikRedactingFilter) for f in h.filters) for h in handlers)
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
