"""Deleting an enterprise with one declaration in the English window asked 「Remove “…” (…) and its 1
applications?」: the question counted with a placeholder, not a plural form. It reads in the singular for
one and the plural for more; the Chinese question is as before."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import saved_profile

VOUCHER = "fj2025.compute_voucher"


@pytest.mark.parametrize(("drafts", "said"), [(1, "its 1 application?"), (2, "its 2 applications?")])
def test_the_question_before_deleting_counts_declarations_in_english(
    qtbot: Any, window: Any, dialogs: Any, drafts: int, said: str, in_english: None
) -> None:
    doc = saved_profile(3)
    code = doc["enterprise"]["uscc"]
    window.store.save_profile(doc)
    for measure in (VOUCHER, "fz2024.compute_use")[:drafts]:
        window.store.save_draft(code, measure, {}, page="contact")
    window.reload()
    assert window.operations.delete(code) is False  # answered No: nothing is deleted
    asked = dialogs.texts("question")[-1]
    assert asked.splitlines()[0] == f"Remove “福州测试3科技有限公司” ({code}) and {said}"
    assert window.store.list_declarations(code)


def test_the_question_before_deleting_reads_as_before_in_chinese(
    qtbot: Any, window: Any, dialogs: Any
) -> None:
    doc = saved_profile(3)
    code = doc["enterprise"]["uscc"]
    window.store.save_profile(doc)
    window.store.save_draft(code, VOUCHER, {}, page="contact")
    window.reload()
    assert window.operations.delete(code) is False
    assert dialogs.texts("question")[-1] == (
        f"删除「福州测试3科技有限公司」（{code}）及其 1 份申报？\n删除前会自动备份，可在“设置 → 备份”中恢复。"
    )


def test_the_progress_of_an_import_counts_one_file_and_one_enterprise_in_the_singular(
    in_english: None,
) -> None:
    """Importing one file showed 「Reading 1 files…」 then 「Writing 1 enterprises…」 while it worked."""
    from PySide6.QtCore import QCoreApplication

    def said(text: str, n: int) -> str:
        return QCoreApplication.translate("StoreOperations", text, "", n)

    assert [said("正在读取 %n 个文件…", n) for n in (1, 2)] == ["Reading 1 file…", "Reading 2 files…"]
    assert [said("正在写入 %n 家企业…", n) for n in (1, 2)] == [
        "Writing 1 enterprise…",
        "Writing 2 enterprises…",
    ]
