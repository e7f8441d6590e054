"""Finalizing a declaration, all or nothing: save the profile as answered, judge it, record the
declaration as ready with the preview it was judged with, print its 申报书, record the PDF's digest and
enter it in the register as 已生成 (core.register).

The PDF is printed first, under a temporary name beside where it goes; then the store's writes run in
one transaction, and the PDF takes its name inside that transaction, just before it commits. Bad
answers, a measure that cannot be printed, a full disk or a locked database leave the store, the
declaration (still a draft) and the declarations folder exactly as they were.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path
from typing import Any

from shenbao.core.model import Profile, parse_profile
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.core.store.db import StoreError, transaction
from shenbao.core.store.repository import Cover, Declaration, Store
from shenbao.errors import os_reason


@dataclass(frozen=True)
class Finalized:
    declaration: Declaration
    pdf: Path
    profile: Profile
    preview: Any  # core.rules.Preview
    wanting: tuple[str, ...] = ()  # where the form prints a box 待补充 (Rendered.wanting)


def declaration_pdf(store: Store, uscc: str, measure: str, declaration_id: int) -> Path:
    """Where a declaration's 申报书 is kept: the data folder's declarations/."""
    return Path(store.folder) / "declarations" / f"{uscc}_{measure}_{declaration_id}.pdf"


def finalize_declaration(
    store: Store,
    declaration_id: int,
    document: dict[str, Any],
    as_of: date,
    *,
    engine: Any = None,
    declared_on: date | None = None,
    office: str = "",
) -> Finalized:
    """Finalize the draft `declaration_id` with the profile `document` (its answers laid over the stored
    profile), judged as of `as_of` by `engine` (the policy library in use). Raises ProfileErrors for bad
    answers, NotRenderable when the measure gives nothing to apply for, StoreError (a KnownError) when the
    disk or the database refuses; in every case nothing is written. `declared_on` (申报日期) and `office`
    (受理部门) are printed on the cover when the applicant gives them, else left blank to write by hand,
    and recorded with the declaration, so a reprint (core.register.regenerate) prints them again."""
    from shenbao.core.deadlines import materials_for
    from shenbao.core.forms import forms
    from shenbao.core.pdf import render_declaration
    from shenbao.core.register import ERRORS, beside, record_generated
    from shenbao.core.rules import rules

    engine = engine if engine is not None else rules()
    draft = store.get_declaration(declaration_id)
    profile = parse_profile(document, require_uscc=True)
    if profile.uscc != draft.uscc:
        raise StoreError(f"申报 #{declaration_id} 属于 {draft.uscc}，不是 {profile.uscc}")
    preview = engine.preview(profile, as_of)
    result = preview.result(draft.measure)
    form = forms().get(draft.measure)
    path = declaration_pdf(store, draft.uscc, draft.measure, declaration_id)
    placed = False
    try:
        # named for this process beside where it goes (what a killed print left there is cleared first),
        # and refused as a reprint is when a pipe, a folder or a file not a PDF holds that name
        with beside(path) as tmp:
            try:
                rendered = render_declaration(
                    profile, preview, draft.measure, tmp, declared_on=declared_on, office=office
                )
                digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
                with transaction(store.conn):
                    store.save_profile(profile)
                    store.mark_ready(
                        declaration_id, preview=result.to_detail(), policy_version=preview.policy_version
                    )
                    declaration = store.mark_rendered(declaration_id, digest)
                    record_generated(
                        store,
                        declaration_id,
                        profile=profile,
                        preview=preview,
                        pdf_path=path,
                        materials=materials_for(
                            engine.catalogue, draft.measure, as_of, form.materials if form else ()
                        ),
                        cover=Cover(office, declared_on),
                    )
                    os.replace(tmp, path)  # last: a failure here rolls the transaction back
                    placed = True
            except BaseException:
                if placed:
                    path.unlink(missing_ok=True)  # the commit failed after the PDF took its name
                raise
    except OSError as err:
        raise StoreError(Phrase(ERRORS["unwritable"], path=path, why=os_reason(err))) from None
    return Finalized(declaration, path, profile, preview, tuple(rendered.wanting))
