"""Outside demo mode the window is its owner's: no switcher, an Identity page that shows the
owner and the positions they hold today, and a one-time choice when no owner is set."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.ui.helpers import accept_message_box, holder, open_window, wait_idle
from tnde.errors import WorkflowRefused
from tnde.org import read_org, replace_org
from tnde.resources import resource_path
from tnde.workspace import Workspace, WorkspaceConfig

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

PROFILE = "diskominfo-nusantara-raya"


@pytest.fixture
def office(tmp_path: Path, qtbot: QtBot) -> Iterator[Callable[[str], Workspace]]:
    """A workspace of the demo office (not a demo workspace) with the given owner."""
    made: list[Workspace] = []

    def make(owner: str) -> Workspace:
        config = WorkspaceConfig(profile_id=PROFILE, owner=owner)
        ws = Workspace.create(tmp_path / f"meja {len(made)}", config=config)
        chart = read_org(resource_path("org", f"{PROFILE}.toml"))  # type: ignore[arg-type]
        with ws.transaction() as conn:
            replace_org(conn, chart, actor="uji")
        made.append(ws)
        return ws

    yield make
    wait_idle(qtbot)
    for ws in made:
        ws.close()


def test_the_window_acts_as_the_owner_only(
    qtbot: QtBot, office: Callable[[str], Workspace]
) -> None:
    probe = office("")
    kadis, kabid = holder(probe, "KADIS"), holder(probe, "KABID_SANDISTAT")
    ws = office(kabid)
    window = open_window(qtbot, ws)
    assert window.services is not None
    assert window.services.nip == kabid
    assert not window.user_combo.isVisible(), "the switcher is for demo workspaces"
    assert not window.demo_badge.isVisible()
    with pytest.raises(WorkflowRefused, match="ACT-NOT-OWNER"):
        window.services.as_user(kadis)
    window.settings_action.trigger()
    page = window.settings_dialog.identity_page
    assert not page.choosing
    texts = " ".join(label.text() for label in page.findChildren(type(window.demo_badge)))
    assert kabid in texts
    assert window.services.person_name(kabid) in texts
    window.settings_dialog.reject()


def test_a_workspace_without_an_owner_gets_one_from_the_identity_page(
    qtbot: QtBot, office: Callable[[str], Workspace]
) -> None:
    ws = office("")
    window = open_window(qtbot, ws)
    assert window.services is not None
    assert window.services.nip == ""
    assert not window.new_action.isEnabled(), "nothing is started that would be refused"
    assert window.workspace_label.text().startswith("belum ada pemilik · ")
    dashboard = window.show_queue("dasbor")
    assert "belum punya pemilik" in dashboard.greeting.text()  # type: ignore[attr-defined]
    assert "Pengaturan → Identitas" in dashboard.subtitle.text()  # type: ignore[attr-defined]
    window.settings_action.trigger()
    dialog = window.settings_dialog
    page = dialog.identity_page
    assert page.choosing
    assert page.person.currentIndex() == -1, "nobody is chosen for the user"
    dialog._on_accepted()  # OK without a choice binds nobody
    wait_idle(qtbot)
    assert Workspace.open(ws.path).config.owner == ""
    window.settings_action.trigger()
    dialog = window.settings_dialog
    page = dialog.identity_page
    chosen = holder(ws, "KASI_STAT")
    page.person.setCurrentIndex(page.person.findData(chosen))
    accept_message_box(qtbot, "Tetapkan sebagai pemilik")
    dialog._on_accepted()  # the OK button's slot
    wait_idle(qtbot)
    assert window.services.nip == chosen
    assert window.new_action.isEnabled()
    assert Workspace.open(ws.path).config.owner == chosen
    window.settings_action.trigger()
    assert not window.settings_dialog.identity_page.choosing, "the owner is set once"
    window.settings_dialog.reject()
