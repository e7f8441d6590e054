"""The desktop app (Qt Widgets). It presents and edits; the core decides.

Modules here import only PySide6 and the light parts of the core at module level: the store
(sqlite-utils, keyring), the rules catalogue and reportlab are imported after the main window is shown,
so the window appears about as fast as a bare one.
"""
