"""Every jenis naskah gets a working form: each sample draft survives a trip through the
widgets unchanged (as the core reads it), and its preview renders."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tnde.drafts import load_draft
from tnde.profiles import load_profile
from tnde.resources import resource_path
from tnde.templates import available_templates, load_template, validate_values
from ui.drafting.form import DraftForm, field_root, section_of
from ui.drafting.preview import PreviewPane

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

PROFILE = "diskominfo-nusantara-raya"


@pytest.mark.parametrize("jenis", available_templates())
def test_sample_draft_round_trips_through_the_form(qtbot: QtBot, jenis: str) -> None:
    import datetime as dt

    template = load_template(jenis)
    profile = load_profile(PROFILE)
    form = DraftForm(template, profile)
    qtbot.addWidget(form)
    sample = load_draft(resource_path("samples", f"{jenis}.toml")).raw_values  # type: ignore[arg-type]
    form.set_values(sample)
    expected, expected_problems = validate_values(template, sample)
    values, problems = form.validate()
    assert [str(p) for p in problems] == [str(p) for p in expected_problems]
    assert values == expected

    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.debounce_ms = 0
    with qtbot.waitSignal(pane.sig_preview_rendered, timeout=10000) as blocker:
        pane.request(template, profile, values, dt.date(2026, 11, 20))
    assert blocker.args[0].images
    assert blocker.args[0].pdf.startswith(b"%PDF")


def test_sections_follow_the_anatomy_of_a_letter() -> None:
    template = load_template("surat_undangan")
    from ui.drafting.form import recipient_fields

    roles = recipient_fields(template, load_profile(PROFILE))
    assert roles == {"tembusan": "tembusan", "tujuan": "tujuan"}
    placed = {f.name: section_of(template, f, roles) for f in template.fields}
    assert placed["hal"] == "heading"
    assert placed["tujuan"] == placed["di"] == placed["tembusan"] == "recipients"
    assert placed["tanggal_acara"] == placed["acara"] == placed["pembuka"] == "body"
    assert placed["penandatangan"] == "signature"
    assert placed["lampiran"] == placed["jumlah_lampiran"] == "attachments"


@pytest.mark.parametrize(
    ("path", "field"),
    [("tembusan[1]", "tembusan"), ("penandatangan.delegasi.bentuk", "penandatangan"), ("", "")],
)
def test_problem_paths_name_their_field(path: str, field: str) -> None:
    assert field_root(path) == field


def test_cleared_default_stays_cleared(qtbot: QtBot) -> None:
    form = DraftForm(load_template("surat_dinas"), load_profile(PROFILE))
    qtbot.addWidget(form)
    form.set_values({})
    assert form.raw_values()["di"] == "Tempat"
    form.fields["di"].edit.clear()  # type: ignore[attr-defined]
    assert form.raw_values()["di"] == ""  # not the default again
    values, _ = form.validate()
    assert "di" not in values
