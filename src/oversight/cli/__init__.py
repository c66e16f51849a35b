"""The ``oversight`` command: one grammar, ``oversight VERB [KIND] [ARGS]``.

Exit status everywhere: 0 success, 1 problems found in readable input, 2 input unreadable or a
usage error. Messages go to standard error, never as a traceback. Each verb lives in its own
module and is composed here; a command is added when it works, never as a placeholder.
"""

import typer

from oversight.cli.imports import import_
from oversight.cli.measures import measures
from oversight.cli.returns import convert_app, export_app
from oversight.cli.synth import synth
from oversight.cli.validate import validate_app
from oversight.cli.web import MANAGE_CONTEXT_SETTINGS, demo, manage, serve

app = typer.Typer(
    name="oversight",
    help="Oversight of children's services: data in, validation, measures and the web app.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(validate_app, name="validate")
app.add_typer(export_app, name="export")
app.add_typer(convert_app, name="convert")
app.command()(synth)
app.command()(measures)
app.command("import")(import_)
app.command()(serve)
app.command()(demo)
app.command(context_settings=MANAGE_CONTEXT_SETTINGS)(manage)


def main() -> None:
    """Run the command line (the ``oversight`` console script)."""
    app()
