"""Hypothesis fuzz of what comes from outside: any JSON at the profile loader, any bytes (with a correct
checksum, so the fuzz reaches the zip and JSON parsing) at the bundle reader. Each either loads or is
refused with a known, Chinese error — never another exception."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shenbao.core.model import FACT_FIELDS, ProfileError, parse_profile, parse_profile_text
from shenbao.core.store.bundle import TRAILER, BundleError, _read
from shenbao.core.store.db import StoreError

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
KEYS = st.sampled_from(["name", "uscc", "org_type", "province", "city", "is_ai_enterprise", "recognitions"])
FACT_KEYS = st.sampled_from([*FACT_FIELDS, "compute_invoices", "ai_products", "core_engineers"])


@settings(max_examples=300, deadline=None)
@given(doc=JSON)
def test_any_json_value_loads_or_is_a_profile_error(doc) -> None:
    try:
        parse_profile(doc)
    except ProfileError as err:
        assert str(err)


@settings(max_examples=300, deadline=None)
@given(enterprise=st.dictionaries(KEYS, JSON, max_size=6), facts=st.dictionaries(FACT_KEYS, JSON, max_size=8))
def test_profile_shaped_json_loads_or_names_the_field(enterprise, facts) -> None:
    try:
        profile = parse_profile({"enterprise": enterprise, "facts": facts})
    except ProfileError as err:
        assert err.field or err.message
        return
    assert profile.to_dict()["enterprise"] == enterprise


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_loads_or_is_a_profile_error(text) -> None:
    try:
        parse_profile_text(text, source="fuzz.json")
    except ProfileError as err:
        assert "fuzz.json" in str(err)


def with_trailer(body: bytes) -> bytes:
    return body + TRAILER + hashlib.sha256(body).hexdigest().encode()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


MANIFEST = {"format": "shenbao-bundle/1", "members": {}}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_any_bytes_with_a_valid_checksum_are_refused_cleanly(data) -> None:
    try:
        _read(with_trailer(b"PK\x03\x04" + data), lambda: None)
    except (BundleError, StoreError) as err:
        assert err.message


@settings(max_examples=200, deadline=None)
@given(
    manifest=st.dictionaries(st.text(max_size=10), JSON, max_size=4) | st.just(MANIFEST),
    names=st.lists(
        st.text(st.characters(min_codepoint=32, max_codepoint=0x4DFF), min_size=1, max_size=12), max_size=3
    ),
    body=JSON,
)
def test_fuzzed_zip_members_and_manifests_are_refused_cleanly(manifest, names, body) -> None:
    members = {name: json.dumps(body).encode() for name in names}
    members["manifest.json"] = json.dumps(manifest).encode()
    try:
        entries = _read(with_trailer(zip_of(members)), lambda: None)
    except (BundleError, StoreError) as err:
        assert str(err)
    else:
        assert isinstance(entries, list)
