"""The desk's refresh-token vault: short tokens in the keyring, long ones sealed in the
workspace with the key in the keyring, and nothing on disk without a keyring."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import keyring.backends.fail
import pytest

from tests.fakekeyring import FakeKeyring, install
from tnde.errors import FileWriteError, SecretStoreUnavailable
from tnde.secrets import SERVICE, KeyringSecretStore
from tnde.sync.credentials import KEYRING_LIMIT, CredentialError, TokenVault

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SHORT = "w_MIBABbo02MIoCbSTb3yHGS83nY63KMM027hGizqVs"
LONG = ("eyJhbGciOiJSUzI1NiJ9." + "QWxhbWF0IGRpbmFzIOKAkyDDqQ" * 120)[:3000]
WINDOWS_LIMIT_CHARS = 1280
"""Windows' Credential Manager: 2,560 bytes of UTF-16."""


@pytest.fixture
def backend(monkeypatch: pytest.MonkeyPatch) -> FakeKeyring:
    memory = FakeKeyring()
    install(monkeypatch, memory)
    return memory


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ruang kerja – é"
    folder.mkdir()
    return folder


def _vault(workspace: Path, device_id: str = "0190f0c2-7d1e-7000-8000-000000000001") -> TokenVault:
    return TokenVault(
        KeyringSecretStore(),
        workspace,
        workspace_id="0190-ruang",
        archive_url="https://arsip.nusantararaya.go.id:8470",
        archive_id="01923f6e-0000-7000-8000-000000000000",
        device_id=device_id,
    )


@pytest.fixture(autouse=True)
def _no_token_in_logs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.DEBUG)
    yield
    assert SHORT not in caplog.text
    assert LONG[-200:] not in caplog.text


def test_a_short_token_lives_in_the_keyring_only(backend: FakeKeyring, workspace: Path) -> None:
    vault = _vault(workspace)
    assert vault.load() is None
    vault.save(SHORT)
    assert list(backend.secrets) == [(SERVICE, vault.account)]
    assert "https://arsip.nusantararaya.go.id:8470" in vault.account
    assert "0190f0c2-7d1e-7000-8000-000000000001" in vault.account
    assert not (workspace / "sync").exists()
    assert vault.load() == SHORT
    assert _vault(workspace, "0190f0c2-7d1e-7000-8000-000000000002").load() is None


def test_a_long_token_is_sealed_in_the_workspace(backend: FakeKeyring, workspace: Path) -> None:
    assert len(LONG) == 3000 > KEYRING_LIMIT
    vault = _vault(workspace)
    vault.save(LONG)
    stored = backend.secrets[(SERVICE, vault.account)]
    assert len(stored) < WINDOWS_LIMIT_CHARS
    assert stored.startswith("file-key:")
    assert vault.path.parent == workspace / "sync"
    assert vault.path.stat().st_mode & 0o777 == 0o600
    assert vault.path.parent.stat().st_mode & 0o777 == 0o700
    sealed = vault.path.read_bytes()
    assert LONG[:100].encode() not in sealed
    assert LONG[-100:].encode() not in sealed
    assert vault.load() == LONG
    # a short token afterwards leaves no file behind
    vault.save(SHORT)
    assert not vault.path.exists()
    assert vault.load() == SHORT


def test_a_tampered_file_is_a_clear_error(backend: FakeKeyring, workspace: Path) -> None:
    vault = _vault(workspace)
    vault.save(LONG)
    sealed = bytearray(vault.path.read_bytes())
    sealed[40] ^= 1
    vault.path.write_bytes(bytes(sealed))
    with pytest.raises(CredentialError) as caught:
        vault.load()
    assert caught.value.kind == CredentialError.DAMAGED
    assert "rusak" in caught.value.detail
    assert "masuk ke arsip lagi" in caught.value.detail


def test_a_file_sealed_for_another_account_does_not_open(
    backend: FakeKeyring, workspace: Path
) -> None:
    ours, theirs = _vault(workspace), _vault(workspace, "0190f0c2-7d1e-7000-8000-000000000002")
    ours.save(LONG)
    theirs.save(LONG[::-1])
    backend.secrets[(SERVICE, theirs.account)] = backend.secrets[(SERVICE, ours.account)]
    theirs.path.write_bytes(ours.path.read_bytes())
    with pytest.raises(CredentialError) as caught:
        theirs.load()
    assert caught.value.kind == CredentialError.DAMAGED


@pytest.mark.parametrize("entry", ["file-key:not base64!", "file-key:AAAA", "sesuatu yang lain"])
def test_a_damaged_keyring_entry_is_a_clear_error(
    backend: FakeKeyring, workspace: Path, entry: str
) -> None:
    vault = _vault(workspace)
    vault.save(LONG)
    backend.secrets[(SERVICE, vault.account)] = entry
    with pytest.raises(CredentialError) as caught:
        vault.load()
    assert caught.value.kind == CredentialError.DAMAGED


def test_a_missing_file_is_a_clear_error(backend: FakeKeyring, workspace: Path) -> None:
    vault = _vault(workspace)
    vault.save(LONG)
    vault.path.unlink()
    with pytest.raises(CredentialError) as caught:
        vault.load()
    assert caught.value.kind == CredentialError.MISSING
    assert str(vault.path) in caught.value.detail


def test_forget_removes_both(backend: FakeKeyring, workspace: Path) -> None:
    vault = _vault(workspace)
    vault.save(LONG)
    vault.forget()
    assert backend.secrets == {}
    assert not vault.path.exists()
    assert vault.load() is None
    vault.forget()  # nothing stored: not an error


@pytest.mark.parametrize("token", [SHORT, LONG], ids=["short", "long"])
def test_without_a_keyring_nothing_is_stored(
    monkeypatch: pytest.MonkeyPatch, workspace: Path, token: str
) -> None:
    install(monkeypatch, keyring.backends.fail.Keyring())
    vault = _vault(workspace)
    with pytest.raises(SecretStoreUnavailable) as caught:
        vault.save(token)
    assert caught.value.detail.startswith("Penyimpanan rahasia sistem (keyring) tidak tersedia")
    assert list(workspace.iterdir()) == []
    with pytest.raises(SecretStoreUnavailable):
        vault.load()


def test_a_file_that_cannot_be_written_leaves_no_key(backend: FakeKeyring, workspace: Path) -> None:
    (workspace / "sync").write_text("bukan folder")
    vault = _vault(workspace)
    with pytest.raises(FileWriteError):
        vault.save(LONG)
    assert backend.secrets == {}
