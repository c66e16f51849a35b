"""``oversight serve``, ``oversight demo`` and ``oversight manage``: the web app's processes.

``serve`` runs two children and supervises them::

    oversight serve ─┬─ gunicorn oversight.web.wsgi:application   (the web server)
                     └─ django db_worker --no-reload              (background tasks)

SIGINT, SIGTERM and SIGHUP are forwarded to both (as SIGTERM, for a graceful stop); when either
child stops, the other is stopped too, and the exit status is non-zero unless the stop was asked
for and both ended cleanly. The children run in their own process group so that Ctrl+C reaches
them once, through this process.

Django is imported inside the commands, never at import time, to keep ``oversight --help`` fast.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Annotated, Any, NoReturn

import polars as pl
import typer
from rich.console import Console

DEV_SETTINGS = "oversight.web.settings.dev"
PRODUCTION_SETTINGS = "oversight.web.settings.production"
WSGI_APPLICATION = "oversight.web.wsgi:application"
MANAGE_CONTEXT_SETTINGS: dict[str, Any] = {
    "allow_extra_args": True,
    "ignore_unknown_options": True,
    "help_option_names": [],
}
"""Typer's context settings for ``manage``: every argument, ``--help`` included, goes to Django."""

_WORKERS = 2  # one per core on the reference machine; threads cover waiting on the database
_THREADS = 4
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_GRACE_SECONDS = 25.0

Host = Annotated[str, typer.Option(help="Address to listen on.")]
Port = Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)]


def serve(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Run the web server (gunicorn) and the background worker until stopped."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", PRODUCTION_SETTINGS)
    _setup_django()
    _run_system_checks()
    code = supervise(
        {
            "web server": gunicorn_command(host, port),
            "background worker": [sys.executable, "-m", "django", "db_worker", "--no-reload"],
        }
    )
    if code != 0:
        raise typer.Exit(code)


def demo(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Set up the demo (dev profile, synthetic data), print one demo user per role, then serve."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEV_SETTINGS)
    if os.environ["DJANGO_SETTINGS_MODULE"] == PRODUCTION_SETTINGS:
        _fail("The demo never runs on the production profile: unset DJANGO_SETTINGS_MODULE.")
    console = _console()
    council = _demo_council(console)
    os.environ.setdefault("OVERSIGHT_COUNCIL_NAME", str(council.description["name"]))
    _setup_django()

    from django.conf import settings
    from django.core.management import call_command

    from oversight.errors import OversightError
    from oversight.web.accounts.demo import links_from_council
    from oversight.web.accounts.services import create_demo_users

    if not settings.OVERSIGHT_ALLOW_DEMO_USERS:
        _fail(f"{os.environ['DJANGO_SETTINGS_MODULE']} does not allow demo users.")
    with console.status("Preparing the database and static files…"):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        try:
            users = create_demo_users(links_from_council(council.frames))
        except OversightError as error:
            _fail(str(error))
    _load_demo_snapshot(
        console, council.folder, date.fromisoformat(str(council.description["extract_date"]))
    )

    from rich.table import Table

    table = Table(title="Demo users (synthetic data only)", title_justify="left")
    table.add_column("Role")
    table.add_column("Username", style="bold")
    table.add_column("Password", style="bold")
    for user in users:
        table.add_row(user.role.label, user.username, user.password)
    console.print(table)
    console.print(
        f"Demo data: {council.description['name']}, an improving council simulated to "
        f"{council.description['extract_date']}, in {council.folder} (SSD tables)."
    )
    console.print(f"Open [bold]http://{host}:{port}/[/bold] and sign in. Stop with Ctrl+C.")
    serve(host=host, port=port)


@dataclass(frozen=True)
class DemoCouncil:
    """The demo's synthetic council: its folder, ``council.json`` and SSD frames."""

    folder: Path
    description: dict[str, object]
    frames: dict[str, pl.DataFrame]


def _demo_council(console: Console) -> DemoCouncil:
    """The demo's improving council under the data directory, simulated on first use."""
    from oversight.core.ssd import read_ssd
    from oversight.core.synth import Practice, ProfileName, SynthRequest, default_end, synthesise
    from oversight.web.settings._environment import read_environment

    data_dir = read_environment(os.environ, cwd=Path.cwd()).data_dir
    folder = data_dir / "demo-council"
    if not (folder / "council.json").exists():
        end = default_end()
        with console.status("Simulating the demo's synthetic council (a few seconds)…"):
            synthesise(
                SynthRequest(
                    out=folder,
                    end=end,
                    practice=Practice(ProfileName.IMPROVING, date(end.year - 2, 4, 1)),
                    file_format="parquet",
                )
            )
    description = json.loads((folder / "council.json").read_text(encoding="utf-8"))
    return DemoCouncil(folder, description, read_ssd(folder))


DEMO_SNAPSHOT_MONTHS = (24, 18, 12, 6, 0)
"""The demo's snapshots: every six months over the two years the council has been improving,
so that the overview shows a trend."""


def _load_demo_snapshot(console: Console, folder: Path, extract_date: date) -> None:
    """Load the demo council into half-yearly snapshots on first run (when none is complete)."""
    from oversight.core.calendar import months_after
    from oversight.web.imports.queries import latest_snapshot
    from oversight.web.imports.services import LoadRequest, load_now

    if latest_snapshot() is not None:
        return
    for months in DEMO_SNAPSHOT_MONTHS:
        as_of = months_after(extract_date, -months)
        with console.status(f"Loading the demo council as of {as_of:%d %B %Y}…"):
            snapshot = load_now(LoadRequest(path=folder, source_name="demo council", as_of=as_of))
        if snapshot.status != "complete":
            _fail(f"The demo council could not be loaded: {snapshot.message}")


def manage(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. oversight manage migrate."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEV_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["oversight manage", *ctx.args])


def gunicorn_command(host: str, port: int) -> list[str]:
    """gunicorn serving the WSGI app with threaded workers sized for a small server."""
    options = {
        "--bind": f"{host}:{port}",
        "--workers": str(_WORKERS),
        "--threads": str(_THREADS),
        "--worker-class": "gthread",
        "--graceful-timeout": "20",
        "--access-logfile": "-",
    }
    flags = [item for pair in options.items() for item in pair]
    # No control socket: gunicorn would otherwise create one under the user's home directory.
    return [sys.executable, "-m", "gunicorn", *flags, "--no-control-socket", WSGI_APPLICATION]


def supervise(commands: dict[str, Sequence[str]], *, poll_seconds: float = 0.2) -> int:
    """Run ``commands`` (named for messages) until one stops or a stop signal arrives.

    Returns 0 when a stop was asked for and every child ended cleanly, else 1.
    """
    stop_requested: list[int] = []

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop_requested.append(signum)

    previous = {sig: signal.signal(sig, request_stop) for sig in _STOP_SIGNALS}
    children: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name, command in commands.items():
            children[name] = subprocess.Popen(command, process_group=0)  # noqa: S603
        while not stop_requested and all(c.poll() is None for c in children.values()):
            time.sleep(poll_seconds)
        stopped_alone = [name for name, c in children.items() if c.poll() is not None]
    finally:
        _stop_all(children.values())
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    failed = [name for name, c in children.items() if not _ended_cleanly(c.returncode)]
    if not stop_requested:
        for name in stopped_alone:
            code = children[name].returncode
            _error(f"The {name} stopped (exit status {code}), so everything was stopped.")
        return 1
    for name in failed:
        _error(f"The {name} did not stop cleanly (exit status {children[name].returncode}).")
    return 1 if failed else 0


def _stop_all(children: Iterable[subprocess.Popen[bytes]]) -> None:
    """SIGTERM every running child, wait for the grace period, then SIGKILL what is left."""
    running = [c for c in children if c.poll() is None]
    for child in running:
        child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + _GRACE_SECONDS
    for child in running:
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _ended_cleanly(returncode: int | None) -> bool:
    return returncode in (0, -signal.SIGTERM, 128 + signal.SIGTERM)


def _setup_django() -> None:
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        _fail(f"Configuration problem: {error}")


def _run_system_checks() -> None:
    """Refuse to start on a system check error, including demo users where they are refused."""
    from django.core.checks import run_checks

    errors = [message for message in run_checks(databases=["default"]) if message.is_serious()]
    if errors:
        _fail("\n".join(["System checks found errors:", *map(str, errors)]))


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _error(message: str) -> None:
    from rich.console import Console

    Console(stderr=True).print(f"[red]{message}[/red]", highlight=False)


def _fail(message: str) -> NoReturn:
    """Report ``message`` on standard error and exit with status 2 (unusable configuration)."""
    _error(message)
    raise typer.Exit(2)
