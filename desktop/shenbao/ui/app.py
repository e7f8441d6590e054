"""The QApplication: the bundled CJK font, the translators, the icon and the user's settings.

Chinese is the source language, so zh_CN needs no catalogue of ours; Qt's own strings (the wizard's
上一步 / 下一步, the dialogs' 确定 / 取消) come from qtbase_zh_CN.qm, which ships in the PySide6 wheel.
English comes from resources/translations/shenbao_en.qm, built from shenbao_en.ts by
`python -m shenbao.tools.translations build`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from shenbao import paths
from shenbao.core import fonts

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractScrollArea, QWidget

ORGANIZATION = "Shenbao"
APP_NAME = "Shenbao"
LANGUAGES = {"zh_CN": "中文（简体）", "en": "English"}
LANGUAGE_PROPERTY = "shenbaoLanguage"  # the application's property naming the running language
# set on a run nobody watches (`gui --screenshot`): a dialog asking is cancelled, and the store then says
# its own reason, naming the environment variable such a run can be given
UNATTENDED_PROPERTY = "shenbaoUnattended"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 -- the name lupdate looks for
    """Mark `text` for translation in `context` and return it unchanged (PySide6's own is typed as
    returning object); translate it where it is shown."""
    return text


class AppSettings:
    """The user's preferences (not the data: that lives in the data folder's database).

    An INI file in the user's config folder, or at `path` (tests give a temporary one)."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self.qsettings = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME
            )
        else:
            self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def _str(self, key: str, default: str = "") -> str:
        value = self.qsettings.value(key, default)
        return value if isinstance(value, str) else default

    def _set(self, key: str, value: str) -> None:
        """Keep `value` under `key`. A value already kept is not set again: QSettings writes the whole
        file on its next turn of the event loop after any set (a lock file, two syncs to disk and a
        rename), and every start chose the enterprise it had read as the last one, before its first
        frame."""
        if self.qsettings.value(key) != value:
            self.qsettings.setValue(key, value)

    @property
    def language(self) -> str:
        value = self._str("language", "zh_CN")
        return value if value in LANGUAGES else "zh_CN"

    @language.setter
    def language(self, value: str) -> None:
        self._set("language", value)

    @property
    def data_dir(self) -> str:
        """The chosen data folder; empty means the default (SHENBAO_DATA_DIR or the user data folder)."""
        return self._str("data_dir")

    @data_dir.setter
    def data_dir(self, value: str) -> None:
        self._set("data_dir", value)

    @property
    def last_enterprise(self) -> str:
        return self._str("last_enterprise")

    @last_enterprise.setter
    def last_enterprise(self, value: str) -> None:
        self._set("last_enterprise", value)

    @property
    def tour_done(self) -> bool:
        """True once the guided tour of the main window has been shown (it then opens only from Help)."""
        return self._str("tour_done") == "true"

    @tour_done.setter
    def tour_done(self, value: bool) -> None:
        self._set("tour_done", "true" if value else "false")

    def blob(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_blob(self, key: str, value: QByteArray) -> None:
        if self.qsettings.value(key) != value:  # as _set: the same bytes are not written again
            self.qsettings.setValue(key, value)

    def sync(self) -> None:
        self.qsettings.sync()


def register_font() -> str | None:
    """Register the bundled WenQuanYi Micro Hei and make it the fallback for the UI font, so a machine
    without any Chinese font shows Chinese rather than boxes. Returns the family, or None when missing."""
    path = fonts.font_path()
    if not path.is_file():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    family = fonts.FAMILY if fonts.FAMILY in families else (families[0] if families else None)
    if family is None:
        return None
    app_font = QApplication.font()
    first = app_font.family()
    app_font.setFamilies([first, family] if first and first != family else [family])
    QApplication.setFont(app_font)
    return family


def translations_dir() -> Path:
    return paths.resources() / "translations"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load Qt's and our catalogue for `language`; they are kept on the app so they stay alive."""
    for old in getattr(app, "_shenbao_translators", []):
        app.removeTranslator(old)
    loaded: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "zh_CN":
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_dir):
            loaded.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        ours = QTranslator(app)
        if ours.load(f"shenbao_{language}", str(translations_dir())):
            loaded.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    for translator in loaded:
        app.installTranslator(translator)
    app._shenbao_translators = loaded  # type: ignore[attr-defined]
    return loaded


def app_icon() -> QIcon:
    """The icon at every size we ship (PNG for crisp small sizes, SVG for HiDPI scales)."""
    icon = QIcon()
    folder = paths.resources() / "icons"
    for size in ICON_SIZES:
        png = folder / f"shenbao-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    svg = folder / "shenbao.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    return icon


def create_application(argv: Sequence[str] | None = None, *, language: str = "zh_CN") -> QApplication:
    """The one QApplication of the process (reused when tests already made one)."""
    paint_on_one_thread()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(app.translate("App", "申报助手"))
    app.setDesktopFileName("shenbao")
    register_font()
    install_translators(app, language)
    app.setProperty(LANGUAGE_PROPERTY, language)  # the language this run speaks, whatever is saved
    app.setApplicationDisplayName(app.translate("App", "申报助手"))
    app.setWindowIcon(app_icon())
    return app


def paint_on_one_thread() -> None:
    """Keep Qt's drawing on the UI thread. Qt's raster engine otherwise hands each fill of 96 or more
    spans (a scroll bar's groove, a header's gradient, a large frame) to a pool of threads of its own and
    waits for them; for fills the size of a form's widgets the hand-over costs more than the fill: the main
    window's first frame took 56 ms with the pool and 44 ms without on two cores (2,700 waits on a lock
    among the threads against 5), and draws the same pixels. Qt reads the variable when it first makes
    the pool, at the first such fill; a user's own setting of it is left alone."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def ui_font(point_delta: float = 0, *, bold: bool = False) -> QFont:
    """The application font, larger or bolder, for headings."""
    font = QFont(QApplication.font())
    if point_delta:
        font.setPointSizeF(max(font.pointSizeF() + point_delta, 6))
    font.setBold(bold)
    return font


def viewport_of(view: QAbstractScrollArea) -> QWidget:
    """The widget `view.viewport()` returns (an item view's rows are drawn in it), found as the child Qt
    names qt_scrollarea_viewport. Asked for through viewport(), Qt for Python first tries every widget
    class the widget might be, building each with its enumerations: some 40 classes and 7 ms of the
    start, for the first viewport asked for; the child found by its name is known to be a QWidget."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    only_own = Qt.FindChildOption.FindDirectChildrenOnly
    found = view.findChild(QWidget, "qt_scrollarea_viewport", only_own)
    return found if found is not None else view.viewport()


def core_text(text: str) -> str:
    """A label that comes from the core (a field's label, a status, an applicant type), translated
    through the "Core" context; tools/core_strings.py lists them all for lupdate."""
    return QCoreApplication.translate("Core", text)
