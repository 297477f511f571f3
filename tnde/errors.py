"""The one exception hierarchy of the core.

Exceptions carry structured fields (what, where, a stable ``code``) rather than prose, so the
CLI and the UI can word them for their audience. ``str(exc)`` still gives a complete English
sentence for logs and the command line.
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
