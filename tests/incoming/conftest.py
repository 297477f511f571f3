"""Incoming tests reuse the workflow tests' org chart, workspace and clock, and the demo
workspace (with its DEMO PKI) for signed letters."""

from __future__ import annotations

from tests.demoworkspace import demo_template, demo_ws
from tests.workflow.conftest import clock, letters, workspace

__all__ = ["clock", "demo_template", "demo_ws", "letters", "workspace"]
