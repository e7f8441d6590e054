"""The policy library as data: strict schema, every reference resolves, every clause is the seed's words."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from shenbao import paths
from shenbao.core.policies import PolicyDataError, catalogue, load_catalogue
from shenbao.core.rules.formulas import OPTIONAL_PARAMS, PARAMS_READ, REGISTRY, FormulaInput

from ..conftest import SEEDS as SEED_DIR

CAT = catalogue()
SEEDS = {
    "fj2025": "001_e4e636b7c01453da.simplified.txt",
    "fj2025d": "002_14ff540dc732a0e3.txt",
    "fj2023": "000_1c674f7fc8047981.txt",
    "fz2024": "003_dfb7ece30af7095a.txt",
    "fz2020": "004_db964d3892a9ae0f.txt",
}


def words(text: str) -> str:
    """Text without spacing, punctuation or markup: the words, which must match."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PSZ")


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    out = {}
    for doc, name in SEEDS.items():
        text = (SEED_DIR / name).read_text(encoding="utf-8")
        out[doc] = words(text.replace("?qū", ""))
    return out


def test_documents_and_periods() -> None:
    docs = CAT.documents
    assert set(docs) == {"fj2025", "fj2025d", "fj2023", "fz2024", "fz2020"}
    assert (docs["fj2025"].in_force_from, docs["fj2025"].in_force_to) == (
        dt.date(2025, 11, 4),
        dt.date(2028, 12, 31),
    )
    assert (docs["fj2023"].in_force_from, docs["fj2023"].in_force_to) == (
        dt.date(2023, 9, 26),
        dt.date(2025, 11, 3),
    )
    assert (docs["fz2024"].in_force_from, docs["fz2024"].in_force_to) == (
        dt.date(2024, 3, 20),
        dt.date(2026, 12, 31),
    )
    assert (docs["fz2020"].in_force_from, docs["fz2020"].in_force_to) == (dt.date(2020, 2, 14), None)
    assert docs["fz2024"].number == "榕政办规〔2024〕11号"
    assert docs["fz2020"].number == "榕政办〔2020〕15号"
    assert not docs["fj2025d"].in_force(dt.date(2026, 1, 1))
    assert docs["fj2023"].status(dt.date(2026, 1, 1)) == "已被替代"
    assert docs["fj2025d"].status(dt.date(2026, 1, 1)) == "征求意见稿"
    assert docs["fz2024"].status(dt.date(2027, 1, 1)) == "已失效"
    assert docs["fj2025"].status(dt.date(2026, 1, 1)) == "现行有效"


def test_the_draft_is_never_judged() -> None:
    assert "fj2025d" not in CAT.judged
    assert not any(m.document == "fj2025d" for m in CAT.measures.values())


@pytest.mark.parametrize("measure", list(CAT.measures.values()), ids=list(CAT.measures))
def test_clause_is_in_its_article_and_in_the_seed(measure, seeds) -> None:
    article = CAT.documents[measure.document].articles[measure.article]
    assert words(measure.clause) in words(article.text)
    assert words(measure.clause) in seeds[measure.document]


def test_comparison_quotes_the_documents() -> None:
    (comparison,) = CAT.comparisons
    draft, final = CAT.documents[comparison.draft], CAT.documents[comparison.final]
    assert len(comparison.changes) >= 8
    for change in comparison.changes:
        if change.draft_text:
            article = draft.articles[change.draft_article]
            assert change.draft_text == article.heading or change.draft_text in article.text
        if change.final_text:
            article = final.articles[change.final_article]
            assert change.final_text == article.heading or change.final_text in article.text


@pytest.mark.parametrize("measure", list(CAT.measures.values()), ids=list(CAT.measures))
def test_every_parameter_a_formula_reads_exists(measure) -> None:
    if not measure.formula:
        return
    assert measure.formula in REGISTRY
    for name in PARAMS_READ[measure.formula]:
        assert name in measure.params, f"{measure.id} lacks parameter {name}"
    for param in measure.params.values():
        assert param.reference.split()[0] in CAT.documents or ";" in param.reference


@pytest.mark.parametrize("measure", [m for m in CAT.measures.values() if m.formula], ids=lambda m: m.id)
def test_formula_reads_only_declared_parameters(measure) -> None:
    read: list[str] = []

    class Recording(dict):
        def __getitem__(self, key):
            read.append(key)
            return super().__getitem__(key)

    as_of = CAT.documents[measure.document].in_force_from
    params = Recording(measure.params_at(as_of))
    inputs = tuple(
        as_of if p.endswith("_on") else 1 if "count" in p or "index" in p else Decimal(500000)
        for p in measure.inputs
    )
    REGISTRY[measure.formula](FormulaInput(inputs, params, as_of))
    assert set(read) <= set(PARAMS_READ[measure.formula]) | set(OPTIONAL_PARAMS)


def test_responsible_units_come_from_the_article() -> None:
    assert CAT.measures["fj2025.compute_voucher"].responsible == (
        "省数据管理局",
        "工信厅",
        "财政厅",
        "省通信管理局",
        "省大数据集团",
    )


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    target = tmp_path / "policies"
    shutil.copytree(paths.policies(), target)
    return target


def test_copy_loads(policy_copy: Path) -> None:
    assert len(load_catalogue(policy_copy).measures) == len(CAT.measures)


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            'selection = false\nformula = "rate_with_cap"',
            'selection = false\nselektion = true\nformula = "rate_with_cap"',
            "未知的键",
        ),
        ('article = "七"', 'article = "十一"', "条款 十一"),
        ('param = "threshold"', 'param = "treshold"', "参数 treshold"),
        ('fact = "facts.compute_purchase_amount"', 'fact = "facts.compute_purchase_amont"', "没有字段"),
        ('values = { 2025-11-04 = "0.5" }', "values = { 2025-11-04 = 0.5 }", "浮点数"),
        (
            'notes_en = ["CNY 200,000',
            'notes_en = ["one too many", "CNY 200,000',
            "notes_en: 应与 notes 一一对应",
        ),
        (
            'city_warnings_en = { "厦门市"',
            'city_warnings_en = { "泉州市"',
            "city_warnings_en: 应与 city_warnings 的键相同",
        ),
    ],
    ids=[
        "unknown-key",
        "missing-article",
        "missing-param",
        "unknown-fact",
        "float-value",
        "english-notes-not-one-for-one",
        "english-city-warnings-of-other-cities",
    ],
)
def test_strict_loader_rejects(policy_copy: Path, old: str, new: str, message: str) -> None:
    path = policy_copy / "measures" / "fj2025.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PolicyDataError, match=message):
        load_catalogue(policy_copy)


@pytest.mark.parametrize(
    ("otherwise", "message"),
    [
        ("facts.infra_in_key_librar", "没有字段"),
        ("facts.infra_loan_amount", "同类型"),  # a sum cannot answer a yes-or-no question
        ("facts.infra_in_provincial_key_library", "同类型的另一字段"),
    ],
    ids=["unknown-fact", "other-kind", "itself"],
)
def test_strict_loader_rejects_a_wider_fact_that_cannot_answer_for_the_condition(
    policy_copy: Path, otherwise: str, message: str
) -> None:
    path = policy_copy / "measures" / "fj2023.toml"
    text = path.read_text(encoding="utf-8")
    old = 'otherwise = "facts.infra_in_key_library"'
    assert old in text
    path.write_text(text.replace(old, f'otherwise = "{otherwise}"', 1), encoding="utf-8")
    with pytest.raises(PolicyDataError, match=message):
        load_catalogue(policy_copy)


# Each would load, then fail while judging a profile (or, for a word as a value, while loading) with a
# TypeError or decimal.InvalidOperation: a policy pack carrying one stopped the preview.
OPERANDS = {
    "word-as-value": ("fj2025", 'op = ">=", value = 1 }', 'op = ">=", value = "一" }', "应为数值"),
    "nan-as-value": ("fj2025", 'op = ">=", value = 1 }', 'op = ">=", value = "NaN" }', "应为数值"),
    "list-compared": ("fj2025", 'op = ">=", value = 1 }', 'op = ">=", value = [1] }', ">= 的 value 应为数值"),
    "in-one-value": (
        "fj2023",
        'op = "in", value = [1, 2, 3]',
        'op = "in", value = 1',
        "in 的 value 应为列表",
    ),
    "text-compared": (
        "fj2025",
        '{ fact = "facts.ai_product_count", op = ">=", value = 1 }',
        '{ fact = "enterprise.city", op = ">=", value = 1 }',
        "enterprise.city 不是数值",
    ),
    "date-compared": (
        "fj2025",
        '{ fact = "facts.ai_product_count", op = ">=", value = 1 }',
        '{ fact = "facts.infra_operational_on", op = ">=", value = 1 }',
        "facts.infra_operational_on 不是数值",
    ),
    "years-of-an-amount": (
        "fz2024",
        'fact = "facts.infra_operational_on", op = "within_years"',
        'fact = "facts.infra_pflops_sold", op = "within_years"',
        "within_years 只能用于日期字段",
    ),
    "years-from-a-param": (
        "fz2024",
        'op = "within_years", value = 1,',
        'op = "within_years", param = "min_pflops",',
        "整数年数",
    ),
    "word-as-threshold": (
        "fj2025",
        'params.threshold = { values = { 2025-11-04 = "100000" }',
        'params.threshold = { values = { 2025-11-04 = "十万" }',
        "参数 threshold 应为数值",
    ),
    "infinite-threshold": (
        "fj2025",
        'params.threshold = { values = { 2025-11-04 = "100000" }',
        'params.threshold = { values = { 2025-11-04 = "Infinity" }',
        "有限的数",
    ),
    "word-as-since": (
        "fz2020",
        "params.new_since = { values = { 2020-02-14 = 2020-02-14 }",
        'params.new_since = { values = { 2020-02-14 = "今年" }',
        "参数 new_since 应为日期",
    ),
    "word-as-rate": (
        "fj2025",
        'params.rate = { values = { 2025-11-04 = "0.5" }, reference = "fj2025 三" }',
        'params.rate = { values = { 2025-11-04 = "一半" }, reference = "fj2025 三" }',
        "params.rate: 取值 '一半' 不是公式 rate_with_cap 可用的形式",
    ),
    "huge-cap": (
        "fj2025",
        'params.cap = { values = { 2025-11-04 = "500000" }',
        'params.cap = { values = { 2025-11-04 = "1e30" }',
        "params.cap: 数值过大",
    ),
    "huge-value": ("fj2025", 'op = ">=", value = 1 }', 'op = ">=", value = "1e999990" }', "数值过大"),
    "month-thirteen": (
        "fz2024",
        "params.window_months = { values = { 2024-03-20 = [3, 9] }",
        "params.window_months = { values = { 2024-03-20 = [3, 13] }",
        "params.window_months",
    ),
}


@pytest.mark.parametrize("case", OPERANDS, ids=list(OPERANDS))
def test_strict_loader_rejects_what_a_condition_or_formula_cannot_compute_with(
    policy_copy: Path, case: str
) -> None:
    document, old, new, message = OPERANDS[case]
    path = policy_copy / "measures" / f"{document}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PolicyDataError, match=re.escape(message)):
        load_catalogue(policy_copy)


def _as_expression(policy_copy: Path, expression: str, rate: str = '"0.5"') -> None:
    """fj2025.innovation_platform computed by `expression` (as a policy pack may write it)."""
    path = policy_copy / "measures" / "fj2025.toml"
    text = path.read_text(encoding="utf-8")
    old_formula = 'formula = "rate_with_cap"\ninputs = ["facts.platform_investment"]'
    old_rate = 'params.rate = { values = { 2025-11-04 = "0.5" }, reference = "fj2025 三" }'
    assert old_formula in text and old_rate in text
    text = text.replace(
        old_formula, f'expression = "{expression}"\ninputs = ["facts.platform_investment"]', 1
    )
    path.write_text(text.replace(old_rate, old_rate.replace('"0.5"', rate), 1), encoding="utf-8")


@pytest.mark.parametrize("rate", ['"一半"', "2025-11-04", "[1]"], ids=["word", "date", "list"])
def test_strict_loader_rejects_an_expression_reading_a_parameter_that_is_not_a_number(
    policy_copy: Path, rate: str
) -> None:
    _as_expression(policy_copy, "min(rate * platform_investment, cap)", rate)
    with pytest.raises(PolicyDataError, match="params.rate: .*不能用于计算式"):
        load_catalogue(policy_copy)


def test_strict_loader_rejects_an_expression_reading_a_date(policy_copy: Path) -> None:
    _as_expression(policy_copy, "min(rate * platform_investment, cap)")
    path = policy_copy / "measures" / "fj2025.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'inputs = ["facts.platform_investment"]',
        'inputs = ["facts.platform_investment", "facts.infra_operational_on"]',
        1,
    )
    path.write_text(text.replace("min(rate * platform_investment, cap)", "infra_operational_on * rate", 1))
    with pytest.raises(PolicyDataError, match="facts.infra_operational_on 不能用于计算式"):
        load_catalogue(policy_copy)


def test_an_amount_beyond_the_fen_is_refused_not_a_crash(policy_copy: Path) -> None:
    from shenbao.core.model import parse_profile
    from shenbao.core.rules import Rules

    _as_expression(policy_copy, "platform_investment * cap * cap * cap")
    profile = parse_profile(
        {
            "enterprise": {"name": "甲", "province": "福建省", "city": "福州市"},
            "facts": {"platform_investment": 9999999999999, "platform_is_lead_builder": True},
        }
    )
    result = Rules(load_catalogue(policy_copy)).preview(profile, dt.date(2026, 6, 15))
    platform = result.result("fj2025.innovation_platform")
    assert (platform.status, platform.amount, platform.codes) == ("ineligible", None, ("amount",))
    assert "超出" in platform.reasons[0]


def test_strict_loader_rejects_unknown_document_key(policy_copy: Path) -> None:
    path = policy_copy / "documents" / "fz2024.toml"
    path.write_text('colour = "red"\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(PolicyDataError, match="未知的键 colour"):
        load_catalogue(policy_copy)


def test_version_changes_with_the_data(policy_copy: Path) -> None:
    before = load_catalogue(policy_copy).version
    path = policy_copy / "measures" / "fj2025.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_catalogue(policy_copy).version != before
