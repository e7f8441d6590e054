"""年度购买算力服务总额 taken from compute invoices of more than one calendar year: the total and the rules
stay as they are (which year's payments count is the authority's reading), but every measure that reads
the total warns, naming each year and its sum. Invoices of one year, or a total typed with no invoices,
change nothing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.model import ProfileErrors, parse_profile
from shenbao.core.policies import catalogue
from shenbao.core.rules import rules
from tests.command import run_shenbao as shenbao

from .helpers import profile_dict

AS_OF = dt.date(2026, 3, 10)  # fj2025 and fz2024 in force
TWO_YEARS = (
    "年度购买算力服务总额由 2023 年（60,000.00 元）、2024 年（50,000.00 元）的发票合计而成，"
    "应只计申报年度当年实际支付的费用，请核对。"
)
READERS = sorted(
    m.id
    for m in catalogue().measures.values()
    if "facts.compute_purchase_amount" in m.inputs
    or any(c.fact == "facts.compute_purchase_amount" for c in m.conditions)
)


def invoice(no: int, date: str | None, amount: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"supplier": "福州云算科技有限公司", "invoice_no": f"{no:08d}", "amount": amount}
    if date is not None:
        row["date"] = date
    return row


def with_invoices(*rows: dict[str, Any], typed: Any = None) -> dict[str, Any]:
    data = profile_dict(changes={"facts.compute_purchase_amount": typed})
    data["facts"]["compute_invoices"] = list(rows)
    return data


def preview_of(data: dict[str, Any], as_of: dt.date = AS_OF) -> Any:
    return rules().preview(parse_profile(data), as_of)


def years_warnings(result: Any) -> list[str]:
    return [w for w in result.warnings if "的发票合计而成" in w]


def test_the_measures_reading_the_total_are_the_compute_subsidies() -> None:
    assert READERS == ["fj2023.compute_voucher", "fj2025.compute_voucher", "fz2024.compute_use"]


def test_invoices_of_two_years_warn_on_every_measure_reading_the_total_and_judge_as_before() -> None:
    data = with_invoices(invoice(1, "2023-06-15", 60000), invoice(2, "2024-06-15", 50000))
    pv = preview_of(data)
    typed = preview_of(profile_dict(changes={"facts.compute_purchase_amount": 110000}))
    for result in pv.results:
        same = typed.result(result.measure)
        assert (result.status, result.amount) == (same.status, same.amount), result.measure
        if result.measure in ("fj2025.compute_voucher", "fz2024.compute_use"):
            assert result.status == "eligible"
            assert years_warnings(result) == [TWO_YEARS]
            assert TWO_YEARS in result.to_dict()["warnings"]
        else:  # fj2023 is no longer in force; nothing else reads the total
            assert years_warnings(result) == [], result.measure
    earlier = preview_of(data, dt.date(2024, 6, 1)).result("fj2023.compute_voucher")  # fj2023 in force
    assert earlier.status == "ineligible"  # under its 30 万 threshold
    assert years_warnings(earlier) == [TWO_YEARS]


def test_a_measure_failing_another_condition_still_warns() -> None:
    data = with_invoices(invoice(1, "2023-06-15", 60000), invoice(2, "2024-06-15", 50000))
    data["enterprise"]["in_fz_compute_platform"] = False
    result = preview_of(data).result("fz2024.compute_use")
    assert result.status == "ineligible"
    assert years_warnings(result) == [TWO_YEARS]


def test_the_last_day_of_one_year_and_the_first_of_the_next_are_two_years() -> None:
    data = with_invoices(invoice(1, "2024-12-31", 80000), invoice(2, "2025-01-01", 70000))
    warned = years_warnings(preview_of(data).result("fj2025.compute_voucher"))
    assert warned == [
        "年度购买算力服务总额由 2024 年（80,000.00 元）、2025 年（70,000.00 元）的发票合计而成，"
        "应只计申报年度当年实际支付的费用，请核对。"
    ]


def test_invoices_of_one_year_from_its_first_day_to_its_last_do_not_warn() -> None:
    data = with_invoices(
        invoice(1, "2025-01-01", 80000), invoice(2, "2025-12-31", 70000), invoice(3, "2025-06-30", "0.01")
    )
    pv = preview_of(data)
    assert parse_profile(data).years == {}
    typed = preview_of(profile_dict(changes={"facts.compute_purchase_amount": "150000.01"}))
    for result in pv.results:
        assert result.warnings == typed.result(result.measure).warnings, result.measure


def test_a_total_typed_with_no_invoices_does_not_warn() -> None:
    pv = preview_of(profile_dict())
    assert not any(years_warnings(r) for r in pv.results)
    assert parse_profile(profile_dict()).years == {}


def test_a_typed_total_equal_to_invoices_of_two_years_warns_as_well() -> None:
    """The total typed beside the invoices must equal their sum; it is then that same two-year sum."""
    data = with_invoices(invoice(1, "2023-06-15", 60000), invoice(2, "2024-06-15", 50000), typed=110000)
    assert years_warnings(preview_of(data).result("fz2024.compute_use")) == [TWO_YEARS]


def test_an_undated_invoice_is_refused_before_any_year_is_counted() -> None:
    """Each invoice must carry its date (INTERCHANGE.md): one without is named, and nothing is judged."""
    data = with_invoices(invoice(1, "2025-03-01", 80000), invoice(2, None, 70000), invoice(3, "", 1000))
    with pytest.raises(ProfileErrors) as caught:
        parse_profile(data)
    fields = [e.field for e in caught.value.errors]
    assert fields == ["facts.compute_invoices[1].date", "facts.compute_invoices[2].date"]


def test_red_letter_invoices_count_in_their_own_year() -> None:
    # a red-letter invoice of 2025 cancelling part of a 2025 purchase, beside one of 2024
    data = with_invoices(
        invoice(1, "2024-11-20", 80000),
        invoice(2, "2025-02-10", 100000),
        invoice(3, "2025-03-01", "-30000.50"),
    )
    assert parse_profile(data).years == {
        "compute_purchase_amount": ((2024, Decimal(80000)), (2025, Decimal("69999.50")))
    }
    assert years_warnings(preview_of(data).result("fj2025.compute_voucher")) == [
        "年度购买算力服务总额由 2024 年（80,000.00 元）、2025 年（69,999.50 元）的发票合计而成，"
        "应只计申报年度当年实际支付的费用，请核对。"
    ]
    # a red-letter invoice of 2025 cancelling a 2024 one: 2024's invoice still is in the list
    data = with_invoices(
        invoice(1, "2024-12-20", 60000), invoice(2, "2025-01-05", -60000), invoice(3, "2025-05-01", 120000)
    )
    result = preview_of(data).result("fj2025.compute_voucher")
    assert result.amount == Decimal("60000.00")
    assert years_warnings(result) == [
        "年度购买算力服务总额由 2024 年（60,000.00 元）、2025 年（60,000.00 元）的发票合计而成，"
        "应只计申报年度当年实际支付的费用，请核对。"
    ]
    # the original and its red-letter reversal in the same year as the rest: one year, no warning
    data = with_invoices(
        invoice(1, "2025-02-10", 100000), invoice(2, "2025-03-01", -100000), invoice(3, "2025-04-01", 150000)
    )
    assert not any(years_warnings(r) for r in preview_of(data).results)


def test_three_years_are_named_in_order() -> None:
    data = with_invoices(
        invoice(1, "2025-03-01", 10000), invoice(2, "2023-03-01", 20000), invoice(3, "2024-03-01", "30000.5")
    )
    (warning,) = years_warnings(preview_of(data).result("fz2024.compute_use"))
    assert "由 2023 年（20,000.00 元）、2024 年（30,000.50 元）、2025 年（10,000.00 元）的发票" in warning


def test_invoices_all_of_a_year_before_the_policy_warn_on_its_measures_and_judge_as_before() -> None:
    """Invoices of 2024 alone, previewed in 2026, made a 年度 total without a word on 算力服务补助 of
    fj2025 (in force from 2025-11-04), where invoices of 2024 and 2025 together were warned of: the
    annual total is of the year claimed, and a year before the policy began is none of its years. The
    measure warns, naming the year and the policy's; fz2024 (in force from 2024) does not, and both
    are judged as for the typed total."""
    data = with_invoices(invoice(1, "2024-03-01", 80000), invoice(2, "2024-12-31", 70000))
    typed = preview_of(profile_dict(changes={"facts.compute_purchase_amount": 150000}))
    pv = preview_of(data)
    for result in pv.results:
        same = typed.result(result.measure)
        assert (result.status, result.amount) == (same.status, same.amount), result.measure
    voucher = pv.result("fj2025.compute_voucher")
    assert voucher.status == "eligible"
    assert [w for w in voucher.warnings if w not in typed.result("fj2025.compute_voucher").warnings] == [
        "年度购买算力服务总额的发票均开具于 2024 年，早于《福建省推动人工智能产业发展和赋能应用若干措施》"
        "施行的 2025 年，应只计申报年度当年实际支付的费用，请核对。"
    ]
    assert pv.result("fz2024.compute_use").warnings == typed.result("fz2024.compute_use").warnings
    later = preview_of(with_invoices(invoice(1, "2025-03-01", 150000)))  # the policy's first year
    assert later.result("fj2025.compute_voucher").warnings == typed.result("fj2025.compute_voucher").warnings


def test_an_invoice_dated_after_the_date_judged_warns() -> None:
    """An invoice of 2026-06-15 counted toward the total judged on 2026-03-10 without a word: it was not
    paid on the day judged. Every measure reading the total warns, naming the date; the total is
    judged as it adds up, and on the invoice's own day nothing is said."""
    data = with_invoices(invoice(1, "2026-01-15", 60000), invoice(2, "2026-06-15", 90000))
    after = (
        "年度购买算力服务总额含测算日期 2026-03-10 之后开具的发票（最晚 2026-06-15），"
        "应只计已实际支付的费用，请核对。"
    )
    typed = preview_of(profile_dict(changes={"facts.compute_purchase_amount": 150000}))
    pv = preview_of(data)
    for measure in READERS:
        result, same = pv.result(measure), typed.result(measure)
        assert (result.status, result.amount) == (same.status, same.amount), measure
        if result.status != "not_in_force":
            assert [w for w in result.warnings if w not in same.warnings] == [after], measure
    on_the_day = preview_of(data, dt.date(2026, 6, 15))
    assert not any("之后开具" in w for r in on_the_day.results for w in r.warnings)


# --- the real command -----------------------------------------------------------------------------


def _write(tmp_path: Path, data: dict[str, Any], name: str = "跨年发票.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_preview_command_says_it_in_json_and_text(tmp_path: Path) -> None:
    data = with_invoices(invoice(1, "2023-06-15", 60000), invoice(2, "2024-06-15", 50000))
    path = _write(tmp_path, data)
    run = shenbao("preview", "--profile", str(path), "--as-of", "2026-03-10", "--format", "json")
    assert run.returncode == 0, run.stderr
    by_id = {r["measure"]: r for r in json.loads(run.stdout)["results"]}
    warned = sorted(m for m, r in by_id.items() if TWO_YEARS in r["warnings"])
    assert warned == ["fj2025.compute_voucher", "fz2024.compute_use"]
    assert by_id["fj2025.compute_voucher"]["status"] == "eligible"
    assert by_id["fj2025.compute_voucher"]["amount"] == "55000.00"
    run = shenbao("preview", "--profile", str(path), "--as-of", "2026-03-10", "--format", "text")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    hints = [i for i, line in enumerate(lines) if line.strip() == "提示：" + TWO_YEARS]
    assert len(hints) == 2
    assert {lines[i - 1].split()[0] for i in hints} == {"算力服务补助", "算力使用补贴（使用侧）"}


def test_the_text_table_of_invoices_of_one_year_is_as_for_the_typed_total(tmp_path: Path) -> None:
    one_year = _write(
        tmp_path, with_invoices(invoice(1, "2025-01-01", 60000), invoice(2, "2025-12-31", 50000))
    )
    typed = _write(tmp_path, profile_dict(changes={"facts.compute_purchase_amount": 110000}), "直接填写.json")
    outputs = [
        shenbao("preview", "--profile", str(p), "--as-of", "2026-03-10", "--format", "text").stdout
        for p in (one_year, typed)
    ]
    assert outputs[0] == outputs[1] and "的发票合计而成" not in outputs[0]


def test_the_batch_preview_with_trace_carries_the_warning(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    _write(folder, with_invoices(invoice(1, "2023-06-15", 60000), invoice(2, "2024-06-15", 50000)), "a.json")
    _write(folder, with_invoices(invoice(1, "2024-06-15", 60000), invoice(2, "2024-07-15", 50000)), "b.json")
    run = shenbao("preview", "--profiles", str(folder), "--as-of", "2026-03-10", "--trace")
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    warned = {
        line["file"]: sorted(r["measure"] for r in line["results"] if TWO_YEARS in r["warnings"])
        for line in lines
    }
    assert warned == {"a.json": ["fj2025.compute_voucher", "fz2024.compute_use"], "b.json": []}
