"""The archive server's errors: one class with a stable code, worded for the admin or the desk.

The command line prints them like every other :class:`~tnde.errors.TndeError`; the HTTP
layer answers with the same ``code`` and the sentence as ``message`` (``tnde.archive.app``).
"""

from __future__ import annotations

from tnde.errors import TndeError

__all__ = ["ArchiveError"]


class ArchiveError(TndeError):
    """The archive refused or could not do what was asked.

    Attributes:
        code: stable reason, the same in every language (``folder_not_empty``,
            ``database_newer``, ``digest_mismatch``, ``blob_too_large``…).
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
    DIGEST_MISMATCH = "digest_mismatch"
    BLOB_TOO_LARGE = "blob_too_large"
    BAD_BLOB_NAME = "bad_blob_name"

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        self.detail = detail
        super().__init__(detail)
