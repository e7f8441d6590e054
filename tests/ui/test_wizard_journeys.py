"""Every measure's wizard as a user walks it, on an enterprise that can apply: the shared pages and the
measure's own typed as people type (full-width digits, 25万, 2025年10月1日), 上一步 and 下一步, closed
half-way and reopened where it stopped, then 完成. Each journey checks that the 申报书 is written and
reads back with the enterprise, its code, the amount the preview gives and every answer; that the
register holds it as 已生成 with that amount; and that the stored profile changed in the answered
fields only. And the app killed (kill -9) in the middle of a wizard loses nothing it had saved."""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from shenbao.core.forms import forms as all_forms
from shenbao.core.model import parse_profile
from shenbao.core.money import yuan
from tests.pdf.helpers import text_of
from tests.store.factory import make_id_number, make_uscc
from tests.ui.drive import type_cell, type_into

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NAME = "福州闽江智算科技有限公司"
CODE = make_uscc(131)
NOW = dt.date(2026, 3, 10)  # fj2025, fz2024 and fz2020 in force
FJ2023 = dt.date(2025, 6, 1)  # before fj2025 superseded it

# The shared pages, typed as a clerk copies them from the licence and last year's accounts:
# (key, typed, as printed on the form).
SHARED = [
    ("enterprise.legal_representative", "陈建国", "陈建国"),
    ("enterprise.address", "福州市鼓楼区软件大道８９号Ａ区１８座", "福州市鼓楼区软件大道８９号Ａ区１８座"),
    ("enterprise.established_on", "２０１８年３月８日", "2018-03-08"),
    ("enterprise.registered_capital", "５００万", "5,000,000.00"),
    ("enterprise.contact_name", "林晓东", "林晓东"),
    ("enterprise.contact_phone", "０５９１－８７６５４３２１", "0591-87654321"),
    ("enterprise.email", "linxd@minjiang-ai.cn", "linxd@minjiang-ai.cn"),
    ("enterprise.employees", "１２０人", "120"),
    ("enterprise.rd_staff", "45", "45"),
    ("enterprise.revenue_prev_year", "1.2亿", "120,000,000.00"),
    ("enterprise.rd_expense_prev_year", "８６０万", "8,600,000.00"),
]


@dataclass
class Journey:
    """What a measure's applicant already has on file, and what they type on the measure's pages: a
    line's text, a choice's label, or a table's rows of cells."""

    answers: dict[str, Any]
    printed: list[str]  # what the measure's answers print as
    as_of: dt.date = NOW
    enterprise: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)


YES = "是"
INVOICES = [
    ["福州算力中心有限公司", "35020000000123456789", "２０２６年１月１５日", "25万"],
    ["福建云算力服务有限公司", "35020000000123456790", "2026/2/20", "１２０，０００"],
]
INVOICES_2024 = [
    ["福州算力中心有限公司", "35020000000123450001", "２０２５年１月１５日", "25万"],
    ["福建云算力服务有限公司", "35020000000123450002", "2025.2.20", "１５０，０００"],
]
PRODUCTS = [
    ["闽江工业质检大模型", "软件", "面向纺织、鞋服行业的缺陷检测"],
    ["智算边缘一体机", "硬件", "国产芯片推理服务器"],
]
ENGINEERS = [
    ["王立新", "", make_id_number(41)],
    ["陈嘉豪", "回乡证", "H12345678"],
    ["郑雅文", "居民身份证", make_id_number(42)],
]
PARK = {"org_type": "park_operator", "name": "福州闽江人工智能产业园运营管理有限公司"}

JOURNEYS: dict[str, Journey] = {
    "fj2025.vertical_model": Journey({"facts.vertical_model_project": YES}, ["是"]),
    "fj2025.quality_product": Journey(
        {"facts.ai_products": PRODUCTS}, ["闽江工业质检大模型", "智算边缘一体机"]
    ),
    "fj2025.rd_expense": Journey({"enterprise.is_ai_enterprise": YES}, ["是"]),
    "fj2025.innovation_platform": Journey(
        {
            "facts.platform_is_lead_builder": YES,
            "facts.platform_investment_items": [
                ["ＧＰＵ服务器集群", "３８０万"],
                ["数据标注平台", "1,200,000"],
            ],
        },
        ["ＧＰＵ服务器集群", "3,800,000.00", "数据标注平台", "1,200,000.00"],
    ),
    "fj2025.quality_enterprise": Journey({"enterprise.is_ai_enterprise": YES}, ["是"]),
    "fj2025.tech_reform": Journey({"facts.model_agent_project": YES}, ["是"]),
    "fj2025.standards": Journey({"facts.standards_participation": YES}, ["是"]),
    "fj2025.ai_park_fund": Journey(
        {"enterprise.recognitions.provincial_ai_park": "２０２５年１２月１日"},
        ["2025-12-01"],
        enterprise=PARK,
    ),
    "fj2025.compute_voucher": Journey(
        {"facts.compute_invoices": INVOICES},
        [
            "福州算力中心有限公司",
            "35020000000123456789",
            "2026-01-15",
            "250,000.00",
            "120,000.00",
            "370,000.00",
        ],
    ),
    "fj2025.data_park": Journey({"facts.data_element_park_selected": YES}, ["是"], enterprise=PARK),
    "fj2025.trusted_data_space": Journey({"facts.trusted_data_space_pilot": YES}, ["是"]),
    "fj2025.core_engineer": Journey(
        {"enterprise.in_ai_backbone_list": YES, "facts.core_engineers": ENGINEERS},
        ["王立新", "陈嘉豪", "回乡证", "H1*****78", "郑雅文"],
    ),
    "fj2025.overseas_youth": Journey({"facts.overseas_youth_invited": YES}, ["是"]),
    "fj2025.leading_talent": Journey({"facts.leading_talent_project": YES}, ["是"]),
    "fj2023.compute_infra_interest": Journey(
        {
            "facts.infra_new_or_expanded": YES,
            "facts.infra_pflops_nominal": "１２０",
            "facts.infra_in_provincial_key_library": YES,
            "facts.infra_loan_amount": "5000万",
            "facts.infra_loan_years": "３",
        },
        ["120", "50,000,000.00", "3"],
        as_of=FJ2023,
    ),
    "fj2023.compute_voucher": Journey(
        {
            "enterprise.is_ai_enterprise": YES,
            "facts.compute_invoices": INVOICES_2024,
            "facts.compute_subsidy_year_index": "第二年",
        },
        ["福州算力中心有限公司", "2025-01-15", "250,000.00", "150,000.00", "400,000.00", "第二年"],
        as_of=FJ2023,
    ),
    "fj2023.major_project": Journey(
        {"facts.is_leading_enterprise": YES, "facts.joint_with_university": YES}, ["是"], as_of=FJ2023
    ),
    "fj2023.key_tech": Journey(
        {"facts.keytech_total_investment": "６００万"}, ["6,000,000.00"], as_of=FJ2023
    ),
    "fj2023.lingyan": Journey(
        {"enterprise.is_ai_enterprise": YES, "facts.is_software_enterprise": YES}, ["是"], as_of=FJ2023
    ),
    "fj2023.quality_product": Journey(
        {"facts.ai_products": PRODUCTS[:1]}, ["闽江工业质检大模型"], as_of=FJ2023
    ),
    "fj2023.typical_scenario": Journey({"facts.scenario_count": "２个"}, ["2"], as_of=FJ2023),
    "fz2024.compute_supply": Journey(
        {
            "facts.infra_in_fuzhou": YES,
            "facts.infra_pflops_nominal": "２００",
            "facts.infra_domestic_chip_ratio": "８５％",
            "facts.infra_in_key_library": YES,
            "facts.infra_registered": YES,
            "facts.infra_operational_on": "2025年10月1日",
            "facts.infra_pflops_sold": "１２０",
        },
        ["200", "85%", "2025-10-01", "120"],
    ),
    "fz2024.compute_use": Journey(
        {
            "enterprise.in_fz_compute_platform": YES,
            "facts.compute_invoices": [
                ["福州算力中心有限公司", "35020000000123456700", "2026-01-05", "２０万"]
            ],
            "facts.compute_subsidy_year_index": "第一年",
        },
        ["福州算力中心有限公司", "200,000.00", "第一年"],
    ),
    "fz2024.general_tech": Journey({"facts.general_tech_project": YES}, ["是"]),
    "fz2024.demo_scenario": Journey({"facts.scenario_count": "１"}, ["1"]),
    "fz2024.iiot_project": Journey({"facts.iiot_actual_investment": "３００万元"}, ["3,000,000.00"]),
    "fz2024.ai_training": Journey({"facts.ai_training_in_fuzhou": YES}, ["是"]),
    "fz2020.electricity": Journey(
        {"enterprise.is_ai_enterprise": YES, "facts.in_high_tech_zone": YES}, ["是"]
    ),
    "fz2020.major_project": Journey({"facts.city_major_project": YES}, ["是"]),
    "fz2020.national_key_lab": Journey(
        {"enterprise.recognitions.national_key_lab": "2023-05-20"}, ["2023-05-20"]
    ),
    "fz2020.national_open_platform": Journey(
        {"enterprise.recognitions.national_ai_open_platform": "2021年9月1日"}, ["2021-09-01"]
    ),
    "fz2020.new_rd_institution": Journey(
        {
            "enterprise.is_ai_enterprise": YES,
            "enterprise.recognitions.provincial_new_rd_institution": "2024.7.1",
        },
        ["2024-07-01"],
    ),
    "fz2020.provincial_enterprise_key_lab": Journey(
        {"enterprise.recognitions.provincial_enterprise_key_lab": "20220315"}, ["2022-03-15"]
    ),
    "fz2020.rd_equipment": Journey(
        {
            "enterprise.recognitions.provincial_new_rd_institution": "2023/6/30",
            "facts.rd_equipment_purchase_non_fiscal": "８００万",
        },
        ["2023-06-30", "8,000,000.00"],
    ),
}


# What each measure's text gives for those answers (MEASURES.md), in 万元; None: 按规定 or not money.
WAN = {
    "fj2023.compute_infra_interest": "300",  # 5000 万 × 2% × 3 年
    "fj2023.compute_voucher": "16",  # 40%（第二年）× 40 万
    "fj2023.key_tech": "240",  # 40% × 600 万
    "fj2023.lingyan": "50",
    "fj2023.major_project": "800",
    "fj2023.quality_product": "30",
    "fj2023.typical_scenario": "100",  # 50 万 × 2
    "fj2025.ai_park_fund": "1000",
    "fj2025.compute_voucher": "18.5",  # 50% × 37 万
    "fj2025.core_engineer": "60",  # 20 万 × 3 人
    "fj2025.innovation_platform": "250",  # 50% × 500 万
    "fj2025.quality_enterprise": "300",
    "fj2025.quality_product": "100",  # 50 万 × 2
    "fj2025.vertical_model": "1000",
    "fz2020.major_project": "100",
    "fz2020.national_key_lab": "100",
    "fz2020.national_open_platform": "500",
    "fz2020.new_rd_institution": "30",
    "fz2020.provincial_enterprise_key_lab": "50",
    "fz2020.rd_equipment": "200",  # 25% × 800 万
    "fz2024.ai_training": "30",
    "fz2024.compute_supply": "600",  # 5 万 × 120 P
    "fz2024.compute_use": "10",  # 50%（第一年）× 20 万
    "fz2024.demo_scenario": "100",
    "fz2024.general_tech": "500",
    "fz2024.iiot_project": "60",  # 20% × 300 万
}
AMOUNTS = {m: Decimal(WAN[m]) * 10_000 if m in WAN else None for m in JOURNEYS}


def test_every_form_has_a_journey() -> None:
    assert sorted(JOURNEYS) == sorted(all_forms())


def on_file(journey: Journey) -> dict[str, Any]:
    """The enterprise as saved before the wizard: name, code, place, and what the measure's text needs
    beyond the wizard's own questions."""
    enterprise = {
        "name": NAME,
        "uscc": CODE,
        "org_type": "enterprise",
        "province": "福建省",
        "city": "福州市",
        "district": "鼓楼区",
        **journey.enterprise,
    }
    return {"enterprise": enterprise, "facts": dict(journey.facts)}


def answer(qtbot: Any, page: Any, key: str, typed: Any) -> None:
    editor = page.editors[key]
    if editor.model is not None:
        for cells in typed:
            qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
            row = editor.model.rowCount() - 1
            for column, text in enumerate(cells):
                if text:
                    type_cell(qtbot, editor, row, column, text)
    elif editor.combo is not None:
        combo = editor.combo
        index = combo.findText(typed)
        assert index >= 0, (key, typed)
        combo.setFocus()
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
    else:
        type_into(qtbot, editor, typed)


def shown(page: Any) -> dict[str, Any]:
    return {key: editor.value() for key, editor in page.editors.items()}


def press(qtbot: Any, wizard: Any, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    page = wizard.currentPage()
    assert button.isEnabled(), getattr(page, "problems", lambda: [])()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def flat(doc: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(doc, dict):
        out: dict[str, Any] = {}
        for k, v in doc.items():
            out.update(flat(v, f"{prefix}.{k}" if prefix else k))
        return out
    return {prefix: doc}


@pytest.mark.parametrize("measure", sorted(JOURNEYS))
def test_a_wizard_from_first_page_to_the_printed_form(qtbot, store, measure) -> None:
    from shenbao.core.rules import rules
    from shenbao.ui.wizard import WizardDialog

    journey = JOURNEYS[measure]
    store.save_profile(on_file(journey))
    before = store.get_profile(CODE)

    def open_wizard() -> WizardDialog:
        wizard = WizardDialog(
            store, measure, CODE, journey.as_of, open_pdf=False, today=lambda: journey.as_of
        )
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    wizard = open_wizard()
    names = [p.page.id for p in wizard.form_pages]
    assert wizard.current_page_name() == names[0] == "applicant"
    for key, typed, _printed in SHARED:
        page = wizard.currentPage()
        if key not in page.editors:
            press(qtbot, wizard, QWizard.WizardButton.NextButton)
            page = wizard.currentPage()
        answer(qtbot, page, key, typed)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    own = names[2:]
    for i, name in enumerate(own):
        assert wizard.current_page_name() == name
        page = wizard.currentPage()
        for key, typed in journey.answers.items():
            if key in page.editors:
                answer(qtbot, page, key, typed)
        assert page.isComplete(), page.problems()
        kept = shown(page)
        press(qtbot, wizard, QWizard.WizardButton.BackButton)
        press(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.current_page_name() == name and shown(wizard.currentPage()) == kept
        if i == len(own) - 1:  # closed half-way, reopened where it was left with what was typed
            wizard.close()
            wizard = open_wizard()
            assert wizard.current_page_name() == name
            assert shown(wizard.currentPage()) == kept
            page = wizard.currentPage()
        press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.current_page_name() == "review"
    review = wizard.review.browser.toPlainText()
    live = wizard.result
    assert live.status == "eligible", (live.status, live.reasons, live.missing)
    assert live.amount == AMOUNTS[measure]
    for printed in [p for _k, _t, p in SHARED] + journey.printed:
        assert printed in review or "*" in printed, printed  # (a masked number: masked wholly on screen)
    with qtbot.waitSignal(wizard.pdfRendered, timeout=30000) as rendered:
        press(qtbot, wizard, QWizard.WizardButton.FinishButton)
    pdf = Path(rendered.args[0])

    # the preview of what is stored now gives the amount the form printed
    after = store.get_profile(CODE)
    preview = rules().preview(parse_profile(after), journey.as_of).result(measure)
    assert preview.status == "eligible" and preview.amount == AMOUNTS[measure]
    text, _pages = text_of(pdf)
    assert len(PdfReader(pdf).pages) >= 3
    assert on_file(journey)["enterprise"]["name"] in text
    assert CODE in text
    if preview.amount is not None:
        assert yuan(preview.amount) in text, yuan(preview.amount)
        assert f"{preview.amount:,.2f}" in review
    for _key, _typed, printed in SHARED:
        assert printed in text, printed
    for printed in journey.printed:
        assert re.sub(r"\s+", "", printed) in text, printed

    (decl,) = store.list_declarations(CODE)
    assert decl.state == "rendered" and decl.measure == measure
    assert decl.preview["amount"] == (None if preview.amount is None else f"{preview.amount:.2f}")

    # the profile changed in the answered fields only
    was, now = flat(copy.deepcopy(before)), flat(after)
    answered = {key for key, _t, _p in SHARED} | {
        k if not k.startswith("enterprise.recognitions.") else "enterprise.recognitions"
        for k in journey.answers
    }
    changed = {
        k for k in was.keys() | now.keys() if was.get(k) != now.get(k) and not k.startswith("provenance")
    }
    assert changed <= answered | {"facts.compute_purchase_amount", "facts.platform_investment"}, (
        changed - answered
    )
    assert {key for key, _t, _p in SHARED} <= changed  # (none of them was on file)
    for key in answered - {key for key, _t, _p in SHARED}:
        assert any(k == key or k.startswith(key + ".") for k in changed), key


class Bot:
    """What `answer` needs of qtbot, for a process of its own."""

    @staticmethod
    def keyClicks(widget: Any, text: str) -> None:
        from PySide6.QtTest import QTest

        QTest.keyClicks(widget, text)

    @staticmethod
    def keyClick(widget: Any, key: Any) -> None:
        from PySide6.QtTest import QTest

        QTest.keyClick(widget, key)

    @staticmethod
    def mouseClick(widget: Any, button: Any) -> None:
        from PySide6.QtTest import QTest

        QTest.mouseClick(widget, button)

    @staticmethod
    def waitUntil(check: Any, timeout: int = 2000) -> None:
        import time

        from PySide6.QtWidgets import QApplication

        end = time.monotonic() + timeout / 1000
        while not check():
            assert time.monotonic() < end
            QApplication.processEvents()


WINDOW_KILLED = """
import datetime as dt, sys
from PySide6.QtWidgets import QWizard
from shenbao.ui.app import create_application
app = create_application(language="zh_CN")
from shenbao.core.store import Store
from shenbao.ui.wizard import WizardDialog
from tests.ui.test_wizard_journeys import ENGINEERS, Bot, answer
store = Store.open(sys.argv[1], daily_backup=False)
wizard = WizardDialog(store, "fj2025.core_engineer", sys.argv[2], dt.date(2026, 3, 10), open_pdf=False)
wizard.show()
wizard.next()
answer(Bot, wizard.currentPage(), "enterprise.contact_name", "林晓东")
answer(Bot, wizard.currentPage(), "enterprise.contact_phone", "０５９１－８７６５４３２１")
wizard.next()
answer(Bot, wizard.currentPage(), "enterprise.in_ai_backbone_list", "是")
answer(Bot, wizard.currentPage(), "facts.core_engineers", ENGINEERS)
print("saved", flush=True)
app.exec()
"""


def test_a_window_killed_mid_wizard_loses_nothing_it_saved(qtbot, data_dir, no_keyring, tmp_path) -> None:
    """The app killed (kill -9) on the engineers' page, its answers committed: reopened, the wizard is
    on that page with every answer, the 身份证号 included."""
    import signal
    import subprocess
    import sys

    from shenbao.core.store import Store
    from shenbao.ui.wizard import WizardDialog
    from tests.store.factory import cli_env

    with Store.open(data_dir, daily_backup=False) as store:
        store.save_profile(on_file(Journey({}, [])))
    env = cli_env(data_dir, SHENBAO_SETTINGS=str(tmp_path / "settings.ini"), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] += ":" + str(Path(__file__).resolve().parents[2])
    with subprocess.Popen(
        [sys.executable, "-c", WINDOW_KILLED, str(data_dir), CODE],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        line = proc.stdout.readline()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert line.strip() == "saved", proc.stderr.read()
    assert proc.returncode == -signal.SIGKILL
    store = Store.open(data_dir, daily_backup=False)
    try:
        draft = store.open_declaration(CODE, "fj2025.core_engineer")
        assert draft is not None and draft.page == "engineers"
        wizard = WizardDialog(store, "fj2025.core_engineer", CODE, NOW, open_pdf=False)
        qtbot.addWidget(wizard)
        wizard.show()
        assert wizard.current_page_name() == "engineers"
        roster = wizard.currentPage().editors["facts.core_engineers"].value()
        assert [(r["name"], r["id_number"]) for r in roster] == [(n, number) for n, _t, number in ENGINEERS]
        assert wizard.answers["enterprise.contact_name"] == "林晓东"
        assert wizard.answers["enterprise.contact_phone"] == "0591-87654321"
        assert wizard.result.status == "eligible" and wizard.result.amount == 600000
        wizard.reject()
    finally:
        store.close()
