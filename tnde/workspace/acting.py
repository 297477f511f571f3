"""Who may act at a desk: the owner binding.

A workspace outside demo mode belongs to one official, its *owner* (``owner`` in
``config.toml``, set by ``tnde workspace init --owner NIP``). Every action there is taken as
the owner. Acting for another jabatan (Plt., Plh., Pj.) or at the registry desk needs an
assignment of the owner in the org chart, which the workflow rules check as they always do;
it never needs a different person. A non-demo workspace without an owner refuses every
action until one is set, so that forgetting the setting cannot leave a desk where anyone
may act as anyone.

A demo workspace lets anyone in its org chart act (the window's switcher), so one person can
walk a letter through its whole route on one computer. The archive server uses the same seam
with the signed-in account in place of the owner.

What this does not protect against: someone with the owner's operating-system account can
edit ``config.toml`` or the database itself. The binding keeps honest people from acting as
colleagues by mistake or by habit, and the audit log names who acted; the archive server,
which holds its own copy and checks each account's password, is what makes it hold against a
determined user.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tnde.canonical import now_timestamp
from tnde.errors import WorkflowRefused
from tnde.formatting import validate_nip
from tnde.messages import _
from tnde.workspace.audit import audit_append
from tnde.workspace.config import CONFIG_FILE, read_config

if TYPE_CHECKING:
    from tnde.workspace.workspace import Workspace

__all__ = ["ANYONE", "ActingPolicy", "bind_owner"]

NO_OWNER = "ACT-NO-OWNER"
"""Rule id: a non-demo workspace has no owner yet."""
NOT_OWNER = "ACT-NOT-OWNER"
"""Rule id: an action was asked for as someone other than the owner."""


@dataclass(frozen=True)
class ActingPolicy:
    """Whose actions a desk takes.

    Attributes:
        owner: the owner's NIP, ``""`` when none is set.
        anyone: any pegawai may act (demo workspaces, and events the archive already accepted).
    """

    owner: str = ""
    anyone: bool = False

    @classmethod
    def for_workspace(cls, *, owner: str, demo: bool) -> ActingPolicy:
        """The policy of a workspace with these settings."""
        return cls(owner=owner, anyone=demo)

    def default_actor(self) -> str:
        """Who acts when nobody was named: the owner (``""`` before one is set, and in a
        demo workspace that names none)."""
        return self.owner

    def admit(self, nip: str) -> None:
        """Allow an action taken as ``nip``, or raise.

        Raises:
            WorkflowRefused: ``ACT-NO-OWNER`` or ``ACT-NOT-OWNER``; nothing may be stored.
        """
        if self.anyone:
            return
        if not self.owner:
            raise WorkflowRefused(
                NO_OWNER,
                _(
                    "this workspace has no owner yet, so nobody may act in it; choose the "
                    "official who works here in Settings → Identity, or with: tnde "
                    "workspace owner NIP"
                ),
            )
        if nip != self.owner:
            raise WorkflowRefused(
                NOT_OWNER,
                _(
                    "actions in this workspace are taken as its owner only; another "
                    "official acts from their own workspace (a position the owner holds, "
                    "such as Plh., comes from the org chart)"
                ),
            )


ANYONE = ActingPolicy(anyone=True)
"""Everyone may act: for demo workspaces and for replaying events already accepted."""


def bind_owner(ws: Workspace, nip: str, *, replace_unused: bool = False) -> str:
    """Make ``nip`` the owner of ``ws``, once, and record it in the audit log.

    The check and the change happen under the workspace's write lock, against the settings
    file as it is now: two desks (a window and a terminal) setting the owner at the same
    moment give one owner, not two.

    Args:
        replace_unused: replace an owner under whom nothing was done yet (no event in the
            workspace): a mistyped NIP must not lock a new workspace for good.

    Returns:
        The NIP in its 18-digit form.

    Raises:
        ValidationError: ``nip`` is not a NIP.
        WorkflowRefused: ``ACT-OWNER-SET`` when the workspace already has an owner (a desk
            belongs to one official; another official works in their own workspace) who
            acted, or ``ACT-DEMO`` for a demo workspace, where anyone acts.
    """
    nip = validate_nip(nip)
    with ws.transaction() as conn:
        current = read_config(ws.path / CONFIG_FILE)
        if current.demo:
            raise WorkflowRefused(
                "ACT-DEMO", _("a demo workspace has no owner: anyone in its org chart may act")
            )
        if current.owner and (
            not replace_unused or conn.execute("SELECT 1 FROM event LIMIT 1").fetchone()
        ):
            raise WorkflowRefused(
                "ACT-OWNER-SET",
                _(
                    "this workspace already has its owner; a workspace belongs to one "
                    "official, and another official works in a workspace of their own"
                ),
            )
        audit_append(
            conn,
            actor=nip,
            action="workspace.owner",
            object=f"workspace:{ws.workspace_id}",
            details={"owner": nip, "replaces": current.owner},
            at=now_timestamp(),
        )
        # written before the audit row commits: a failed write leaves neither
        ws.save_config(replace(current, owner=nip))
    return nip
