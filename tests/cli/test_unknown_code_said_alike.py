"""A 统一社会信用代码 the data folder does not hold, given to each command that picks an enterprise by it
(as a park's script loops over its list, a tenant since removed among them): every command says the same
line, naming the code as it is written, exit status 2, and the folder is left as it was."""

from __future__ import annotations

from pathlib import Path

from tests.cli.walk import VOUCHER, state_of
from tests.conftest import REPO
from tests.store.factory import assert_refused, make_uscc, shenbao

GONE = make_uscc(9)


def test_every_command_says_an_unknown_code_in_the_same_words(declared: Path, tmp_path: Path) -> None:
    typed = f" {GONE[:8]} {GONE[8:].lower()} "
    invoice = REPO / "tests" / "fixtures" / "invoices" / "anxie_25322000000365404822_250.00.xml"
    commands = [
        ["preview", "--uscc", typed],
        ["render", "--uscc", typed, "--measure", VOUCHER, "--out", str(tmp_path / "x.pdf")],
        ["todo", "--uscc", typed],
        ["declarations", "list", "--uscc", typed],
        ["export", "--out", str(tmp_path / "x.csv"), "--uscc", typed],
        ["export", "--out", str(tmp_path / "x.shenbao"), "--uscc", typed],
        ["invoices", "add", "--uscc", typed, str(invoice)],
        ["profiles", "show", typed],
        ["profiles", "rm", typed],
    ]
    before = state_of(declared)
    said = set()
    for argv in commands:
        result = shenbao(declared, *argv)
        assert_refused(result, GONE)
        said.add(result.stderr)
    assert said == {f"shenbao: 没有统一社会信用代码为 {GONE} 的企业\n"}
    assert state_of(declared) == before
    assert not any(tmp_path.glob("x.*"))
