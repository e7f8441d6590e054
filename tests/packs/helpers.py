"""Building signed packs for the tests: the example source of tests/fixtures/packs, a throwaway key made
in the test's own folder (no private key is kept in the repository), the real archive writer."""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shenbao.core.packs.archive import build, sign
from shenbao.core.packs.keys import keygen, load_private, read_public_file, trust
from shenbao.core.packs.library import packs_folder
from shenbao.core.policies import shipped_catalogue

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packs"
EXAMPLE = FIXTURES / "example"
# An enterprise of the example pack's fictional city.
EXAMPLE_CITY: dict[str, Any] = {
    "format": "shenbao-profile/1",
    "enterprise": {
        "name": "示例智能科技有限公司（示例）",
        "uscc": "913501044C12H3B168",
        "org_type": "enterprise",
        "province": "福建省",
        "city": "示例市",
        "district": "示例区",
    },
    "facts": {
        "compute_purchase_amount": 200000,
        "ai_product_count": 4,
        "iiot_actual_investment": 3000000,
        "platform_investment": 2000000,
        "platform_is_lead_builder": True,
    },
}


def copy_source(dest: Path, source: Path = EXAMPLE, **header: Any) -> Path:
    """A copy of a pack source with some of pack.toml's top-level keys rewritten (TOML literals)."""
    shutil.copytree(source, dest)
    path = dest / "pack.toml"
    text = path.read_text(encoding="utf-8")
    for key, literal in header.items():
        text, n = re.subn(rf"^{key} = .*$", f"{key} = {literal}", text, count=1, flags=re.M)
        assert n == 1, key
    path.write_text(text, encoding="utf-8")
    return dest


def make_key(folder: Path, name: str = "示例发布者") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    key = folder / "publisher.key"
    pub, _ = keygen(key, None, name)
    return key, pub


def build_pack(source: Path, key: Path, out: Path) -> Path:
    build(source, key, out, None, shipped_catalogue().documents)
    return out


def sign_as_is(source: Path, key: Path, out: Path) -> Path:
    """The source signed without the checks `build` makes first: a pack signed by an older program, or
    by another tool, that the reading side must judge for itself."""
    header = tomllib.loads((source / "pack.toml").read_text(encoding="utf-8"))
    members = {p.relative_to(source).as_posix(): p.read_bytes() for p in sorted(source.rglob("*.toml"))}
    fields = {"id": header["id"], "version": header["version"]}
    out.write_bytes(sign(members, fields, load_private(key, None)))
    return out


def folder_state(data_dir: Path) -> dict[str, bytes]:
    """Every file of a data folder and its bytes: what a refusal must leave as it was."""
    return {
        p.relative_to(data_dir).as_posix(): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()
    }


def trust_in(data_dir: Path, pub: Path) -> None:
    raw, name = read_public_file(pub)
    trust(packs_folder(data_dir), raw, name)


def ok(result: Any) -> str:
    """The output of a command that must succeed."""
    assert result.returncode == 0, result.stderr
    return result.stdout


# Any Chinese character or full-width sign: what the English window must not show of its own words
CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# The example pack's platform measure's expression, which tests replace
EXPRESSION = (
    'expression = "min(rate * platform_investment + (bonus if platform_is_lead_builder else 0), cap)"'
)


def edited(member: str, old: str, new: str) -> Callable[[dict[str, bytes]], None]:
    """An edit of a pack's members (for `signed_tree`): the first `old` of `member` replaced by `new`."""

    def edit(members: dict[str, bytes]) -> None:
        text = members[member].decode()
        assert old in text
        members[member] = text.replace(old, new, 1).encode()

    return edit


def refused_both_ways(
    window: Any, dialogs: Any, trusted: Path, key: Path, folder: Path, edit: Callable[..., None], as_of: Any
) -> tuple[Path, str, str]:
    """The example pack edited by `edit` and signed with `key`, refused by `shenbao policies install` and
    by the window's 安装政策更新…: the pack, the command's standard error and the window's warning."""
    from shenbao.ui.pack_dialog import prepare
    from tests.store.factory import assert_refused, shenbao

    from .test_pack_refusals import signed_tree

    pack = folder / "bad.shenbao-policy"
    pack.write_bytes(signed_tree(EXAMPLE, key, edit))
    result = shenbao(trusted, "policies", "install", str(pack))
    assert_refused(result)
    assert prepare(window, trusted, pack, window.store, as_of) is None
    return pack, result.stderr, dialogs.texts("warning")[-1]


def install_in_window(
    qtbot: Any, window: Any, data_dir: Path, public: Path, pack: Path, profile: dict[str, Any], as_of: Any
) -> None:
    """`profile` saved and chosen in the window, judged on `as_of`, once `pack` (signed by the holder of
    `public`) is installed through the policy library."""
    from .test_pack_dialog import answer_dialog

    trust_in(data_dir, public)
    window.store.save_profile(profile)
    window.reload()
    window.ctx.set_as_of(as_of)
    library = window.windows.library()
    answer_dialog(qtbot, [], "install")
    with qtbot.waitSignal(library.policiesChanged):
        assert library.update_bar.install_from(pack) is True
    assert window.select_enterprise(profile["enterprise"]["uscc"])
