"""The vocabulary of layout blocks a template may use, and the parameters each accepts.

The renderer implements each kind once (:mod:`tnde.render.blocks`); this table lets the
template loader reject an unknown block or parameter with a clear error, without importing
the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BlockKind:
    """What a block kind accepts."""

    params: frozenset[str]
    """Allowed parameter names."""
    field_params: frozenset[str] = frozenset()
    """Parameters whose value names a field (or a list of fields) of the template."""


def _kind(params: str = "", fields: str = "") -> BlockKind:
    field_set = frozenset(fields.split())
    return BlockKind(params=frozenset(params.split()) | field_set, field_params=field_set)


BLOCK_KINDS: dict[str, BlockKind] = {
    # letterhead, page 1 only: variant "instansi" (kop perangkat daerah) or "jabatan"
    "kop": _kind("variant"),
    # centred title lines; "{field}" placeholders; optional NOMOR line and TENTANG subject
    "judul": _kind("text nomor size space_after", "tentang"),
    # Nomor/Sifat/Lampiran/Hal beside place/date, with the Yth. block (Surat Dinas, Undangan)
    "kepala_surat": _kind("rows", "tujuan di"),
    # colon-aligned label/value rows (Nota Dinas heading, Undangan agenda, identities…);
    # a row is {label, field} or {label, text}, optionally with when = "<field[.part]>" (skip
    # the row when that is empty) or format = "lampiran" ("1 (satu) berkas" / "–"); indent in
    # mm or "alinea" (level with the first line of body paragraphs: the Undangan agenda)
    "daftar": _kind("rows rule_after indent label_width space_after"),
    # stand-alone addressee block (Surat Edaran, Surat Pengantar); position = "left" |
    # "right" (signature column) | "profile" (where the profile puts a Surat Dinas' Yth.)
    "yth": _kind("label position", "field di"),
    # the profile's opening salutation, when it has one
    "salam": _kind(),
    # body text from a richtext field; left = extra left indent in mm (nested sections)
    "isi": _kind("indent left", "field"),
    # fixed text with "{field}" placeholders; left = extra left indent in mm; marker = "1."
    # makes it a numbered section heading kept with what follows (content: isi left = 7)
    "teks": _kind("text align bold indent left marker space_before space_after"),
    # labelled section with hanging content: Menimbang, Mengingat, Dasar, Untuk…
    "bagian": _kind("label numbering label_width", "field"),
    # Keputusan diktum: KESATU, KEDUA… each with its content; penutup = a text field printed
    # as the last diktum ("Keputusan ini mulai berlaku pada tanggal ditetapkan."); label_width
    # in mm (bagian too) aligns the colons of Menimbang…Menetapkan and the diktum
    "diktum": _kind("label_width", "field penutup"),
    # a table field as a ruled table; label = "Kepada" puts "Kepada :" above it, the colon
    # level with those of bagian blocks (label_width in mm, as bagian)
    "tabel": _kind("numbered label label_width", "field"),
    # place and date, or "Ditetapkan di … pada tanggal …" / "Dikeluarkan di …"
    "tempat_tanggal": _kind("style align"),
    # one signature block, with the reserved TTE area
    "tanda_tangan": _kind("label", "field"),
    # several signature blocks side by side, two per row, and an optional "Mengetahui" one;
    # blank = true prints an empty signer as a block to fill in by hand (not left out)
    "tanda_tangan_ganda": _kind("labels mengetahui_label blank", "fields mengetahui"),
    # carbon-copy list
    "tembusan": _kind("", "field"),
    # attachment pages with their LAMPIRAN header; tentang = field for a TENTANG header row
    "lampiran": _kind("label", "field tentang"),
    # the disposition sheet form
    "lembar_disposisi": _kind("instruksi", "fields"),
    # vertical space, in lines
    "spasi": _kind("lines"),
    # a full-width horizontal rule
    "garis": _kind(),
}
