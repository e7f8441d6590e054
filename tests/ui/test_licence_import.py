"""「从营业执照照片识别…」 in the app: a photo read in the background, its fields proposed beside the
profile's, confirmed field by field into the editor, recorded as 「识别自营业执照」 only when saved —
through the real window on a real store. Without the `ocr` extra the action says what it would add.

The dialog's own behaviour is tested on what the recogniser returned for the sample photos
(tests/fixtures/licences/recognised.json), so it runs in every environment; reading the photos themselves
needs the extra (`make test-ocr`)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from shenbao.core.documents import LicenceReading
from shenbao.core.documents.licence import ocr_available, read_licence_boxes, upright
from shenbao.ui.licence_import import LicenceDialog, LicenceImport
from tests.conftest import FIXTURES
from tests.ui.conftest import AS_OF
from tests.ui.drive import drop_files, run_gui

LICENCES = FIXTURES / "licences"
TRUTH = {t["file"]: t["truth"] for t in json.loads((LICENCES / "truth.json").read_text(encoding="utf-8"))}
RECOGNISED = json.loads((LICENCES / "recognised.json").read_text(encoding="utf-8"))
PATHS = [
    "enterprise.name",
    "enterprise.uscc",
    "enterprise.org_type",
    "enterprise.legal_representative",
    "enterprise.registered_capital",
    "enterprise.established_on",
    "enterprise.address",
]
needs_ocr = pytest.mark.skipif(
    not ocr_available(),
    reason="reading photos needs the ocr extra: pip install 'shenbao[ocr]' (or run make test-ocr)",
)


def recorded_reading(name: str, spoil_code: bool = False) -> LicenceReading:
    """The sample photo `name` as the recogniser read it (optionally with its code's check character
    changed, so that it fails GB 32100)."""
    quads = [(quad, text) for quad, text, _score in RECOGNISED[name]]
    if spoil_code:
        code = TRUTH[name]["uscc"]
        wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
        quads = [(quad, text.replace(code, wrong)) for quad, text in quads]
    data = (LICENCES / name).read_bytes()
    return LicenceReading(name, hashlib.sha256(data).hexdigest(), "image", read_licence_boxes(upright(quads)))


def new_enterprise_dialog(window: Any, reading: LicenceReading) -> LicenceDialog:
    window.new_enterprise(ask=False)
    editor = window.editor
    dialog = LicenceDialog(reading, editor.text, editor.label, LICENCES / reading.file, window)
    editor.licence.dialog = dialog
    dialog.accepted.connect(editor.licence._accepted)
    return dialog


def accept(qtbot: Any, dialog: LicenceDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_every_field_is_proposed_beside_the_profile_and_ticked_only_where_the_profile_is_empty(
    qtbot: Any, window: Any
) -> None:
    truth = TRUTH["lic_00.jpg"]
    dialog = new_enterprise_dialog(window, recorded_reading("lic_00.jpg"))
    qtbot.addWidget(dialog)
    assert [p.path for p in dialog.proposals] == PATHS
    assert dialog.result_text("enterprise.name") == truth["name"]
    assert dialog.result_text("enterprise.uscc") == truth["uscc"]
    assert dialog.result_text("enterprise.registered_capital") == "2000000 元"
    # a new enterprise is already 企业: the company form is shown, nothing to change
    assert dialog.result_text("enterprise.org_type") == f"企业（{truth['type']}）　与当前值相同"
    assert not dialog.boxes["enterprise.org_type"].isEnabled()
    assert set(dialog.confirmed()) == set(PATHS) - {"enterprise.org_type"}
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "填入 6 项"


def test_untick_a_field_accept_and_the_editor_holds_the_rest_marked_unsaved_until_saved(
    qtbot: Any, window: Any
) -> None:
    truth = TRUTH["lic_00.jpg"]
    reading = recorded_reading("lic_00.jpg")
    dialog = new_enterprise_dialog(window, reading)
    qtbot.mouseClick(dialog.boxes["enterprise.legal_representative"], Qt.MouseButton.LeftButton)
    assert "enterprise.legal_representative" not in dialog.confirmed()
    accept(qtbot, dialog)
    editor, store = window.editor, window.store
    assert editor.text("enterprise.name") == truth["name"]
    assert editor.text("enterprise.uscc") == truth["uscc"]
    assert editor.text("enterprise.established_on") == "2021-03-08"
    assert editor.text("enterprise.address") == truth["address"]
    assert editor.text("enterprise.legal_representative") == ""
    assert editor.source_text("enterprise.name") == "识别自营业执照 lic_00.jpg（保存后记录）"
    assert not editor.is_clean()
    assert store.count_enterprises() == 0  # nothing saved unseen
    editor.undo_stack.undo()  # each field an edit of its own, undoable
    assert editor.text("enterprise.address") == ""
    editor.undo_stack.redo()

    assert window.save()
    stored = store.get_profile(truth["uscc"])
    assert stored["enterprise"]["name"] == truth["name"]
    assert stored["enterprise"]["registered_capital"] == 2000000
    assert "legal_representative" not in stored["enterprise"]
    marked = {
        "source": "recognised",
        "date": AS_OF.isoformat(),
        "file": "lic_00.jpg",
        "sha256": reading.sha256,
    }
    for path in set(PATHS) - {"enterprise.org_type", "enterprise.legal_representative"}:
        assert stored["provenance"][path] == marked, path
    assert stored["provenance"]["enterprise.org_type"]["source"] == "typed"  # as it was, not read
    assert editor.source_text("enterprise.name") == f"识别自营业执照 lic_00.jpg（{AS_OF.isoformat()}）"


def test_a_value_changed_after_filling_in_is_saved_as_typed(qtbot: Any, window: Any) -> None:
    from tests.ui.drive import retype

    truth = TRUTH["lic_07.jpg"]
    dialog = new_enterprise_dialog(window, recorded_reading("lic_07.jpg"))
    accept(qtbot, dialog)
    retype(qtbot, window.editor.widget("enterprise.address"), "福州市鼓楼区软件大道89号")
    assert window.save()
    provenance = window.store.get_profile(truth["uscc"])["provenance"]
    assert provenance["enterprise.address"] == {"source": "typed", "date": AS_OF.isoformat()}
    assert provenance["enterprise.name"]["source"] == "recognised"


def test_a_stored_value_is_replaced_only_when_ticked(qtbot: Any, window: Any) -> None:
    truth = TRUTH["lic_12.jpg"]
    window.store.save_profile(
        {
            "enterprise": {
                "name": "合肥星河启明信息技术有限公司",
                "uscc": truth["uscc"],
                "org_type": "enterprise",
                "province": "福建省",
                "address": "合肥市蜀山区高新南路200号",
            },
            "facts": {},
        }
    )
    window.reload()
    assert window.select_enterprise(truth["uscc"])
    editor = window.editor
    dialog = LicenceDialog(recorded_reading("lic_12.jpg"), editor.text, editor.label, None, window)
    qtbot.addWidget(dialog)
    assert not dialog.boxes["enterprise.name"].isChecked() and dialog.boxes["enterprise.name"].isEnabled()
    assert not dialog.boxes["enterprise.uscc"].isEnabled()  # the same code
    assert dialog.boxes["enterprise.legal_representative"].isChecked()  # empty in the profile
    assert set(dialog.confirmed()) == {
        "enterprise.legal_representative",
        "enterprise.registered_capital",
        "enterprise.established_on",
    }


def test_a_code_failing_gb32100_is_shown_unreadable_and_cannot_be_filled_in(qtbot: Any, window: Any) -> None:
    dialog = new_enterprise_dialog(window, recorded_reading("lic_03.jpg", spoil_code=True))
    qtbot.addWidget(dialog)
    assert dialog.result_text("enterprise.uscc").startswith("无法识别（读作 ")
    assert "GB 32100" in dialog.result_text("enterprise.uscc")
    assert not dialog.boxes["enterprise.uscc"].isEnabled()
    assert "enterprise.uscc" not in dialog.confirmed()
    assert dialog.notes.isVisibleTo(dialog) and "无法可靠识别" in dialog.notes.text()
    accept(qtbot, dialog)
    assert window.editor.text("enterprise.uscc") == ""
    assert window.editor.text("enterprise.name") == TRUTH["lic_03.jpg"]["name"]


def test_without_the_extra_the_action_says_what_it_adds_and_how_to_install_it(
    without_ocr: None, qtbot: Any, window: Any, dialogs: Any
) -> None:
    editor = window.editor
    button = editor.licence.button
    assert button.isVisible() and button.isEnabled()
    assert "pip install 'shenbao[ocr]'" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    window.actions_by_id["new_from_licence"].trigger()
    texts = dialogs.texts("information")
    assert len(texts) == 2
    for text in texts:
        assert "390 MB" in text and "pip install 'shenbao[ocr]'" in text and "统一社会信用代码" in text
    drop_files(editor, [LICENCES / "lic_00.jpg"])  # a photo dropped on the profile: the same answer
    assert len(dialogs.texts("information")) == 3 and editor.licence.dialog is None
    for files in ([LICENCES / "lic_00.jpg", LICENCES / "lic_03.jpg"], [LICENCES / "recognised.json"]):
        mime = QMimeData()  # two photos, or a file not a photo: the profile does not take them
        mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
        enter = QDragEnterEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        enter.ignore()
        QApplication.sendEvent(editor, enter)
        assert not enter.isAccepted(), files


def test_without_the_extra_a_new_enterprise_from_a_photo_leaves_the_one_being_edited(
    without_ocr: None, qtbot: Any, window: Any, dialogs: Any
) -> None:
    """File → 从营业执照照片新建企业 without the extra asked whether to save the address being typed, left
    the enterprise for an empty profile, and only then said that nothing could be recognised: answered
    不保存, the address was gone for an action that could not be done."""
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.drive import type_text

    code = "913501044C12H3B168"
    window.store.save_profile({"enterprise": {"name": "福州星河智算科技有限公司", "uscc": code}, "facts": {}})
    window.reload()
    assert window.select_enterprise(code)
    address = window.editor.widget("enterprise.address")
    type_text(qtbot, address, "福州市鼓楼区软件大道89号")
    address.editingFinished.emit()
    dialogs.answers.append(QMessageBox.StandardButton.Discard)
    window.actions_by_id["new_from_licence"].trigger()
    assert [kind for kind, _title, _text in dialogs.shown] == ["information"]
    assert "pip install 'shenbao[ocr]'" in dialogs.texts("information")[0]
    assert window.current == code and not window.editor.is_clean()
    assert window.editor.text("enterprise.address") == "福州市鼓楼区软件大道89号"


def test_the_hint_reads_in_english(without_ocr: None, qtbot: Any, data_dir: Path, app_settings: Any) -> None:
    from shenbao.ui.app import create_application
    from shenbao.ui.licence_import import install_hint

    create_application(language="en")
    try:
        text = install_hint()
        assert "390 MB" in text and "pip install 'shenbao[ocr]'" in text and "licence" in text.lower()
    finally:
        create_application(language="zh_CN")


def test_without_the_extra_the_command_reads_a_photo_as_one_line_with_the_hint(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import sys\n"
        "for name in ('rapidocr', 'onnxruntime', 'cv2'): sys.modules[name] = None\n"
        "from shenbao.cli import main\n"
        "sys.exit(main(['read', sys.argv[1]]))\n"
    )
    photo = tmp_path / "营业执照.jpg"
    shutil.copy(LICENCES / "lic_00.jpg", photo)
    result = subprocess.run(
        [sys.executable, "-c", code, str(photo)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "pip install 'shenbao[ocr]'" in line and "Traceback" not in result.stderr


@needs_ocr
@pytest.mark.slow
def test_a_photo_is_read_in_the_background_and_proposed(qtbot: Any, window: Any, tmp_path: Path) -> None:
    truth = TRUTH["lic_20.jpg"]
    photo = tmp_path / "执照照片.jpg"
    shutil.copy(LICENCES / "lic_20.jpg", photo)
    window.new_enterprise(ask=False)
    editor = window.editor
    importer: LicenceImport = editor.licence
    with qtbot.waitSignal(importer.proposed, timeout=300_000) as shown:
        assert importer.read(photo)
    dialog = shown.args[0]
    assert dialog.isVisible() and dialog.reading.file == "执照照片.jpg"
    qtbot.mouseClick(dialog.boxes["enterprise.address"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(importer.filled) as filled:
        accept(qtbot, dialog)
    assert set(filled.args[0]) == set(PATHS) - {"enterprise.org_type", "enterprise.address"}
    assert editor.text("enterprise.uscc") == truth["uscc"]
    assert editor.text("enterprise.name") == truth["name"]
    assert editor.text("enterprise.address") == ""
    assert window.store.count_enterprises() == 0
    assert window.save()
    stored = window.store.get_profile(truth["uscc"])
    assert stored["provenance"]["enterprise.uscc"]["file"] == "执照照片.jpg"
    assert stored["provenance"]["enterprise.uscc"]["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()


@needs_ocr
@pytest.mark.slow
def test_a_photo_whose_code_fails_gb32100_shows_it_unreadable(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    """The sample photo with its code's check character painted over by another: read, the code fails
    the check (or is not read at all) and is never proposed."""
    import cv2

    image = cv2.imread(str(LICENCES / "lic_00.jpg"))
    cv2.rectangle(image, (466, 158), (494, 194), (255, 255, 255), -1)
    cv2.putText(image, "7", (468, 189), cv2.FONT_HERSHEY_SIMPLEX, 1.1, (40, 40, 40), 2)
    photo = tmp_path / "spoiled.jpg"
    assert cv2.imwrite(str(photo), image)
    window.new_enterprise(ask=False)
    importer: LicenceImport = window.editor.licence
    with qtbot.waitSignal(importer.proposed, timeout=300_000) as shown:
        assert importer.read(photo)
    dialog = shown.args[0]
    assert dialog.result_text("enterprise.uscc").startswith("无法识别")
    assert not dialog.boxes["enterprise.uscc"].isEnabled() and "enterprise.uscc" not in dialog.confirmed()
    assert dialog.result_text("enterprise.name") == TRUTH["lic_00.jpg"]["name"]
    dialog.reject()


@needs_ocr
@pytest.mark.slow
def test_the_guides_picture_of_the_dialog_is_drawn_by_the_app(data_dir: Path, tmp_path: Path) -> None:
    """`shenbao gui --demo --screenshot … --view licence`: the demo licence photo read and proposed over
    a new enterprise, as docs/images/licence.png is made."""
    from PySide6.QtGui import QImage

    out = tmp_path / "licence.png"
    result = run_gui(data_dir, tmp_path, "--demo", "--screenshot", str(out), "--view", "licence")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    assert len({image.pixel(x, y) for x in range(0, 1440, 37) for y in range(0, 900, 29)}) > 20


def test_the_readers_load_when_a_file_is_first_read_and_refuse_one_that_is_no_licence(
    monkeypatch: pytest.MonkeyPatch, qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    """The document readers are not loaded with the editor but when a photo is first read: that first
    read goes through them and refuses a file that is not a licence in one sentence, without the
    extra too (an invoice is read without it)."""
    import subprocess

    import shenbao.ui.licence_import as licence_import

    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from shenbao.ui.profile_editor import ProfileEditor\n"
        "editor = ProfileEditor()\n"
        "print(sorted(m for m in sys.modules if m.startswith('shenbao.core.documents')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    monkeypatch.setattr(licence_import, "ocr_available", lambda: True)
    invoice = tmp_path / "发票.xml"
    shutil.copy(sorted((FIXTURES / "invoices").glob("*.xml"))[0], invoice)
    assert window.editor.licence.read(invoice)
    qtbot.waitUntil(lambda: bool(dialogs.texts("warning")), timeout=30_000)
    (text,) = dialogs.texts("warning")
    assert text == "发票.xml 不是营业执照照片"
    assert window.editor.licence.dialog is None


def test_a_capital_in_another_currency_is_shown_as_printed_and_cannot_be_filled_in(
    qtbot: Any, window: Any
) -> None:
    reading = recorded_reading("lic_00.jpg")
    quads = [(q, t.replace("人民币200万元", "500万美元")) for q, t, _s in RECOGNISED["lic_00.jpg"]]
    reading.licence = read_licence_boxes(upright(quads))
    dialog = new_enterprise_dialog(window, reading)
    qtbot.addWidget(dialog)
    assert "500万美元" in dialog.result_text("enterprise.registered_capital")
    assert "人民币" in dialog.result_text("enterprise.registered_capital")
    assert not dialog.boxes["enterprise.registered_capital"].isEnabled()
    accept(qtbot, dialog)
    assert window.editor.text("enterprise.registered_capital") == ""
    assert window.editor.text("enterprise.name") == TRUTH["lic_00.jpg"]["name"]


def test_a_capital_in_chinese_numerals_is_proposed_in_yuan(qtbot: Any, window: Any) -> None:
    reading = recorded_reading("lic_00.jpg")
    quads = [(q, t.replace("人民币200万元", "人民币伍佰万元整")) for q, t, _s in RECOGNISED["lic_00.jpg"]]
    reading.licence = read_licence_boxes(upright(quads))
    dialog = new_enterprise_dialog(window, reading)
    qtbot.addWidget(dialog)
    assert dialog.result_text("enterprise.registered_capital") == "5000000 元"
    assert dialog.boxes["enterprise.registered_capital"].isChecked()
    accept(qtbot, dialog)
    assert window.editor.text("enterprise.registered_capital") == "5000000"


def test_a_capital_that_cannot_be_read_is_shown_as_printed(qtbot: Any, window: Any) -> None:
    reading = recorded_reading("lic_00.jpg")
    quads = [(q, t.replace("人民币200万元", "壹仟伍万元")) for q, t, _s in RECOGNISED["lic_00.jpg"]]
    reading.licence = read_licence_boxes(upright(quads))
    dialog = new_enterprise_dialog(window, reading)
    qtbot.addWidget(dialog)
    shown = dialog.result_text("enterprise.registered_capital")
    assert shown.startswith("无法识别") and "壹仟伍万元" in shown and "人民币" not in shown
    assert not dialog.boxes["enterprise.registered_capital"].isEnabled()


@pytest.fixture(scope="module")
def large_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A phone's 8000×6000 photo (48 million pixels): the sample licence on a grainy page."""
    from PIL import Image

    path = tmp_path_factory.mktemp("photos") / "大照片.jpg"
    page = Image.effect_noise((1000, 750), 60).convert("RGB").resize((8000, 6000))
    page.paste(Image.open(LICENCES / "lic_00.jpg"), (100, 100))
    page.save(path, quality=95)
    return path


def test_a_large_photo_is_decoded_at_the_preview_size_in_the_background(
    monkeypatch: pytest.MonkeyPatch, qtbot: Any, window: Any, large_photo: Path
) -> None:
    """A large photo is decoded off the UI thread, at the size it is shown: the window's events run
    while it is read, and the dialog gets the small picture, never the 48-million-pixel one."""
    import threading

    import shenbao.core.documents as documents
    import shenbao.ui.licence_import as licence_import

    decoded_on: list[int] = []
    original = licence_import.preview_image

    def preview_image(path: Path) -> Any:
        decoded_on.append(threading.get_ident())
        return original(path)

    monkeypatch.setattr(licence_import, "preview_image", preview_image)
    monkeypatch.setattr(licence_import, "ocr_available", lambda: True)
    monkeypatch.setattr(documents, "read_document", lambda path: recorded_reading("lic_00.jpg"))
    window.new_enterprise(ask=False)
    importer: LicenceImport = window.editor.licence
    with qtbot.waitSignal(importer.proposed, timeout=60_000) as shown:
        assert importer.read(large_photo)
    dialog = shown.args[0]
    qtbot.addWidget(dialog)
    assert decoded_on and threading.main_thread().ident not in decoded_on
    pixmap = dialog.findChild(QLabel, "photo").pixmap()
    assert 0 < pixmap.width() <= 360 and 0 < pixmap.height() <= 480
    assert abs(pixmap.width() / pixmap.height() - 8000 / 6000) < 0.02


def test_the_preview_of_a_photo_is_bounded_and_upright(tmp_path: Path, large_photo: Path) -> None:
    """Decoded at most at the preview's size; a photo stored turned (EXIF orientation 6, as phones
    save a photo taken upright) is shown as taken."""
    from PIL import Image

    from shenbao.ui.licence_import import preview_image

    image = preview_image(large_photo)
    assert (image.width(), image.height()) == (360, 270)
    turned = tmp_path / "竖拍.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown turned a quarter clockwise: portrait
    Image.new("RGB", (4000, 3000), "white").save(turned, exif=exif)
    image = preview_image(turned)
    assert (image.width(), image.height()) == (360, 480)
    assert preview_image(tmp_path / "没有这张照片.jpg").isNull()
