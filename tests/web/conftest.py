"""Fixtures for the web tests: a user factory and signing a user in."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from oversight.core.ssd import write_ssd
from oversight.core.synth import CouncilSpec, Practice, ProfileName, simulate_council
from oversight.web.accounts.models import Role, User
from oversight.web.imports.models import Snapshot, SnapshotStatus
from oversight.web.imports.services import LoadRequest, load_now

EXTRACT_DATE = date(2026, 3, 31)

USER_PASSWORD = "a-long-test-password-1"
ACCOUNT_BACKEND = "oversight.web.accounts.backends.AccountBackend"

UserFactory = Callable[..., User]


@pytest.fixture
def user_factory(db: None) -> UserFactory:
    """Make users: ``user_factory(role=Role.DIRECTOR, is_demo=True)``; password ``USER_PASSWORD``."""
    numbers = itertools.count(1)

    def make(role: Role | str = Role.SOCIAL_WORKER, **fields: Any) -> User:
        number = next(numbers)
        fields.setdefault("username", f"user-{number}")
        fields.setdefault("first_name", "Test")
        fields.setdefault("last_name", f"User {number}")
        return User.objects.create_user(password=USER_PASSWORD, role=role, **fields)

    return make


@pytest.fixture
def user_password() -> str:
    """The password ``user_factory`` gives every user."""
    return USER_PASSWORD


@pytest.fixture
def sign_in(client: Client) -> Callable[[User], Client]:
    """Sign ``user`` in on the test client without a form (the sign-in tests use the form)."""

    def signed_in(user: User) -> Client:
        client.force_login(user, backend=ACCOUNT_BACKEND)
        return client

    return signed_in


@pytest.fixture(scope="session")
def small_council_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small ``typical`` council (about 150 children in need) as Parquet files, made once."""
    folder = tmp_path_factory.mktemp("small-council")
    spec = CouncilSpec(
        index=0,
        children_in_need=150,
        end=EXTRACT_DATE,
        years=3,
        practice=Practice(ProfileName.TYPICAL, None),
        seed=3,
    )
    write_ssd(simulate_council(spec).frames, folder, file_format="parquet")
    (folder / "council.json").write_text(
        json.dumps(
            {
                "code": "S999",
                "name": "Testfield Council (synthetic)",
                "synthetic": True,
                "extract_date": EXTRACT_DATE.isoformat(),
                "population_0_17": {str(year): 5000 for year in range(2016, 2027)},
            }
        ),
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def data_dir(tmp_path: Path, settings: Any) -> Path:
    """A fresh data directory for the test (snapshots' Parquet files, uploads)."""
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.fixture
def loaded(db: None, data_dir: Path, small_council_dir: Path) -> Snapshot:
    """The small council loaded into a complete snapshot."""
    snapshot = load_now(LoadRequest(path=small_council_dir, source_name="small council"))
    assert snapshot.status == SnapshotStatus.COMPLETE, snapshot.message
    return snapshot
