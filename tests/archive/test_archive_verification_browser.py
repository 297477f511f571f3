"""The verification page in a real browser: Debian's Chromium, headless, driven by Selenium
through Debian's chromedriver, against ``tnde archive serve`` running on loopback.

At a phone's size (390 x 844) and a desktop's, it opens a letter's page, chooses the received
PDF in the file box (the page's script, allowed by its hash in the Content-Security-Policy,
shows the file's name), submits it and reads the answer. Screenshots go to the test's
``tmp_path``; with ``TNDE_UPDATE_DOC_IMAGES=1`` they are also copied to ``docs/images/`` as
the pictures docs/archive.md shows. Skipped, with the reason, when Chromium, chromedriver or
Selenium is missing (``./dev.sh test`` installs them).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.archive.conftest import ORG_FILE, PROFILE
from tests.archive.letterrows import put_letter
from tests.archive.verificationkit import Desk, desk_letters, put_desk, trust_demo_root
from tests.cliutil import ROOT
from tnde.archive import init_archive, open_archive
from tnde.ids import uuid7

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
)
DOC_IMAGES = ROOT / "docs" / "images"
PHONE = (390, 844)
DESKTOP = (1280, 900)


def _missing() -> str:
    if CHROMIUM is None:
        return "Chromium is not installed (apt-get install chromium chromium-driver)"
    if CHROMEDRIVER is None:
        return "chromedriver is not installed (apt-get install chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "Selenium is not installed (pip install -e '.[dev]')"
    return ""


@dataclasses.dataclass(frozen=True)
class Served:
    url: str
    desk: Desk
    secret_id: str
    pdf: Path
    changed: Path


@pytest.fixture
def served(tmp_path: Path, demo_template: Path) -> Iterator[Served]:
    """``tnde archive serve`` on a free loopback port, over an archive holding the demo
    letters (trusting the demo root) and one Rahasia letter."""
    reason = _missing()
    if reason:
        pytest.skip(reason)
    desk = desk_letters(demo_template, tmp_path)
    folder = tmp_path / "arsip – peramban"
    init_archive(folder, profile=PROFILE, org=ORG_FILE)
    archive = open_archive(folder)
    secret_id = uuid7()
    try:
        put_desk(archive, desk)
        trust_demo_root(archive, desk)
        state = desk.sent.state
        secret = dataclasses.replace(
            state, letter_id=secret_id, head_values={**state.head_values, "sifat": "Rahasia"}
        )
        put_letter(archive, desk.sent, state=secret, with_events=False, with_pdf=False)
    finally:
        archive.close()
    assert desk.signed.pdf is not None
    pdf = tmp_path / "surat diterima.pdf"
    pdf.write_bytes(desk.signed.pdf)
    changed = tmp_path / "surat diubah.pdf"
    changed.write_bytes(desk.signed.pdf + b"\n% diubah setelah ditandatangani\n")
    port = _free_port()
    with _serving(folder, port):
        yield Served(f"http://127.0.0.1:{port}", desk, secret_id, pdf, changed)


@pytest.fixture
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--lang=id-ID",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_the_page_on_a_phone_and_a_desktop(served: Served, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    state = served.desk.signed.state
    letter_page = f"{served.url}/verifikasi/{state.letter_id}"
    shots: list[Path] = []

    _viewport(browser, PHONE, mobile=True)
    browser.get(letter_page)
    text = browser.find_element(By.TAG_NAME, "body").text
    assert state.nomor in text
    assert "Naskah ini tercatat di arsip dan telah ditandatangani secara elektronik" in text
    _assert_styled_and_fits(browser, PHONE[0])
    shots.append(_screenshot(browser, tmp_path, "verifikasi-ponsel"))

    browser.find_element(By.ID, "berkas").send_keys(str(served.pdf))
    name = browser.find_element(By.ID, "nama-berkas").text
    assert name == served.pdf.name  # the page's script runs under its CSP
    browser.find_element(By.CSS_SELECTOR, "form button").click()
    WebDriverWait(browser, 30).until(ready.title_contains("Hasil pemeriksaan"))
    result = browser.find_element(By.TAG_NAME, "body").text
    assert "Sama persis dengan naskah yang diarsipkan" in result
    assert "SAH" in result
    _assert_styled_and_fits(browser, PHONE[0])
    shots.append(_screenshot(browser, tmp_path, "verifikasi-hasil-ponsel"))

    browser.get(f"{served.url}/verifikasi/{served.secret_id}")
    secret = browser.find_element(By.TAG_NAME, "body").text
    assert "Naskah ini tercatat di arsip" in secret
    assert served.desk.sent.state.hal not in secret
    shots.append(_screenshot(browser, tmp_path, "verifikasi-rahasia-ponsel"))

    _viewport(browser, DESKTOP, mobile=False)
    browser.get(letter_page)
    _assert_styled_and_fits(browser, DESKTOP[0])
    shots.append(_screenshot(browser, tmp_path, "verifikasi-desktop"))
    browser.find_element(By.ID, "berkas").send_keys(str(served.changed))
    browser.find_element(By.CSS_SELECTOR, "form button").click()
    WebDriverWait(browser, 30).until(ready.title_contains("Hasil pemeriksaan"))
    changed = browser.find_element(By.TAG_NAME, "body").text
    assert "Tidak sama dengan naskah yang diarsipkan" in changed
    assert "TIDAK SAH" in changed
    shots.append(_screenshot(browser, tmp_path, "verifikasi-hasil-berubah-desktop"))

    refused = [  # nothing blocked by the policy, no error in the page
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"] or entry["level"] == "SEVERE"
    ]
    assert refused == []
    browser.get(f"{served.url}/verifikasi/{served.desk.draft.letter_id}")
    assert "Naskah tidak ditemukan" in browser.find_element(By.TAG_NAME, "body").text
    for shot in shots:
        assert shot.stat().st_size > 10_000
    if os.environ.get("TNDE_UPDATE_DOC_IMAGES") == "1":
        DOC_IMAGES.mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copyfile(shot, DOC_IMAGES / shot.name)


def _viewport(browser: Any, size: tuple[int, int], *, mobile: bool) -> None:
    width, height = size
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 2 if mobile else 1,
         "mobile": mobile},
    )  # fmt: skip


def _assert_styled_and_fits(browser: Any, width: int) -> None:
    """The inline style applies (the CSP allows it) and nothing is wider than the screen."""
    header = browser.execute_script(
        "return getComputedStyle(document.querySelector('header.kop')).backgroundColor"
    )
    assert header == "rgb(18, 58, 99)"
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width


def _screenshot(browser: Any, folder: Path, name: str) -> Path:
    """The whole page (not only what fits on the screen) as a PNG."""
    width = browser.execute_script("return document.documentElement.clientWidth")
    height = browser.execute_script("return document.documentElement.scrollHeight")
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    path = folder / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _serving(folder: Path, port: int) -> Iterator[None]:
    log = folder.parent / f"serve-{port}.log"
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tnde", "archive", "serve", str(folder), "--plain-http",
             "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"serve exited {proc.returncode}:\n{log.read_text()}")
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                    break
                if time.monotonic() > deadline:
                    pytest.fail(f"serve did not listen within 30 s:\n{log.read_text()}")
                time.sleep(0.1)
            yield
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    output = log.read_text()
    assert "Traceback" not in output, output
