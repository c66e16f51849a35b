"""Reading the environment: defaults, parsing and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from oversight.web.settings._environment import database, read_environment


def test_defaults(tmp_path: Path) -> None:
    env = read_environment({}, cwd=tmp_path)
    assert (env.data_dir, env.database_url, env.secret_key) == (tmp_path / "var", None, None)
    assert (env.council_name, env.debug, env.synthetic_data) == ("Demo council", None, None)
    assert (env.ssl_redirect, env.behind_tls_proxy) == (True, False)
    assert (env.login_failure_limit, env.login_cooloff_minutes) == (5, 15)


def test_values_are_parsed(tmp_path: Path) -> None:
    env = read_environment(
        {
            "OVERSIGHT_DATA_DIR": str(tmp_path / "data"),
            "OVERSIGHT_ALLOWED_HOSTS": " a.example.org,,b.example.org ",
            "OVERSIGHT_SYNTHETIC_DATA": "Off",
            "OVERSIGHT_LOGIN_FAILURE_LIMIT": "3",
            "OVERSIGHT_COUNCIL_NAME": "Example Borough Council",
        },
        cwd=Path("/elsewhere"),
    )
    assert env.data_dir == tmp_path / "data"
    assert env.allowed_hosts == ("a.example.org", "b.example.org")
    assert (env.synthetic_data, env.login_failure_limit) == (False, 3)
    assert env.council_name == "Example Borough Council"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("OVERSIGHT_DEBUG", "maybe", "OVERSIGHT_DEBUG must be true or false"),
        ("OVERSIGHT_HSTS_SECONDS", "a year", "OVERSIGHT_HSTS_SECONDS must be a whole number"),
        ("OVERSIGHT_LOGIN_FAILURE_LIMIT", "0", "OVERSIGHT_LOGIN_FAILURE_LIMIT must be at least 1"),
    ],
)
def test_nonsense_is_refused_by_name(variable: str, value: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        read_environment({variable: value}, cwd=Path.cwd())


def test_sqlite_is_tuned_for_a_server_and_a_worker(tmp_path: Path) -> None:
    config = database(f"sqlite:///{tmp_path / 'o.sqlite3'}")
    assert config["NAME"] == str(tmp_path / "o.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgresql_comes_from_its_url() -> None:
    config = database("postgres://postgres@127.0.0.1:5432/test")
    assert (config["ENGINE"], config["NAME"], config["HOST"], config["PORT"]) == (
        "django.db.backends.postgresql",
        "test",
        "127.0.0.1",
        5432,
    )
    assert "OPTIONS" not in config or "transaction_mode" not in config["OPTIONS"]
