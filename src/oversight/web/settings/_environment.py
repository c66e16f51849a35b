"""The environment, read once: every setting that can come from outside is parsed here.

==============================  ==========================================  ===================
variable                        meaning                                     default
==============================  ==========================================  ===================
``OVERSIGHT_DATA_DIR``          folder for the SQLite file and static files ``<cwd>/var``
``DATABASE_URL``                ``postgres://…`` or ``sqlite:///…``         SQLite in data dir
``OVERSIGHT_SECRET_KEY``        Django's secret key                         required in prod
``OVERSIGHT_ALLOWED_HOSTS``     comma-separated host names                  required in prod
``OVERSIGHT_CSRF_TRUSTED_ORIGINS``  comma-separated ``https://host`` origins  none
``OVERSIGHT_DEBUG``             Django's DEBUG (production refuses it)      profile's choice
``OVERSIGHT_COUNCIL_NAME``      the council shown in the header             ``Demo council``
``OVERSIGHT_SYNTHETIC_DATA``    show the synthetic-data banner              profile's choice
``OVERSIGHT_BEHIND_TLS_PROXY``  trust ``X-Forwarded-Proto``/``-For`` from   false
                                one proxy that terminates TLS
``OVERSIGHT_SSL_REDIRECT``      redirect http to https (production)         true
``OVERSIGHT_HSTS_SECONDS``      HSTS max-age (production)                   31536000
``OVERSIGHT_HSTS_PRELOAD``      ask browsers to preload HSTS (production)   false
``OVERSIGHT_LOGIN_FAILURE_LIMIT``   failed sign-ins before a lockout        5
``OVERSIGHT_LOGIN_COOLOFF_MINUTES`` how long a lockout lasts                15
==============================  ==========================================  ===================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True, kw_only=True)
class Environment:
    """What the environment says, parsed and typed; ``None`` where a variable is unset."""

    data_dir: Path
    database_url: str | None
    secret_key: str | None
    allowed_hosts: tuple[str, ...]
    csrf_trusted_origins: tuple[str, ...]
    debug: bool | None
    council_name: str
    synthetic_data: bool | None
    behind_tls_proxy: bool
    ssl_redirect: bool
    hsts_seconds: int
    hsts_preload: bool
    login_failure_limit: int
    login_cooloff_minutes: int


def read_environment(environ: Mapping[str, str], *, cwd: Path) -> Environment:
    """Parse the variables in the module docstring, raising ``ImproperlyConfigured`` on nonsense."""
    data_dir = environ.get("OVERSIGHT_DATA_DIR", "").strip()
    return Environment(
        data_dir=Path(data_dir).resolve() if data_dir else cwd / "var",
        database_url=environ.get("DATABASE_URL", "").strip() or None,
        secret_key=environ.get("OVERSIGHT_SECRET_KEY", "").strip() or None,
        allowed_hosts=_list(environ, "OVERSIGHT_ALLOWED_HOSTS"),
        csrf_trusted_origins=_list(environ, "OVERSIGHT_CSRF_TRUSTED_ORIGINS"),
        debug=_bool(environ, "OVERSIGHT_DEBUG"),
        council_name=environ.get("OVERSIGHT_COUNCIL_NAME", "").strip() or "Demo council",
        synthetic_data=_bool(environ, "OVERSIGHT_SYNTHETIC_DATA"),
        behind_tls_proxy=_bool(environ, "OVERSIGHT_BEHIND_TLS_PROXY") or False,
        ssl_redirect=_bool(environ, "OVERSIGHT_SSL_REDIRECT") is not False,
        hsts_seconds=_int(environ, "OVERSIGHT_HSTS_SECONDS", default=31_536_000),
        hsts_preload=_bool(environ, "OVERSIGHT_HSTS_PRELOAD") or False,
        login_failure_limit=_int(environ, "OVERSIGHT_LOGIN_FAILURE_LIMIT", default=5, low=1),
        login_cooloff_minutes=_int(environ, "OVERSIGHT_LOGIN_COOLOFF_MINUTES", default=15, low=1),
    )


def required(value: str | None, variable: str, *, hint: str) -> str:
    """Return ``value``, or stop the process with a message naming ``variable``."""
    if not value:
        raise ImproperlyConfigured(f"{variable} must be set for this profile: {hint}")
    return value


def required_hosts(hosts: tuple[str, ...]) -> list[str]:
    """Return the allowed hosts, or stop: production never guesses which names it answers to."""
    if not hosts:
        raise ImproperlyConfigured(
            "OVERSIGHT_ALLOWED_HOSTS must be set for this profile: the comma-separated host "
            "names the service answers to, e.g. oversight.example.gov.uk"
        )
    return list(hosts)


def database(url: str) -> dict[str, Any]:
    """Django's database settings for ``url``, with SQLite tuned for a web server plus a worker.

    WAL lets readers carry on while the worker writes; ``IMMEDIATE`` transactions and a busy
    timeout make concurrent writers wait instead of failing with "database is locked".
    """
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=600))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


def _list(environ: Mapping[str, str], name: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in environ.get(name, "").split(",") if item.strip())


def _bool(environ: Mapping[str, str], name: str) -> bool | None:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return None
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}")


def _int(environ: Mapping[str, str], name: str, *, default: int, low: int = 0) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < low:
        raise ImproperlyConfigured(f"{name} must be at least {low}, not {value}")
    return value
