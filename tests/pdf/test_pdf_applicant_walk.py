"""A declaration as an applicant checks it on paper: the digest to compare, the roster's documents."""

from __future__ import annotations

import io

from .helpers import id_number, invoices, profile_of, text_of


def _lines(pdf: bytes, page: int) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return (doc.pages[page].extract_text() or "").splitlines()


def test_the_cover_prints_the_digest_on_one_line_to_compare_by_eye(render):
    # 64 hex digits wrapped after 63 left the last one alone on the next line: read as a 63-digit digest
    # (whether it wraps hangs on the digits' widths: eight applications, eight digests)
    for n in range(1, 9):
        profile = profile_of({"compute_invoices": invoices(n, amount=1234567)})
        pdf, rendered = render(profile, "fj2025.compute_voucher")
        lines = _lines(pdf, 0)
        assert any(rendered.digest in line for line in lines), lines[-6:]


def test_a_mixed_roster_names_each_document_and_calls_the_column_by_what_it_holds(render):
    born_1960s = [id_number("35010219630412123"), id_number("35020319681130456")]
    roster = [
        {"name": "王建国", "id_number": born_1960s[0]},
        {"name": "陈德华", "id_type": "resident_id", "id_number": born_1960s[1]},
        {"name": "John Smith", "id_type": "passport", "id_number": "E12345678"},
    ]
    pdf, _ = render(profile_of({"core_engineers": roster}), "fj2025.core_engineer")
    text, _pages = text_of(pdf)
    rows = [line for line in _lines(pdf, 1) if line.startswith(("1 ", "2 ", "3 "))]
    # a blank document type is a 居民身份证 (the wizard says so): printed as such, not left blank
    assert rows[0].split()[:3] == ["1", "王建国", "居民身份证"], rows
    assert rows[1].split()[:3] == ["2", "陈德华", "居民身份证"], rows
    assert rows[2].split()[:4] == ["3", "John", "Smith", "护照"], rows
    # the column holds a passport number too: 证件号码, and the note says what was masked of what
    assert "证件号码" in text and "身份证号已部分遮盖" not in text
    assert "证件号码已部分遮盖" in text
    assert born_1960s[0] not in text and "19630412" not in text and "19681130" not in text


def test_a_fully_masked_roster_does_not_say_partly(render):
    roster = [{"name": "王建国", "id_number": id_number("35010219630412123")}]
    pdf, _ = render(profile_of({"core_engineers": roster}), "fj2025.core_engineer", mask="full")
    text, _pages = text_of(pdf)
    assert "*" * 18 in text and "部分遮盖" not in text and "证件号码已遮盖" in text


def test_each_label_of_the_applicant_table_is_on_one_line(render):
    # at 32 mm 上年度营业收入（元） broke before its closing bracket (「上年度营业收入（」 / 「元）」)
    from shenbao.core.forms import forms

    pdf, _ = render(profile_of({"compute_invoices": invoices(2, amount=150000)}), "fj2025.compute_voucher")
    lines = _lines(pdf, 1)
    labels = [f.label for p in forms()["fj2025.compute_voucher"].pages if p.shared for f in p.fields]
    assert "上年度营业收入（元）" in labels
    for label in labels:
        assert any(label in line for line in lines), (label, lines[:24])
