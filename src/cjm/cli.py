"""The cjm command line: each command reads its arguments, calls the Python API and writes the result.

Only `typer` and the standard library are imported at start; each command imports what
it needs when it runs, so `cjm --version` and `cjm validate` stay quick.
"""

import os
import sys
from typing import Annotated, NoReturn

import typer

from cjm import __version__, exitcodes
from cjm.output import OutputFormat

app = typer.Typer(
    name="cjm",
    help="Customer journey maps as code: check and render journey maps kept as YAML files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Journey files, folders to search for them, or - to read standard input.",
        show_default=False,
        metavar="PATH...",
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="How to write the findings: text for people, json for tools."),
]
StdinNameOption = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        help="The file name to show for standard input; references are also looked up beside it.",
    ),
]


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"cjm {__version__}")
        raise typer.Exit(exitcodes.OK)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_show_version, is_eager=True)
    ] = False,
) -> None:
    """Customer journey maps as code: check and render journey maps kept as YAML files."""


@app.command()
def validate(
    paths: PathsArgument,
    output_format: FormatOption = OutputFormat.TEXT,
    stdin_filename: StdinNameOption = None,
) -> None:
    """Check that journey maps are valid YAML, follow the cjm/v1 schema and their references resolve."""
    from cjm.api import validate as validate_files
    from cjm.diagnostics import Severity
    from cjm.discovery import UsageError
    from cjm.output import write_report

    try:
        report = validate_files(paths, stdin_name=stdin_filename)
    except UsageError as error:
        _usage_error(str(error))
    write_report(report, output_format, sys.stdout, color=_use_color(sys.stdout))
    raise typer.Exit(exitcodes.FINDINGS if report.count(Severity.ERROR) else exitcodes.OK)


@app.command()
def schema() -> None:
    """Print the JSON Schema of cjm files, for editors and other tools."""
    from cjm.schema import json_schema_text

    sys.stdout.write(json_schema_text())


def _use_color(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _usage_error(message: str) -> NoReturn:
    sys.stderr.write(f"cjm: {message}\n")
    raise typer.Exit(exitcodes.USAGE)


def main() -> None:
    """Run the command line. Typer turns usage errors into exit 2, Ctrl-C into 130 and a closed
    pipe into a quiet exit; anything else that escapes is a bug in cjm, reported in one line."""
    try:
        app()
    except Exception as error:  # the last resort: a bug in cjm, never a problem in the input
        sys.stderr.write(
            f"cjm: internal error, please report it with the command you ran ({type(error).__name__}: {error})\n"
        )
        sys.exit(exitcodes.USAGE)
