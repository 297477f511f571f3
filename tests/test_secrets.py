"""The keyring adapter of the SecretStore port, over a fake in-memory keyring
and over keyring's ``fail`` backend (no usable keyring)."""

from __future__ import annotations

import logging

import keyring.backends.fail
import pytest

from tests.fakekeyring import FakeKeyring, install
from tnde.errors import SecretStoreUnavailable, TndeError
from tnde.secrets import SERVICE, KeyringSecretStore, archive_account

TOKEN = "tok-3f9a-rahasia-ü"
ACCOUNT = archive_account("0190-ruang", "https://arsip.contoh.go.id")


def test_secrets_round_trip_in_the_keyring(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    backend = FakeKeyring()
    install(monkeypatch, backend)
    store = KeyringSecretStore()
    assert store.get(SERVICE, ACCOUNT) is None
    store.set(SERVICE, ACCOUNT, TOKEN)
    assert backend.secrets == {("TNDE Desktop", ACCOUNT): TOKEN}
    assert store.get(SERVICE, ACCOUNT) == TOKEN
    store.set(SERVICE, ACCOUNT, "baru")
    assert store.get(SERVICE, ACCOUNT) == "baru"
    store.delete(SERVICE, ACCOUNT)
    store.delete(SERVICE, ACCOUNT)  # nothing stored: not an error
    assert backend.secrets == {}
    assert TOKEN not in caplog.text


def test_account_names_the_server_and_the_workspace() -> None:
    assert "https://arsip.contoh.go.id" in ACCOUNT
    assert "0190-ruang" in ACCOUNT
    assert archive_account("lain", "https://arsip.contoh.go.id") != ACCOUNT


class _LowPriority(FakeKeyring):
    priority = 0.5  # type: ignore[assignment]  # like keyrings.alt's plain-text file


class _Locked(FakeKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("the collection stayed locked")


@pytest.mark.parametrize(
    "backend", [keyring.backends.fail.Keyring(), _LowPriority()], ids=["fail", "low-priority"]
)
def test_no_usable_keyring_is_refused_in_plain_words(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    backend: keyring.backend.KeyringBackend,
) -> None:
    caplog.set_level(logging.DEBUG)
    install(monkeypatch, backend)
    store = KeyringSecretStore()
    for call in (
        lambda: store.get(SERVICE, ACCOUNT),
        lambda: store.set(SERVICE, ACCOUNT, TOKEN),
        lambda: store.delete(SERVICE, ACCOUNT),
    ):
        with pytest.raises(SecretStoreUnavailable) as caught:
            call()
        assert isinstance(caught.value, TndeError)
        assert caught.value.detail.startswith("Penyimpanan rahasia sistem (keyring) tidak tersedia")
        assert type(backend).__name__ in caught.value.reason
    assert getattr(backend, "secrets", {}) == {}  # nothing written anywhere instead
    assert TOKEN not in caplog.text


def test_a_refusing_keyring_is_unavailable_and_keeps_no_secret(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    backend = _Locked()
    install(monkeypatch, backend)
    with pytest.raises(SecretStoreUnavailable) as caught:
        KeyringSecretStore().set(SERVICE, ACCOUNT, TOKEN)
    assert caught.value.__cause__ is None
    assert "KeyringLocked" in caught.value.reason
    assert backend.secrets == {}
    assert TOKEN not in caplog.text
