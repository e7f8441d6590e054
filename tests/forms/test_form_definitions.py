"""forms/: every measure has a form, every form validates against the model, and the loader is strict."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from shenbao import paths
from shenbao.core.forms import SECTIONS, TYPES, Condition, FormError, load_form, load_forms
from shenbao.core.model import DETAIL_DERIVES, ORG_TYPES

JUDGED = ("fj2025", "fj2023", "fz2024", "fz2020")


def _measures() -> dict[str, dict]:
    out = {}
    for doc in JUDGED:
        with (paths.policies() / "measures" / f"{doc}.toml").open("rb") as fh:
            for measure in tomllib.load(fh)["measure"]:
                out[measure["id"]] = measure
    return out


@pytest.fixture(scope="module")
def forms():
    return load_forms()


def test_every_judged_measure_has_exactly_one_form(forms):
    measures = _measures()
    assert len(measures) >= 34
    assert sorted(forms) == sorted(measures)


def test_every_form_asks_its_conditions_and_formula_inputs(forms):
    derived_by = {f"facts.{fact}": f"facts.{detail}" for detail, fact in DETAIL_DERIVES.items()}
    for measure_id, measure in _measures().items():
        form = forms[measure_id]
        keys = {f.key for f in form.fields}
        recognitions = {f.recognition for f in form.fields if f.recognition}
        needed = [c["fact"] for c in measure.get("conditions", []) if "fact" in c] + measure.get("inputs", [])
        for fact in needed:
            assert fact in keys or derived_by.get(fact) in keys, f"{measure_id} does not ask {fact}"
        for cond in measure.get("conditions", []):
            if "recognition" in cond:
                assert cond["recognition"] in recognitions, f"{measure_id} does not ask {cond['recognition']}"


def test_detail_lists_are_asked_where_the_measures_need_them(forms):
    assert forms["fj2025.compute_voucher"].field("facts.compute_invoices").columns == (
        "supplier",
        "invoice_no",
        "date",
        "amount",
    )
    assert forms["fj2025.quality_product"].field("facts.ai_products").type == "table"
    engineers = forms["fj2025.core_engineer"].field("facts.core_engineers")
    assert engineers.columns == ("name", "id_type", "id_number") and engineers.mask == ("id_number",)
    assert forms["fj2025.innovation_platform"].field("facts.platform_investment_items").columns == (
        "item",
        "amount",
    )


def test_pages_cite_their_clause_and_forms_carry_materials_and_commitment(forms):
    for form in forms.values():
        assert form.title.endswith("申报书")
        first = form.measure_pages[0]
        assert first.help.startswith("依据《") and "：" in first.help, form.measure
        assert len(form.materials) >= 4
        assert "{" not in form.commitment_text("某公司", form.title)
        assert form.sections == SECTIONS
        for f in form.fields:
            assert f.type in TYPES and f.label


def test_shared_pages_come_first_and_org_type_is_a_choice(forms):
    form = forms["fz2024.compute_use"]
    assert [p.id for p in form.pages][:2] == ["applicant", "contact"]
    assert all(p.shared for p in form.pages[:2]) and not form.pages[2].shared
    org = form.field("enterprise.org_type")
    assert org.type == "choice" and dict(org.choices) == ORG_TYPES
    year = form.field("facts.compute_subsidy_year_index")
    assert year.type == "choice" and year.kind == "year_index" and year.choices[0] == (1, "第一年")


def test_show_if_is_parsed_and_evaluated(forms):
    years = forms["fj2023.compute_infra_interest"].field("facts.infra_loan_years")
    assert years.show_if == Condition("facts.infra_loan_amount", ">", 0)
    assert years.show_if.holds(1000) and not years.show_if.holds(0) and not years.show_if.holds(None)
    assert Condition("facts.x", "==", True).holds(True) and not Condition("facts.x", "==", True).holds(False)
    assert not Condition("facts.x", ">", 1).holds("text")


# --- the loader rejects what it does not understand ------------------------------------------------

GOOD = """measure = "fj2025.compute_voucher"
title = "算力服务补助申报书"
[[pages]]
id = "purchase"
title = "算力服务"
help = "依据……"
fields = [ {FIELD} ]
"""


def _write(tmp_path: Path, field: str, extra: str = "") -> Path:
    shutil.copy(paths.forms() / "_common.toml", tmp_path / "_common.toml")
    path = tmp_path / "fj2025.compute_voucher.toml"
    path.write_text(extra + GOOD.replace("{FIELD}", field), encoding="utf-8")
    return path


def test_a_minimal_form_loads(tmp_path):
    form = load_form(_write(tmp_path, '{ key = "facts.compute_purchase_amount" }'))
    assert form.field("facts.compute_purchase_amount").type == "money"
    assert form.field("facts.compute_purchase_amount").required


def test_a_form_that_calls_the_registered_place_a_text_still_loads(tmp_path):
    """注册地 was of kind text before it read 福州 as 福州市: a form written then, saying so, still loads, and
    a form may still offer its own list of cities."""
    field = (
        '{ key = "enterprise.city", type = "text" }, { key = "enterprise.province", type = "text" },'
        ' { key = "enterprise.district", type = "choice", choices = [["鼓楼区", "鼓楼区"]] }'
    )
    form = load_form(_write(tmp_path, field, "include = []\n"))
    assert form.field("enterprise.city").type == "city"
    assert form.field("enterprise.province").type == "province"
    listed = (
        '{ key = "enterprise.city", type = "choice", choices = [["福州市", "福州"], ["厦门市", "厦门"]] }'
    )
    city = load_form(_write(tmp_path, listed, "include = []\n")).field("enterprise.city")
    assert city.type == "choice" and city.choices[1] == ("厦门市", "厦门")
    with pytest.raises(FormError, match="不符"):
        load_form(_write(tmp_path, '{ key = "enterprise.name", type = "city" }'))


@pytest.mark.parametrize(
    ("field", "extra", "message"),
    [
        ('{ key = "facts.compute_purchase_amount", colour = "red" }', "", "未知的键 colour"),
        ('{ key = "facts.compute_purchase_amount" }', 'footer = "x"\n', "未知的键 footer"),
        ('{ key = "facts.compute_purchase_amount", type = "slider" }', "", "未知的字段类型 'slider'"),
        ('{ key = "facts.compute_purchase_amount", type = "bool" }', "", "不符"),
        ('{ key = "facts.no_such_fact" }', "", "不是 shenbao.core.model 中的事实"),
        ('{ key = "enterprise.shoe_size" }', "", "不是 shenbao.core.model 中的事实"),
        ('{ key = "facts.compute_invoices", columns = ["supplier", "colour"] }', "", "没有列 colour"),
        ('{ key = "facts.compute_purchase_amount", columns = ["supplier"] }', "", "只用于明细清单"),
        (
            '{ key = "facts.compute_purchase_amount", show_if = "facts.nothing == true" }',
            "",
            "不是本表单的字段",
        ),
        ('{ key = "facts.compute_purchase_amount", show_if = "whenever" }', "", "应为「<字段键>"),
        ('{ key = "enterprise.recognitions", recognition = "moon_base" }', "", "recognition 应为"),
        ('{ key = "facts.infra_in_fuzhou", choices = [[1, "一"]] }', "", "choices 应为"),
        ('{ key = "facts.compute_purchase_amount", required = "yes" }', "", "应为 true 或 false"),
        ('{ key = "facts.compute_purchase_amount" }', 'commitment = "{company}"\n', "占位符"),
        (
            '{ key = "facts.compute_purchase_amount" }',
            'sections = ["cover", "basic"]\n',
            "未知的打印部分 cover",
        ),
        ('{ key = "facts.compute_purchase_amount" }', 'include = ["nowhere"]\n', "未知的共用页面 nowhere"),
        ('{ key = "enterprise.name" }', "", "询问了两次"),
        (
            '{ key = "facts.compute_purchase_amount" }',
            'materials = ["算力服务合同"]\nmaterials_en = ["Contract", "Invoices"]\n',
            "materials_en",
        ),
    ],
)
def test_the_loader_rejects(tmp_path, field, extra, message):
    with pytest.raises(FormError, match=None) as err:
        load_form(_write(tmp_path, field, extra))
    assert message in str(err.value)
    assert "fj2025.compute_voucher.toml" in str(err.value)


def test_materials_carry_their_english_one_for_one(tmp_path):
    """The form's own materials follow _common's, and so does their English; a form without English
    for its own materials has none at all, never a list that pairs the wrong items."""
    english = 'materials = ["算力服务合同"]\nmaterials_en = ["Computing services contract"]\n'
    form = load_form(_write(tmp_path, '{ key = "facts.compute_purchase_amount" }', english))
    assert len(form.materials_en) == len(form.materials) and form.materials[-1] == "算力服务合同"
    assert form.materials_en[-1] == "Computing services contract"
    bare = load_form(_write(tmp_path, '{ key = "facts.compute_purchase_amount" }', 'materials = ["x"]\n'))
    assert bare.materials[-1] == "x" and bare.materials_en == ()


def test_the_file_name_must_match_the_measure(tmp_path):
    path = _write(tmp_path, '{ key = "facts.compute_purchase_amount" }')
    renamed = path.rename(tmp_path / "fj2023.compute_voucher.toml")
    with pytest.raises(FormError, match="与文件名不符"):
        load_form(renamed)


def test_bad_toml_names_the_file(tmp_path):
    path = _write(tmp_path, "{ key = ")
    with pytest.raises(FormError, match="不是有效的 TOML"):
        load_form(path)


def test_every_printed_detail_column_takes_its_width_from_the_common_file(tmp_path: Path) -> None:
    """The PDF lays a detail table out by the widths forms/_common.toml gives, not by column name: a
    column without one is refused when the form loads, and a width changed there changes the form."""
    for form in load_forms().values():
        for field in form.fields:
            if field.type == "table":
                assert len(field.widths) == len(field.columns) and all(w > 0 for w in field.widths)
    folder = tmp_path / "forms"
    shutil.copytree(paths.forms(), folder)
    common = folder / "_common.toml"
    text = common.read_text(encoding="utf-8")
    common.write_text(text.replace("id_number = 3.2\n", "id_number = 9\n"), encoding="utf-8")
    roster = load_forms(folder)["fj2025.core_engineer"].field("facts.core_engineers")
    assert roster.widths[roster.columns.index("id_number")] == 9
    common.write_text(text.replace("id_number = 3.2\n", ""), encoding="utf-8")
    with pytest.raises(FormError, match="column_widths 缺少列 id_number"):
        load_forms(folder)


def test_a_field_hidden_by_its_form_is_the_one_the_rules_do_not_ask(forms):
    """The wizard hides the term of a loan of 0 (show_if) and the rules do not list it 待补充
    (model.ASKED_ONLY_IF): the two say the same, so no page asks for a field it does not show."""
    from decimal import Decimal

    from shenbao.core.model import ASKED_ONLY_IF

    hidden = {
        f.key: f.show_if
        for form in forms.values()
        for page in form.pages
        for f in page.fields
        if f.show_if is not None and f.key.startswith("facts.")
    }
    assert hidden  # the loan's term at least
    for key, cond in hidden.items():
        assert key in ASKED_ONLY_IF, key
        on, op, operand = ASKED_ONLY_IF[key]
        assert (cond.key, cond.op, Decimal(str(cond.value))) == (on, op, operand), key
