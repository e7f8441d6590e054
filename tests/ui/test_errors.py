"""Expected errors are told in plain words; a bug is never passed off as one: it reaches the bug dialog."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from shenbao.core.forms import FormError
from shenbao.core.model import ProfileError, parse_profile
from shenbao.core.pdf import NotRenderable
from shenbao.core.policies import PolicyDataError
from shenbao.core.rules import rules
from shenbao.errors import KnownError
from shenbao.ui.preview_panel import PreviewPanel
from tests.ui.conftest import AS_OF, saved_profile


@pytest.mark.parametrize("kind", [ProfileError, PolicyDataError, FormError, NotRenderable])
def test_expected_errors_share_one_base_and_are_not_value_errors(kind: type) -> None:
    assert issubclass(kind, KnownError) and not issubclass(kind, ValueError)


def test_a_profile_error_says_where_and_what() -> None:
    err = ProfileError("facts.compute_purchase_amount", "应为不小于 0 的金额（元）", source="a.json")
    assert str(err) == "a.json: facts.compute_purchase_amount: 应为不小于 0 的金额（元）"
    assert err.message == "应为不小于 0 的金额（元）" and err.exit_code == 2


def _panel(qtbot: Any, judge: Any) -> PreviewPanel:
    panel = PreviewPanel(judge, today=lambda: AS_OF)
    qtbot.addWidget(panel)
    return panel


def test_bad_input_shows_that_nothing_can_be_judged(qtbot: Any) -> None:
    def judge(doc: dict[str, Any], as_of: Any) -> Any:
        return rules().preview(parse_profile(doc), as_of)

    panel = _panel(qtbot, judge)
    panel.show_document(saved_profile(1, compute_purchase_amount=-5))
    assert panel.problem_label.text().startswith("暂不能测算")


def test_a_bug_in_a_formula_is_not_shown_as_bad_input(qtbot: Any) -> None:
    def judge(doc: dict[str, Any], as_of: Any) -> Any:
        raise KeyError("rate_year4")  # a formula reading a parameter the data lacks

    panel = _panel(qtbot, judge)
    with pytest.raises(KeyError):
        panel.show_document(saved_profile(1))
    assert "暂不能测算" not in panel.problem_label.text()


def test_an_uncaught_bug_reaches_the_bug_dialog(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from shenbao.ui import workers

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append((self.text(), self.detailedText())))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: shown.append(("warning", a[2]))))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(workers.traceback, "print_exception", lambda *a: None)
    workers.install_bug_hook()
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as err:
        sys.excepthook(type(err), err, err.__traceback__)
    try:
        raise PolicyDataError("fj2025.toml: 未知的键 x")
    except PolicyDataError as err:
        workers.show_error(None, err)
    assert shown[0][0].startswith("出现了一个程序错误") and "ZeroDivisionError" in shown[0][1]
    assert shown[1] == ("warning", "fj2025.toml: 未知的键 x")


def test_figures_of_the_profile_before_a_bad_change_do_not_stand_as_current(qtbot: Any) -> None:
    """A change the core refuses (here a negative sum) said 暂不能测算 above the previous judgement's
    total and statuses, shown as before: 「最高可申请 312.5 万元」 for an amount the user had just changed."""

    def judge(doc: dict[str, Any], as_of: Any) -> Any:
        return rules().preview(parse_profile(doc), as_of)

    panel = _panel(qtbot, judge)
    panel.show_document(saved_profile(1, compute_purchase_amount=250000))
    judged = panel.total_label.text()
    assert "万元" in judged and panel.tree.isEnabled()
    panel.show_document(saved_profile(1, compute_purchase_amount=-5))
    assert panel.problem_label.text().startswith("暂不能测算")
    assert panel.total_label.text() != judged and not panel.tree.isEnabled()
    panel.show_document(saved_profile(1, compute_purchase_amount=250000))
    assert panel.total_label.text() == judged and panel.tree.isEnabled()
    assert panel.problem_label.isHidden()
