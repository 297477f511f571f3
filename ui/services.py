"""The core services one window works with, passed to every screen (and to the drafting
editor): the open workspace, the Letters and IncomingDesk services, who the user is, the clock
and the office profile.

Outside demo mode the user is the workspace's owner, always; only a demo workspace lets the
user switch to any official. A :class:`Services` value is immutable. Switching the acting
official (demo user switcher), binding the owner or
opening another workspace makes a new value with :meth:`Services.as_user` /
:meth:`Services.open`; screens that were built for the old value keep it, which is what a
half-written draft needs (it stays the draft of the person who started it).

Stable API (the drafting editor relies on it): ``workspace``, ``letters``, ``desk``,
``tracking``, ``nip``,
``clock``, ``profile``, ``today()``, ``org()``, ``person_name()``, ``jabatan_name()``,
``unit_id()``, ``is_demo``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tnde.formatting import name_sort_key
from tnde.incoming import IncomingDesk
from tnde.org import DEMO_KONSEPTOR_JABATAN, holders, workspace_org
from tnde.profiles import load_profile
from tnde.workflow import Letters, Queue, utc_now
from tnde.workspace import bind_owner

if TYPE_CHECKING:
    import datetime as dt

    from tnde.org import OrgChart, Pegawai
    from tnde.profiles import Profile
    from tnde.tracking import Tracking
    from tnde.workflow import Clock
    from tnde.workspace import Workspace

__all__ = ["Services"]


@dataclass(frozen=True)
class Services:
    """What a screen needs to call the core as the current user."""

    workspace: Workspace
    """The open workspace."""
    letters: Letters
    """Outgoing letters (create, revise, route, submit, approve, return, reject, inbox, diff)."""
    desk: IncomingDesk
    """Incoming letters and dispositions."""
    tracking: Tracking
    """Disposition tracking: counters, the tracking list, search, the report."""
    nip: str
    """NIP of the official the user acts as."""
    clock: Clock = utc_now
    """Where "now" comes from (tests pass a fixed one)."""
    profile: Profile | None = None
    """The office profile (Profil TND) of the workspace, None when it names none."""
    _org: list[OrgChart] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def open(cls, workspace: Workspace, nip: str = "", *, clock: Clock = utc_now) -> Services:
        """Services over ``workspace``: as its owner, or in a demo workspace as ``nip``
        (default: the demo konseptor)."""

        profile_id = workspace.config.profile_id
        profile = load_profile(profile_id) if profile_id else None
        desk = IncomingDesk(workspace, clock)
        made = cls(
            workspace=workspace,
            letters=Letters(workspace, clock),
            desk=desk,
            tracking=desk.tracking,
            nip=nip if workspace.config.demo else workspace.config.owner,
            clock=clock,
            profile=profile,
        )
        if not made.nip:
            made = replace(made, nip=made.default_nip())
        return made

    def as_user(self, nip: str) -> Services:
        """The same services acting as ``nip``.

        Raises:
            WorkflowRefused: the workspace does not take actions as ``nip`` (outside demo
                mode, only its owner acts).
        """
        self.workspace.acting.admit(nip)
        return replace(self, nip=nip, _org=self._org)

    @property
    def owner(self) -> str:
        """NIP of the official this workspace belongs to (``""`` in a demo, or none set yet)."""
        return self.workspace.config.owner

    def bind_owner(self, nip: str) -> Services:
        """Make ``nip`` the owner of a workspace that has none; the services acting as them.

        Raises:
            WorkflowRefused: the workspace already has an owner, or is a demo.
            ValidationError: ``nip`` is not a NIP.
        """
        return self.as_user(bind_owner(self.workspace, nip))

    # -- look-ups -----------------------------------------------------------------------------

    @property
    def is_demo(self) -> bool:
        """Whether the workspace is a demo workspace (the user switcher is shown)."""
        return bool(self.workspace.config.demo)

    def today(self) -> dt.date:
        """The office's calendar day."""
        return self.letters.today()

    def org(self) -> OrgChart:
        """The org chart (read once, then cached; call :meth:`reload_org` after an import)."""
        if not self._org:
            self._org.append(workspace_org(self.workspace))
        return self._org[0]

    def reload_org(self) -> None:
        """Forget the cached org chart."""
        self._org.clear()

    def person_name(self, nip: str) -> str:
        """The pegawai's name, or the NIP itself when unknown."""
        found = self.org().pegawai_by_nip.get(nip)
        return found.nama if found else nip

    def jabatan_name(self, jabatan_id: str) -> str:
        """The jabatan's printed name, or its id when unknown."""
        found = self.org().jabatan_by_id.get(jabatan_id)
        return found.nama if found else jabatan_id

    def jabatan_of(self, nip: str | None = None) -> list[str]:
        """Jabatan ids ``nip`` (default: the user) holds or acts in today."""

        return self.letters.jabatan_of(nip or self.nip, self.today())

    def unit_id(self, nip: str | None = None) -> str:
        """The unit of the first jabatan ``nip`` (default: the user) holds, or ``""``."""
        held = self.jabatan_of(nip)
        if not held:
            return ""
        found = self.org().jabatan_by_id.get(held[0])
        return found.unit_id if found else ""

    def default_nip(self) -> str:
        """Who the app acts as when nobody was chosen yet: in a demo, the official with the
        most work waiting (a first look at empty queues teaches nothing), else the owner."""

        if not self.is_demo:
            return self.owner
        busiest = self.busiest()
        if busiest:
            return busiest
        chart = self.org()
        found = holders(chart, DEMO_KONSEPTOR_JABATAN, self.today())
        if found:
            return str(found[0].nip)
        return chart.pegawai[0].nip if chart.pegawai else ""

    def officials(self) -> list[Pegawai]:
        """Everyone who holds or acts in a jabatan today, by name (titles and degrees aside)."""
        return sorted(
            (p for p in self.org().pegawai if self.jabatan_of(p.nip)),
            key=lambda p: (name_sort_key(p.nama), p.nip),
        )

    def work_waiting(self, nip: str, queue: Queue | None = None) -> int:
        """How many items wait for ``nip``: in the outgoing ``queue``, or everything that waits
        for their decision (reviews, signatures, letters to number or send, incoming letters
        and dispositions; not their own drafts, which wait for nobody but them)."""
        today = self.today()
        if queue is not None:
            return self.letters.count(queue, nip, today=today)
        c = self.tracking.person_counters(nip, today)
        return (
            c.perlu_diperiksa
            + c.perlu_ditandatangani
            + c.masuk_belum_dibaca
            + c.masuk_belum_didisposisi
            + c.disposisi_belum_dibaca
            + c.disposisi_belum_selesai
            + self.letters.count(Queue.SIAP_DIKIRIM, nip, today=today)
        )

    def busiest(self, queue: Queue | None = None, *, besides: str = "") -> str:
        """NIP of the official (other than ``besides``) with the most waiting in ``queue``
        (or overall), ``""`` when nothing waits for anyone; the first by name on a tie."""
        best, most = "", 0
        for person in self.officials():
            if person.nip == besides:
                continue
            waiting = self.work_waiting(person.nip, queue)
            if waiting > most:
                best, most = person.nip, waiting
        return best
