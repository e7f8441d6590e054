"""The window journeys use the desktop tests' window: offscreen, a real store on an empty data folder,
scripted message boxes."""

from tests.ui.conftest import app_settings, dialogs, window  # noqa: F401 -- fixtures shared with tests/ui
