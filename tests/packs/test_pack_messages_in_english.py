"""政策库 in English: what installing or removing a policy pack warns of or refuses is said in English,
with its values filled in (the pack's id and version, the measure's title and id); the Chinese window
says it as before. Each was shown in Chinese in the English window."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from shenbao.core.packs.library import activate, commit_install, plan_install, removal_warnings

from .helpers import EXAMPLE_CITY, trust_in

AS_OF = dt.date(2026, 12, 15)
CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
PACK_TITLE = "示例市人工智能产业扶持办法（示例）"  # the pack's own title, which has no English
MEASURE_TITLE = "算力券（示例）"  # the example measure's title, which has no English in the data
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_pack_s_removal_and_a_second_install_are_told_in_english(
    qtbot: Any, window: Any, dialogs: Any, data_dir: Any, publisher: Any, example_pack: Any, in_english: None
) -> None:
    from shenbao.ui.pack_dialog import prepare

    trust_in(data_dir, publisher[1])
    window.store.save_profile(EXAMPLE_CITY)
    window.reload()
    commit_install(data_dir, plan_install(data_dir, example_pack.read_bytes(), AS_OF))
    assert activate(data_dir) == []
    gone = next(w for w in removal_warnings(data_dir, "example-ai", AS_OF) if "compute_voucher" in w)
    assert gone == (
        f"措施 {MEASURE_TITLE}（sl2026.compute_voucher）将不再提供：预览和申报向导不再列出它，"
        "已有的申报仍留在申报登记中"
    )
    window.ctx.set_as_of(AS_OF)
    bar = window.windows.library().update_bar

    assert prepare(window, data_dir, example_pack, window.store, AS_OF) is None
    assert dialogs.texts("warning")[-1] == (
        "Not installed: Version 1 of policy pack example-ai is installed already; "
        "there is no need to install it again"
    )

    dialogs.answers.append(QMessageBox.StandardButton.No)
    assert bar.remove_pack("example-ai") is False
    asked = dialogs.texts("question")[-1].split("\n\n")
    assert (
        f"Measure {MEASURE_TITLE} (sl2026.compute_voucher) will no longer be offered: the preview and the "
        "wizards will not list it; its declarations stay in the register"
    ) in asked, asked
    said = "\n".join(asked).replace(PACK_TITLE, "")
    for measure in re.findall(r"Measure (.+?) \(sl2026\.", said):
        said = said.replace(measure, "")
    assert not CJK.search(said), said

    bar.set_as_of(dt.date(2029, 1, 10))
    assert bar.notice_label.text() == (
        f"The policy data expired on 2028-12-31; please get an update (policy pack “{PACK_TITLE}”, version 1)"
    )


def test_a_file_that_is_not_a_policy_pack_is_refused_in_english(
    qtbot: Any, window: Any, dialogs: Any, data_dir: Any, tmp_path: Any, in_english: None
) -> None:
    """安装政策更新… with a text file renamed x.shenbao-policy, and with a folder of that name: the refusal
    said 「Not installed: 不是有效的政策包：…」 in the English window."""
    from shenbao.core.packs.archive import PackError, read_file, read_pack
    from shenbao.ui.pack_dialog import prepare

    renamed = tmp_path / "x.shenbao-policy"
    renamed.write_text("这是一个文本文件\n", encoding="utf-8")
    with pytest.raises(PackError) as caught:
        read_pack(read_file(renamed), lambda _f: None, {})
    assert str(caught.value) == "不是有效的政策包：不是 zip 压缩文件，或文件过大"
    assert prepare(window, data_dir, renamed, window.store, AS_OF) is None
    assert dialogs.texts("warning")[-1] == (
        "Not installed: This is not a valid policy pack: it is not a zip file, or it is too large"
    )

    folder = tmp_path / "y.shenbao-policy"
    folder.mkdir()
    assert prepare(window, data_dir, folder, window.store, AS_OF) is None
    assert dialogs.texts("warning")[-1] == f"Not installed: {folder}: this is a folder, not a policy pack"
