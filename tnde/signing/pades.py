"""PAdES signatures on a prepared PDF, at the level the letter needs.

Only pyHanko writes after the base revision: each signature is an
incremental update into a field that already exists, with ``subfilter=PADES`` so the CMS
carries signing-certificate-v2 and no signing-time attribute. The first signature of a
document certifies it (DocMDP, form filling allowed); later ones are approval signatures.

Levels (PAdES baseline): B-B plain; B-T adds the TSA's signature timestamp; B-LT then embeds the
certificates and revocation data, fetched after the signature so they prove its moment, in
the DSS so an auditor needs no network; B-LTA adds a
document timestamp over that for archive copies.

The signer's certificate is validated *before* the device is asked to sign (not meant for
signing documents, expired, revoked, untrusted): a failure then leaves nothing half done and
the token untouched. Once the device has been asked, a failure is reported as an unknown
outcome and never retried automatically.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import logging
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING, Any, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding

from tnde.errors import SigningError
from tnde.messages import _
from tnde.pki.purpose import signing_purpose_problems
from tnde.verify import speedups

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Sequence

    from tnde.signing.devices import SigningSession

log = logging.getLogger(__name__)

__all__ = [
    "Level",
    "SignRequest",
    "SigningServices",
    "add_long_term",
    "check_certificate",
    "sign_pdf",
]


class Level(enum.StrEnum):
    """PAdES baseline levels (ETSI EN 319 142-1)."""

    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"

    @property
    def needs_timestamp(self) -> bool:
        return self is not Level.B_B

    @property
    def embeds_revocation(self) -> bool:
        return self in (Level.B_LT, Level.B_LTA)

    @classmethod
    def parse(cls, text: str) -> Level:
        """``"B-LT"`` (also ``"blt"``, ``"b_lt"``) → :attr:`B_LT`."""
        key = text.strip().upper().replace("_", "-")
        if not key.startswith("B-") and key.startswith("B"):
            key = "B-" + key[1:]
        for level in cls:
            if level.value == key:
                return level
        allowed = ", ".join(level.value for level in cls)
        # a ValueError, but the command line shows it to the user as it is
        raise ValueError(
            _("unknown PAdES level: {text!r} (choices: {allowed})", text=text, allowed=allowed)
        )


@dataclass
class SigningServices:
    """Trust roots, timestamp authority and revocation fetching for one batch.

    One instance is shared by every signature in a batch, so CRLs and OCSP answers fetched
    for the first letter serve the rest. It owns one event loop and one HTTP session for
    pyHanko's asynchronous fetchers and TSA client: use it as a context manager (or call
    :meth:`close`) so the connections are closed when the batch ends.


    Args:
        trust_roots: the workspace's trust store roots (never the OS store).
        tsa_url: the RFC 3161 timestamp service; required for B-T and above.
        online: whether revocation data may be fetched from the URLs in the certificates.
        crls: CRLs (DER) known beforehand, e.g. provisioned for an offline desk.
        clock: "now" for certificate validity checks (tests pin it).
        extra_purposes: ``chain → EKU OIDs`` the admin accepts for signing under the chain's
            root besides the document-signing ones (the trust store's ``purposes_for``);
            ``None`` when the roots come without such settings (``sign-pdf --trust``).
    """

    trust_roots: Sequence[x509.Certificate]
    tsa_url: str | None = None
    online: bool = True
    crls: Sequence[bytes] = ()
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    extra_purposes: Callable[[Sequence[x509.Certificate]], Sequence[str]] | None = None
    _contexts: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False)
    _loop: asyncio.AbstractEventLoop | None = field(default=None, repr=False)
    _fetchers: Any = field(default=None, repr=False)
    _batch_fetchers: Any = field(default=None, repr=False)
    _timestamper: Any = field(default=None, repr=False)

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a pyHanko coroutine on the batch's event loop."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(coroutine)

    def close(self) -> None:
        """Close the HTTP session and the event loop of the batch."""
        loop, self._loop = self._loop, None
        if loop is None:
            return
        if self._fetchers is not None:
            loop.run_until_complete(self._fetchers.close())
            self._fetchers = None
        self._contexts.clear()
        self._timestamper = None
        loop.close()

    def __enter__(self) -> SigningServices:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def validation_context(
        self,
        extra: Sequence[x509.Certificate] = (),
        *,
        fresh: bool = False,
        shared_crls: bool = False,
    ) -> Any:
        """A pyHanko ValidationContext over the trust roots (cached per certificate set).

        ``fresh`` gives a new context that fetches its own OCSP answers: the DSS of a
        signature must hold data about the signer issued *after* it was made (a verifier
        accepts nothing older as proof that the certificate was not revoked at signing
        time), so the answers fetched before signing, or for an earlier letter of the batch,
        will not do. With ``shared_crls`` its CRLs come from the batch's fetcher (fetched
        once): right when the signer's status comes from OCSP and the CRLs only speak for
        the CAs above it, whose CRLs keep their ordinary validity.
        """
        from asn1crypto import crl as asn1_crl
        from pyhanko_certvalidator import ValidationContext

        key = tuple(sorted(c.fingerprint(_SHA256).hex() for c in extra))
        context = None if fresh else self._contexts.get(key)
        if context is None:
            context = ValidationContext(
                trust_roots=[_asn1(c) for c in self.trust_roots],
                other_certs=[_asn1(c) for c in extra],
                crls=[asn1_crl.CertificateList.load(c) for c in self.crls],
                allow_fetching=self.online,
                revocation_mode="hard-fail",
                # The context's moment is fixed when it is made, but responders that answer
                # live date their answers when they make them, seconds or (in a long batch)
                # minutes later; those answers are exactly what the signature needs, not
                # "too recent" to count.
                retroactive_revinfo=True,
                **self._fetching(fresh=fresh, shared_crls=shared_crls),
            )
            if not fresh:
                self._contexts[key] = context
        return context

    def _fetching(self, *, fresh: bool, shared_crls: bool) -> dict[str, Any]:
        """How a new context fetches: the batch's backend, or a fresh OCSP fetcher beside
        the batch's CRL and certificate fetchers."""
        if not self.online:
            return {}
        from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend
        from pyhanko_certvalidator.fetchers.api import Fetchers

        if self._fetchers is None:
            self._fetchers = AIOHttpFetcherBackend(per_request_timeout=10)
        if not (fresh and shared_crls):
            return {"fetcher_backend": self._fetchers}
        if self._batch_fetchers is None:
            self._batch_fetchers = self._fetchers.get_fetchers()
        own = self._fetchers.get_fetchers()
        return {
            "fetchers": Fetchers(
                ocsp_fetcher=own.ocsp_fetcher,
                crl_fetcher=self._batch_fetchers.crl_fetcher,
                cert_fetcher=self._batch_fetchers.cert_fetcher,
            )
        }

    def timestamper(self) -> Any:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        if not self.tsa_url:
            raise SigningError(
                SigningError.SERVICE,
                _("no timestamp service (TSA) address is set; level B-T and above need one"),
            )
        if self._timestamper is None:
            if self._fetchers is None:
                from pyhanko_certvalidator.fetchers.aiohttp_fetchers import (
                    AIOHttpFetcherBackend,
                )

                self._fetchers = AIOHttpFetcherBackend(per_request_timeout=10)
            # One client and one HTTP session for the batch: the client remembers the size
            # of the TSA's tokens after the first one instead of asking for a dummy each time.
            self._timestamper = HTTPTimeStamper(
                self.tsa_url, timeout=10, session=self._fetchers.session
            )
        return self._timestamper


@dataclass(frozen=True)
class SignRequest:
    """One signature to apply.

    Args:
        field: the pre-created signature field to fill.
        level: the PAdES level.
        certify: whether this is the document's certification (first) signature.
        reason, location: printed in the signature properties.
        stamp_style: pyHanko appearance for a visible field (None: pyHanko's default).
    """

    field: str
    level: Level = Level.B_LT
    certify: bool = False
    reason: str = "Penandatanganan naskah dinas"
    location: str = ""
    stamp_style: Any = None


_SHA256 = hashes.SHA256()


def _asn1(cert: x509.Certificate) -> Any:
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def check_certificate(session: SigningSession, services: SigningServices) -> None:
    """Validate the signing certificate now, before the device signs anything.

    Its purpose comes first and needs no network: a TLS server or CA certificate under a
    trusted root chains and may carry nonRepudiation, so path validation and pyHanko's
    key-usage check alone would let it sign (:func:`tnde.pki.purpose.signing_purpose_problems`).

    Raises:
        SigningError: ``CERT_UNSUITABLE``, ``CERT_EXPIRED``, ``CERT_REVOKED``,
            ``CERT_UNTRUSTED`` or ``SERVICE`` (revocation status unobtainable).
    """
    now = services.clock()
    cert = session.certificate
    name = cert.subject.rfc4514_string()
    extra = services.extra_purposes(session.chain_with_leaf()) if services.extra_purposes else ()
    problems = signing_purpose_problems(cert, extra)
    if problems:
        raise SigningError(
            SigningError.CERT_UNSUITABLE,
            _(
                "the certificate may not be used to sign documents: {problems}",
                problems="; ".join(problems),
            ),
            subject=name,
        )
    if now < cert.not_valid_before_utc:
        raise SigningError(
            SigningError.CERT_EXPIRED,
            _(
                "the certificate is valid only from {start:%d-%m-%Y}",
                start=cert.not_valid_before_utc,
            ),
            subject=name,
        )
    if now > cert.not_valid_after_utc:
        raise SigningError(
            SigningError.CERT_EXPIRED,
            _("the certificate expired on {end:%d-%m-%Y}", end=cert.not_valid_after_utc),
            subject=name,
        )
    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.errors import (
        InvalidCertificateError,
        PathBuildingError,
        PathValidationError,
        RevokedError,
    )

    validator = CertificateValidator(
        _asn1(cert),
        intermediate_certs=[_asn1(c) for c in session.chain],
        validation_context=services.validation_context(session.chain),
    )
    try:
        services.run(validator.async_validate_usage({"non_repudiation"}))  # type: ignore[no-untyped-call]

    except RevokedError:
        raise SigningError(
            SigningError.CERT_REVOKED,
            _("the certificate has been revoked by its issuer"),
            subject=name,
        ) from None
    except PathBuildingError:
        raise SigningError(
            SigningError.CERT_UNTRUSTED,
            _("the certificate does not chain to a trusted root in the workspace's trust store"),
            subject=name,
        ) from None
    except InvalidCertificateError as exc:
        raise SigningError(
            SigningError.CERT_UNSUITABLE,
            _("the certificate may not be used to sign documents: {exc}", exc=exc),
            subject=name,
        ) from None
    except PathValidationError as exc:
        text = str(exc)
        kind = SigningError.SERVICE if "revocation" in text.lower() else SigningError.CERT_UNTRUSTED
        detail = (
            _("the certificate's revocation status cannot be obtained from the OCSP/CRL services")
            if kind == SigningError.SERVICE
            else _("the certificate chain is not valid: {problem}", problem=text)
        )
        raise SigningError(kind, detail, subject=name) from None


def sign_pdf(
    pdf: bytes,
    session: SigningSession,
    request: SignRequest,
    services: SigningServices,
) -> bytes:
    """Sign ``pdf`` into ``request.field`` and return the new file (the input is untouched).

    Raises:
        SigningError: ``PDF`` when the field is missing or already signed, ``SERVICE`` when
            the TSA or revocation services fail before signing, ``UNKNOWN_OUTCOME`` when
            something fails after the device was asked to sign.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import signers

    # B-LT reads the new signature back to collect its validation data: the chunked hex
    # reader alone saves ~20 ms a letter there.
    speedups.install()
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    _check_field(pdf, request.field)

    level = request.level
    meta = signers.PdfSignatureMetadata(
        field_name=request.field,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=request.reason,
        location=request.location or None,
        certify=request.certify,
        docmdp_permissions=MDPPerm.FILL_FORMS,
        # B-LT and B-LTA: revocation data and the archive timestamp are added after the
        # signature (_long_term), so the data are issued after the signing time.
    )
    pdf_signer = signers.PdfSigner(
        meta,
        session.signer,
        timestamper=services.timestamper() if level.needs_timestamp else None,
        stamp_style=request.stamp_style,
    )
    out = BytesIO()
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        reserve = _bytes_reserved(session, level)
        services.run(
            pdf_signer.async_sign_pdf(
                writer, existing_fields_only=True, bytes_reserved=reserve, output=out
            )
        )
        if level.embeds_revocation:
            out = _long_term(out.getvalue(), session, services, lta=level is Level.B_LTA)

    except (PdfError, ValueError, KeyError) as exc:
        raise SigningError(
            SigningError.PDF, _("the PDF cannot be signed: {exc}", exc=exc)
        ) from None
    except SigningError:
        raise
    except TimestampRequestError:
        # The device has signed, but the signature is discarded with the unsaved output:
        # nothing left this process, so the letter is simply unchanged.
        raise SigningError(
            SigningError.SERVICE,
            _(
                "the timestamp service (TSA) cannot be reached or refused: {tsa_url}",
                tsa_url=services.tsa_url,
            ),
        ) from None
    except Exception as exc:
        # Anything past this point may have reached the device or a service mid-way: say so
        # and let a person decide; an automatic retry could sign twice.
        log.warning("signing failed after the device was engaged: %s", type(exc).__name__)
        raise SigningError(
            SigningError.UNKNOWN_OUTCOME,
            _(
                "signing failed half-way ({error}); it is not retried automatically",
                error=_describe(exc),
            ),
        ) from exc
    return out.getvalue()


def add_long_term(signed: bytes, session: SigningSession, services: SigningServices) -> bytes:
    """B-LT for a signature made elsewhere (a service that signs whole PDFs): the DSS with
    revocation data fetched now, as :func:`sign_pdf` adds to its own."""
    try:
        return _long_term(signed, session, services, lta=False).getvalue()
    except SigningError:
        raise
    except Exception as exc:
        raise SigningError(
            SigningError.SERVICE,
            _(
                "the certificate's revocation data cannot be obtained ({error})",
                error=_describe(exc),
            ),
        ) from exc


def _long_term(
    signed: bytes, session: SigningSession, services: SigningServices, *, lta: bool
) -> BytesIO:
    """B-LT: the DSS with revocation data fetched now, after the signature; B-LTA: then a
    document timestamp over it (with its TSA's validation data)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.signers import PdfTimeStamper
    from pyhanko.sign.validation.dss import async_add_validation_info

    context = services.validation_context(
        session.chain, fresh=True, shared_crls=_has_ocsp(session.certificate)
    )
    embedded = PdfFileReader(BytesIO(signed)).embedded_signatures[-1]
    out = BytesIO()
    services.run(async_add_validation_info(embedded, context, output=out))
    if not lta:
        return out
    stamped = BytesIO()
    services.run(
        PdfTimeStamper(services.timestamper()).async_timestamp_pdf(
            IncrementalPdfFileWriter(BytesIO(out.getvalue())),
            "sha256",
            validation_context=context,
            output=stamped,
        )
    )
    return stamped


def _has_ocsp(cert: x509.Certificate) -> bool:
    """The certificate names an OCSP responder (its status can be asked fresh per letter)."""
    try:
        access = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    except x509.ExtensionNotFound:
        return False
    return any(d.access_method == x509.oid.AuthorityInformationAccessOID.OCSP for d in access)


def _bytes_reserved(session: SigningSession, level: Level) -> int:
    """Room for the CMS in ``/Contents``, so pyHanko need not sign once just to measure it.

    The CMS holds the signature value, the signed attributes, the certificates and (B-T and
    up) the TSA's token with its own certificates; revocation data goes to the DSS, not here.
    The estimate is generous: the unused room is zero padding inside the signed file.
    """
    certificates = sum(len(c.public_bytes(Encoding.DER)) for c in session.chain_with_leaf())
    key_bytes = (session.certificate.public_key().key_size + 7) // 8  # type: ignore[union-attr]
    room = 1024 + certificates + 2 * key_bytes
    if level.needs_timestamp:
        room += 6144  # the token: TSTInfo, the TSA's signature and its certificate chain
    return 2 * max(room, session.cms_room)  # pyHanko counts the hex digits of /Contents


def _check_field(pdf: bytes, name: str) -> None:
    """The field exists and is still empty, checked before any service is contacted."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        reader = PdfFileReader(BytesIO(pdf))
        fields = {n: value for n, value, _ in enumerate_sig_fields(reader)}
    except (PdfError, ValueError, KeyError) as exc:
        raise SigningError(SigningError.PDF, _("unreadable PDF: {exc}", exc=exc)) from None
    if name not in fields:
        known = ", ".join(sorted(fields)) or "tidak ada"
        raise SigningError(
            SigningError.PDF,
            _(
                "signature field {name!r} does not exist (there are: {known})",
                name=name,
                known=known,
            ),
        )
    if fields[name] is not None:
        raise SigningError(
            SigningError.PDF, _("signature field {name!r} is signed already", name=name)
        )


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    lowered = text.lower()
    if "timestamp" in lowered or "tsa" in lowered:
        return _("the timestamp service (TSA) did not answer properly")
    if "revocation" in lowered or "ocsp" in lowered or "crl" in lowered:
        return _("the certificate's revocation data cannot be obtained")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
