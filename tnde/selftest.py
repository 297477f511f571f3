"""The self-test: does this installed copy do its job on this computer?

An installer is trusted when the program it installed works where it was installed: the
fonts and templates found, reportlab and pyHanko loaded, a letter signed and verified, PDFium
able to draw a page. ``tnde self-test`` and ``tnde-desktop --self-test`` run
:func:`run_self_test`, which does each of these once for real, in a temporary folder that is
always removed afterwards:

1. ``messages``: the Indonesian message catalogue reads;
2. ``render``: the sample of every jenis renders through the same door as ``tnde render``;
3. ``demo``: a demo workspace is built (sample office, DEMO PKI, letters in every state);
4. ``sign``: one more letter there is signed at PAdES B-LT with its signer's DEMO key;
5. ``verify``: our verifier judges that signed letter VALID, at B-LT;
6. ``preview``: a page of the signed letter (else of a rendered one) is drawn as an image.

Every step runs, whatever happened before it: a person checking an installation wants the
whole list of what is wrong, not the first item. A step that needs what an earlier one
failed to make fails too, saying so. Callers add steps of their own (:class:`SelfTestCheck`:
the desktop loads its translation and opens its window on the demo workspace), run before
the folder goes.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tnde import pki, render, signing, verify
from tnde.demo import add_demo_letters, create_demo
from tnde.drafts import load_draft, prepare
from tnde.errors import TndeError
from tnde.messages import _, parse_po
from tnde.pdfium import PDFIUM_LOCK
from tnde.resources import resource_path
from tnde.templates import available_templates
from tnde.workflow import Letters
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "SelfTestCheck",
    "SelfTestError",
    "SelfTestResult",
    "SelfTestStep",
    "run_self_test",
    "step_line",
]

log = logging.getLogger(__name__)

PREVIEW_DPI = 50
"""How finely the preview page is drawn: enough to see that something was drawn."""
_REASON_LIMIT = 300
"""Characters of a reason kept: a line of output, not a stack trace."""


class SelfTestError(TndeError):
    """A step found what it checks for wrong; the message says what, for the person reading."""


@dataclass(frozen=True)
class SelfTestStep:
    """One step as it went."""

    name: str
    """Stable id (``render``, ``sign``…), the same in every language."""
    title: str
    """What the step checks, in the active language."""
    ok: bool
    reason: str
    """What it found (``17 jenis``, ``VALID, B-LT``) or why it failed, in a few words."""


@dataclass(frozen=True)
class SelfTestResult:
    """Every step of a run, in order."""

    steps: tuple[SelfTestStep, ...]
    folder: Path | None
    """The temporary folder it ran in, removed before the result is returned."""

    @property
    def ok(self) -> bool:
        """Whether every step passed."""
        return all(step.ok for step in self.steps)

    @property
    def failed(self) -> tuple[SelfTestStep, ...]:
        """The steps that did not pass."""
        return tuple(step for step in self.steps if not step.ok)


@dataclass(frozen=True)
class SelfTestCheck:
    """A step a caller adds, run after the core's own while the demo workspace exists."""

    name: str
    title: str
    run: Callable[[Path | None], str]
    """Called with the demo workspace's folder (``None`` when it could not be built); returns
    what it found and raises (:class:`SelfTestError`, or anything) when the check fails."""


@dataclass
class _Run:
    """What the steps hand on to each other."""

    folder: Path | None = None
    workspace: Path | None = None
    rendered: bytes | None = None
    signed: bytes | None = None
    steps: list[SelfTestStep] = field(default_factory=list)


def run_self_test(
    report: Callable[[str, bool, str], None] | None = None,
    *,
    checks: Sequence[SelfTestCheck] = (),
) -> SelfTestResult:
    """Run every step of the self-test (see the module docstring), then ``checks``.

    Args:
        report: called after each step with its title, whether it passed and its reason,
            so a long run shows its progress.
        checks: the caller's own steps.

    Returns:
        Every step; :attr:`SelfTestResult.ok` only when all passed. Nothing is raised for a
        failing step, and the temporary folder is removed whatever happened.
    """
    run = _Run()
    own: tuple[tuple[str, str, Callable[[], str]], ...] = (
        ("messages", _("Indonesian message catalogue"), _check_messages),
        ("render", _("every jenis rendered to PDF"), lambda: _check_render(run)),
        ("demo", _("demo workspace with the DEMO PKI"), lambda: _check_demo(run)),
        ("sign", _("a letter signed at PAdES B-LT"), lambda: _check_sign(run)),
        ("verify", _("the signed letter verified"), lambda: _check_verify(run)),
        ("preview", _("a page drawn as an image"), lambda: _check_preview(run)),
    )
    try:
        for name, title, step in own:
            _record(run, report, name, title, step)
        for check in checks:
            _record(run, report, check.name, check.title, partial(check.run, run.workspace))
    finally:
        if run.folder is not None:
            shutil.rmtree(run.folder, ignore_errors=True)
            if run.folder.exists():
                log.warning("the self-test's folder %s could not be removed", run.folder)
    return SelfTestResult(tuple(run.steps), run.folder)


def step_line(title: str, ok: bool, reason: str) -> str:
    """One step as ``tnde self-test`` and ``tnde-desktop --self-test`` print it."""
    mark = _("ok") if ok else _("FAILED")
    return f"{mark:<6} {title}: {reason}"


def _record(
    run: _Run,
    report: Callable[[str, bool, str], None] | None,
    name: str,
    title: str,
    step: Callable[[], str],
) -> None:
    try:
        ok, reason = True, step()
    except Exception as exc:  # every failure is a finding; none ends the run
        log.debug("self-test step %s failed", name, exc_info=True)
        ok, reason = False, _describe(exc)
    reason = " ".join(reason.split())[:_REASON_LIMIT]
    log.info("self-test %s: %s (%s)", name, "ok" if ok else "FAILED", reason)
    run.steps.append(SelfTestStep(name, title, ok, reason))
    if report is not None:
        report(title, ok, reason)


def _describe(exc: Exception) -> str:
    """Why a step failed: our own errors and the system's are worded already."""
    if isinstance(exc, TndeError | OSError):
        return str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {exc}"


# -- the steps ----------------------------------------------------------------------------------


def _check_messages() -> str:
    """Read the catalogue afresh (not the copy in memory): the shipped file is what is tested."""
    text = resource_path("messages", "id.po").read_text(encoding="utf-8")
    translated = [e for e in parse_po(text) if e.msgid and e.msgstr and not e.fuzzy]
    if not translated:
        raise SelfTestError(_("the catalogue holds no Indonesian text"))
    return _("{count} messages", count=len(translated))


def _check_render(run: _Run) -> str:
    jenis = available_templates()
    if not jenis:
        raise SelfTestError(_("no template found"))
    broken: list[str] = []
    pages = 0
    for name in jenis:
        try:
            pdf, count = _render_sample(name)
        except TndeError as exc:
            log.debug("the sample of %s did not render", name, exc_info=True)
            broken.append(f"{name} ({exc})")
            continue
        pages += count
        run.rendered = run.rendered or pdf
    if broken:
        raise SelfTestError(_("did not render: {jenis}", jenis="; ".join(broken)))
    return _("{count} jenis, {pages} pages", count=len(jenis), pages=pages)


def _render_sample(jenis: str) -> tuple[bytes, int]:
    prepared = prepare(load_draft(resource_path("samples", f"{jenis}.toml")))  # type: ignore[arg-type]
    if prepared.problems:
        raise SelfTestError(str(prepared.problems[0]))
    result = render.render_letter(prepared.template, prepared.profile, prepared.values)
    if not result.pdf.startswith(b"%PDF-") or result.pages < 1:
        raise SelfTestError(_("the renderer made no PDF"))
    return result.pdf, result.pages


def _check_demo(run: _Run) -> str:
    run.folder = Path(tempfile.mkdtemp(prefix="tnde-self-test-"))
    summary = create_demo(run.folder / "demo")
    run.workspace = summary.workspace
    return _("{count} letters", count=len(summary.letters))


def _check_sign(run: _Run) -> str:
    if run.workspace is None:
        raise SelfTestError(_("no demo workspace to sign in"))
    with Workspace.open(run.workspace) as ws:
        letters = Letters(ws)
        (letter_id,) = add_demo_letters(ws, 1)
        state = letters.get(letter_id)
        step = state.current_step()
        if step is None:
            raise SelfTestError(_("the demo letter has no signature step"))
        signer = dict(state.planned_signers)[step.step_no]
        key = pki.DemoPki.open(pki.demo_folder(ws.path)).p12_path(signer)
        with signing.workspace_services(ws) as services:
            (result,) = signing.sign_letters(
                letters,
                signer,
                [letter_id],
                signing.Pkcs12Device(key),
                bytearray(pki.DEMO_PASSPHRASE),
                services.services,
                level=signing.Level.B_LT,
                issuer_of=services.issuer_of,
            )
        if result.error is not None:
            raise result.error
        if not result.ok:
            raise SelfTestError(_("the demo letter was not signed"))
        run.signed = ws.blobs.get(result.blob)
        return _("{nomor}, {size} KB", nomor=result.nomor, size=len(run.signed) // 1024)


def _check_verify(run: _Run) -> str:
    if run.signed is None or run.workspace is None:
        raise SelfTestError(_("no signed letter to verify"))
    roots, policy = verify.workspace_trust(run.workspace, demo=True)
    found = verify.verify_pdf(run.signed, trust_roots=roots, policy=policy, name="self-test")
    levels = sorted({s.pades_level or "?" for s in found.signatures})
    if found.verdict is not verify.Verdict.VALID:
        why = "; ".join(found.reasons[:2]) or found.error or ""
        raise SelfTestError(
            _("the verdict is {verdict}: {why}", verdict=found.verdict.value, why=why)
        )
    if levels != [signing.Level.B_LT.value]:
        raise SelfTestError(_("signed at {levels}, not at B-LT", levels=", ".join(levels)))
    return f"{found.verdict.value}, {levels[0]}"


def _check_preview(run: _Run) -> str:
    pdf = run.signed or run.rendered
    if pdf is None:
        raise SelfTestError(_("no PDF to draw"))
    width, height, blank = _draw_first_page(pdf)
    if blank:
        raise SelfTestError(_("the page was drawn blank"))
    return _("{width}x{height} pixels", width=width, height=height)


def _draw_first_page(pdf: bytes) -> tuple[int, int, bool]:
    """Width and height of page 1 drawn by PDFium, and whether every pixel came out white."""
    import pypdfium2  # heavy; loaded only when a self-test draws

    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[0]
            bitmap = page.render(scale=PREVIEW_DPI / 72)
            image = bitmap.to_pil().convert("L")
            # closed here, under the lock: a finaliser run later on another thread would call
            # into PDFium unlocked
            bitmap.close()
            page.close()
        finally:
            document.close()
    darkest, _lightest = image.getextrema()
    return int(image.width), int(image.height), darkest == 255
