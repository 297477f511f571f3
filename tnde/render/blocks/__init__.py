"""Block builders: one function per layout block kind of :mod:`tnde.templates.blocks`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tnde.render.blocks.body import build_bagian, build_diktum, build_isi, build_tabel, build_teks
from tnde.render.blocks.common import Flowables
from tnde.render.blocks.disposisi import build_lembar_disposisi
from tnde.render.blocks.heading import (
    build_daftar,
    build_garis,
    build_judul,
    build_kepala_surat,
    build_salam,
    build_spasi,
    build_tempat_tanggal,
    build_yth,
)
from tnde.render.blocks.kop import build_kop
from tnde.render.blocks.lampiran import build_lampiran
from tnde.render.blocks.signature import (
    build_tanda_tangan,
    build_tanda_tangan_ganda,
    build_tembusan,
)
from tnde.render.context import RenderContext

Builder = Callable[[RenderContext, dict[str, Any]], Flowables]

BUILDERS: dict[str, Builder] = {
    "kop": build_kop,
    "judul": build_judul,
    "kepala_surat": build_kepala_surat,
    "daftar": build_daftar,
    "yth": build_yth,
    "salam": build_salam,
    "isi": build_isi,
    "teks": build_teks,
    "bagian": build_bagian,
    "diktum": build_diktum,
    "tabel": build_tabel,
    "tempat_tanggal": build_tempat_tanggal,
    "tanda_tangan": build_tanda_tangan,
    "tanda_tangan_ganda": build_tanda_tangan_ganda,
    "tembusan": build_tembusan,
    "lampiran": build_lampiran,
    "lembar_disposisi": build_lembar_disposisi,
    "spasi": build_spasi,
    "garis": build_garis,
}

__all__ = ["BUILDERS", "Builder"]
