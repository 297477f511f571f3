"""Incoming tests reuse the workflow tests' org chart, workspace and clock."""

from __future__ import annotations

from tests.workflow.conftest import clock, letters, workspace

__all__ = ["clock", "letters", "workspace"]
