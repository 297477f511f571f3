"""The PKI tests share one session DEMO PKI and its loopback server (tests/pkifixtures.py)."""

from __future__ import annotations

from tests.pkifixtures import demo_pki, demo_pki_session, pki_server

__all__ = ["demo_pki", "demo_pki_session", "pki_server"]
