"""Each command's --help, as a script's author reads it: what the command does, under its usage, and
what every argument and option is."""

from __future__ import annotations

import argparse
from pathlib import Path

from shenbao.cli import build_parser
from tests.command import run_shenbao


def commands(
    parser: argparse.ArgumentParser, words: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], str, argparse.ArgumentParser]]:
    """Every command and sub-command the parser knows: its words, the line its group's --help lists it
    with, and its own parser."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                named, command = (*words, choice.dest), action.choices[choice.dest]
                found.append((named, choice.help or "", command))
                found.extend(commands(command, named))
    return found


def test_every_command_says_what_it_does_and_what_each_argument_is(tmp_path: Path) -> None:
    walked = commands(build_parser())
    assert len(walked) > 30
    for words, summary, command in walked:
        result = run_shenbao(*words, "--help", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        # what it does, under its usage: the line of its group's list, or a longer one of its own
        assert summary and command.description, words
        assert command.description[:8] in result.stdout.split("\n\n")[1], words
        for action in command._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help, (words, action.option_strings or action.metavar)
