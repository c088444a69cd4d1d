"""The README documents every command and the real schema (regenerate: docs/update_readme.py)."""
import importlib.util

from conftest import ROOT
from quotes.cli import cli


def load_updater():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "docs" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_schema_and_cli_sections_are_current():
    updater = load_updater()
    assert updater.updated_readme() == updater.README.read_text(encoding="utf-8"), "run: python docs/update_readme.py"


def test_every_command_and_option_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"quotes {name}" in readme
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in readme, f"{name} {opt}"


def test_readme_quick_start_is_the_two_make_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
