"""The two speed-ups behave exactly like the library code they replace."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tnde.verify import speedups


def _original_hex_reader() -> Any:
    speedups.install()
    return speedups.ORIGINALS["read_hex_string_from_stream"]


CASES = [
    b"<>",
    b"<3082>",
    b"<30 82\n0a\r\tFF>",
    b"<abc>",
    b"<" + b"0" * 70_000 + b"41>",
    b"<3082> trailing",
]


@pytest.mark.parametrize("raw", CASES, ids=range(len(CASES)))
def test_hex_strings_read_the_same_and_leave_the_stream_at_the_same_place(raw: bytes) -> None:
    original = _original_hex_reader()
    ours, theirs = io.BytesIO(raw), io.BytesIO(raw)
    got = speedups.read_hex_string(ours)
    expected = original(theirs)
    assert got.original_bytes == expected.original_bytes
    assert type(got) is type(expected)
    assert ours.tell() == theirs.tell()


@pytest.mark.parametrize("raw", [b"<30x2>", b"<3082", b"<30<>"])
def test_bad_hex_strings_fail_as_in_the_library(raw: bytes) -> None:
    from pyhanko.pdf_utils.misc import PdfReadError

    original = _original_hex_reader()
    with pytest.raises(PdfReadError):
        original(io.BytesIO(raw))
    with pytest.raises(PdfReadError):
        speedups.read_hex_string(io.BytesIO(raw))


def test_install_patches_once_and_string_prep_is_unchanged() -> None:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils import generic

    speedups.install()
    speedups.install()
    assert generic.read_hex_string_from_stream is speedups.read_hex_string
    name = asn1_x509.Name.build({"common_name": "  Dr. Budi  SANTOSO ", "country_name": "ID"})
    other = asn1_x509.Name.build({"common_name": "dr. budi santoso", "country_name": "id"})
    assert name == other  # RFC 4518 preparation: case and inner spaces folded
    assert name != asn1_x509.Name.build({"common_name": "Siti", "country_name": "ID"})
    prep = speedups.ORIGINALS["_ldap_string_prep"]
    for text in ("  Dr. Budi  SANTOSO ", "Siti Rahmawati", "ÉLÈVE  ﬁ", ""):
        patched = asn1_x509.NameTypeAndValue._ldap_string_prep(None, text)
        assert patched == prep(None, text)


# -- the token reader and the name decoder ----------------------------------------------------

TOKENS = [
    b"Type /Font",
    b"Type/Font",
    b"Type",
    b"",
    b" leading",
    b"a" * 200 + b"(x",
    b"F1+0\n/Subtype",
    b"Caf#C3#A9 ]",
    b"x\x00y",
    b"%comment\n",
]


@pytest.mark.parametrize("raw", TOKENS, ids=range(len(TOKENS)))
@pytest.mark.parametrize("kind", ["whitespace", "delimiter"])
def test_tokens_read_the_same_and_leave_the_stream_at_the_same_place(raw: bytes, kind: str) -> None:
    from pyhanko.pdf_utils import misc

    speedups.install()
    original = speedups.ORIGINALS["_read_until_class"]
    chars = misc.PDF_WHITESPACE + (misc.PDF_DELIMITERS if kind == "delimiter" else b"")
    for start in range(min(len(raw), 12) + 1):
        ours, theirs = io.BytesIO(raw), io.BytesIO(raw)
        ours.seek(start)
        theirs.seek(start)
        assert speedups.read_until_class(chars, ours) == original(chars, theirs)
        assert ours.tell() == theirs.tell()


def test_the_token_reader_is_the_one_pyhanko_uses() -> None:
    from pyhanko.pdf_utils import misc

    speedups.install()
    assert misc._read_until_class is speedups.read_until_class
    stream = io.BytesIO(b"%PDF-1.7\n%\xe2\xe3")
    assert misc.read_until_whitespace(stream, maxchars=20) == b"%PDF-1.7"  # the original
    assert stream.tell() == 9
    stream = io.BytesIO(b"/Name/Other")
    stream.seek(1)
    assert misc.read_until_delimiter(stream) == b"Name"
    assert stream.tell() == 5


NAMES = [b"Type", b"F1+0", b"A#20B", b"Caf#C3#A9", b"Caf#E9", b"#2F", b"a" * 100]
BAD_NAMES = [b"A#2", b"A#zz", b"A B", b"A\x80", b"A(B"]


@pytest.mark.parametrize("raw", NAMES)
def test_names_decode_the_same_and_each_is_a_new_object(raw: bytes) -> None:
    from pyhanko.pdf_utils import generic

    speedups.install()
    original = speedups.ORIGINALS["_decode_name"]
    first, second = speedups.decode_name(raw), speedups.decode_name(raw)
    expected = original(raw)
    assert first == expected
    assert type(first) is type(expected) is generic.NameObject
    assert first is not second
    first.container_ref = object()  # what the parser does with every object it reads
    assert second.container_ref is None


@pytest.mark.parametrize("raw", BAD_NAMES)
def test_bad_names_fail_as_in_the_library_every_time(raw: bytes) -> None:
    from pyhanko.pdf_utils.misc import PdfReadError

    speedups.install()
    with pytest.raises(PdfReadError):
        speedups.ORIGINALS["_decode_name"](raw)
    for _ in range(2):
        with pytest.raises(PdfReadError):
            speedups.decode_name(raw)


def test_a_whole_file_parses_to_the_same_objects(corpus: Any) -> None:
    """Every object of a signed letter, read with and without the two parser speed-ups."""
    from pyhanko.pdf_utils import generic, misc
    from pyhanko.pdf_utils.reader import PdfFileReader

    speedups.install()

    def dump_all() -> list[tuple[Any, bytes]]:
        reader = PdfFileReader(io.BytesIO(corpus.two_signers), strict=True)
        out = []
        for revision in range(reader.xrefs.total_revisions):
            refs = reader.xrefs.explicit_refs_in_revision(revision)
            for ref in sorted(refs, key=lambda r: (r.idnum, r.generation)):
                buffer = io.BytesIO()
                reader.get_object(ref, revision=revision).write_to_stream(buffer)
                out.append((ref, buffer.getvalue()))
        return out

    patched = dump_all()
    try:
        misc._read_until_class = speedups.ORIGINALS["_read_until_class"]
        generic._decode_name = speedups.ORIGINALS["_decode_name"]
        plain = dump_all()
    finally:
        misc._read_until_class = speedups.read_until_class
        generic._decode_name = speedups.decode_name
    assert patched == plain
    assert len(plain) > 10


# -- parsed values shared by bytes ------------------------------------------------------------


def test_parsed_values_are_shared_by_bytes_per_thread_and_bounded(
    corpus: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from asn1crypto import x509 as asn1_x509

    from tnde.verify import parsed

    der = corpus.pki.root.asn1_cert.dump()
    other = corpus.pki.kepala.asn1_cert.dump()
    first = parsed.certificate(der)
    assert parsed.certificate(bytes(der)) is first
    assert first.dump() == asn1_x509.Certificate.load(der).dump()
    assert parsed.certificate(other) is not first
    elsewhere: list[Any] = []
    thread = threading.Thread(target=lambda: elsewhere.append(parsed.certificate(der)))
    thread.start()
    thread.join()
    assert elsewhere[0] is not first
    assert elsewhere[0].dump() == der
    for _ in range(2):  # truncated: fails each time, nothing is kept
        with pytest.raises(ValueError, match="Insufficient data"):
            parsed.certificate(b"\x30\x03\x02\x01")
    for n in range(parsed.MAX_ENTRIES + 1):
        parsed.crl(b"\x30\x03\x02\x01" + bytes([n % 256, n // 256]))
    assert parsed.certificate(der) is first  # kinds are bounded separately
    parsed.clear()
    again = parsed.certificate(der)
    assert again is not first
    monkeypatch.setattr(parsed, "MAX_BYTES", len(der) - 1)
    parsed.clear()
    assert parsed.certificate(der) is not parsed.certificate(der)  # too large to keep


@pytest.mark.parametrize("level", ["B-LT", "B-LTA"])
def test_validation_contexts_hold_what_pyhanko_s_dss_context_would(corpus: Any, level: str) -> None:
    """The point-in-time context is built from the DSS read once; it must hold the same
    certificates, OCSP responses and CRLs, in the same order, as pyHanko's own
    ``DocumentSecurityStore.as_validation_context`` (what the verifier used before)."""
    import datetime as dt

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    from tnde.verify.context import FileContext

    data = corpus.levels[level]
    reader = PdfFileReader(io.BytesIO(data), strict=True)
    sig = reader.embedded_signatures[0]
    now = dt.datetime.now(dt.UTC)
    local = corpus.pki.crls()
    ctx = FileContext(data, reader, [corpus.pki.root.cert], now, local)
    assert ctx._dss is not None
    moment = now - dt.timedelta(days=1)
    crls, ocsps = ctx._cms_revinfo(sig)
    dss_certs = list(ctx._dss.load_certs())
    kwargs = {
        "trust_roots": list(ctx.roots),
        "other_certs": list(sig.other_embedded_certs) + dss_certs,
        "allow_fetching": False,
        "crls": crls + ctx.local_crls,
        "ocsps": ocsps,
        "moment": moment,
        "revocation_mode": "require",
        "retroactive_revinfo": True,
    }
    theirs = ctx._dss.as_validation_context(kwargs)
    ours = ctx.validation_context(sig, moment=moment)
    assert _contents(ours) == _contents(theirs)
    assert ours.moment == theirs.moment == moment
    assert ours.revinfo_policy == theirs.revinfo_policy

    classic_theirs = ValidationContext(
        trust_roots=list(ctx.roots),
        other_certs=list(sig.other_embedded_certs) + dss_certs,
        allow_fetching=False,
        moment=now,
        revocation_mode="soft-fail",
    )
    classic = ctx.validation_context(sig)
    assert _contents(classic) == _contents(classic_theirs)
    assert classic.revinfo_policy == classic_theirs.revinfo_policy
    assert classic.moment == now


def _contents(vc: Any) -> tuple[list[bytes], list[bytes], list[bytes], list[bytes]]:
    return (
        [c.dump() for c in vc.certificate_registry],
        [o.dump() for o in vc.ocsps],
        [c.dump() for c in vc.crls],
        sorted(c.dump() for c in vc.path_builder.trust_manager.iter_certs()),
    )


def test_issuer_serial_matching_gives_the_library_s_answer(corpus: Any) -> None:
    """Every certificate of a signed letter against every identifier they carry, with the
    serial-first shortcut and with pyHanko's own matcher."""
    from asn1crypto import cms, tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader

    from tnde.verify import speedups

    speedups.install()
    original = speedups.ORIGINALS["match_issuer_serial"]
    sig = PdfFileReader(io.BytesIO(corpus.levels["B-LTA"])).embedded_signatures[0]
    certs = [sig.signer_cert, *sig.other_embedded_certs]
    ids: list[Any] = [
        cms.IssuerAndSerialNumber({"issuer": c.issuer, "serial_number": c.serial_number})
        for c in certs
    ]
    ids += [
        tsp.IssuerSerial(
            {
                "issuer": [asn1_x509.GeneralName({"directory_name": c.issuer})],
                "serial_number": c.serial_number,
            }
        )
        for c in certs
    ]
    ids.append(cms.IssuerAndSerialNumber({"issuer": certs[0].issuer, "serial_number": 7}))
    answers = [(speedups.match_issuer_serial(i, c), original(i, c)) for i in ids for c in certs]
    assert all(ours == theirs for ours, theirs in answers)
    assert sum(theirs for _, theirs in answers) == 2 * len(certs)


def test_name_comparison_gives_the_library_s_answer(corpus: Any) -> None:
    """Names of a signed letter's certificates (and re-encoded equivalents) compared with the
    memoised comparison and with asn1crypto's own, both ways round, twice."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader

    from tnde.verify import speedups

    speedups.install()
    original = speedups.ORIGINALS["RDNSequence.__eq__"]
    sig = PdfFileReader(io.BytesIO(corpus.two_signers)).embedded_signatures[1]
    names = [n for c in (sig.signer_cert, *sig.other_embedded_certs) for n in (c.subject, c.issuer)]
    # the same name with another string type (PrintableString vs UTF8String): equal per RFC 5280
    cn = asn1_x509.Name.build({"common_name": "DEMO Uji Issuing CA"}, use_printable=True)
    names += [cn, asn1_x509.Name.build({"common_name": "demo  uji issuing ca"})]
    for _ in range(2):
        for a in names:
            for b in names:
                assert speedups.names_equal(a.chosen, b.chosen) == original(a.chosen, b.chosen)
    assert speedups.names_equal(names[-1].chosen, names[-2].chosen)
    assert not speedups.names_equal(names[0].chosen, 42)


def test_name_keys_are_the_library_s(corpus: Any) -> None:
    """The memoised ``hashable`` key of every name in a signed letter is asn1crypto's."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from tnde.verify import speedups

    speedups.install()
    original = speedups.ORIGINALS["RDNSequence.hashable"].fget
    sig = PdfFileReader(io.BytesIO(corpus.two_signers)).embedded_signatures[1]
    for cert in (sig.signer_cert, *sig.other_embedded_certs):
        for name in (cert.subject, cert.issuer):
            for _ in range(2):
                assert name.hashable == name.chosen.hashable == original(name.chosen)
