"""A field longer than a page (a name or an address of the 1,000 characters a text field holds) runs on
over pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from shenbao.core.pdf import NotRenderable, _write, render_park_report
from shenbao.core.rules import preview

from .helpers import AS_OF, invoices, profile_of, text_of

LONG_NAME = "福州" + "星河智算" * 248 + "有限公司"  # 998 characters: the most a text field holds


@pytest.mark.parametrize(
    ("field", "value", "part", "times"),
    [
        ("name", LONG_NAME, "星河智算", 248),
        ("address", "福州市鼓楼区" + "软件大道89号" * 142, "软件大道89号", 142),
    ],
)
def test_a_field_longer_than_a_page_runs_on_over_pages(
    render, field: str, value: str, part: str, times: int
) -> None:
    """A cell taller than a page stopped every form of the enterprise with reportlab's LayoutError (the
    window's bug dialog, a traceback from `shenbao render`; a name of 1,000 characters did): its row now
    continues on the next page, every character printed. (A longer text is refused as the profile is
    checked: tests/model/test_fieldkinds.py.)"""
    pdf, rendered = render(
        profile_of({"compute_invoices": invoices(3, 40000)}, **{field: value}), "fj2025.compute_voucher"
    )
    text, _pages = text_of(pdf)
    assert rendered.pages >= 3
    assert text.count(part) >= times  # (each page's running head and foot come between its pieces)
    assert "91350100H49D4H3981" in text and "60,000.00" in text  # the rows after it are printed too


def test_the_park_report_prints_a_tenant_of_a_very_long_name() -> None:
    """One such tenant stopped the whole park report."""
    tenants = [
        profile_of({"compute_invoices": invoices(3)}, name=LONG_NAME),
        profile_of({"compute_invoices": invoices(2)}, name="福州闽江智能有限公司", uscc="913501044C12H3B168"),
    ]
    buffer = io.BytesIO()
    render_park_report([(p, preview(p, AS_OF)) for p in tenants], buffer)
    text, _pages = text_of(buffer.getvalue())
    assert "福州闽江智能有限公司" in text and LONG_NAME[:40] in text


def test_what_cannot_be_laid_out_is_refused_in_words_and_nothing_is_written(tmp_path: Path) -> None:
    from reportlab.platypus.doctemplate import LayoutError

    out = tmp_path / "申报书.pdf"
    out.write_bytes(b"%PDF- printed before")

    def build(buffer) -> None:
        buffer.write(b"%PDF- half")
        raise LayoutError("a flowable too large")

    with pytest.raises(NotRenderable, match="无法排版"):
        _write(out, build)
    assert out.read_bytes() == b"%PDF- printed before"
    assert list(tmp_path.iterdir()) == [out]
