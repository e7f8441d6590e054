"""Qt's item data roles as plain ints, for the `data()` of models a view asks thousands of times per
paint (every cell, every role): comparing a role with a member of PySide's enums (Python enums) costs
about a microsecond each time, several times per call, which added up to a good part of the first frame.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FONT = int(Qt.ItemDataRole.FontRole)
USER = int(Qt.ItemDataRole.UserRole)
