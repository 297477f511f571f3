"""Outgoing letters as events: the lifecycle, its rules, and the service that applies them."""

from __future__ import annotations

from tnde.workflow.events import Event, EventType
from tnde.workflow.state import LetterState, LetterStatus, fold

__all__ = ["Event", "EventType", "LetterState", "LetterStatus", "fold"]
