"""The documentation cannot drift from the code: every error code and command is documented."""

from __future__ import annotations

import re

from eventwire.cli import cli
from eventwire.errors import CODES
from tests.conftest import ROOT


def test_every_error_code_is_documented():
    documented = set(re.findall(r"^\| (E\d{3}) \|", (ROOT / "docs/errors.md").read_text(), re.M))
    assert set(CODES) <= documented, sorted(set(CODES) - documented)


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()

    def walk(group, prefix):
        for name, command in group.commands.items():
            path = f"{prefix} {name}"
            if hasattr(command, "commands"):
                yield from walk(command, path)
            else:
                yield path, command

    commands = list(walk(cli, "eventwire"))
    assert len(commands) >= 3
    for path, command in commands:
        assert command.help and "Example:" in command.help, f"{path} needs help with an example"
        assert path in readme, f"{path} is not in the README"


def test_readme_shows_the_two_setup_commands_and_ci_calls_the_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci/run").read_text()
