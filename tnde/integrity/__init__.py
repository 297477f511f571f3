"""The whole ``tnde workspace check``: the storage, the projections and the register.

:func:`check_integrity` is the door the command line (and any window that offers the check)
calls. The pieces live where their knowledge does, and the layers keep them apart:

- :func:`tnde.workspace.check_workspace` checks the storage (SQLite, blobs, the audit chain,
  every event chain, links) and runs, in the same read transaction, the checks it is given;
- :func:`tnde.workflow.check_letters` and :func:`tnde.incoming.check_incoming` rebuild each
  aggregate's projection rows from a fresh fold of its events and compare them;
- :func:`tnde.register.check_register` replays the register's audit entries and matches the
  numbers the events claim (:func:`tnde.workflow.letter_numbers`,
  :func:`tnde.incoming.agenda_numbers`).

The workspace may not import the aggregates above it, so this package, above them all, hands
their checks to the workspace's. Nothing registers itself behind the caller's back: a check
this function does not pass is not run, and a new aggregate adds its check here.
"""

from __future__ import annotations

from tnde.integrity.check import check_integrity

__all__ = ["check_integrity"]
