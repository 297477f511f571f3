"""The demo workspace: a sample office, its org chart, and letters in every state.

``tnde demo`` (and the desktop app's first start) builds it so one person can walk a letter
from draft to archive, acting as each official in turn. Everything in it is fictional and
marked as a sample.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde import signing
from tnde.demo_content import IncomingSample, incoming_pdf, shift_dates, weeks_between
from tnde.drafts import load_draft
from tnde.errors import SigningError
from tnde.ids import uuid7
from tnde.incoming import send_letter
from tnde.incoming.desk import IncomingDesk, Recipient
from tnde.messages import _
from tnde.org import (
    DEMO_KONSEPTOR_JABATAN,
    DEMO_REGISTRY_JABATAN,
    DEMO_SIGNER_JABATAN,
    holders,
    load_org,
    read_org,
    replace_org,
)
from tnde.pki.demo import DEMO_PASSPHRASE, DemoPki
from tnde.pki.workspace_demo import demo_folder, init_demo_pki
from tnde.resources import resource_path
from tnde.workflow import cancel_letter, number_letter
from tnde.workflow.letters import Letters
from tnde.workspace import Workspace, WorkspaceConfig, refuse_occupied

if TYPE_CHECKING:
    from collections.abc import Callable

    from tnde.signing.context import WorkspaceSigning

log = logging.getLogger(__name__)

DEMO_PROFILE = "diskominfo-nusantara-raya"
#: The demo cast by role, as jabatan ids of ``resources/org/diskominfo-nusantara-raya.toml``.
KONSEPTOR_JABATAN = DEMO_KONSEPTOR_JABATAN
SIGNER_JABATAN = DEMO_SIGNER_JABATAN
REGISTRY_JABATAN = DEMO_REGISTRY_JABATAN
#: Which sample goes to which state: one letter per state of the lifecycle.
LETTERS = (
    ("surat_dinas", "konsep"),
    ("surat_undangan", "diajukan"),
    ("memo", "dikembalikan"),
    ("surat_tugas", "siap_tandatangan"),
    ("pengumuman", "dinomori"),
    ("laporan", "ditandatangani"),
    ("surat_dinas", "dikirim"),
    ("surat_undangan", "diarsipkan"),
    ("memo", "dibatalkan"),
)
_ORDER = (
    "konsep",
    "diajukan",
    "siap_tandatangan",
    "dinomori",
    "ditandatangani",
    "dikirim",
    "diarsipkan",
)
_SIGNED = _ORDER[_ORDER.index("ditandatangani") :]
"""The states a letter reaches only with its signature."""


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`create_demo` made."""

    workspace: Path
    letters: dict[str, str]
    """Letter id → the state it was left in."""


def create_demo(path: Path, *, today: dt.date | None = None) -> DemoSummary:
    """Create the demo workspace at ``path`` (which must not hold anything yet).

    The workspace is built in a hidden folder beside ``path`` and renamed into place when it
    is complete, so a start interrupted half-way (the app killed, the power cut) leaves no
    half-made demo that the next start would open; the next start removes such leftovers.

    Raises:
        WorkspaceError: ``path`` is not empty.
    """
    path = Path(path)
    refuse_occupied(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in path.parent.glob(f".{path.name}.{_STAGING}-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # from an interrupted earlier start
    staging = path.parent / f".{path.name}.{_STAGING}-{uuid7()}"
    try:
        summary = _build_demo(staging, today)
        if path.exists():
            path.rmdir()  # empty, checked above
        os.replace(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("demo workspace at %s with %d letters", path, len(summary.letters))
    return DemoSummary(workspace=path, letters=summary.letters)


#: Part of the name of the hidden folder a demo workspace is built in.
_STAGING = "sedang-dibuat"


def _build_demo(path: Path, today: dt.date | None) -> DemoSummary:
    # the signing and layout libraries load on the other core while this one makes the
    # workspace and the DEMO CA keys (whose prime search lets go of the GIL)
    preload = threading.Thread(target=_preload, name="demo-preload", daemon=True)
    preload.start()
    signer_key: threading.Thread | None = None
    ws = Workspace.create(path, config=WorkspaceConfig(profile_id=DEMO_PROFILE, demo=True))
    try:
        chart = read_org(resource_path("org", "diskominfo-nusantara-raya.toml"))  # type: ignore[arg-type]
        with ws.transaction() as conn:
            replace_org(conn, chart, actor="demo")
        # A DEMO certificate for every official, so letters are signed for real (PAdES B-LT),
        # made on first use: the demo opens in seconds, not after seventeen RSA keys
        init_demo_pki(ws, on_demand=True)
        preload.join()  # before this thread imports any of them: two importers of one
        # package at once can meet it half-initialised
        letters = Letters(ws)
        day = today or letters.clock().date()
        with ws.transaction() as conn:
            chart = load_org(conn)
        cast = _Cast(chart, day)
        # the signer's key is made (OpenSSL, without the GIL) while the letters are drafted
        pki = DemoPki.open(demo_folder(path))
        signer_key = threading.Thread(
            target=pki.p12_path, args=(cast.holder(SIGNER_JABATAN),), daemon=True
        )
        signer_key.start()
        made = {}
        to_sign: list[tuple[str, str]] = []
        with signing.workspace_services(ws) as signing_services:
            for jenis, target in LETTERS:
                letter_id = _letter(letters, cast, jenis, day)
                if target in _SIGNED:
                    _advance(letters, cast, letter_id, "dinomori", signing_services)
                    to_sign.append((letter_id, target))
                else:
                    _advance(letters, cast, letter_id, target, signing_services)
                made[letter_id] = ""
            signer_key.join()
            # one batch, as the signer does in the app: the .p12 is opened once
            _sign(letters, [letter_id for letter_id, _ in to_sign], signing_services)
            for letter_id, target in to_sign:
                _advance(letters, cast, letter_id, target, signing_services, after="ditandatangani")
        made = {letter_id: letters.get(letter_id).status.value for letter_id in made}
        _incoming(ws, cast)
    finally:
        # no thread may still write into the folder when a failed build removes it
        preload.join()
        if signer_key is not None:
            signer_key.join()
        ws.close()
    return DemoSummary(workspace=path, letters=made)


def _preload() -> None:
    """Import what numbering and signing the sample letters will need (a second early)."""
    for name in _PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # the build itself will say what is missing
            log.debug("preloading %s failed", name, exc_info=True)
            return


_PRELOAD = ("tnde.render.engine", "tnde.signing.batch", "tnde.signing.devices")
"""Modules the demo build uses late; imported ahead on a thread (see :func:`_preload`)."""


def add_demo_letters(
    ws: Workspace,
    count: int,
    *,
    state: str = "dinomori",
    jenis: str = "surat_dinas",
    profile_id: str = DEMO_PROFILE,
) -> list[str]:
    """``count`` more sample letters of ``jenis`` taken to ``state`` in a demo workspace.

    For practice and measurements: a signer's queue of numbered letters to sign in a batch,
    say. States past ``dinomori`` are signed with the DEMO certificates.
    """

    if state not in _ORDER:
        raise ValueError(f"unknown state {state!r}; one of {', '.join(_ORDER)}")
    letters = Letters(ws)
    day = letters.clock().date()
    cast = _Cast(load_org(ws.thread_connection()), day)
    made = []
    with signing.workspace_services(ws) as signing_services:
        for _letter_no in range(count):
            letter_id = _letter(letters, cast, jenis, day, profile_id)
            _advance(letters, cast, letter_id, state, signing_services)
            made.append(letter_id)
    return made


class _Cast:
    """Who plays which role on ``day``."""

    def __init__(self, chart: Any, day: dt.date) -> None:
        def holder(jabatan: str) -> str:
            found = holders(chart, jabatan, day)
            return str(found[0].nip)

        self.holder = holder
        self.konseptor = holder(KONSEPTOR_JABATAN)
        self.registry = holder(REGISTRY_JABATAN)
        self.unit = chart.get_jabatan(KONSEPTOR_JABATAN).unit_id


def _letter(
    letters: Letters, cast: _Cast, jenis: str, day: dt.date, profile_id: str = DEMO_PROFILE
) -> str:
    draft = load_draft(resource_path("samples", f"{jenis}.toml"))  # type: ignore[arg-type]
    # the sample's dates move to this week: an invitation to a meeting already past reads wrong
    written = draft.raw_values.get("tanggal")
    delta = weeks_between(written, day) if isinstance(written, dt.date) else dt.timedelta()
    values = {**shift_dates(draft.raw_values, delta), "tanggal": day.isoformat()}
    values.pop("penandatangan", None)  # computed from the org chart at numbering
    state = letters.create(
        cast.konseptor, jenis=jenis, values=values, unit_id=cast.unit, profile_id=profile_id
    )
    letters.set_route(cast.konseptor, state.letter_id, signer_jabatan=SIGNER_JABATAN)
    tujuan = values.get("tujuan") or ["Kepala Perangkat Daerah"]
    letters.set_recipients(
        cast.konseptor,
        state.letter_id,
        tujuan=[{"text": str(t)} for t in (tujuan if isinstance(tujuan, list) else [tujuan])],
        tembusan=[{"text": "Sekretaris Dinas Komunikasi dan Informatika", "jabatan_id": "SEKDIS"}],
    )
    return state.letter_id


def _advance(
    letters: Letters,
    cast: _Cast,
    letter_id: str,
    target: str,
    signing_services: WorkspaceSigning,
    *,
    after: str = "konsep",
) -> None:
    """Take the letter from state ``after`` to ``target``."""
    actions: dict[str, Callable[[], Any]] = {
        "diajukan": lambda: letters.submit(cast.konseptor, letter_id),
        "siap_tandatangan": lambda: _approve_all(letters, cast, letter_id),
        "dinomori": lambda: number_letter(letters, cast.registry, letter_id),
        "ditandatangani": lambda: _sign(letters, [letter_id], signing_services),
        "dikirim": lambda: send_letter(letters, cast.registry, letter_id),
        "diarsipkan": lambda: _archive(letters, cast.registry, letter_id, signing_services),
    }
    if target == "dikembalikan":
        letters.submit(cast.konseptor, letter_id)
        step = letters.get(letter_id).current_step()
        assert step is not None
        letters.return_for_revision(
            cast.holder(step.jabatan_id),
            letter_id,
            "Mohon lengkapi dasar hukum pada alinea pertama.",
        )
        return
    if target == "dibatalkan":
        cancel_letter(letters, cast.konseptor, letter_id, "Kegiatan ditunda.")
        return
    for state in _ORDER[_ORDER.index(after) + 1 : _ORDER.index(target) + 1]:
        actions[state]()


_PROVINSI = "PEMERINTAH PROVINSI NUSANTARA RAYA"
_INCOMING = (
    IncomingSample(
        asal="Badan Kepegawaian Daerah Provinsi Nusantara Raya",
        kop=(_PROVINSI, "BADAN KEPEGAWAIAN DAERAH"),
        address=(
            "Jalan Pahlawan Nomor 12, Kota Sukamulya 40115",
            "Telepon (022) 4201200, Pos-el bkd@nusantararaya.go.id",
        ),
        nomor="800.2/1457/BKD/{year}",
        kka="800.2",
        hal="Pemanggilan Peserta Pelatihan Kepemimpinan Administrator",
        urgensi="Segera",
        isi=(
            "Dalam rangka pelaksanaan Pelatihan Kepemimpinan Administrator Angkatan IV, "
            "bersama ini kami minta Saudara menugaskan 3 (tiga) pejabat administrator di "
            "lingkungan Dinas Komunikasi dan Informatika sebagai peserta.\n\n"
            "Berkas kelengkapan peserta agar disampaikan kepada Badan Kepegawaian Daerah "
            "paling lambat 7 (tujuh) hari kerja sejak surat ini diterima.\n\n"
            "Demikian disampaikan, atas perhatian Saudara diucapkan terima kasih."
        ),
        penandatangan={
            "jabatan": "Kepala Badan Kepegawaian Daerah",
            "nama": "Drs. Hendra Wijaya, M.Si.",
            "pangkat": "Pembina Utama Muda",
            "golongan": "IV/c",
            "nip": "196811121993031004",
        },
    ),
    IncomingSample(
        asal="Sekretariat Daerah Provinsi Nusantara Raya",
        kop=(_PROVINSI, "SEKRETARIAT DAERAH"),
        address=(
            "Jalan Diponegoro Nomor 22, Kota Sukamulya 40115",
            "Telepon (022) 4200001, Pos-el setda@nusantararaya.go.id",
        ),
        nomor="000.1.5/310/Setda/{year}",
        kka="000.1.5",
        hal="Undangan Rapat Koordinasi Penerapan Tanda Tangan Elektronik",
        urgensi="Amat Segera",
        isi=(
            "Dalam rangka percepatan penerapan tanda tangan elektronik pada naskah dinas, kami "
            "mengundang Saudara untuk hadir dalam rapat koordinasi pada hari kerja ketiga "
            "sejak surat ini diterima, pukul 09.00 WIB, di Ruang Rapat Sekretariat Daerah.\n\n"
            "Mengingat pentingnya acara tersebut, kehadiran Saudara tidak dapat diwakilkan."
        ),
        penandatangan={
            "jabatan": "Sekretaris Daerah",
            "nama": "Ir. Agus Salim Nasution, M.M.",
            "pangkat": "Pembina Utama",
            "golongan": "IV/e",
            "nip": "196605141991031002",
        },
    ),
    IncomingSample(
        asal="Badan Pengembangan Sumber Daya Manusia Provinsi Nusantara Raya",
        kop=(_PROVINSI, "BADAN PENGEMBANGAN SUMBER DAYA MANUSIA"),
        address=(
            "Jalan Cendana Nomor 5, Kota Sukamulya 40116",
            "Telepon (022) 4203300, Pos-el bpsdm@nusantararaya.go.id",
        ),
        nomor="000.9.2/845/BPSDM/{year}",
        kka="000.9.2",
        hal="Bimbingan Teknis Registration Authority Sertifikat Elektronik",
        urgensi="Biasa",
        isi=(
            "Bersama ini kami sampaikan bahwa Badan Pengembangan Sumber Daya Manusia akan "
            "menyelenggarakan Bimbingan Teknis Registration Authority Sertifikat Elektronik "
            "bagi perangkat daerah.\n\n"
            "Sehubungan dengan hal tersebut, kami mohon Saudara menugaskan 2 (dua) orang "
            "pegawai yang menangani persandian sebagai peserta."
        ),
        penandatangan={
            "jabatan": "Kepala Badan Pengembangan Sumber Daya Manusia",
            "nama": "Dr. Ratna Dewi Lestari, S.Sos., M.Si.",
            "pangkat": "Pembina Utama Muda",
            "golongan": "IV/c",
            "nip": "197004231995032001",
        },
    ),
)
"""Letters other offices send the demo office: each is registered with its PDF."""


def _incoming(ws: Workspace, cast: _Cast) -> None:
    """Three incoming letters: one unread, one disposed, one disposed, forwarded and done."""

    desk = IncomingDesk(ws)
    dinas = (
        ws.thread_connection()
        .execute("SELECT unit_id FROM jabatan WHERE jabatan_id = ?", (SIGNER_JABATAN,))
        .fetchone()[0]
    )
    kadis = cast.holder(SIGNER_JABATAN)
    made = []
    today = desk.today()
    for sample in _INCOMING:
        meta = {
            "asal": sample.asal,
            "nomor": sample.nomor.format(year=today.year),
            "tanggal": today.isoformat(),
            "hal": sample.hal,
            "urgensi": sample.urgensi,
            "isi_ringkas": sample.hal,
        }
        pdf = incoming_pdf(sample, today)
        registered = desk.register(cast.registry, unit_id=dinas, meta=meta, pdf=pdf)
        made.append(registered.incoming_id)
    for incoming_id in made[1:]:
        desk.read(kadis, incoming_id)
        desk.dispose(
            kadis,
            incoming_id,
            recipients=[Recipient("KABID_APTIKA", leading=True), Recipient("KABID_IKP")],
            instructions=["Tindak lanjuti/selesaikan", "Koordinasikan/konfirmasikan"],
            note="Laporkan hasilnya.",
        )
    last = desk.get(made[-1]).dispositions[0]
    kabid = cast.holder("KABID_APTIKA")
    desk.read_disposition(kabid, made[-1], last.disposisi_id)
    desk.complete(kabid, made[-1], last.disposisi_id, "Sudah ditindaklanjuti; peserta dikirim.")


def _approve_all(letters: Letters, cast: _Cast, letter_id: str) -> None:
    while (step := letters.get(letter_id).current_step()) and step.kind != "tandatangan":
        letters.approve(cast.holder(step.jabatan_id), letter_id)


def _sign(letters: Letters, letter_ids: list[str], signing_services: WorkspaceSigning) -> None:
    """Sign with the planned signer's DEMO certificate, as they would in the app.

    The letters are signed in one batch per signer, as the signer does in the app.
    """

    by_signer: dict[str, list[str]] = {}
    for letter_id in letter_ids:
        state = letters.get(letter_id)
        step = state.current_step()
        assert step is not None
        by_signer.setdefault(dict(state.planned_signers)[step.step_no], []).append(letter_id)
    pki = DemoPki.open(demo_folder(letters.workspace.path))
    for signer, batch in by_signer.items():
        results = signing.sign_letters(
            letters,
            signer,
            batch,
            signing.Pkcs12Device(pki.p12_path(signer)),
            bytearray(DEMO_PASSPHRASE),
            signing_services.services,
            level=signing_services.level,
            issuer_of=signing_services.issuer_of,
        )
        for letter_id, result in zip(batch, results, strict=True):
            if result.error is not None:
                raise result.error
            if not result.ok:
                raise SigningError(
                    SigningError.DEVICE, _("the demo letter was not signed"), subject=letter_id
                )


def demo_exists(ws: Workspace) -> bool:
    """Whether ``ws`` is a demo workspace."""
    return bool(ws.config.demo)


def _archive(
    letters: Letters, actor: str, letter_id: str, signing_services: WorkspaceSigning
) -> None:
    """File the letter with its B-LTA archive copy, as the registry desk does."""

    signing.archive_signed_letter(letters, actor, letter_id, signing_services.services)
