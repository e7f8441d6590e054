"""The desktop app under test: offscreen Qt, a real store on a temporary data folder with an in-memory
keyring, a settings file of its own, a fixed as-of date, and message boxes and input dialogs that answer
from a script instead of blocking."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from tests.conftest import AS_OF as AS_OF  # the tests of the window import it from here
from tests.conftest import EXAMPLES
from tests.rules.helpers import INFRA_FACTS as INFRA_FACTS  # the window's tests import it from here
from tests.store.factory import MemoryKeyring, make_profile, make_uscc

USCC = make_uscc(7)  # the wizard's enterprise (`tenant()`, stored by the `store` fixture)


@pytest.fixture
def editor(qtbot: Any) -> Any:
    """A profile editor on its own, shown, holding a new empty profile, every group's fields made (the
    tests find them by name; the groups a screen does not show at first are made after the first frame)."""
    from shenbao.ui.profile_editor import ProfileEditor

    widget = ProfileEditor()
    qtbot.addWidget(widget)
    widget.show()
    widget.build_all()
    return widget


@pytest.fixture
def example_profiles() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(EXAMPLES.glob("*.json")):
        docs.append(json.loads(path.read_text(encoding="utf-8"))["profile"])
    return docs


def saved_profile(i: int, **facts: Any) -> dict[str, Any]:
    return {
        "enterprise": {
            "name": f"福州测试{i}科技有限公司",
            "uscc": make_uscc(i),
            "org_type": "enterprise",
            "province": "福建省",
            "city": "福州市",
            "district": ["鼓楼区", "台江区"][i % 2],
            "is_ai_enterprise": True,
        },
        "facts": dict(facts),
    }


def tenant(i: int = 7, **facts: Any) -> dict[str, Any]:
    """A backbone AI enterprise on Fuzhou's compute platform (the wizard's and the park view's tenants)."""
    return {
        "enterprise": {
            "name": f"福州测试{i}智能科技有限公司",
            "uscc": make_uscc(i),
            "org_type": "enterprise",
            "province": "福建省",
            "city": "福州市",
            "district": ["鼓楼区", "台江区", "仓山区"][i % 3],
            "is_ai_enterprise": True,
            "in_ai_backbone_list": True,
            "in_fz_compute_platform": True,
        },
        "facts": dict(facts),
    }


@pytest.fixture
def store(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A real store on a fresh data folder, its key in an in-memory keyring."""
    from shenbao.core.store import Store

    monkeypatch.delenv("SHENBAO_PASSPHRASE", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    opened = Store.open(data_dir, daily_backup=False)
    opened.save_profile(tenant())
    yield opened
    opened.close()
    keyring.set_keyring(previous)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform warns that it cannot propagate size hints whenever a window is shown;
    that says nothing about the app."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture
def locked_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder whose two enterprises' secrets are under the passphrase 「passphrase1」."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.setenv("SHENBAO_PASSPHRASE", "passphrase1")
    from shenbao.core.store import Store

    folder = tmp_path / "data"
    with Store.open(folder, daily_backup=False) as store:
        for i in (3, 4):
            store.save_profile(json.loads(json.dumps(make_profile(i))))
    monkeypatch.setenv("SHENBAO_PASSPHRASE", "wrongpass9")
    yield folder
    keyring.set_keyring(previous)


class HeldThread:
    """Holds the thread pool's one thread until released: work started meanwhile waits behind it,
    deterministically (made a QRunnable when first used, so that Qt loads with the tests that need it)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QRunnable

        self.release = threading.Event()
        release = self.release

        class Hold(QRunnable):
            def run(self) -> None:
                release.wait(30)

        self.runnable = Hold()
        self.runnable.setAutoDelete(False)


@pytest.fixture
def one_thread() -> Iterator[HeldThread]:
    """The global thread pool cut to one thread and that thread held: background work queues until the
    test sets `one_thread.release`."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    before = pool.maxThreadCount()
    pool.setMaxThreadCount(1)
    busy = HeldThread()
    pool.start(busy.runnable)
    yield busy
    busy.release.set()
    pool.waitForDone(30000)
    pool.setMaxThreadCount(before)


def save_tenants(store: Any, count: int) -> Any:
    """`count` tenants of the park (each eligible for 算力服务补助 in its first year) saved in `store`."""
    from shenbao.core.model import parse_profile

    store.save_profiles(
        parse_profile(
            tenant(100 + i, compute_purchase_amount=100000 + 1000 * i, compute_subsidy_year_index=1)
        )
        for i in range(count)
    )
    return store
