"""Printed output: the filled 申报书 of a measure and the park report, with reportlab.

    >>> pv = preview(profile, as_of)
    >>> rendered = render_declaration(profile, pv, "fj2025.compute_voucher", "out.pdf")
    >>> rendered.pages, rendered.warnings

The PDF shows the preview it is given and never recomputes an amount. Importing this package loads
reportlab and registers the bundled font (once per process), so the command line imports it only
inside the commands that print.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any, BinaryIO

from shenbao.core.forms import Form, form_for
from shenbao.core.model import Profile
from shenbao.core.records import dataclass
from shenbao.errors import KnownError, NotReplaceable, not_replaceable

RENDERABLE = ("eligible", "incomplete")
QR_FORMAT = "shenbao-decl/1"


class NotRenderable(KnownError):
    """The measure has no form, or its status (ineligible, not in force) gives nothing to apply for."""


@dataclass
class Rendered:
    """What a render produced: page count, bytes written, the content digest, the QR code's payload,
    warnings (a 申报日期 outside the policy's term; characters the font lacks, each marked in the PDF)
    and where a box is printed 待补充."""

    pages: int
    size: int
    digest: str = ""
    qr_payload: str = ""
    warnings: list[str] = field(default_factory=list)
    wanting: list[str] = field(default_factory=list)


def declaration_digest(profile: Profile, result: Any, *, as_of: Any, policy_version: str) -> str:
    """SHA-256 of the declaration's content: the profile as given, the result in full, the as-of date and
    the policy version. A printed form is checked by recomputing it from the saved record."""
    content = {
        "format": QR_FORMAT,
        "measure": result.measure,
        "as_of": str(as_of),
        "policy_version": policy_version,
        "profile": profile.to_dict(),
        "result": result.to_detail(),
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def qr_payload(measure: str, uscc: str | None, amount: Any, digest: str) -> str:
    """The QR code's text: `shenbao-decl/1|<measure>|<统一社会信用代码>|<amount in yuan or empty>|<sha256>`."""
    shown = "" if amount is None else f"{amount:.2f}"
    return "|".join((QR_FORMAT, measure, uscc or "", shown, digest))


def _write(out: str | Path | BinaryIO, build: Any) -> int:
    """Build the PDF into `out`. A file is written beside its name and renamed over it once whole: a
    full disk or a size limit raises OSError and leaves the file already there (a 申报书 printed
    before) as it was, not emptied and cut short. Content that cannot be laid out on a page is refused
    in words (`NotRenderable`), with nothing written."""
    build = _laid_out(build)
    if isinstance(out, str | Path):
        from shenbao.core.store.db import temporary_name

        path = Path(out)
        why = not_replaceable(path, pdf=True)  # nor a folder, a pipe or a profile, by the PDF
        if why:
            raise NotReplaceable(why)
        buffer = io.BytesIO()
        build(buffer)
        data = buffer.getvalue()
        tmp = temporary_name(path, ".part")
        try:
            with tmp.open("xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
        return len(data)
    start = out.tell() if out.seekable() else 0
    build(out)
    return (out.tell() - start) if out.seekable() else 0


def _laid_out(build: Any) -> Any:
    """`build`, its layout failures said in words: a table's rows split across pages (a cell of a
    10,000-character name runs on over several), so one is a bug of the layout, not of the user's
    data, and yet a printed form is better refused in a sentence than in a bug report."""

    def laid_out(buffer: BinaryIO) -> None:
        from reportlab.platypus.doctemplate import LayoutError

        try:
            build(buffer)
        except LayoutError:
            raise NotRenderable(
                "无法排版：有一项内容过长，一页放不下（请缩短企业名称、地址等过长的内容后再生成）"
            ) from None

    return laid_out


def render_declaration(
    profile: Profile,
    preview: Any,
    measure: str,
    out: str | Path | BinaryIO,
    *,
    mask: str = "partial",
    form: Form | None = None,
    declared_on: Any = None,
    office: str = "",
    materials: Sequence[str] | None = None,
) -> Rendered:
    """Render the 申报书 of `measure` from `preview` (core.rules.Preview) to `out` (a path or a binary file).

    `mask` prints 身份证号 as "partial" (前6位和后4位), "full" (all hidden) or "none". `declared_on` (申报日期)
    and `office` (受理部门) are printed when the applicant gives them, else left blank to fill in by hand.
    The 申报材料清单 is `materials` when given (a reprint's recorded list), else the list of a 申报通知 that
    opens the measure in the catalogue the preview was judged with, else the form's own.
    Raises NotRenderable for a measure without a form or one that is ineligible or not in force.
    """
    from reportlab.platypus import SimpleDocTemplate

    from shenbao.core.pdf.declaration import Declaration
    from shenbao.core.pdf.layout import MARGIN, PAGE, KeepHeadings, numbered_canvas

    form = form or form_for(measure)
    if form is None:
        raise NotRenderable(f"措施 {measure} 没有申报书定义")
    try:
        result = preview.result(measure)
    except KeyError:
        raise NotRenderable(f"未知的措施 {measure}") from None
    if result.status not in RENDERABLE:
        why = "；".join(result.reasons) or result.status
        state = {"ineligible": "不符合申报条件", "not_in_force": "不在有效期内"}.get(
            result.status, result.status
        )
        raise NotRenderable(f"{measure}（{result.title}）{state}：{why}")
    digest = declaration_digest(profile, result, as_of=preview.as_of, policy_version=preview.policy_version)
    payload = qr_payload(measure, profile.uscc, result.amount, digest)
    if materials is None:
        materials = tuple(form.materials)
        if preview.catalogue is not None:  # a 申报通知 of the measure may list its own materials
            from shenbao.core.deadlines import materials_for

            materials = materials_for(preview.catalogue, measure, preview.as_of, form.materials)
    decl = Declaration(
        profile,
        result,
        form,
        materials=tuple(materials),
        as_of=preview.as_of,
        policy_version=preview.policy_version,
        digest=digest,
        qr_payload=payload,
        mask=mask,
        declared_on=declared_on,
        office=office,
    )
    story = decl.story()
    title = f"《{form.title}》"
    canvas = numbered_canvas(profile.name, result.title, f"{profile.uscc or ''}  校验码 {digest[:16]}")
    pages = 0

    def build(buffer: BinaryIO) -> None:
        nonlocal pages
        doc = SimpleDocTemplate(
            buffer,
            pagesize=PAGE,
            keepTogetherClass=KeepHeadings,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            author=profile.name,
            subject=f"{measure} {digest}",
            creator="shenbao 申报助手",  # dated when made: the digest covers the content, not the metadata
        )
        doc.build(story, canvasmaker=canvas)
        pages = doc.page

    size = _write(out, build)
    warnings = decl.text.warnings()
    cat = preview.catalogue
    if cat is None and declared_on is not None:  # a reprint's preview, read back from the register
        from shenbao.core.policies import catalogue

        cat = catalogue()
    outside = cat.declared_date_warning(measure, declared_on, preview.as_of) if cat is not None else None
    return Rendered(
        pages=pages,
        size=size,
        digest=digest,
        qr_payload=payload,
        warnings=[outside, *warnings] if outside else warnings,
        wanting=decl.wanting,
    )


def render_park_report(
    entries: Sequence[tuple[Profile, Any]],
    out: str | Path | BinaryIO,
    *,
    title: str = "园区企业政策申报测算汇总表",
    progress: Callable[[int], None] | None = None,
) -> Rendered:
    """Render the park report of `entries` ((profile, preview) per tenant) to `out`; `progress(page)` as
    each page begins (it may raise to stop: nothing is written, a report already there stays)."""
    from shenbao.core.pdf.report import build_report

    pages = 0
    warnings: list[str] = []

    def build(buffer: BinaryIO) -> None:
        nonlocal pages, warnings
        pages, warnings = build_report(entries, buffer, title=title, progress=progress)

    size = _write(out, build)
    return Rendered(pages=pages, size=size, warnings=warnings)


def eligible_forms(
    entries: Iterable[tuple[str, Profile, Any]], measures: Sequence[str] | None = None
) -> Iterator[tuple[str, Profile, Any, str]]:
    """(name, profile, preview, measure) for every measure with a form that each profile can apply for
    (eligible), among `measures` (default: every form); `name` is the stem its files are named after."""
    from shenbao.core.forms import forms

    wanted = list(measures) if measures else list(forms())
    for name, profile, preview in entries:
        for measure in wanted:
            if preview.result(measure).status == "eligible":
                yield name, profile, preview, measure


def render_batch(
    jobs: Sequence[tuple[str, Profile, Any, str]],
    out_dir: str | Path,
    *,
    mask: str = "partial",
    declared_on: Any = None,
    progress: Callable[[int, int, Path, Rendered], None] | None = None,
) -> list[tuple[Path, Rendered]]:
    """Render each job of eligible_forms() to `out_dir`/<name>.<measure>.pdf, each cover dated
    `declared_on` when given; `progress(done, total, path, rendered)` after each (it may raise to stop:
    what was written stays)."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, Rendered]] = []
    for done, (name, profile, preview, measure) in enumerate(jobs, 1):
        target = folder / f"{name}.{measure}.pdf"
        rendered = render_declaration(profile, preview, measure, target, mask=mask, declared_on=declared_on)
        written.append((target, rendered))
        if progress is not None:
            progress(done, len(jobs), target, rendered)
    return written


__all__ = [
    "NotRenderable",
    "Rendered",
    "eligible_forms",
    "render_batch",
    "declaration_digest",
    "qr_payload",
    "render_declaration",
    "render_park_report",
]
