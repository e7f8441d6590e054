"""Profiles and read-back helpers for the PDF tests: real profiles, the real rules, real PDFs."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from shenbao.core.model import parse_profile

AS_OF = dt.date(2026, 3, 10)
RARE = "\U0002a6a5"  # 𪚥, CJK Extension B: not in the bundled font


def id_number(prefix17: str) -> str:
    """The 身份证号 of 17 digits and its GB 11643 check character."""
    from shenbao.core.fieldkinds import iso7064_check

    return prefix17 + iso7064_check(prefix17)


def enterprise(**extra: Any) -> dict[str, Any]:
    base = {
        "name": "福州星河智算科技有限公司",
        "uscc": "91350100H49D4H3981",
        "org_type": "enterprise",
        "province": "福建省",
        "city": "福州市",
        "district": "鼓楼区",
        "address": "福州市鼓楼区软件大道89号",
        "legal_representative": "张明",
        "contact_name": "李华",
        "contact_phone": "0591-87654321",
        "is_ai_enterprise": True,
        "in_ai_backbone_list": True,
        "in_fz_compute_platform": True,
        "recognitions": [],
    }
    base.update(extra)
    return base


def invoices(n: int, amount: int = 5000) -> list[dict[str, Any]]:
    return [
        {
            "supplier": f"福州算力云服务有限公司{i % 3}",
            "invoice_no": f"35{i:08d}",
            "date": "2026-01-15",
            "amount": amount,
        }
        for i in range(1, n + 1)
    ]


def profile_of(facts: dict[str, Any], **ent: Any):
    return parse_profile({"enterprise": enterprise(**ent), "facts": facts})


def fonts_of(pdf: bytes) -> set[str]:
    """The base names of every font of every page; asserts each is embedded (FontFile2) as a subset."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
            assert re.match(r"^/[A-Z]{6}\+", font["/BaseFont"]), font["/BaseFont"]
            names.add(str(font["/BaseFont"]))
    return names


def text_of(pdf: bytes | Path) -> tuple[str, list[str]]:
    """All the text (whitespace removed, so wrapped lines join) and each page's raw text."""
    import pdfplumber

    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    with pdfplumber.open(io.BytesIO(data)) as doc:
        pages = [page.extract_text() or "" for page in doc.pages]
    return re.sub(r"\s+", "", "".join(pages)), pages


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
