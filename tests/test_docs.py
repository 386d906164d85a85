"""Every command has help and a section in the README."""

from pathlib import Path

from click.testing import CliRunner

from kehoach.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_documented():
    for name, command in cli.commands.items():
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and command.help, name
        assert f"kehoach {name}" in README, f"kehoach {name} is not in the README"


def test_readme_starts_with_the_two_commands():
    block = README.split("```")[1]
    assert "make demo" in block and "make test" in block
