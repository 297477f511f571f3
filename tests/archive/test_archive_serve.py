"""End to end: ``tnde archive init`` then ``tnde archive serve`` as real processes on a free
loopback port, talked to with httpx over plain HTTP and over HTTPS with the certificate
pinned by the fingerprint init printed."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
import sqlalchemy as sa

from tests.archive.authkit import DEVICE, NIP, PASSWORD
from tests.archive.conftest import ORG_FILE, PROFILE
from tests.cliutil import ROOT, tnde
from tnde.archive import init_archive
from tnde.archive.tls import certificate_fingerprint, normalize_fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.slow

LETTER = b"%PDF-1.7\nsurat dinas yang sudah ditandatangani\n%%EOF\n"
LETTER_SHA = hashlib.sha256(LETTER).hexdigest()
FINGERPRINT = re.compile(r"^\s+((?:[0-9A-F]{2}:){31}[0-9A-F]{2})$", re.MULTILINE)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _init(folder: Path, *extra: str, command: tuple[str, ...] = ()) -> str:
    """Run ``init``; its standard output."""
    args = ("archive", "init", str(folder), "--profile", PROFILE, "--org", str(ORG_FILE), *extra)
    if command:
        proc = subprocess.run(
            [*command, *args[1:]], capture_output=True, text=True, check=False, cwd=ROOT
        )
    else:
        proc = tnde(*args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@contextlib.contextmanager
def _serving(folder: Path, port: int, *extra: str) -> Iterator[subprocess.Popen[str]]:
    """``tnde archive serve`` running until the block ends; waits until it answers."""
    log = folder.parent / f"serve-{port}.log"
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tnde",
                "archive",
                "serve",
                str(folder),
                "--port",
                str(port),
                *extra,
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        try:
            _wait_until_listening(proc, port, log)
            yield proc
        finally:
            proc.send_signal(signal.SIGINT)  # Ctrl+C
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    output = log.read_text()
    assert "Traceback" not in output, output
    assert proc.returncode == 0, output


def _wait_until_listening(proc: subprocess.Popen[str], port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"serve exited {proc.returncode}:\n{log.read_text()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    pytest.fail(f"serve did not listen within 30 s:\n{log.read_text()}")


def _exercise(client: httpx.Client, archive_id: str, folder: Path) -> None:
    """What a desk does first: hello, sign in with the code the admin printed, then upload a
    letter it has, once."""
    hello = client.get("/v1/hello")
    assert hello.status_code == 200
    assert hello.json()["archive_id"] == archive_id
    assert client.head(f"/v1/blobs/{LETTER_SHA}").status_code == 401
    enrolled = tnde("archive", "user", "enrol", str(folder), NIP)
    assert enrolled.returncode == 0, enrolled.stderr
    code = re.search(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", enrolled.stdout)
    assert code, enrolled.stdout
    grant = client.post(
        "/v1/auth/enrol",
        json={
            "nip": NIP,
            "code": code[0],
            "password": PASSWORD,
            "device_id": DEVICE,
            "device_name": "uji",
        },
    )
    assert grant.status_code == 200, grant.text
    client.headers["authorization"] = f"Bearer {grant.json()['access_token']}"
    assert client.head(f"/v1/blobs/{LETTER_SHA}").status_code == 404
    stored = client.put(
        f"/v1/blobs/{LETTER_SHA}", content=LETTER, headers={"content-type": "application/pdf"}
    )
    assert stored.status_code == 201, stored.text
    assert client.put(f"/v1/blobs/{LETTER_SHA}", content=LETTER).status_code == 200
    assert client.get(f"/v1/blobs/{LETTER_SHA}").content == LETTER
    wrong = client.put(f"/v1/blobs/{'0' * 64}", content=LETTER)
    assert wrong.status_code == 422
    assert wrong.json()["code"] == "digest_mismatch"


def _archive_id(init_output: str) -> str:
    found = re.search(
        r"\b([0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12})\b", init_output
    )
    assert found, init_output
    return found[1]


def test_init_then_serve_plain_http_on_loopback(tmp_path: Path, database_url: str) -> None:
    folder = tmp_path / "arsip pusat – é"
    output = _init(folder, *(["--database", database_url] if database_url else []))
    archive_id = _archive_id(output)
    port = _free_port()
    with (
        _serving(folder, port, "--plain-http"),
        httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client,
    ):
        _exercise(client, archive_id, folder)
    stored = folder / "blobs" / "sha256" / LETTER_SHA[:2] / LETTER_SHA[2:4] / LETTER_SHA
    assert stored.read_bytes() == LETTER
    assert list((folder / "blobs" / "tmp").iterdir()) == []


def test_init_then_serve_https_pinned_by_the_fingerprint_init_printed(tmp_path: Path) -> None:
    folder = tmp_path / "arsip pusat – é"
    console_script = Path(sys.executable).with_name("tnde-archive")
    output = _init(folder, "--name", "arsip.kominfo.test", command=(str(console_script),))
    printed = FINGERPRINT.search(output)
    assert printed, output
    archive_id = _archive_id(output)
    port = _free_port()
    with _serving(folder, port):
        # what a desk does when it links: fetch the certificate, compare the fingerprint the
        # admin read out, then trust exactly that certificate
        pem = ssl.get_server_certificate(("127.0.0.1", port)).encode()
        assert certificate_fingerprint(pem) == printed[1]
        assert (
            normalize_fingerprint(printed[1])
            == hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem.decode())).hexdigest()
        )
        pinned = ssl.create_default_context(cadata=pem.decode())
        with httpx.Client(
            base_url=f"https://127.0.0.1:{port}", verify=pinned, timeout=10
        ) as client:
            _exercise(client, archive_id, folder)
        # the operating system's CAs do not vouch for it, and plain HTTP gets no answer
        with pytest.raises(httpx.ConnectError), httpx.Client(timeout=10) as unpinned:
            unpinned.get(f"https://127.0.0.1:{port}/v1/hello")
        with pytest.raises(httpx.HTTPError), httpx.Client(timeout=10) as plain:
            plain.get(f"http://127.0.0.1:{port}/v1/hello")


def test_plain_http_is_refused_off_loopback(tmp_path: Path) -> None:
    folder = tmp_path / "arsip"
    init_archive(folder, profile=PROFILE, org=ORG_FILE)
    proc = tnde("archive", "serve", str(folder), "--host", "0.0.0.0", "--plain-http")
    assert proc.returncode == 1
    assert "HTTP biasa hanya diizinkan pada alamat loopback" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_serve_refuses_a_database_from_a_newer_program(tmp_path: Path) -> None:
    folder = tmp_path / "arsip"
    init_archive(folder, profile=PROFILE, org=ORG_FILE)
    engine = sa.create_engine(f"sqlite:///{folder / 'archive.sqlite'}")
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'ffff_later'"))
    engine.dispose()
    proc = tnde("archive", "serve", str(folder), "--plain-http", "--port", str(_free_port()))
    assert proc.returncode == 1
    assert "versi lebih baru" in proc.stderr
    assert "ffff_later" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_serve_says_what_is_wrong_with_its_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "arsip"
    proc = tnde("archive", "serve", str(folder), "--cert", "x.pem")
    assert proc.returncode == 2
    assert "--cert dan --key" in proc.stderr
    proc = tnde("archive", "serve", str(folder))
    assert proc.returncode == 1
    assert "bukan folder arsip" in proc.stderr
