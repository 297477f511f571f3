"""Signing tests use the session's demo workspace (with its DEMO PKI) and the PKI fixtures."""

from __future__ import annotations

from tests.demoworkspace import demo_template, demo_ws
from tests.pkifixtures import demo_pki, demo_pki_session, pki_server

__all__ = ["demo_pki", "demo_pki_session", "demo_template", "demo_ws", "pki_server"]
