"""政策库 → 安装政策更新…: choose a signed policy pack, see who signed it and what it changes for each
enterprise of the data folder (the table `shenbao policies install --dry-run` prints), then install it or
not. Everything is decided by core.packs; this dialog only shows and asks.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shenbao.core.packs.delta import Delta, Deltas, Side
from shenbao.core.packs.library import Plan
from shenbao.core.rules import STATUS_LABELS
from shenbao.ui.app import QT_TRANSLATE_NOOP, core_text
from shenbao.ui.policy_models import ReadOnlyTableModel
from shenbao.ui.screen import fit_to_screen
from shenbao.ui.style import bracketed, known_text, sentence_text, ui_language, yuan_and_wan_text

ModelIndex = QModelIndex | QPersistentModelIndex


class DeltaTableModel(ReadOnlyTableModel):
    """One row per measure whose status or amount would change: enterprise, measure, before, after."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("DeltaTableModel", "企业"),
        QT_TRANSLATE_NOOP("DeltaTableModel", "措施"),
        QT_TRANSLATE_NOOP("DeltaTableModel", "安装前"),
        QT_TRANSLATE_NOOP("DeltaTableModel", "安装后"),
    )

    def __init__(self, rows: list[Any], plan: Plan, parent: Any = None) -> None:
        super().__init__(rows, parent)
        self.plan = plan

    def cell(self, d: Delta, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (bracketed(d.name, d.uscc), self.title(d), side_text(d.before), side_text(d.after))[column]

    def title(self, d: Delta) -> str:
        """The measure's title: in English the data's own English, of the pack or of the library in use."""
        if ui_language() != "en":
            return d.title
        for cat in (self.plan.after, self.plan.before):
            measure = cat.measures.get(d.measure)
            if measure is not None and measure.title_en:
                return measure.title_en
        return d.title


def side_text(side: Side) -> str:
    """A measure's status and amount before or after the install, as the interface says them:
    「可申报 60,000.00 元」, "Eligible, CNY 60,000.00"; 「（无此措施）」 when that library lacks it."""
    if ui_language() != "en":
        return side.text()
    if side.status is None:
        return QCoreApplication.translate("DeltaTableModel", "（无此措施）")
    label = core_text(STATUS_LABELS[side.status])
    return label if side.amount is None else f"{label}, {yuan_and_wan_text(side.amount)}"


class PackInstallDialog(QDialog):
    """Who signed the pack, its dates and changelog, any warning, and the table of changes."""

    def __init__(self, plan: Plan, deltas: Deltas, as_of: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packInstallDialog")
        self.plan = plan
        info = plan.verified.describe()
        self.setWindowTitle(self.tr("安装政策更新"))
        heading = QLabel(
            self.tr("{title}（{id}，第 {version} 版）").format(
                title=info["title"], id=info["id"], version=info["version"]
            )
        )
        heading.setObjectName("packTitle")
        heading.setWordWrap(True)
        details = QLabel(
            self.tr(
                "发布者：{publisher}\n签名公钥：{key}，指纹 {fingerprint}\n发布日期 {issued}，有效至 {expires}"
            ).format(
                publisher=info["publisher"],
                key=info["key"],
                fingerprint=info["fingerprint"],
                issued=info["issued_on"],
                expires=info["expires_on"],
            )
        )
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        changelog = QLabel("\n".join(f"· {line}" for line in info["changelog"]))
        changelog.setWordWrap(True)
        self.warning_label = QLabel("\n".join(sentence_text(None, w) for w in plan.warnings))
        self.warning_label.setObjectName("packWarnings")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #9a6400")
        self.warning_label.setVisible(bool(plan.warnings))
        if deltas.changes:
            changed = len({d.uscc for d in deltas.changes})
            summary = self.tr("按 {date} 测算，数据文件夹中 %n 家企业有以下变化：", "", changed).format(
                date=as_of.isoformat()
            )
        else:
            summary = self.tr(
                "按 {date} 测算，数据文件夹中 %n 家企业的措施状态和金额均无变化。", "", deltas.judged
            ).format(date=as_of.isoformat())
        self.summary_label = QLabel(summary)
        self.model = DeltaTableModel(deltas.changes, plan, self)
        self.table = QTableView()
        self.table.setObjectName("packDeltas")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        problems = QLabel("\n".join(self.tr("未能测算：") + sentence_text(None, p) for p in deltas.problems))
        problems.setVisible(bool(deltas.problems))
        problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.install_button = self.buttons.addButton(
            self.tr("安装(&I)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, details, changelog, self.warning_label, self.summary_label):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(problems)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 900, 560)


def choose_pack(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("PackInstallDialog", "选择政策包"),
        "",
        QCoreApplication.translate("PackInstallDialog", "政策包 (*.shenbao-policy);;所有文件 (*)"),
    )
    return Path(name) if name else None


def prepare(
    parent: QWidget | None, folder: Path, path: Path, store: Any = None, as_of: dt.date | None = None
) -> PackInstallDialog | None:
    """Check the pack and work out its changes as of `as_of` (the app's 测算日期; expiry too); a refusal is
    told in one message and gives None. A pack signed by a key not yet trusted shows its fingerprint and
    asks whether to trust it."""
    from shenbao.core.packs.archive import read_file, read_pack
    from shenbao.core.packs.delta import folder_profiles, read_profiles
    from shenbao.core.packs.keys import TrustedKey, find_trusted
    from shenbao.core.packs.library import known_measures, packs_folder, plan_install
    from shenbao.core.policies import PolicyDataError, shipped_catalogue
    from shenbao.errors import KnownError

    title = QCoreApplication.translate("PackInstallDialog", "安装政策更新")
    today = as_of or dt.date.today()
    pending: TrustedKey | None = None  # the key the user agrees to trust, kept with the pack only
    try:
        data = read_file(path)
        keys = packs_folder(folder)
        verified = read_pack(
            data, lambda d: find_trusted(keys, d), shipped_catalogue().documents, known_measures(folder)
        )
        if verified.trusted is None:
            info = verified.describe()
            answer = QMessageBox.question(
                parent,
                title,
                QCoreApplication.translate(
                    "PackInstallDialog",
                    "此政策包由一个尚未受信任的公钥签发：\n\n发布者（自称）：{publisher}\n指纹：{fingerprint}\n\n"
                    "请向发布者核对这串指纹（逐组比对），一致才可信任。信任此发布者并继续？",
                ).format(publisher=info["publisher"], fingerprint=info["fingerprint"]),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            pending = TrustedKey(
                _new_name(keys, verified.header.publisher, info["fingerprint"]),
                verified.fingerprint,
                base64.b64encode(verified.public_key).decode(),
                dt.date.today().isoformat(),
            )
        plan = plan_install(folder, data, today, pending)
        profiles = read_profiles(store) if store is not None else folder_profiles(folder)
    except (PolicyDataError, KnownError) as err:
        QMessageBox.warning(
            parent,
            title,
            QCoreApplication.translate("PackInstallDialog", "未安装：{reason}").format(
                reason=known_text(err)
            ),
        )
        return None
    deltas = judge_in_background(parent, plan, profiles, today)
    return None if deltas is None else PackInstallDialog(plan, deltas, today, parent)


def _new_name(keys: Path, publisher: str, fingerprint: str) -> str:
    """The name a key trusted from the window is kept under: the publisher it names, or, when another
    key of that publisher is trusted already (a key replaced), the publisher with the first groups of
    this key's fingerprint, so that both can be told apart (the window has no --name to ask for)."""
    from shenbao.core.packs.keys import trusted_keys

    if publisher not in {k.name for k in trusted_keys(keys)}:
        return publisher
    return bracketed(publisher, " ".join(fingerprint.split()[:2]))


def judge_in_background(
    parent: QWidget | None, plan: Plan, profiles: list[Any], as_of: dt.date
) -> Deltas | None:
    """Judge every enterprise with the library before and after the pack off the UI thread, with a
    progress dialog that can cancel (None then, or after a failure, which is shown)."""
    from shenbao.core.packs.delta import judge_deltas
    from shenbao.ui.workers import Task, wait_for

    label = QCoreApplication.translate("PackInstallDialog", "正在测算政策更新对各企业的影响…")

    def work(task: Task) -> Deltas:
        return judge_deltas(profiles, plan.before, plan.after, as_of, lambda d, t: task.report(d, t, label))

    outcome = wait_for(work, parent=parent, label=label)
    return outcome[0] if outcome else None


def install(dialog: PackInstallDialog, folder: Path) -> list[str]:
    """Install what the dialog showed and put it in use; warnings about packs left out come back."""
    from shenbao.core.packs.library import activate, commit_install

    commit_install(folder, dialog.plan)
    return activate(folder)


class PolicyUpdateBar(QWidget):
    """Above the library: 「政策数据已于 D 过期，请获取更新」 while a pack in use has expired, and the
    安装政策更新… button (when the library belongs to a data folder). `installed` fires after an install."""

    installed = Signal()

    def __init__(
        self,
        folder: Path | None,
        store: Any = None,
        parent: QWidget | None = None,
        as_of: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("policyUpdateBar")
        self.folder, self.store = folder, store
        self.as_of = as_of or dt.date.today()
        self.notice_label = QLabel()
        self.notice_label.setObjectName("policyNotices")
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("color: #a8322d")
        self.install_button = QPushButton(self.tr("安装政策更新(&U)…"))
        self.install_button.setObjectName("installPolicyUpdate")
        self.install_button.setVisible(folder is not None)
        self.install_button.clicked.connect(lambda: self.install_from(choose_pack(self)))
        self.remove_button = QPushButton(self.tr("移除政策包(&R)…"))
        self.remove_button.setObjectName("removePolicyPack")
        self.remove_button.setToolTip(self.tr("撤销最近一次安装：恢复为该政策包的上一版，或安装之前"))
        self.remove_button.clicked.connect(lambda: self.remove_pack())
        for button in (self.install_button, self.remove_button):
            button.setAutoDefault(True)  # Enter presses the button with the focus, as in a dialog
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice_label, 1)
        layout.addWidget(self.install_button)
        layout.addWidget(self.remove_button)
        self.show_notices()

    def set_as_of(self, as_of: dt.date) -> None:
        """Expiry is judged as of the app's 测算日期, as the preview judges everything else."""
        self.as_of = as_of
        self.show_notices()

    def show_notices(self) -> None:
        from shenbao.core.packs.library import expiry_notices
        from shenbao.core.policies import catalogue

        notices = expiry_notices(catalogue(), self.as_of)
        self.notice_label.setText("\n".join(sentence_text(None, n) for n in notices))
        self.notice_label.setVisible(bool(notices))
        self.remove_button.setVisible(bool(self._removable()))

    def _removable(self) -> list[tuple[str, int, int | None]]:
        from shenbao.core.packs.library import removable
        from shenbao.core.packs.source import PackError

        if self.folder is None:
            return []
        try:
            return removable(self.folder)
        except PackError:  # the list of installed packs is unreadable: nothing the window can undo
            return []

    def remove_pack(self, pack_id: str | None = None) -> bool:
        """Undo the last install of `pack_id` (asked for when several are installed), after saying what
        goes, what comes back and what it rewrites of days already past; True when removed."""
        from shenbao.core.packs.library import activate, listing, removal_warnings, remove
        from shenbao.errors import KnownError

        title = self.tr("移除政策包")
        packs = {pid: (version, back) for pid, version, back in self._removable()}
        if self.folder is None or not packs:
            return False
        titles = {
            r["id"]: r["title"] for r in listing(self.folder) if r.get("source") == "pack" and "id" in r
        }
        names = {
            pid: self.tr("{title}（{id}，第 {version} 版）").format(
                title=titles.get(pid, pid), id=pid, version=version
            )
            for pid, (version, _) in packs.items()
        }
        if pack_id is None:
            if len(packs) == 1:
                pack_id = next(iter(packs))
            else:
                chosen, ok = QInputDialog.getItem(
                    self, title, self.tr("移除哪个政策包？"), list(names.values()), 0, False
                )
                if not ok:
                    return False
                pack_id = next(pid for pid, name in names.items() if name == chosen)
        if pack_id not in packs:
            return False
        back = packs[pack_id][1]
        after = (
            self.tr("恢复为第 {version} 版").format(version=back)
            if back is not None
            else self.tr("恢复为安装之前")
        )
        lines = [self.tr("移除政策包 {name}，{after}？").format(name=names[pack_id], after=after)]
        try:
            lines += [sentence_text(None, w) for w in removal_warnings(self.folder, pack_id, self.as_of)]
        except KnownError as err:
            lines.append(known_text(err))
        answer = QMessageBox.question(
            self,
            title,
            "\n\n".join(lines),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            remove(self.folder, pack_id)
        except KnownError as err:  # removed meanwhile from elsewhere, a folder that cannot be written
            QMessageBox.warning(self, title, self.tr("未移除：{reason}").format(reason=known_text(err)))
            return False
        warnings = activate(self.folder)
        if warnings:
            QMessageBox.warning(self, title, "\n".join(sentence_text(None, w) for w in warnings))
        self.show_notices()
        self.installed.emit()
        return True

    def install_from(self, path: Path | None) -> bool:
        """Check `path`, show its changes, and install it if the user says so."""
        if path is None or self.folder is None:
            return False
        dialog = prepare(self, self.folder, path, self.store, self.as_of)
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        from shenbao.errors import KnownError

        try:
            warnings = install(dialog, self.folder)
        except KnownError as err:  # installed meanwhile from elsewhere, a folder that cannot be written
            QMessageBox.warning(
                self,
                QCoreApplication.translate("PackInstallDialog", "安装政策更新"),
                QCoreApplication.translate("PackInstallDialog", "未安装：{reason}").format(
                    reason=known_text(err)
                ),
            )
            return False
        if warnings:
            QMessageBox.warning(
                self,
                QCoreApplication.translate("PackInstallDialog", "安装政策更新"),
                "\n".join(sentence_text(None, w) for w in warnings),
            )
        self.show_notices()
        self.installed.emit()
        return True
