"""Words for what signing reports: the one place that maps :class:`tnde.errors.SigningError`
kinds to sentences for the signer.

The core's own ``detail`` is an Indonesian sentence naming what is wrong (a date, a NIP, a
service); it is shown after the main sentence, as :mod:`ui.messages` does for workflow rules.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tnde.errors import SigningError, TndeError, WorkflowRefused

translate = QCoreApplication.translate

__all__ = ["signing_error_text", "signing_kind_text"]


def signing_kind_text(kind: str, *, pin: bool = False) -> str:
    """A lead sentence for a :class:`SigningError` kind (``pin``: the device is a token)."""
    texts = {
        SigningError.WRONG_SECRET: (
            translate("SigningMessages", "The PIN is wrong.")
            if pin
            else translate("SigningMessages", "The passphrase is wrong.")
        ),
        SigningError.TOKEN_LOCKED: translate(
            "SigningMessages", "The token is locked after too many wrong PINs."
        ),
        SigningError.TOKEN_ABSENT: translate(
            "SigningMessages", "The token was not found. Is it plugged in?"
        ),
        SigningError.DEVICE: translate("SigningMessages", "The signing device cannot be used."),
        SigningError.CERT_EXPIRED: translate("SigningMessages", "The certificate has expired."),
        SigningError.CERT_REVOKED: translate(
            "SigningMessages", "The certificate has been revoked by its issuer."
        ),
        SigningError.CERT_UNTRUSTED: translate(
            "SigningMessages", "The certificate is not trusted in this workspace."
        ),
        SigningError.CERT_UNSUITABLE: translate(
            "SigningMessages", "The certificate may not be used to sign documents."
        ),
        SigningError.IDENTITY_MISMATCH: translate(
            "SigningMessages", "The certificate belongs to someone else."
        ),
        SigningError.SERVICE: translate(
            "SigningMessages", "The timestamp or revocation service did not answer."
        ),
        SigningError.PDF: translate("SigningMessages", "The PDF of the letter cannot be signed."),
        SigningError.UNKNOWN_OUTCOME: translate(
            "SigningMessages",
            "Signing was interrupted; check the letter before trying again.",
        ),
        SigningError.NOT_REGISTERED: translate(
            "SigningMessages", "This NIK is not registered with the signing service."
        ),
        SigningError.NO_CERTIFICATE: translate(
            "SigningMessages", "The signing service holds no certificate for this NIK."
        ),
        SigningError.SERVICE_AUTH: translate(
            "SigningMessages", "The signing service refused this office's credentials."
        ),
        SigningError.BAD_RESPONSE: translate(
            "SigningMessages", "The signing service sent back something that cannot be used."
        ),
    }
    return texts.get(kind, translate("SigningMessages", "The letter could not be signed."))


def signing_error_text(exc: BaseException, *, pin: bool = False) -> str:
    """Why a letter (or the whole batch) was not signed, for the screen."""
    if isinstance(exc, SigningError):
        lead = signing_kind_text(exc.kind, pin=pin)
        return f"{lead} {_sentence(exc.detail)}" if exc.detail else lead
    if isinstance(exc, WorkflowRefused):
        return _sentence(exc.detail)
    if isinstance(exc, TndeError):
        return _sentence(str(exc))
    return translate(
        "SigningMessages", "Something went wrong. The details were written to the log."
    )


def _sentence(text: str) -> str:
    """The core's detail as a sentence: capital first letter, full stop at the end."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."
