"""The production profile fails loudly on missing or unsafe configuration.

Each case imports the settings module in a fresh interpreter with a chosen environment, as a
server would at start-up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KEY = "k3y-" + "x7Qp2vLm9ZrT5bNc8WdY1hFs4jKg6uEa" * 2  # long and varied enough for check --deploy
SHOW = (
    "import json, oversight.web.settings.production as s; print(json.dumps({"
    "'DEBUG': s.DEBUG, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, 'SESSION_COOKIE_SECURE': "
    "s.SESSION_COOKIE_SECURE, 'CSRF_COOKIE_SECURE': s.CSRF_COOKIE_SECURE, 'SECURE_HSTS_SECONDS': "
    "s.SECURE_HSTS_SECONDS, 'SECURE_SSL_REDIRECT': s.SECURE_SSL_REDIRECT, "
    "'SECURE_PROXY_SSL_HEADER': s.SECURE_PROXY_SSL_HEADER, 'OVERSIGHT_ALLOW_DEMO_USERS': "
    "s.OVERSIGHT_ALLOW_DEMO_USERS, 'OVERSIGHT_SYNTHETIC_DATA': s.OVERSIGHT_SYNTHETIC_DATA}))"
)


def run(
    code: str | list[str], tmp_path: Path, **variables: str
) -> subprocess.CompletedProcess[str]:
    """Run Python with only the named OVERSIGHT_* variables (and DATABASE_URL) set."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("OVERSIGHT_") and k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environ |= {"OVERSIGHT_DATA_DIR": str(tmp_path), **variables}
    arguments = ["-c", code] if isinstance(code, str) else code
    return subprocess.run(  # noqa: S603
        [sys.executable, *arguments], env=environ, capture_output=True, text=True, timeout=60
    )


def test_a_missing_secret_key_stops_the_process(tmp_path: Path) -> None:
    result = run(SHOW, tmp_path, OVERSIGHT_ALLOWED_HOSTS="oversight.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured: OVERSIGHT_SECRET_KEY must be set" in result.stderr


def test_missing_allowed_hosts_stop_the_process(tmp_path: Path) -> None:
    result = run(SHOW, tmp_path, OVERSIGHT_SECRET_KEY=KEY)
    assert result.returncode != 0
    assert "ImproperlyConfigured: OVERSIGHT_ALLOWED_HOSTS must be set" in result.stderr


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_debug_is_refused(value: str, tmp_path: Path) -> None:
    result = run(
        SHOW,
        tmp_path,
        OVERSIGHT_SECRET_KEY=KEY,
        OVERSIGHT_ALLOWED_HOSTS="oversight.example.org",
        OVERSIGHT_DEBUG=value,
    )
    assert result.returncode != 0
    assert "production profile never runs with DEBUG" in result.stderr


def test_a_nonsense_boolean_names_its_variable(tmp_path: Path) -> None:
    result = run(
        SHOW,
        tmp_path,
        OVERSIGHT_SECRET_KEY=KEY,
        OVERSIGHT_ALLOWED_HOSTS="oversight.example.org",
        OVERSIGHT_SSL_REDIRECT="perhaps",
    )
    assert result.returncode != 0
    assert "OVERSIGHT_SSL_REDIRECT must be true or false" in result.stderr


def test_configured_production_is_locked_down(tmp_path: Path) -> None:
    result = run(
        SHOW,
        tmp_path,
        OVERSIGHT_SECRET_KEY=KEY,
        OVERSIGHT_ALLOWED_HOSTS="oversight.example.org, www.oversight.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "DEBUG": False,
        "ALLOWED_HOSTS": ["oversight.example.org", "www.oversight.example.org"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": None,
        "OVERSIGHT_ALLOW_DEMO_USERS": False,
        "OVERSIGHT_SYNTHETIC_DATA": False,
    }


def test_behind_a_tls_proxy_https_is_read_from_the_proxy(tmp_path: Path) -> None:
    result = run(
        SHOW,
        tmp_path,
        OVERSIGHT_SECRET_KEY=KEY,
        OVERSIGHT_ALLOWED_HOSTS="oversight.example.org",
        OVERSIGHT_BEHIND_TLS_PROXY="true",
        OVERSIGHT_SSL_REDIRECT="false",
    )
    shown = json.loads(result.stdout)
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert shown["SECURE_SSL_REDIRECT"] is False


@pytest.mark.slow
def test_configured_production_passes_djangos_deployment_checks(tmp_path: Path) -> None:
    result = run(
        ["-m", "django", "check", "--deploy", "--database", "default", "--fail-level", "WARNING"],
        tmp_path,
        OVERSIGHT_SECRET_KEY=KEY,
        OVERSIGHT_ALLOWED_HOSTS="oversight.example.org",
        DJANGO_SETTINGS_MODULE="oversight.web.settings.production",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
