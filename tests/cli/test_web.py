"""``oversight serve``, ``demo`` and ``manage`` (``oversight/cli/web.py``).

The process supervisor is tested with small Python children instead of gunicorn, so that each
case takes a second or two.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from typer.testing import CliRunner

from oversight.cli import app, web
from oversight.cli.web import supervise

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def test_when_one_child_fails_the_other_is_stopped_and_the_status_is_1() -> None:
    started = time.monotonic()
    code = supervise(
        {"sleeper": SLEEPER, "failure": [sys.executable, "-c", "raise SystemExit(3)"]},
        poll_seconds=0.05,
    )
    assert code == 1
    assert time.monotonic() - started < 10


def test_a_child_stopping_on_its_own_is_a_failure_even_with_status_0() -> None:
    assert supervise({"sleeper": SLEEPER, "quitter": [sys.executable, "-c", "pass"]}) == 1


def test_a_stop_signal_stops_both_children_cleanly() -> None:
    before = signal.getsignal(signal.SIGTERM)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    started = time.monotonic()
    try:
        code = supervise({"one": SLEEPER, "two": SLEEPER}, poll_seconds=0.05)
    finally:
        timer.cancel()
    assert code == 0
    assert time.monotonic() - started < 10
    assert signal.getsignal(signal.SIGTERM) == before, "the previous handler is restored"


def test_a_child_that_ignores_the_stop_is_killed_and_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stubborn = [
        sys.executable,
        "-c",
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)",
    ]
    monkeypatch.setattr(web, "_GRACE_SECONDS", 1.0)
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        code = supervise({"stubborn": stubborn}, poll_seconds=0.05)
    finally:
        timer.cancel()
    assert code == 1


def test_the_demo_refuses_the_production_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "oversight.web.settings.production")
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 2
    assert "never runs on the production profile" in result.output


@pytest.mark.django_db
def test_manage_passes_its_arguments_to_django() -> None:
    result = CliRunner().invoke(app, ["manage", "check", "--tag", "security"])
    assert result.exit_code == 0, result.output
    assert "System check identified no issues" in result.output


def test_manage_reports_an_unknown_command() -> None:
    result = CliRunner().invoke(app, ["manage", "no-such-command"])
    assert result.exit_code == 1
    assert "Unknown command: 'no-such-command'" in result.output


def test_importing_the_commands_does_not_import_django() -> None:
    """``oversight --help`` stays fast: Django loads only when a web command runs."""
    code = "import sys, oversight.cli.web; print('django' in sys.modules)"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
