"""The CLI entry point: exit codes, one-line errors, lazy subcommands."""

from __future__ import annotations

import subprocess
import sys
import types

import click
import pytest

from nodepilot import cli
from nodepilot.errors import UserError


@click.command()
@click.argument("code", type=int)
@click.pass_context
def _exit_with(ctx: click.Context, code: int) -> None:
    ctx.exit(code)


@click.command()
def _user_error() -> None:
    raise UserError("the thing is wrong", hint="do the other thing")


@pytest.fixture()
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("_np_cli_test")
    module.exit_with = _exit_with  # type: ignore[attr-defined]
    module.user_error = _user_error  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "_np_cli_test", module)
    monkeypatch.setitem(cli.COMMANDS, "exit-with", ("_np_cli_test:exit_with", "test"))
    monkeypatch.setitem(cli.COMMANDS, "user-error", ("_np_cli_test:user_error", "test"))


@pytest.mark.parametrize("code", [0, 1, 3])
def test_ctx_exit_codes_reach_the_shell(registered: None, code: int) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["exit-with", str(code)])
    assert exc.value.code == code


def test_user_error_is_one_line_and_exit_2(
    registered: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["user-error"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["error: the thing is wrong", "hint: do the other thing"]


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["frobnicate"])
    assert exc.value.code == 2
    assert "frobnicate" in capsys.readouterr().err


def test_help_lists_commands_without_importing_heavy_modules() -> None:
    code = (
        "import sys; from nodepilot.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit: pass\n"
        "heavy = [m for m in ('torch', 'onnxruntime', 'psycopg', 'sentence_transformers') "
        "if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "generate" in out.stdout and "validate" in out.stdout
    assert "HEAVY []" in out.stdout
