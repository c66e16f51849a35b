"""Adding a real user from the command line, with role, professional id and teams."""

import io

import pytest
from django.core.management import CommandError, call_command

from oversight.web.accounts.models import Role, User
from oversight.web.accounts.permissions import Scope, scope_of

STRONG = "correct-horse-battery-staple-7"


def _add(monkeypatch, *args: str, password: str = STRONG) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("adduser", *args, "--password-stdin", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_user_is_added_with_role_professional_id_and_teams(monkeypatch):
    out = _add(monkeypatch, "alex", "--role", "team_manager", "--professional-id", "W1",
               "--team", "T1", "--team", "T2", "--team", "T1")  # fmt: skip
    user = User.objects.get(username="alex")
    assert out.strip() == "Added alex (Team manager)."
    assert (user.role, user.professional_id, user.is_demo) == (Role.TEAM_MANAGER, "W1", False)
    assert sorted(user.team_ids()) == ["T1", "T2"]
    assert user.check_password(STRONG)
    assert scope_of(user) == Scope.TEAM


@pytest.mark.django_db
def test_a_weak_password_is_refused_and_nothing_is_written(monkeypatch):
    with pytest.raises(CommandError, match="password was refused"):
        _add(monkeypatch, "sam", "--role", "director", password="password")
    assert not User.objects.filter(username="sam").exists()


@pytest.mark.django_db
def test_a_taken_username_is_refused(monkeypatch, user_factory):
    user_factory(username="kim")
    with pytest.raises(CommandError, match="already exists"):
        _add(monkeypatch, "kim", "--role", "director")


def test_an_unknown_role_is_a_usage_error(monkeypatch):
    with pytest.raises(CommandError, match="invalid choice"):
        _add(monkeypatch, "lee", "--role", "wizard")
