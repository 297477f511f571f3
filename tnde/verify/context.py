"""What the per-signature checks of one file share: bytes, reader, roots, DSS, time, policy.

Built once per file by :func:`tnde.verify.engine.verify_pdf`; the DSS, its certificates and
revocation data are read and parsed once here and handed to every signature's checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tnde.verify import parsed
from tnde.verify.changes import Snapshots, array_of, dss_revisions, iter_pages, value_of
from tnde.verify.dss import examine_dss
from tnde.verify.policy import VerifyPolicy
from tnde.verify.revocation import usable

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from cryptography import x509

__all__ = ["FileContext"]


class FileContext:
    """What the per-signature checks share for one file: bytes, reader, roots, DSS, time."""

    def __init__(
        self,
        data: bytes,
        reader: Any,
        roots: Sequence[x509.Certificate],
        now: dt.datetime,
        crls: Sequence[bytes] = (),
        policy: VerifyPolicy | None = None,
        first_signed: int = 0,
    ) -> None:
        from cryptography.hazmat.primitives.serialization import Encoding

        self.data = data
        self.policy = policy or VerifyPolicy()
        self.strict = True
        """Whether the reader is strict: strict-mode errors are then re-raised, not judged."""
        self.last_approval: int | None = None
        """Revision of the last approval or certification signature, once known."""
        self.tail_problems: list[str] | None = None
        """What :func:`tnde.verify.tail.tail_problems` found after :attr:`last_approval`
        (``None`` until it ran)."""
        self.reader = reader
        self.now = now
        self.roots = [parsed.certificate(r.public_bytes(Encoding.DER)) for r in roots]
        self.local_crls = [parsed.crl(c) for c in crls]
        self.doc_ts_revisions: list[int] = []
        self.dss_revisions = dss_revisions(reader, first_signed)
        self.snapshots = Snapshots(reader)
        """The fields and pages of each revision, shared by the checks and the report."""
        self._dss = self._read_dss()
        self._dss_data: tuple[list[Any], list[Any], list[Any]] | None = None
        self._ades_spec: Any = None
        self._certification = self._read_certification()

    # -- DSS and revocation data ----------------------------------------------------------------

    def _read_dss(self) -> Any:
        """pyHanko's view of the DSS; ``None`` without one, or when it holds anything but
        validation data (the file-level checks name the problem; :mod:`tnde.verify.dss`)."""
        from pyhanko.sign.validation.dss import DocumentSecurityStore
        from pyhanko.sign.validation.errors import NoDSSFoundError

        if examine_dss(self.reader.root).problems:
            return None
        try:
            return DocumentSecurityStore.read_dss(self.reader)
        except NoDSSFoundError:
            return None

    def judges_tail(self, sig: Any) -> bool:
        """Whether the revisions after ``sig`` are all judged by the tail check (``sig`` is
        the last approval signature or a document timestamp after it)."""
        return (
            self.tail_problems is not None
            and self.last_approval is not None
            and sig.signed_revision >= self.last_approval
        )

    @property
    def has_dss(self) -> bool:
        return self._dss is not None

    def _cms_revinfo(self, sig: Any) -> tuple[list[Any], list[Any]]:
        from pyhanko.sign.general import (
            MultivaluedAttributeError,
            NonexistentAttributeError,
            find_unique_cms_attribute,
        )

        try:
            archive = find_unique_cms_attribute(
                sig.signer_info["signed_attrs"], "adobe_revocation_info_archival"
            )
        except (MultivaluedAttributeError, NonexistentAttributeError):
            return [], []
        return list(archive["crl"] or []), list(archive["ocsp"] or [])

    def revinfo_source(self, sig: Any) -> str | None:
        """Where revocation data for ``sig`` can come from: ``DSS``, ``CMS``, ``lokal`` (the
        auditor's CRLs), joined by ``+``, or None."""
        parts = []
        if self._dss is not None and (self._dss.crls or self._dss.ocsps):
            parts.append("DSS")
        if any(self._cms_revinfo(sig)):
            parts.append("CMS")
        if self.local_crls:
            parts.append("lokal")
        return "+".join(parts) or None

    def has_evidence_after(self, sig: Any) -> bool:
        """A document timestamp follows the signature (an AdES evidence record exists)."""
        return any(r > sig.signed_revision for r in self.doc_ts_revisions)

    def validation_context(
        self,
        sig: Any,
        *,
        moment: dt.datetime | None = None,
        fresh_after: dt.datetime | None = None,
    ) -> Any:
        """Offline context: our roots, the file's certificates and revocation data.

        Without ``moment``: "now", certificates only, revocation soft-fail (the classic
        integrity/trust pass; embedded CRLs and OCSP responses would be stale "now" and make
        every timestamp look untrusted a week after signing).
        With ``moment``: validation at that time with the embedded revocation data
        *required*, accepting data issued after it (a CRL or OCSP response fetched right
        after signing); with ``fresh_after`` too, only the data issued at or after that time
        are given (:mod:`tnde.verify.revocation`).

        The DSS's certificates, CRLs and OCSP responses, the roots and the auditor's CRLs
        are the shared parsed objects of :mod:`tnde.verify.parsed`, read once per file; the
        contexts get the same values in the same order as pyHanko's ``DocumentSecurityStore
        .as_validation_context`` would give them (tests/verify/test_speedups.py).
        """
        from pyhanko_certvalidator import ValidationContext

        dss_certs, dss_ocsps, dss_crls = self._dss_values()
        other_certs = list(sig.other_embedded_certs) + dss_certs
        kwargs: dict[str, Any] = {
            "trust_roots": list(self.roots),
            "allow_fetching": False,
        }
        if moment is None:
            return ValidationContext(
                moment=self.now, revocation_mode="soft-fail", other_certs=other_certs, **kwargs
            )
        crls, ocsps = self._cms_revinfo(sig)
        kwargs.update(moment=moment, revocation_mode="require", retroactive_revinfo=True)
        signer = sig.signer_cert
        crls = [c for c in crls + self.local_crls + dss_crls if usable(c, fresh_after, signer)]
        ocsps = [o for o in ocsps + dss_ocsps if usable(o, fresh_after, signer)]
        if self._dss is None:
            return ValidationContext(other_certs=other_certs, crls=crls, ocsps=ocsps, **kwargs)
        # What DocumentSecurityStore.as_validation_context builds: the DSS certificates
        # first, then the given ones; the given CRLs and OCSP responses, then the DSS's.
        return ValidationContext(
            other_certs=dss_certs + other_certs, crls=crls, ocsps=ocsps, **kwargs
        )

    def revinfo_items(self, sig: Any) -> list[tuple[Any, str]]:
        """Every CRL and OCSP response available for ``sig``, with where it came from."""
        crls, ocsps = self._cms_revinfo(sig)
        _, dss_ocsps, dss_crls = self._dss_values()
        return [
            *((c, "CMS") for c in crls),
            *((o, "CMS") for o in ocsps),
            *((c, "lokal") for c in self.local_crls),
            *((c, "DSS") for c in dss_crls),
            *((o, "DSS") for o in dss_ocsps),
        ]

    def _dss_values(self) -> tuple[list[Any], list[Any], list[Any]]:
        """The DSS's certificates, OCSP responses and CRLs (parsed once per file)."""
        if self._dss is None:
            return [], [], []
        if self._dss_data is None:
            from pyhanko.pdf_utils.decode_limits import DecodePurpose

            def values(refs: Any, purpose: Any, load: Any) -> list[Any]:
                return [load(ref.get_object().read_data(purpose)) for ref in refs]

            dss = self._dss
            self._dss_data = (
                values(dss.certs.values(), DecodePurpose.CERTIFICATE, parsed.certificate),
                values(dss.ocsps, DecodePurpose.OCSP_RESPONSE, parsed.ocsp_response),
                values(dss.crls, DecodePurpose.CRL, parsed.crl),
            )
        certs, ocsps, crls = self._dss_data
        return list(certs), list(ocsps), list(crls)

    def ades_spec(self) -> Any:
        """The AdES validation spec: our roots, revocation data required, local data only."""
        if self._ades_spec is None:
            from pyhanko.sign.validation.policy_decl import (
                PdfSignatureValidationSpec,
                RevinfoOnlineFetchingRule,
                RevocationInfoGatheringSpec,
                SignatureValidationSpec,
            )
            from pyhanko_certvalidator.context import CertValidationPolicySpec
            from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
            from pyhanko_certvalidator.registry import SimpleTrustManager

            self._ades_spec = PdfSignatureValidationSpec(
                SignatureValidationSpec(
                    cert_validation_policy=CertValidationPolicySpec(
                        trust_manager=SimpleTrustManager.build(trust_roots=list(self.roots)),
                        revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
                    ),
                    revinfo_gathering_policy=RevocationInfoGatheringSpec(
                        online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
                    ),
                ),
                # The classic pass already ran the difference analysis on every signature;
                # without this the AdES engine repeats it for all of them (half its time).
                diff_policy=None,
            )
        return self._ades_spec

    # -- structure ------------------------------------------------------------------------------

    def object_offset(self, ref: Any) -> int | None:
        """File offset of an indirect object, ``None`` when it lives in an object stream."""
        if ref is None:
            return None
        location = self.reader.xrefs[ref]
        return location if isinstance(location, int) else None

    def _read_certification(self) -> tuple[Any, int] | None:
        root = self.reader.root
        if "/Perms" not in root or "/DocMDP" not in root["/Perms"]:
            return None
        ref = getattr(root["/Perms"].raw_get("/DocMDP"), "reference", None)
        sig_dict = root["/Perms"]["/DocMDP"]
        references = array_of(sig_dict, "/Reference")
        # Each /Reference entry, its /TransformParams and /P may be indirect objects.
        for index in range(len(references)):
            reference = references[index]
            if reference.get("/TransformMethod") != "/DocMDP":
                continue
            params = value_of(reference, "/TransformParams", {})
            return ref, int(params["/P"]) if "/P" in params else 2
        return ref, 2

    def certification_of(self, sig: Any) -> int | None:
        """DocMDP ``P`` when ``sig`` is the document's certification signature."""
        if self._certification is None:
            return None
        ref = getattr(sig.sig_field.raw_get("/V"), "reference", None)
        return self._certification[1] if ref == self._certification[0] else None

    def widget_page(self, sig: Any) -> int | None:
        """1-based page showing the signature's widget; ``None`` for invisible signatures."""
        from pyhanko.pdf_utils.generic import DictionaryObject

        field = sig.sig_field
        rect = array_of(field, "/Rect") or None
        if (
            rect is not None
            and (float(rect[2]) - float(rect[0])) * (float(rect[3]) - float(rect[1])) == 0
        ):
            return None
        name = field.get("/T")
        for number, (_, page) in enumerate(iter_pages(self.reader.root["/Pages"]), 1):
            for annot in array_of(page, "/Annots"):
                widget = annot.get_object()
                if not isinstance(widget, DictionaryObject):
                    continue  # a free object reads as null
                parent = value_of(widget, "/Parent")
                if widget is field or parent is field or (name and widget.get("/T") == name):
                    return number
        return None

    def pades_level(self, sig: Any, *, has_signature_ts: bool) -> str:
        """B-B, B-T, B-LT or B-LTA, from what the file holds after this signature.

        A level says what is there, not that it checks out: a B-LT signature whose embedded
        revocation data do not suffice is still B-LT, with an INDETERMINATE verdict.
        """
        revision = sig.signed_revision
        later_ts = [r for r in self.doc_ts_revisions if r > revision]
        if not (has_signature_ts or later_ts):
            return "B-B"
        later_dss = [r for r in self.dss_revisions if r > revision]
        if not (later_dss or any(self._cms_revinfo(sig))):
            return "B-T"
        start = min(later_dss) if later_dss else revision
        return "B-LTA" if any(r >= start for r in later_ts) else "B-LT"
