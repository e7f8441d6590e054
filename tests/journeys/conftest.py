"""The window journeys use the desktop tests' window: offscreen, a real store on an empty data folder,
scripted message boxes, and the data key in an in-memory keyring (never the user's, and never absent
on a machine without a keyring service)."""

from tests.store.factory import memory_keyring  # noqa: F401 -- autouse, as in tests/ui and tests/store
from tests.ui.conftest import app_settings, dialogs, window  # noqa: F401 -- fixtures shared with tests/ui
