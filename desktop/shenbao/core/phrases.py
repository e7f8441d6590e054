"""Sentences written from a template and values, so that each can be written again in another language.

A `Phrase` is the Chinese sentence (a str, as every reader has always had it) that keeps the template it
was written from and its values. The templates are core strings (tools/core_strings.py lists them), so an
interface in English translates the template and writes the sentence again from values it translates on
their own (a field's label, a title) — never by taking the Chinese sentence apart.
"""

from __future__ import annotations

from typing import Any


class Phrase(str):
    """`template.format(**values)`, keeping `template` and `values`."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Phrase:
        phrase = super().__new__(cls, template.format(**values))
        phrase.template, phrase.values = template, values
        return phrase

    def __reduce__(self) -> Any:  # a copy or a pickle is the plain sentence
        return (str, (str(self),))
