"""A refused command: its reason on stderr, one line per problem, exit code 2, nothing on stdout."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from cli.output import fail
from core.errors import FieldError, InvalidInput, NotFound

app = typer.Typer()


@app.command()
def refuse(invalid: bool = False) -> None:
    if invalid:
        fail(InvalidInput([FieldError("kode", "unknown code"), FieldError("score", "not a number")]))
    fail(NotFound("token 7 not found"))


def test_an_error_is_one_line_on_stderr_and_exit_code_2() -> None:
    result = CliRunner().invoke(app, [])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "error: token 7 not found\n")


def test_invalid_input_names_each_field_on_its_own_line() -> None:
    result = CliRunner().invoke(app, ["--invalid"])
    assert result.exit_code == 2
    assert result.stderr == "error: kode: unknown code\nscore: not a number\n"
