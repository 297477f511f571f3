"""The one exception hierarchy of the core.

Exceptions carry structured fields (what, where, a stable ``code``) rather than prose, so the
CLI and the UI can word them for their audience. Their human sentence is worded where they are
raised, through :mod:`tnde.messages`, in the language active at that moment (Indonesian
unless English was asked for); ``str(exc)`` gives it whole for logs and the command line. The
stable codes never depend on the language.
"""

from __future__ import annotations


class TndeError(Exception):
    """Root of every error the core raises on purpose."""


class Cancelled(TndeError):
    """A long operation stopped because its cancel token was set. Never shown as an error."""


class ValidationError(TndeError):
    """A value given by the user does not satisfy a rule.

    Attributes:
        field: dotted path of the offending value (``"penandatangan.nip"``), or ``""``.
        code: stable machine-readable reason (``"required"``, ``"nip_length"``…).
        detail: the human sentence.
    """

    def __init__(self, field: str, code: str, detail: str) -> None:
        self.field = field
        self.code = code
        self.detail = detail
        where = f"{field}: " if field else ""
        super().__init__(f"{where}{detail}")


class DataFileError(TndeError):
    """A data file (profile, template, draft, KKA list) is unreadable or malformed.

    Attributes:
        path: the file, as given.
        key: dotted key inside the file, or ``""`` when the problem is the whole file.
        problem: what is wrong.
    """

    def __init__(self, path: str, key: str, problem: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        where = f"{path}" + (f" [{key}]" if key else "")
        super().__init__(f"{where}: {problem}")


class ProfileError(DataFileError):
    """An office profile (Profil TND) is missing or invalid."""


class TemplateError(DataFileError):
    """A letter template (jenis naskah) is missing or invalid."""


class DraftError(DataFileError):
    """A draft file is missing, malformed or does not fit its template."""


class NumberingError(TndeError):
    """A numbering pattern is malformed, or a number does not match its pattern.

    Attributes:
        code: stable reason (``"unknown_token"``, ``"no_match"``, ``"missing_value"``…).
    """

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        self.detail = detail
        super().__init__(detail)


class RenderError(TndeError):
    """A letter could not be laid out (for example an unreadable logo image)."""


class RegisterError(TndeError):
    """The numbering register refused an operation (issue, void, lease, draw).

    Attributes:
        code: stable reason (``"already_numbered"``, ``"not_your_lease"``,
            ``"lease_exhausted"``, ``"reason_required"``…).
        detail: the human sentence.
    """

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        self.detail = detail
        super().__init__(detail)


class WorkflowRefused(TndeError):
    """A letter event broke a workflow rule; nothing was stored.

    Attributes:
        rule: stable id of the rule (``WF-OWN-APPROVAL``…), for logs and tests.
        detail: the reason, for the user (in the active language, :mod:`tnde.messages`).
    """

    def __init__(self, rule: str, detail: str) -> None:
        self.rule = rule
        self.detail = detail
        super().__init__(f"{rule}: {detail}")


class OrgError(TndeError):
    """The org chart does not allow what was asked (signing authority, routes, look-ups).

    Attributes:
        code: stable reason (``"not_holder"``, ``"period_over"``, ``"not_superior"``,
            ``"chain_too_long"``, ``"unknown_jabatan"``, ``"too_many_paraf"``…).
        detail: the human sentence; it never repeats a NIP (personal data).
        subject: the jabatan, unit or assignment id concerned, or ``""``.
    """

    def __init__(self, code: str, detail: str, *, subject: str = "") -> None:
        self.code = code
        self.detail = detail
        self.subject = subject
        super().__init__(detail)


class OrgFileError(DataFileError):
    """An org chart file (TOML, or one of the CSV files) is unreadable or malformed.

    For CSV files ``key`` names the row and column, worded like the message
    (``"baris 4, nip"`` in Indonesian, ``"row 4, nip"`` in English).
    """


class StorageError(TndeError):
    """The workspace store (database, blob files) cannot do what was asked."""


class FileWriteError(StorageError):
    """A file could not be written; nothing was written and any earlier file is unchanged.

    Attributes:
        path: the file, as given.
        reason: why, in words (a missing folder, a folder in the way, no permission, a full or
            read-only disk).
        errno: the operating system's error number (``errno.ENOSPC``…), or ``None`` when the
            write was refused before it was tried.
    """

    def __init__(self, path: str, reason: str, *, errno: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.errno = errno
        super().__init__(f"{path}: {reason}")


class WorkspaceError(StorageError):
    """A workspace folder cannot be created, opened or written.

    Attributes:
        kind: one of the class constants below.
        path: the workspace folder or file concerned.
        detail: the human sentence.
        found_version: for ``NEWER_VERSION``, the schema version that wrote the database.
        supported_version: for ``NEWER_VERSION``, the newest version this program understands.
    """

    NOT_A_WORKSPACE = "not_a_workspace"
    """The folder has no ``workspace.sqlite`` (or it is not a workspace database)."""
    NEWER_VERSION = "newer_version"
    """A newer program wrote the database; opening it here could damage it."""
    CORRUPT = "corrupt"
    """The database file is not SQLite, or SQLite's own check fails."""
    NOT_EMPTY = "not_empty"
    """A new workspace was asked for in a folder that already holds files."""
    UNSAFE = "unsafe"
    """A part of the workspace is a symbolic link: its files would be read or written
    outside the workspace folder."""
    READ_ONLY = "read_only"
    """The workspace can be read but not written (no write permission on its folder or
    database, or a read-only disk): a change was refused before anything was stored."""
    DISK_FULL = "disk_full"
    """The disk (or the user's quota) is full: the change was rolled back, nothing stored."""

    def __init__(
        self,
        kind: str,
        path: str,
        detail: str,
        *,
        found_version: int | None = None,
        supported_version: int | None = None,
    ) -> None:
        self.kind = kind
        self.path = path
        self.detail = detail
        self.found_version = found_version
        self.supported_version = supported_version
        super().__init__(f"{path}: {detail}")


class BlobError(StorageError):
    """A stored file (blob) is missing or no longer has the content its hash names.

    Attributes:
        kind: ``MISSING`` or ``CORRUPT``.
        sha256: the blob's hash.
        path: where the file should be.
    """

    MISSING = "missing"
    """No file at the blob's path."""
    CORRUPT = "corrupt"
    """The file's SHA-256 is not the one it is stored under."""

    def __init__(self, kind: str, sha256: str, path: str, detail: str) -> None:
        self.kind = kind
        self.sha256 = sha256
        self.path = path
        self.detail = detail
        super().__init__(f"blob {sha256}: {detail}")


class ConfigError(DataFileError):
    """A workspace's ``config.toml`` is missing, malformed or from a newer program."""


class SigningError(TndeError):
    """A letter or PDF could not be signed; nothing was changed.

    Attributes:
        kind: one of the class constants below, for the UI to choose its words.
        detail: the human sentence, naming what is wrong.
        subject: what it is about (a letter id, a file, a certificate), or "".
    """

    WRONG_SECRET = "wrong_secret"
    """The passphrase or PIN is wrong."""
    TOKEN_LOCKED = "token_locked"
    """The token refuses further PIN attempts; its owner must unlock it."""
    TOKEN_ABSENT = "token_absent"
    """No token with that label, or the PKCS#11 module cannot be loaded."""
    DEVICE = "device"
    """The signing device failed (file unreadable, no key on it, token error)."""
    CERT_EXPIRED = "cert_expired"
    """The signing certificate is outside its validity period."""
    CERT_REVOKED = "cert_revoked"
    """The signing certificate has been revoked by its issuer."""
    CERT_UNTRUSTED = "cert_untrusted"
    """The certificate does not chain to a root in the workspace's trust store."""
    CERT_UNSUITABLE = "cert_unsuitable"
    """The certificate may not sign documents (a CA, key usage, extended key usage)."""
    IDENTITY_MISMATCH = "identity_mismatch"
    """The certificate belongs to someone other than the planned signer."""
    SERVICE = "service"
    """A timestamp or revocation service could not be reached or answered wrongly."""
    PDF = "pdf"
    """The PDF cannot be signed (unreadable, no such field, already signed there)."""
    UNKNOWN_OUTCOME = "unknown_outcome"
    """The device was asked to sign and then something failed: never retried automatically."""
    NOT_REGISTERED = "not_registered"
    """A remote signing service does not know the signer's NIK (BSrE 2011)."""
    NO_CERTIFICATE = "no_certificate"
    """A remote signing service knows the signer but holds no certificate for them (BSrE 2021)."""
    SERVICE_AUTH = "service_auth"
    """A remote signing service refused the office's client credentials (HTTP 401/403)."""
    BAD_RESPONSE = "bad_response"
    """A remote signing service answered something unusable or wrong (a signature over another
    digest, by another key): refused before anything is stored."""

    def __init__(self, kind: str, detail: str, *, subject: str = "") -> None:
        self.kind = kind
        self.detail = detail
        self.subject = subject
        super().__init__(f"{subject}: {detail}" if subject else detail)


class PkiError(TndeError):
    """The demo PKI, the trust store or the loopback PKI server cannot do what was asked.

    Attributes:
        kind: one of the class constants below, for the UI to choose its words.
        detail: the human sentence, naming the file, key or value that is wrong.
        path: the file or folder concerned, or ``""``.
    """

    BAD_FILE = "bad_file"
    """A certificate, key, PKCS#12 or TOML file is unreadable or malformed."""
    BAD_CERTIFICATE = "bad_certificate"
    """A certificate is readable but unsuitable (not a CA, not self-signed, …)."""
    EXISTS = "exists"
    """Something that must be new already exists (a demo PKI folder)."""
    NOT_FOUND = "not_found"
    """No such demo PKI, official, serial number or trusted root."""
    PORT_IN_USE = "port_in_use"
    """The loopback port of the PKI server is taken by another program."""
    BAD_VALUE = "bad_value"
    """An argument is out of range (a NIK that is not 16 digits, an unknown reason)."""

    def __init__(self, kind: str, detail: str, *, path: str = "") -> None:
        self.kind = kind
        self.detail = detail
        self.path = path
        super().__init__(f"{path}: {detail}" if path else detail)


class SecretStoreUnavailable(TndeError):
    """The OS keyring is missing or refused; no secret was read, stored or deleted.

    Nothing is ever written elsewhere instead.

    Attributes:
        detail: the sentence for the user.
        reason: what failed, for the log (backend and error type; never a secret).
    """

    def __init__(self, detail: str, *, reason: str) -> None:
        self.detail = detail
        self.reason = reason
        super().__init__(detail)
