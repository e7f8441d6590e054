"""Text put into Qt's rich text (the preview, the editor, the wizard, the register, the policy library),
escaped: every view escapes with this one function.

`escape` is the standard library's `html.escape`, written out here: importing the `html` package
loads its table of two thousand named entities, a millisecond of the start for a function that never
reads it.
"""

from __future__ import annotations


def escape(text: str, quote: bool = True) -> str:
    """`text` with &, < and > (and, with `quote`, both quotation marks) as entities, as html.escape."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text
