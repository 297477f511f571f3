"""The TNDE DEMO PKI: a throwaway hierarchy for practice workspaces and tests.

``TNDE DEMO Root CA`` → ``TNDE DEMO Issuing CA`` → one certificate per official, plus a
``TNDE DEMO Timestamp Authority`` and a ``TNDE DEMO OCSP Responder``, all in one folder::

    root.pem  issuing-ca.pem  tsa.pem  ocsp.pem      certificates (PEM)
    keys/<name>.key.pem                              CA and service keys, encrypted with the
                                                     DEMO passphrase, readable by the owner only
    officials/<nip>.p12  officials/<nip>.pem         each official's key+chain, and certificate
    officials/<nip>.enrol.json                       an official whose key is made on first use
    state.toml                                       port, issued and revoked serials

How an official's key is obtained: :meth:`DemoPki.p12_path` (and :meth:`DemoPki.certificate_of`,
which goes through it) returns the ``.p12``; when the PKI was made with ``on_demand=True`` (the
demo workspace does) and the official has only an enrolment, the key and certificate are made
right then, under the lock of :mod:`tnde.pki.enrolment`, and kept for every later call.

It lets a demo workspace sign letters end to end (PAdES B-LT with real TSA, OCSP and CRL
answers, see :mod:`tnde.pki.server`) without a PSrE. Every certificate says DEMO in its names
and carries the DEMO certificate policy, and the trust store marks the root ``demo``, so a
letter signed here never reads as certified (the footer must not claim BSrE).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from tnde.errors import PkiError
from tnde.fsutil import write_atomic
from tnde.messages import _
from tnde.pki import certs, responders
from tnde.pki.enrolment import ENROL_SUFFIX, Enrolment, enrolled_keys, issue_lock, read_enrolment
from tnde.pki.identity import nik_ref
from tnde.pki.state import IssuedCert, PkiState, read_state, write_state

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["DEMO_INSTANSI", "DEMO_PASSPHRASE", "DemoOfficial", "DemoPki"]

log = logging.getLogger(__name__)

DEMO_PASSPHRASE = b"demo1234"
"""Passphrase of every DEMO ``.p12`` made by ``tnde pki demo-init`` and ``tnde demo``."""
DEMO_INSTANSI = "Pemerintah Provinsi Nusantara Raya (DEMO)"
"""O of an official's certificate when :attr:`DemoOfficial.organisasi` is not given."""
STATE_FILE = "state.toml"
OFFICIAL_YEARS = 2
"""Validity of an official's certificate (BSrE issues two-year certificates)."""
_BACKDATE = dt.timedelta(days=1)
_YEAR = dt.timedelta(days=365)


@dataclass(frozen=True)
class DemoOfficial:
    """A person to issue a DEMO signing certificate to."""

    nama: str
    """Name as printed, with degrees: ``"Dr. Budi Santoso, S.Kom., M.T."``."""
    nip: str
    """18-digit NIP, or ``""``."""
    nik: str
    """16-digit NIK (fictional in the demo)."""
    jabatan: str
    """Position, for the ``title`` attribute."""
    unit: str
    """Work unit, for ``OU``."""
    organisasi: str = DEMO_INSTANSI
    """Institution, for ``O``; ``DEMO`` is appended when it does not say so."""

    def __post_init__(self) -> None:
        nik_ref(self.nik)  # raises PkiError when the NIK is not 16 digits
        if self.nip and not (len(self.nip) == 18 and self.nip.isascii() and self.nip.isdigit()):
            raise PkiError(
                PkiError.BAD_VALUE, _("the NIP of {nama} must have 18 digits", nama=self.nama)
            )
        if not self.nama.strip():
            raise PkiError(PkiError.BAD_VALUE, _("the official's name must not be empty"))

    @property
    def key(self) -> str:
        """The file stem of the official's ``.p12``: the NIP, or the NIK without one."""
        return self.nip or self.nik


class DemoPki:
    """An open DEMO PKI folder. Make one with :meth:`create`, reopen it with :meth:`open`."""

    def __init__(self, folder: Path, state: PkiState) -> None:
        self.folder = folder
        """The PKI folder."""
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
        """Where the responders and :meth:`issue`/:meth:`revoke` take "now" from (tests fix it)."""
        self._state = state
        self._state_mtime = self._mtime()
        self._lock = threading.Lock()
        self._keys: dict[str, rsa.RSAPrivateKey] = {}

    # -- making and opening ----------------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        officials: Sequence[DemoOfficial],
        *,
        passphrase: bytes,
        port: int,
        now: dt.datetime | None = None,
        on_demand: bool = False,
    ) -> DemoPki:
        """Build a new DEMO hierarchy in ``folder`` (missing or empty) for ``officials``.

        The folder is assembled under a temporary name and renamed into place, so a failure
        leaves nothing behind. RSA 3072 key generation takes 0.1-0.5 s per key, so with
        ``on_demand`` the officials are only enrolled (:mod:`tnde.pki.enrolment`): each one's
        key and certificate are made when :meth:`p12_path` first asks for them, with the
        validity they would have had now. Their ``.p12`` is then sealed with
        :data:`DEMO_PASSPHRASE`, which ``passphrase`` must be.

        Raises:
            PkiError: ``EXISTS`` when ``folder`` holds files; ``BAD_VALUE`` for a bad port,
                an empty passphrase or two officials with the same NIP.
        """
        folder = Path(folder)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise PkiError(
                PkiError.EXISTS,
                _(
                    "the DEMO PKI folder already exists and is not empty; delete it first to "
                    "make it again"
                ),
                path=str(folder),
            )
        if not 1 <= port <= 65535:
            raise PkiError(
                PkiError.BAD_VALUE, _("port {port} is not a port number 1-65535", port=port)
            )
        keys = [o.key for o in officials]
        if len(set(keys)) != len(keys):
            raise PkiError(PkiError.BAD_VALUE, _("two officials have the same NIP/NIK"))
        _check_passphrase(passphrase)
        if on_demand and bytes(passphrase) != DEMO_PASSPHRASE:
            raise PkiError(
                PkiError.BAD_VALUE,
                _("certificates made on first use are sealed with the DEMO passphrase only"),
            )
        now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        folder.parent.mkdir(parents=True, exist_ok=True)
        build = folder.parent / f".{folder.name}.{os.getpid()}.membuat"
        shutil.rmtree(build, ignore_errors=True)
        try:
            (build / "keys").mkdir(parents=True)
            (build / "officials").mkdir()
            pki = cls(build, PkiState(port=port, created=now))
            pki.clock = lambda: now
            pki._make_hierarchy(now)
            for official in officials:
                if on_demand:
                    pki._enrol(official)
                else:
                    pki._issue(official, passphrase=passphrase)
            pki._save()
            if folder.exists():
                folder.rmdir()
            os.replace(build, folder)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        log.info("DEMO PKI created in %s for %d officials", folder, len(officials))
        return cls.open(folder)

    @classmethod
    def open(cls, folder: Path) -> DemoPki:
        """Open an existing DEMO PKI folder.

        Raises:
            PkiError: ``NOT_FOUND`` when ``folder`` has no ``state.toml``; ``BAD_FILE`` when it
                is malformed.
        """
        folder = Path(folder)
        return cls(folder, read_state(folder / STATE_FILE))

    # -- what it holds ---------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The loopback port the certificates' AIA and CRL URLs name."""
        return self._state.port

    @property
    def endpoints(self) -> certs.Endpoints:
        """The URLs the certificates point at."""
        return certs.Endpoints(self.port)

    @cached_property
    def root(self) -> x509.Certificate:
        """``TNDE DEMO Root CA``."""
        return self._cert("root")

    @cached_property
    def issuing_ca(self) -> x509.Certificate:
        """``TNDE DEMO Issuing CA`` (issues officials, the TSA and the OCSP responder)."""
        return self._cert("issuing-ca")

    @cached_property
    def tsa_cert(self) -> x509.Certificate:
        """``TNDE DEMO Timestamp Authority``."""
        return self._cert("tsa")

    @cached_property
    def ocsp_cert(self) -> x509.Certificate:
        """``TNDE DEMO OCSP Responder``."""
        return self._cert("ocsp")

    @property
    def chain(self) -> list[x509.Certificate]:
        """The CA certificates above an official: issuing CA, then root."""
        return [self.issuing_ca, self.root]

    def official_keys(self) -> list[str]:
        """The NIPs (or NIKs) that have a ``.p12`` here or get one on first use, sorted."""
        officials = self.folder / "officials"
        made = {p.stem for p in officials.glob("*.p12")}
        return sorted(made | set(enrolled_keys(officials)))

    def is_issued(self, nip: str) -> bool:
        """Whether the ``.p12`` of ``nip`` exists already (not merely enrolled)."""
        return (self.folder / "officials" / f"{nip}.p12").is_file()

    def p12_path(self, nip: str) -> Path:
        """The ``.p12`` of the official with ``nip`` (or NIK, for one without a NIP).

        An official who is only enrolled gets their key and certificate now (the first call
        takes the time of one RSA key; later calls find the file).

        Raises:
            PkiError: ``NOT_FOUND`` when no certificate was issued to them and they are not
                enrolled.
        """
        officials = self.folder / "officials"
        path = officials / f"{nip}.p12"
        if path.is_file():
            return path
        if (officials / f"{nip}{ENROL_SUFFIX}").is_file():
            self._issue_enrolled(nip)
        if not path.is_file():
            raise PkiError(
                PkiError.NOT_FOUND, _("there is no DEMO certificate for this NIP"), path=str(path)
            )
        return path

    def certificate_of(self, nip: str) -> x509.Certificate:
        """The newest certificate issued to ``nip`` (no passphrase needed)."""
        path = self.p12_path(nip).with_suffix(".pem")
        return x509.load_pem_x509_certificate(path.read_bytes())

    # -- issuing and revoking --------------------------------------------------------------

    def issue(
        self,
        official: DemoOfficial,
        *,
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
        passphrase: bytes,
        out: Path | None = None,
    ) -> Path:
        """Issue a new certificate to ``official`` (e.g. an expired one for a test).

        Writes ``out`` (default: ``officials/<nip>.p12``, replacing the one there) and, for the
        default place, ``officials/<nip>.pem``. Returns the ``.p12`` path.
        """
        _check_passphrase(passphrase)
        with self._lock:
            self._reload()
            path = self._issue(
                official, passphrase=passphrase, not_before=not_before, not_after=not_after, out=out
            )
            self._save()
            if out is None:  # the certificate asked for replaces the one promised on first use
                (self.folder / "officials" / f"{official.key}{ENROL_SUFFIX}").unlink(
                    missing_ok=True
                )
        return path

    def revoke(
        self,
        serial_or_nip: int | str,
        *,
        reason: str = "keyCompromise",
        at: dt.datetime | None = None,
    ) -> int:
        """Revoke a certificate: by serial (int or hex text) or the newest one of a NIP.

        Revoking twice keeps the first revocation. Returns the serial.

        Raises:
            PkiError: ``NOT_FOUND`` for a serial or NIP this PKI never issued, ``BAD_VALUE``
                for a reason that is not an RFC 5280 reason name.
        """
        try:
            flag = x509.ReasonFlags(reason)
        except ValueError:
            flag = None
        if flag is None or flag is x509.ReasonFlags.remove_from_crl:
            names = ", ".join(f.value for f in x509.ReasonFlags if f.value != "removeFromCRL")
            raise PkiError(
                PkiError.BAD_VALUE,
                _("unknown reason {reason!r} (choose: {names})", reason=reason, names=names),
            )
        if isinstance(serial_or_nip, str) and not self.is_issued(serial_or_nip):
            with contextlib.suppress(PkiError):  # enrolled: what is revoked must exist first
                self.p12_path(serial_or_nip)
        with self._lock:
            self._reload()
            cert = self._find(serial_or_nip)
            if cert.serial not in self._state.revoked:
                moment = (at or self.clock()).astimezone(dt.UTC).replace(microsecond=0)
                self._state.revoked[cert.serial] = (moment, flag)
                self._save()
                log.info("DEMO certificate %x revoked (%s)", cert.serial, flag.value)
        return cert.serial

    def is_revoked(self, serial: int) -> bool:
        """Whether the certificate with ``serial`` is revoked."""
        with self._lock:
            self._reload()
            return serial in self._state.revoked

    def issued(self) -> list[IssuedCert]:
        """Every certificate issued, oldest first."""
        with self._lock:
            self._reload()
            return list(self._state.issued)

    # -- the services ----------------------------------------------------------------------

    def crls(self, *, now: dt.datetime | None = None) -> list[bytes]:
        """Fresh DER CRLs: the root's (covering the issuing CA), then the issuing CA's."""
        return [self.crl("root", now=now), self.crl("issuing-ca", now=now)]

    def crl(self, ca: str, *, now: dt.datetime | None = None) -> bytes:
        """A fresh DER CRL of ``ca`` (``"root"`` or ``"issuing-ca"``)."""
        cert = self._ca(ca)
        return responders.build_crl(
            cert, self._key(ca), self._revocations(ca), now=now or self.clock()
        )

    def ocsp_response(self, request_der: bytes, *, now: dt.datetime | None = None) -> bytes:
        """The DER OCSP response to ``request_der`` for a certificate of the issuing CA."""
        with self._lock:
            self._reload()
            issued = {c.serial for c in self._state.issued if c.ca == "issuing-ca"}
            revoked = {
                s: responders.Revocation(s, at, reason)
                for s, (at, reason) in self._state.revoked.items()
            }
        return responders.ocsp_response(
            request_der,
            issuer=self.issuing_ca,
            responder=self.ocsp_cert,
            responder_key=self._key("ocsp"),
            issued=issued.__contains__,
            revocation=revoked.get,
            now=now or self.clock(),
        )

    def timestamp_response(self, request_der: bytes, *, now: dt.datetime | None = None) -> bytes:
        """The DER RFC 3161 ``TimeStampResp`` to ``request_der``."""
        return responders.timestamp_response(
            request_der,
            tsa=self.tsa_cert,
            tsa_key=self._key("tsa"),
            chain=[self.issuing_ca],
            now=now or self.clock(),
        )

    def ca_certificate_der(self, ca: str) -> bytes:
        """The DER certificate of ``ca`` (``"root"`` or ``"issuing-ca"``), for AIA caIssuers."""
        return self._ca(ca).public_bytes(serialization.Encoding.DER)

    # -- internals -------------------------------------------------------------------------

    def _make_hierarchy(self, now: dt.datetime) -> None:
        made = certs.make_hierarchy(now - _BACKDATE, now, self.endpoints)
        for name, (cert, key, issuer, kind) in made.items():
            _write(self.folder / f"{name}.pem", cert.public_bytes(serialization.Encoding.PEM))
            write_atomic(self.folder / "keys" / f"{name}.key.pem", _key_pem(key), private=True)
            if issuer:
                self._state.issued.append(
                    IssuedCert(cert.serial_number, issuer, kind, "", cert.not_valid_after_utc)
                )
        _write(self.folder / "README.txt", _README.encode("utf-8"))

    def _issue(
        self,
        official: DemoOfficial,
        *,
        passphrase: bytes,
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
        out: Path | None = None,
    ) -> Path:
        start = not_before or (self.clock() - _BACKDATE)
        end = not_after or (start + OFFICIAL_YEARS * _YEAR)
        if end <= start:
            raise PkiError(PkiError.BAD_VALUE, _("not_after must be later than not_before"))
        organisasi = official.organisasi
        if "DEMO" not in organisasi:
            organisasi = f"{organisasi} (DEMO)"
        subject = certs.official_name(
            nama=official.nama,
            nik=official.nik,
            nip=official.nip,
            jabatan=official.jabatan,
            unit=official.unit,
            organisasi=organisasi,
        )
        key = certs.new_key()
        cert = certs.official_certificate(
            subject,
            key,
            issuer=(self.issuing_ca, self._key("issuing-ca")),
            not_before=start,
            not_after=end,
            endpoints=self.endpoints,
        )
        p12 = pkcs12.serialize_key_and_certificates(
            name=official.nama.encode("utf-8"),
            key=key,
            cert=cert,
            cas=self.chain,
            encryption_algorithm=serialization.BestAvailableEncryption(passphrase),
        )
        target = out or self.folder / "officials" / f"{official.key}.p12"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, p12, private=True)  # the key inside is only as safe as its file
        if out is None:
            _write(target.with_suffix(".pem"), cert.public_bytes(serialization.Encoding.PEM))
        self._state.issued.append(
            IssuedCert(cert.serial_number, "issuing-ca", "official", official.key, end)
        )
        return target

    def _enrol(self, official: DemoOfficial) -> None:
        start = self.clock() - _BACKDATE
        Enrolment(
            nama=official.nama,
            nip=official.nip,
            nik=official.nik,
            jabatan=official.jabatan,
            unit=official.unit,
            organisasi=official.organisasi,
            not_before=start,
            not_after=start + OFFICIAL_YEARS * _YEAR,
        ).write(self.folder / "officials", official.key)

    def _issue_enrolled(self, key: str) -> None:
        """Make the key and certificate promised to ``key`` by its enrolment."""
        officials = self.folder / "officials"
        enrolment_file = officials / f"{key}{ENROL_SUFFIX}"
        with self._lock, issue_lock(officials, key):
            if (officials / f"{key}.p12").is_file() or not enrolment_file.is_file():
                return  # another thread or process made it while this one waited
            enrolment = read_enrolment(enrolment_file)
            official = DemoOfficial(
                nama=enrolment.nama,
                nip=enrolment.nip,
                nik=enrolment.nik,
                jabatan=enrolment.jabatan,
                unit=enrolment.unit,
                organisasi=enrolment.organisasi,
            )
            self._reload()
            self._issue(
                official,
                passphrase=DEMO_PASSPHRASE,
                not_before=enrolment.not_before,
                not_after=enrolment.not_after,
            )
            self._save()
            enrolment_file.unlink()
        log.info("DEMO certificate made on first use for %s", key)

    def _find(self, serial_or_nip: int | str) -> IssuedCert:
        issued = self._state.issued
        if isinstance(serial_or_nip, str):
            mine = [c for c in issued if c.kind == "official" and c.key == serial_or_nip]
            if mine:
                return mine[-1]
            text = serial_or_nip.strip().lower().replace(":", "").removeprefix("0x")
            try:
                serial = int(text, 16)
            except ValueError:
                serial = -1
        else:
            serial = serial_or_nip
        for cert in issued:
            if cert.serial == serial:
                return cert
        raise PkiError(
            PkiError.NOT_FOUND,
            _(
                "this DEMO PKI never issued certificate {serial_or_nip!s}",
                serial_or_nip=serial_or_nip,
            ),
            path=str(self.folder),
        )

    def _revocations(self, ca: str) -> list[responders.Revocation]:
        with self._lock:
            self._reload()
            by_serial = {c.serial: c.ca for c in self._state.issued}
            return [
                responders.Revocation(serial, at, reason)
                for serial, (at, reason) in self._state.revoked.items()
                if by_serial.get(serial) == ca
            ]

    def _ca(self, ca: str) -> x509.Certificate:
        if ca == "root":
            return self.root
        if ca == "issuing-ca":
            return self.issuing_ca
        raise PkiError(
            PkiError.BAD_VALUE, _("there is no CA {ca!r} (choose root or issuing-ca)", ca=ca)
        )

    def _cert(self, name: str) -> x509.Certificate:
        path = self.folder / f"{name}.pem"
        try:
            return x509.load_pem_x509_certificate(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise PkiError(
                PkiError.BAD_FILE,
                _("the DEMO certificate cannot be read: {exc}", exc=exc),
                path=str(path),
            ) from None

    def _key(self, name: str) -> rsa.RSAPrivateKey:
        cache = self._keys
        if name not in cache:
            path = self.folder / "keys" / f"{name}.key.pem"
            try:
                data = path.read_bytes()
                # keys written before they were encrypted still open
                password = DEMO_PASSPHRASE if b"ENCRYPTED" in data else None
                key = serialization.load_pem_private_key(data, password=password)
            except (OSError, ValueError, TypeError) as exc:
                raise PkiError(
                    PkiError.BAD_FILE,
                    _("the DEMO key cannot be read: {exc}", exc=exc),
                    path=str(path),
                ) from None
            if not isinstance(key, rsa.RSAPrivateKey):
                raise PkiError(PkiError.BAD_FILE, _("not an RSA key"), path=str(path))
            cache[name] = key
        return cache[name]

    def _mtime(self) -> int:
        try:
            return (self.folder / STATE_FILE).stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def _reload(self) -> None:
        """Pick up revocations written by another process or another :class:`DemoPki`."""
        mtime = self._mtime()
        if mtime and mtime != self._state_mtime:
            self._state = read_state(self.folder / STATE_FILE)
            self._state_mtime = mtime

    def _save(self) -> None:
        write_state(self.folder / STATE_FILE, self._state)
        self._state_mtime = self._mtime()

    def __repr__(self) -> str:
        return f"DemoPki({str(self.folder)!r}, port={self.port})"


def _check_passphrase(passphrase: bytes) -> None:
    if not isinstance(passphrase, bytes | bytearray) or not passphrase:
        raise PkiError(PkiError.BAD_VALUE, _("the .p12 password must be non-empty bytes"))


def _key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(DEMO_PASSPHRASE),
    )


def _write(path: Path, data: bytes) -> None:
    write_atomic(path, data)


_README = """\
PKI DEMO TNDE Desktop - SERTIFIKAT UJI, BUKAN PSrE.

Folder ini berisi hierarki sertifikat rekaan untuk latihan dan pengujian:
TNDE DEMO Root CA -> TNDE DEMO Issuing CA -> sertifikat pejabat (officials/*.p12),
TNDE DEMO Timestamp Authority dan TNDE DEMO OCSP Responder.
Kunci CA dan layanan dikunci dengan frasa sandi DEMO (demo1234), yang sengaja diumumkan karena
hanya untuk DEMO. Pejabat yang baru terdaftar (officials/*.enrol.json) mendapat kunci dan
sertifikatnya saat pertama kali dipakai. Tanda tangan dengan sertifikat ini
bukan tanda tangan elektronik tersertifikasi dan tidak sah untuk naskah dinas sungguhan.
Layanan TSA/OCSP/CRL: tnde pki serve
"""
