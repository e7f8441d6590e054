"""设置 → 更换数据密钥 over 3,000 enterprises, each with a roster of 身份证号 and a phone, and 4 backups:
how long the change takes from the click to the message saying it is done, and the longest pause of the
UI thread meanwhile, as a timer ticking every 16 ms on it sees it.

The data folder is made once per run in a temporary folder, its key in an in-memory keyring (`--home
passphrase`: under a passphrase, as on a computer without one); the settings dialog opens on it in this
process, on the offscreen platform, and its button is clicked with the backups re-encrypted (「是」).

Target: no pause of the window longer than a tenth of a second. The machine is shared: figures carry the
1-minute load average at the start and the end of the run.
Run: .venv/bin/python benchmarks/key_rotation_bench.py [--enterprises N] [--backups N] [--repeats N]
     [--home keyring|passphrase]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "desktop"), str(ROOT)]

ENTERPRISES = 3000
BACKUPS = 4
PASSPHRASE = "数据口令 2026 基准"
TOLD: list[str] = []  # what the dialog said


def make_folder(folder: Path, count: int, backups: int) -> Path:
    """`count` enterprises with two core engineers (身份证号) and a phone each, then `backups` backups."""
    from tests.store.factory import make_profile

    from shenbao.core.model import parse_profile
    from shenbao.core.store import Store

    with Store.open(folder, daily_backup=False) as store:
        store.save_profiles(parse_profile(make_profile(i), require_uscc=True) for i in range(count))
        for _ in range(backups):
            store.backup_now()
    return folder


def measure(folder: Path, repeats: int) -> list[tuple[float, float]]:
    """(seconds from the click to the message, longest pause in ms) of each change of key."""
    from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QMessageBox

    qInstallMessageHandler(lambda *_args: None)
    from shenbao.core.store import Store
    from shenbao.ui.app import AppSettings, create_application
    from shenbao.ui.settings_dialog import SettingsDialog

    told = TOLD
    QMessageBox.question = staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]
    QMessageBox.information = staticmethod(lambda _p, _t, text, *_a: told.append(text))  # type: ignore[method-assign]
    QMessageBox.warning = staticmethod(lambda _p, _t, text, *_a: told.append("warning: " + text))  # type: ignore[method-assign]
    app = create_application(language="zh_CN")
    out: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(folder, daily_backup=False) as store:
        store.get_profile(store.list_enterprises()[0].uscc)  # the key read, as the window has read it
        dialog = SettingsDialog(AppSettings(Path(tmp) / "settings.ini"), store, folder)
        dialog.show()
        app.processEvents()
        for _ in range(repeats):
            ticks: list[float] = []
            timer = QTimer()
            timer.setInterval(16)
            timer.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
            before = len(told)
            timer.start()
            start = time.perf_counter()
            ticks.append(start)
            QTimer.singleShot(0, dialog.rotate_button.click)
            while len(told) == before:
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            took = time.perf_counter() - start
            ticks.append(time.perf_counter())
            timer.stop()
            if told[-1].startswith("warning"):
                raise SystemExit(told[-1])
            out.append((took, 1000 * max(b - a for a, b in zip(ticks, ticks[1:], strict=False))))
        dialog.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=ENTERPRISES)
    parser.add_argument("--backups", type=int, default=BACKUPS)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--home", choices=("keyring", "passphrase"), default="keyring")
    args = parser.parse_args()
    import keyring
    import keyring.backends.fail
    from tests.store.factory import MemoryKeyring

    os.environ.pop("SHENBAO_PASSPHRASE", None)
    chosen: Any = MemoryKeyring()
    if args.home == "passphrase":
        chosen = keyring.backends.fail.Keyring()
        os.environ["SHENBAO_PASSPHRASE"] = PASSPHRASE
    keyring.set_keyring(chosen)
    with tempfile.TemporaryDirectory() as tmp:
        made = time.perf_counter()
        folder = make_folder(Path(tmp) / "data", args.enterprises, args.backups)
        made = time.perf_counter() - made
        load = os.getloadavg()[0]
        runs = measure(folder, args.repeats)
        after = os.getloadavg()[0]
    print(
        f"{args.enterprises:,} enterprises, {args.backups} backups, key in the {args.home}"
        f" (made in {made:.1f} s; load {load:.1f}–{after:.1f})"
    )
    print("  " + TOLD[-1])
    for took, pause in runs:
        print(f"  click → message {took:.2f} s, longest pause of the UI thread {pause:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
