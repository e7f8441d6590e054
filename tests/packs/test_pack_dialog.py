"""政策库 → 安装政策更新…: the dialog shows who signed the pack and the table of changes for each stored
enterprise, installs only when asked, and the preview, the library and the wizard then use the pack."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from shenbao.core.packs.library import commit_install, plan_install
from shenbao.core.policies import catalogue
from shenbao.ui.context import OpChanges

from .helpers import EXAMPLE, EXAMPLE_CITY, build_pack, copy_source, trust_in

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def answer_dialog(qtbot: Any, seen: list[Any], click: str, summary: bool = False) -> None:
    """When the modal dialog opens, note what it shows (with `summary`, the line above the table too) and
    press a button ("install" or "cancel")."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "packInstallDialog":
            QTimer.singleShot(20, act)
            return
        model = dialog.model
        rows = [
            [model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())
        ]
        shown = (dialog.windowTitle(), rows, dialog.warning_label.text())
        seen.append((*shown, dialog.summary_label.text()) if summary else shown)
        button = (
            dialog.install_button
            if click == "install"
            else dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
        )
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, act)


def test_install_from_the_library_shows_the_changes_and_asks(
    qtbot, window, dialogs, data_dir, publisher, example_pack
) -> None:
    trust_in(data_dir, publisher[1])
    window.store.save_profile(EXAMPLE_CITY)
    window.reload()
    window.select_enterprise("913501044C12H3B168")
    window.preview.set_as_of(AS_OF)
    library = window.windows.library()
    bar = library.update_bar
    assert bar.install_button.isVisible() and not bar.notice_label.isVisible()

    seen: list[Any] = []
    answer_dialog(qtbot, seen, "cancel")
    assert bar.install_from(example_pack) is False
    assert (
        "sl2026" not in catalogue().documents and not (data_dir / "policy-packs" / "installed.json").exists()
    )

    answer_dialog(qtbot, seen, "install")
    with qtbot.waitSignal(library.policiesChanged):
        assert bar.install_from(example_pack) is True
    expected_rows = [
        ["示例智能科技有限公司（示例）（913501044C12H3B168）", title, "（无此措施）", after]
        for title, after in (
            ("算力券（示例）", "可申报 60,000.00 元"),
            ("人工智能产品奖励（示例）", "可申报 300,000.00 元"),
            ("工业互联网项目奖励（示例）", "可申报 100,000.00 元"),
            ("人工智能创新平台补助（示例）", "可申报 500,000.00 元"),
        )
    ]
    assert (
        seen[0][1] == seen[1][1] == expected_rows
    )  # judged as of the app's date, when the example is in force
    assert seen[1][0] == "安装政策更新"

    assert "sl2026" in catalogue().documents
    assert library.documents.document(0).id == "sl2026"
    titles = [r.title for r in window.preview.preview.results]
    assert "人工智能创新平台补助（示例）" in titles
    assert window.preview.preview.result("sl2026.platform").amount is not None
    assert window.preview.preview.policy_version.endswith("+example-ai.v1")


def test_the_changes_are_judged_off_the_ui_thread(
    qtbot, window, dialogs, data_dir, publisher, example_pack, monkeypatch
) -> None:
    import threading

    from shenbao.core.packs import delta

    judged_on: list[threading.Thread] = []
    original = delta.profile_deltas

    def recording(*args: Any) -> Any:
        judged_on.append(threading.current_thread())
        return original(*args)

    monkeypatch.setattr(delta, "profile_deltas", recording)
    trust_in(data_dir, publisher[1])
    window.store.save_profile(EXAMPLE_CITY)
    window.reload()
    window.ctx.set_as_of(AS_OF)
    seen: list[Any] = []
    answer_dialog(qtbot, seen, "cancel")
    assert window.windows.library().update_bar.install_from(example_pack) is False
    assert len(seen) == 1 and len(seen[0][1]) == 4
    assert judged_on and threading.main_thread() not in judged_on


def test_the_wizard_asks_with_the_pack_form(qtbot, data_dir, publisher, example_pack) -> None:
    from shenbao.core.packs.library import activate
    from shenbao.core.store import Store
    from shenbao.ui.wizard import WizardDialog

    trust_in(data_dir, publisher[1])
    commit_install(data_dir, plan_install(data_dir, example_pack.read_bytes(), AS_OF))
    activate(data_dir)
    store = Store.open(data_dir, daily_backup=False)
    try:
        store.save_profile(EXAMPLE_CITY)
        wizard = WizardDialog(store, "sl2026.platform", "913501044C12H3B168", AS_OF, open_pdf=False)
        qtbot.addWidget(wizard)
        wizard.show()
        assert [p.page.id for p in wizard.form_pages][-1] == "platform"
        assert "示例市人工智能产业扶持办法（示例）" in wizard.form_pages[-1].page.help
        wizard.go_to("review")
        review = wizard.review.browser.toPlainText()
        assert "人工智能创新平台补助申报书（示例）" in review and "【示例】平台建设方案及投入明细" in review
        assert "500,000.00" in review
        wizard.close()
    finally:
        store.close()


def install_dated(
    window: Any, tmp_path: Any, data_dir: Any, publisher: Any, issued: str, expires: str
) -> None:
    """The example pack with other dates, installed and in use as the app puts it in use."""
    from shenbao.core.packs.library import activate

    trust_in(data_dir, publisher[1])
    pack = build_pack(
        copy_source(tmp_path / "src", issued_on=issued, expires_on=expires),
        publisher[0],
        tmp_path / "p.shenbao-policy",
    )
    commit_install(data_dir, plan_install(data_dir, pack.read_bytes(), AS_OF))
    activate(data_dir)
    window.ctx.report(OpChanges(policy=True))


def test_an_expired_pack_is_said_in_the_library_and_the_preview(
    qtbot, window, tmp_path, data_dir, publisher
) -> None:
    install_dated(window, tmp_path, data_dir, publisher, "2020-01-01", "2020-06-30")
    notice = "政策数据已于 2020-06-30 过期，请获取更新"
    library = window.windows.library()
    assert library.update_bar.notice_label.isVisible() and notice in library.update_bar.notice_label.text()
    window.store.save_profile(EXAMPLE_CITY)
    window.reload()
    window.select_enterprise("913501044C12H3B168")
    assert window.preview.notice_label.isVisible() and notice in window.preview.notice_label.text()


def test_expiry_is_judged_as_of_the_date_the_app_judges_not_today(
    qtbot, window, tmp_path, data_dir, publisher
) -> None:
    install_dated(window, tmp_path, data_dir, publisher, "2026-01-01", "2026-12-20")
    window.store.save_profile(EXAMPLE_CITY)
    window.reload()
    window.select_enterprise("913501044C12H3B168")
    notice = "政策数据已于 2026-12-20 过期，请获取更新"
    library = window.windows.library()
    seen = []
    for as_of in (dt.date(2026, 12, 20), dt.date(2026, 12, 21), dt.date(2026, 12, 1)):
        window.ctx.set_as_of(as_of)
        qtbot.waitUntil(lambda d=as_of: window.preview.preview.as_of == d)
        in_library = notice in library.update_bar.notice_label.text()
        in_preview = notice in window.preview.notice_label.text()
        assert in_library == in_preview
        seen.append(in_library)
    assert seen == [False, True, False]


def test_a_refused_pack_is_told_and_changes_nothing(
    qtbot, window, dialogs, tmp_path, data_dir, publisher, example_pack
) -> None:
    library = window.windows.library()
    dialogs.answers.append(QMessageBox.StandardButton.No)
    assert (
        library.update_bar.install_from(example_pack) is False
    )  # not trusted, and the user does not trust it
    assert "指纹" in dialogs.texts("question")[0]
    bad = tmp_path / "bad.shenbao-policy"
    bad.write_bytes(example_pack.read_bytes()[:-40])
    assert library.update_bar.install_from(bad) is False
    assert dialogs.texts("warning")[-1].startswith("未安装：")
    assert not (data_dir / "policy-packs").exists()


def test_trusting_the_key_from_the_dialog_after_checking_its_fingerprint(
    qtbot, window, dialogs, data_dir, example_pack
) -> None:
    from shenbao.core.packs.keys import trusted_keys
    from shenbao.core.packs.library import packs_folder

    library = window.windows.library()
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    seen: list[Any] = []
    answer_dialog(qtbot, seen, "install")
    assert library.update_bar.install_from(example_pack) is True
    (key,) = trusted_keys(packs_folder(data_dir))
    assert key.name == "示例市工业和信息化局（示例）"
    assert "sl2026" in catalogue().documents


def test_trusting_a_new_key_of_a_publisher_already_trusted(
    qtbot, window, dialogs, tmp_path, data_dir, example_pack
) -> None:
    """A publisher that signs with a new key (the old one lost or replaced): the window has no --name to
    give, so trusting the new key after checking its fingerprint keeps both under names that differ."""
    from shenbao.core.packs.keys import keygen, read_public_file, trust, trusted_keys
    from shenbao.core.packs.library import packs_folder

    old_pub, _ = keygen(tmp_path / "old.key")
    raw, _ = read_public_file(old_pub)
    trust(packs_folder(data_dir), raw, "示例市工业和信息化局（示例）")
    library = window.windows.library()
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    seen: list[Any] = []
    answer_dialog(qtbot, seen, "install")
    assert library.update_bar.install_from(example_pack) is True, dialogs.texts("warning")
    assert not dialogs.texts("warning")
    names = [k.name for k in trusted_keys(packs_folder(data_dir))]
    assert len(names) == 2 and len(set(names)) == 2
    assert names[1].startswith("示例市工业和信息化局（示例）")
    assert "sl2026" in catalogue().documents


def test_a_key_trusted_in_the_window_is_kept_only_with_its_pack(
    qtbot, window, dialogs, tmp_path, data_dir, publisher, example_pack
) -> None:
    """Trusting the key is the first step of installing its pack: a pack then cancelled, or refused for
    another reason (here a rollback), leaves the data folder as it was, trusted keys included."""
    from .helpers import make_key

    def state() -> dict[str, bytes]:
        return {
            p.relative_to(data_dir).as_posix(): p.read_bytes()
            for p in sorted(data_dir.rglob("*"))
            if p.is_file() and "policy-packs" in p.parts
        }

    library = window.windows.library()
    before = state()
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    seen: list[Any] = []
    answer_dialog(qtbot, seen, "cancel")
    assert library.update_bar.install_from(example_pack) is False
    assert len(seen) == 1 and state() == before

    other_key, _ = make_key(tmp_path / "other", "另一发布者")
    v2 = build_pack(copy_source(tmp_path / "v2", version="2"), publisher[0], tmp_path / "v2.shenbao-policy")
    trust_in(data_dir, publisher[1])
    commit_install(data_dir, plan_install(data_dir, v2.read_bytes(), AS_OF))
    before = state()
    old = build_pack(EXAMPLE, other_key, tmp_path / "other-v1.shenbao-policy")
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    assert library.update_bar.install_from(old) is False
    assert dialogs.texts("warning")[-1].startswith("未安装：")
    assert state() == before


def test_a_pack_installed_elsewhere_while_the_window_asks(
    qtbot, window, dialogs, data_dir, publisher, example_pack
) -> None:
    """The same pack installed from the command line while the window shows its changes: pressing
    安装 then says it is not installed, in words, and it stays installed once."""
    import json

    trust_in(data_dir, publisher[1])
    library = window.windows.library()

    def elsewhere() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "packInstallDialog":
            QTimer.singleShot(20, elsewhere)
            return
        commit_install(data_dir, plan_install(data_dir, example_pack.read_bytes(), AS_OF))
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, elsewhere)
    assert library.update_bar.install_from(example_pack) is False
    assert (
        dialogs.texts("warning")[-1].startswith("未安装：")
        and "第 1 版已经安装，无需再次安装" in dialogs.texts("warning")[-1]
    )
    state = json.loads((data_dir / "policy-packs" / "installed.json").read_text(encoding="utf-8"))
    assert [len(p["history"]) for p in state["packs"]] == [1]
