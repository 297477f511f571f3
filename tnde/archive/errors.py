"""The archive server's errors: one class with a stable code, worded for the admin or the desk.

The command line prints them like every other :class:`~tnde.errors.TndeError`; the HTTP
layer answers with the same ``code`` and the sentence as ``message`` (``tnde.archive.app``).
"""

from __future__ import annotations

from typing import ClassVar

from tnde.errors import TndeError

__all__ = ["ArchiveError", "AuthError"]


class ArchiveError(TndeError):
    """The archive refused or could not do what was asked.

    Attributes:
        code: stable reason, the same in every language (``folder_not_empty``,
            ``database_newer``, ``digest_mismatch``, ``blob_too_large``, ``backup_damaged``…).
        detail: the sentence for a person, worded through :mod:`tnde.messages`.
    """

    FOLDER_NOT_EMPTY = "folder_not_empty"
    FOLDER_UNUSABLE = "folder_unusable"
    NOT_AN_ARCHIVE = "not_an_archive"
    INVALID_ORG = "invalid_org"
    DATABASE_NOT_EMPTY = "database_not_empty"
    DATABASE_EMPTY = "database_empty"
    DATABASE_NEWER = "database_newer"
    DATABASE_FOREIGN = "database_foreign"
    DATABASE_UNREACHABLE = "database_unreachable"
    MIGRATION_FAILED = "migration_failed"
    TLS_MISSING = "tls_missing"
    TLS_INVALID = "tls_invalid"
    PLAIN_HTTP_NOT_LOOPBACK = "plain_http_not_loopback"
    SERVE_FAILED = "serve_failed"
    DIGEST_MISMATCH = "digest_mismatch"
    BLOB_TOO_LARGE = "blob_too_large"
    BAD_BLOB_NAME = "bad_blob_name"
    NOT_A_BACKUP = "not_a_backup"
    BACKUP_EXISTS = "backup_exists"
    BACKUP_FAILED = "backup_failed"
    BACKUP_DAMAGED = "backup_damaged"
    BACKUP_UNSUPPORTED = "backup_unsupported"
    TOKEN_KEY_INVALID = "token_key_invalid"
    UNKNOWN_PEGAWAI = "unknown_pegawai"
    NO_ACCOUNT = "no_account"
    UNKNOWN_DEVICE = "unknown_device"

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        self.detail = detail
        super().__init__(detail)


class AuthError(ArchiveError):
    """A sign-in, an enrolment or a token was refused.

    Attributes:
        code: one of the constants below (stable, the same in every language).
        detail: the sentence for the official at the desk.
        status: the HTTP status the archive answers with.
        retry_after: for ``too_many_attempts``, the seconds until the next try is taken.
    """

    INVALID_CREDENTIALS = "invalid_credentials"
    """Wrong NIP or wrong password: the same answer for both."""
    INVALID_ENROLMENT_CODE = "invalid_enrolment_code"
    """Wrong NIP, wrong code, or a code already used: the same answer for all three."""
    ENROLMENT_CODE_EXPIRED = "enrolment_code_expired"
    WEAK_PASSWORD = "weak_password"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    NOT_SIGNED_IN = "not_signed_in"
    INVALID_TOKEN = "invalid_token"
    TOKEN_EXPIRED = "token_expired"
    REFRESH_TOKEN_REUSED = "refresh_token_reused"
    ACCOUNT_DISABLED = "account_disabled"
    DEVICE_REVOKED = "device_revoked"
    DEVICE_TAKEN = "device_taken"
    BAD_DEVICE = "bad_device"

    STATUS: ClassVar[dict[str, int]] = {
        INVALID_CREDENTIALS: 401,
        INVALID_ENROLMENT_CODE: 401,
        ENROLMENT_CODE_EXPIRED: 401,
        WEAK_PASSWORD: 422,
        TOO_MANY_ATTEMPTS: 429,
        NOT_SIGNED_IN: 401,
        INVALID_TOKEN: 401,
        TOKEN_EXPIRED: 401,
        REFRESH_TOKEN_REUSED: 401,
        ACCOUNT_DISABLED: 403,
        DEVICE_REVOKED: 401,
        DEVICE_TAKEN: 409,
        BAD_DEVICE: 422,
    }
    """The HTTP status of each code."""

    def __init__(self, code: str, detail: str, *, retry_after: int | None = None) -> None:
        super().__init__(code, detail)
        self.status = self.STATUS.get(code, 400)
        self.retry_after = retry_after
