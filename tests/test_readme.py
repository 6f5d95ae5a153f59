"""The README's two set-up commands and CI must not drift apart."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick)


def test_readme_has_the_two_setup_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    serve, test = commands
    assert serve.rstrip().endswith("pasb-kg serve")
    assert test == "bash scripts/test"
    assert "pytest" in (REPO / "scripts" / "test").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci


def test_every_setting_is_documented() -> None:
    from kg.settings import describe_settings

    for name, _default, help_text in describe_settings():
        assert help_text.strip(), f"setting {name} has no help text"
