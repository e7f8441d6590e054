"""Entry point of the frozen app: the `shenbao` command, which opens the window when given no command.

The Windows window build (console=False) has no standard streams; printing to them would raise, so
they go to the null device there. The console build and the other platforms keep theirs.
"""

import os
import sys


def _ensure_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    _ensure_streams()
    # A large .xlsx is read by a second process of this program, which multiprocessing starts with its
    # resource tracker: both are this program with arguments of multiprocessing's own, which
    # freeze_support runs (PyInstaller's run-time hook has imported multiprocessing already).
    import multiprocessing

    multiprocessing.freeze_support()
    from shenbao.cli import main

    sys.exit(main())
