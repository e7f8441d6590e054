"""Fixtures of the PDF tests."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

from .helpers import AS_OF


@pytest.fixture
def render():
    """render(profile, measure, **kw) → (pdf bytes, Rendered), through the real preview."""
    from shenbao.core.pdf import render_declaration
    from shenbao.core.rules import preview

    def run(profile, measure: str, as_of: dt.date = AS_OF, **kw: Any):
        buffer = io.BytesIO()
        rendered = render_declaration(profile, preview(profile, as_of), measure, buffer, **kw)
        return buffer.getvalue(), rendered

    return run
