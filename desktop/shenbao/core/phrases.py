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


# A sentence that names a number of things is written in English in the singular for one and the plural
# for more (1 day, 2 days), which Chinese does not do: the placeholder its Chinese writes the number in,
# and the value that holds it as an int for choosing the English form (每年集中受理{times}次 writes 两).
COUNTS = {"count": "count", "days": "days", "times": "count"}


def counted_by(template: str) -> str | None:
    """The value a template counts with (so its English has a singular and a plural form), if any."""
    return next((value for name, value in COUNTS.items() if "{" + name + "}" in template), None)
