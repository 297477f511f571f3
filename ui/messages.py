"""Words for what the core reports: the core raises codes and fields, this
module turns them into translated sentences for the screen.

The workflow rules already carry an Indonesian reason (``WorkflowRefused.detail``), written for
the user; it is shown as it is, after a translated lead sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tnde.errors import (
    BlobError,
    DataFileError,
    NumberingError,
    OrgError,
    RegisterError,
    RenderError,
    SecretStoreUnavailable,
    TndeError,
    ValidationError,
    WorkflowRefused,
    WorkspaceError,
)

translate = QCoreApplication.translate

__all__ = ["describe_error"]


def describe_error(exc: BaseException) -> tuple[str, str]:
    """A title and a sentence for ``exc``, in the UI language."""
    if isinstance(exc, WorkflowRefused):
        return translate("Errors", "Action not allowed"), exc.detail
    if isinstance(exc, ValidationError):
        return translate("Errors", "Check the input"), exc.detail
    if isinstance(exc, WorkspaceError):
        texts = {
            WorkspaceError.NOT_A_WORKSPACE: translate(
                "Errors", "This folder is not a TNDE workspace."
            ),
            WorkspaceError.NEWER_VERSION: translate(
                "Errors", "This workspace was written by a newer version of TNDE Desktop."
            ),
            WorkspaceError.CORRUPT: translate("Errors", "The workspace database is damaged."),
            WorkspaceError.NOT_EMPTY: translate(
                "Errors", "The folder for a new workspace must be empty."
            ),
        }
        return translate("Errors", "Workspace"), texts.get(exc.kind, exc.detail)
    if isinstance(exc, BlobError):
        return translate("Errors", "Stored file"), translate(
            "Errors", "A stored file is missing or damaged."
        )
    if isinstance(exc, SecretStoreUnavailable):
        return translate("Errors", "System keyring"), translate(
            "Errors",
            "The system's secret storage (keyring) is not available on this computer; the "
            "archive server token was not saved. Install and open Secret Service / Windows "
            "Credential Manager, then try again.",
        )
    if isinstance(exc, RegisterError | NumberingError):
        return translate("Errors", "Numbering"), exc.detail
    if isinstance(exc, OrgError):
        return translate("Errors", "Organisation chart"), exc.detail
    if isinstance(exc, RenderError):
        return translate("Errors", "Letter layout"), str(exc)
    if isinstance(exc, DataFileError):
        return translate("Errors", "Data file"), str(exc)
    if isinstance(exc, TndeError):
        return translate("Errors", "Action not completed"), str(exc)
    return translate("Errors", "Unexpected error"), translate(
        "Errors", "Something went wrong. The details were written to the log."
    )
