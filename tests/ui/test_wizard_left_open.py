"""A wizard left open on a printed declaration while the register records it as submitted elsewhere (the
command, another window): what the register holds of the printed form is kept, and the user is told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Dialogs
from tests.store.factory import shenbao
from tests.ui.conftest import USCC, tenant

AS_OF = dt.date(2026, 3, 10)
VOUCHER = "fj2025.compute_voucher"


@pytest.fixture
def store(data_dir: Path, no_keyring: None) -> Iterator[Any]:
    from shenbao.core.store import Store

    opened = Store.open(data_dir, daily_backup=False)
    opened.save_profile(tenant(compute_purchase_amount=200000, compute_subsidy_year_index=1))
    yield opened
    opened.close()


def printed(store: Any) -> tuple[Any, ...]:
    return tuple(
        store.conn.execute(
            "SELECT register_state, preview, policy_version, pdf_sha256 FROM declarations WHERE id = 1"
        ).fetchone()
    )


def test_a_submitted_declaration_keeps_what_it_was_printed_with(
    qtbot: Any, store: Any, data_dir: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    from shenbao.core.register import basis_changed, entry, generate
    from shenbao.ui.wizard import WizardDialog

    done, _ = generate(store, USCC, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    wizard = WizardDialog(store, VOUCHER, USCC, AS_OF, open_pdf=False)  # resumes the printed one
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.declaration_id == done.id

    run = shenbao(data_dir, "declarations", "set-state", str(done.id), "submitted")
    assert run.returncode == 0, run.stderr
    before = printed(store)
    assert before[0] == "submitted" and all(before[1:])

    wizard.next()  # a page turned saves the draft
    wizard.next()
    wizard.reject()

    assert printed(store) == before  # was: taken back to a draft, its result, version and digest gone
    after = entry(store, done.id)
    assert after.state == "submitted" and after.pdf_state() == "ok"
    assert not basis_changed(store, after)  # was: 「依据已变化：政策数据已更新：None → …」
    told = dialogs.texts("warning")
    assert len(told) == 1, told  # once, not at each page turned and again on closing
    assert f"#{done.id}" in told[0] and "已提交" in told[0] and "未保存" in told[0]


def test_a_printed_declaration_opened_and_closed_in_the_wizard_can_still_be_printed_again(
    qtbot: Any, store: Any, tmp_path: Path
) -> None:
    from shenbao.core.register import basis_changed, entry, generate, reprint
    from shenbao.ui.wizard import WizardDialog

    done, _ = generate(store, USCC, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    before = printed(store)
    wizard = WizardDialog(store, VOUCHER, USCC, AS_OF, open_pdf=False)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.reject()  # nothing changed

    assert printed(store) == before
    kept = entry(store, done.id)
    assert not basis_changed(store, kept)
    Path(kept.pdf_path or "").unlink()  # the file lost: the register prints it again, word for word
    path, _ = reprint(store, done.id)  # was: 「生成时未保存测算依据，请在向导中重新生成」
    assert entry(store, done.id).pdf_state() == "ok" and path.name == "申报书.pdf"


def test_finishing_a_declaration_submitted_meanwhile_says_where_it_stands(
    qtbot: Any, store: Any, data_dir: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    from shenbao.core.register import generate
    from shenbao.ui.wizard import WizardDialog

    done, _ = generate(store, USCC, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    wizard = WizardDialog(store, VOUCHER, USCC, AS_OF, open_pdf=False)
    qtbot.addWidget(wizard)
    wizard.show()
    assert shenbao(data_dir, "declarations", "set-state", str(done.id), "submitted").returncode == 0
    before = printed(store)
    wizard.go_to("review")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    label = wizard.review.error_label
    qtbot.waitUntil(lambda: bool(label.text()), timeout=20000)

    assert f"申报 #{done.id} 当前为已提交，不能再记为已生成" in label.text()  # was: 「已已提交」
    assert printed(store) == before
