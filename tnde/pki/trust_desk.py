"""Changing what a workspace trusts, as the one who may: the window and the command line
both go through :class:`TrustDesk`, which admits the actor (outside demo mode, the
workspace's owner), refuses a read-only workspace before touching a file, and records every
change in the audit log in the same transaction as the change itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tnde.pki.trust import TrustedRoot, TrustStore, format_duration
from tnde.workspace import audit_append

if TYPE_CHECKING:
    import builtins
    from collections.abc import Callable

    from tnde.workspace import Workspace

__all__ = ["TrustDesk"]


class TrustDesk:
    """The trust store of ``ws``, changed by ``actor``.

    Raises (every change):
        WorkflowRefused: ``actor`` may not act in this workspace (``ACT-NOT-OWNER``,
            ``ACT-NO-OWNER``); nothing is changed.
        WorkspaceError: ``READ_ONLY``.
        PkiError: the store refuses the change (a DEMO root outside a demo, a bad file…).
    """

    def __init__(self, ws: Workspace, actor: str) -> None:
        self.ws = ws
        self.actor = actor
        self.store = TrustStore.for_workspace(ws.path)

    def list(self) -> builtins.list[TrustedRoot]:
        """The trusted roots (reading needs no one's permission)."""
        return self.store.list()

    def add(self, data: bytes, **options: Any) -> TrustedRoot:
        """Trust the root certificate in ``data`` (see :meth:`TrustStore.add_root`)."""
        demo = bool(self.ws.config.demo)
        return self._change(
            "pki.trust_add",
            lambda store: store.add_root(data, demo_workspace=demo, **options),
        )

    def update(self, fingerprint: str, **options: Any) -> TrustedRoot:
        """Change what a trusted root allows (see :meth:`TrustStore.update_root`)."""
        return self._change(
            "pki.trust_set", lambda store: store.update_root(fingerprint, **options)
        )

    def remove(self, fingerprint: str) -> TrustedRoot:
        """Stop trusting a root."""
        return self._change("pki.trust_remove", lambda store: store.remove(fingerprint))

    def _change(self, action: str, change: Callable[[TrustStore], TrustedRoot]) -> TrustedRoot:
        self.ws.acting.admit(self.actor)
        self.ws.require_writable()
        with self.ws.transaction() as conn:
            # the file changes before the audit row commits: a failure leaves neither
            root = change(self.store)
            audit_append(
                conn,
                actor=self.actor,
                action=action,
                object=root.fingerprint,
                details={
                    "label": root.label,
                    "subject": root.subject,
                    "demo": root.demo,
                    "purposes": list(root.purposes),
                    "revocation_freshness": format_duration(root.revocation_freshness),
                },
            )
        return root
