"""Every command has Dutch help, and the package runs as `python -m prestatie`."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from prestatie.cli import main

ENGLISH = ["Usage:", "Options:", "Show this message", "Commands:", "[OPTIONS]"]


@pytest.mark.parametrize("args", [[], ["check"], ["build"], ["schema"]])
def test_help_is_dutch(args: list[str]) -> None:
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0
    assert "Gebruik: " in result.output
    assert "Toon deze hulp en stop." in result.output
    for word in ENGLISH:
        assert word not in result.output


def test_every_option_has_help_text() -> None:
    for name, command in main.commands.items():
        assert command.help, name
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.name}"


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "prestatie", "--versie"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.startswith("prestatie ")
