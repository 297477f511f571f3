"""Print a disposition as the standard Lembar Disposisi form (the template of that name)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from tnde import render
from tnde.errors import WorkflowRefused
from tnde.messages import _
from tnde.org import load_org, signature_block
from tnde.profiles import load_profile
from tnde.templates import load_template, validate_values

if TYPE_CHECKING:
    from tnde.incoming.desk import IncomingDesk


def disposition_sheet(desk: IncomingDesk, incoming_id: str, disposisi_id: str) -> bytes:
    """The Lembar Disposisi of one disposition: the letter's details, every recipient given
    together with it (the leading one first), the instructions ticked, the giver's name."""

    state = desk.get(incoming_id)
    chosen = state.disposition(disposisi_id)
    if chosen is None:
        raise WorkflowRefused(
            "DP-UNKNOWN", _("disposition {disposisi_id} is unknown", disposisi_id=disposisi_id)
        )
    batch = sorted(
        (
            d
            for d in state.dispositions
            if d.given_at == chosen.given_at and d.giver_jabatan == chosen.giver_jabatan
        ),
        key=lambda d: not d.leading,
    )
    conn = desk.ws.thread_connection()
    names = dict(conn.execute("SELECT jabatan_id, nama FROM jabatan").fetchall())
    chart = load_org(conn)
    giver_day = dt.date.fromisoformat(chosen.given_at[:10])
    signer = signature_block(chart, chosen.giver_nip, chosen.giver_jabatan, giver_day)
    m = state.meta
    raw: dict[str, Any] = {
        "tanggal": giver_day.isoformat(),
        "surat_dari": m["asal"],
        "nomor_surat": m["nomor"],
        "tanggal_surat": m["tanggal"],
        "diterima_tanggal": m["diterima"],
        "nomor_agenda": state.agenda,
        "urgensi": m["urgensi"],
        "sifat": m["sifat"],
        "hal": m["hal"],
        "batas_waktu": chosen.due_at[:10],
        "diteruskan_kepada": [
            names.get(d.recipient_jabatan, d.recipient_jabatan)
            + (" (utama)" if d.leading and len(batch) > 1 else "")
            for d in batch
        ],
        "instruksi": list(chosen.instructions),
        "catatan": chosen.note,
        "penandatangan": {
            "nama": signer.person.nama,
            "jabatan": signer.person.jabatan,
            "nip": signer.person.nip,
            "pangkat": signer.person.pangkat,
            "golongan": signer.person.golongan,
        },
    }
    template = load_template("lembar_disposisi")
    values, problems = validate_values(template, {k: v for k, v in raw.items() if v})
    if problems:
        raise WorkflowRefused(
            "DP-SHEET", _("the disposition sheet cannot be made: {problem}", problem=problems[0])
        )
    profile = load_profile(desk.ws.config.profile_id or "diskominfo-nusantara-raya")
    return render.render_letter(template, profile, values, mode="final").pdf
