"""Demo users are linked to a real worker and team of the demo's synthetic council."""

import polars as pl
import pytest

from oversight.web.accounts.demo import DemoLink, links_from_council
from oversight.web.accounts.models import Role, User
from oversight.web.accounts.services import create_demo_users, demo_username


def test_the_social_worker_holds_the_most_open_cases_and_the_manager_leads_that_team(
    typical_council,
):
    links = links_from_council(typical_council)
    worker, manager = links[Role.SOCIAL_WORKER], links[Role.TEAM_MANAGER]
    professionals = typical_council["ssd_professionals"]
    by_id = {row["prof_professional_id"]: row for row in professionals.iter_rows(named=True)}
    assert by_id[worker.professional_id]["prof_professional_job_title"] == "Social worker"
    assert by_id[manager.professional_id]["prof_professional_job_title"] == "Team manager"
    assert (
        worker.team_ids
        == manager.team_ids
        == (by_id[manager.professional_id]["prof_professional_department"],)
    )
    open_cases = (
        typical_council["ssd_involvements"]
        .filter(pl.col("invo_involvement_end_date").is_null())
        .group_by("invo_professional_id")
        .len()
    )
    busiest = open_cases.filter(pl.col("invo_professional_id") == worker.professional_id)[
        "len"
    ].item()
    social_workers = professionals.filter(pl.col("prof_professional_job_title") == "Social worker")
    assert (
        busiest
        == open_cases.join(
            social_workers, left_on="invo_professional_id", right_on="prof_professional_id"
        )["len"].max()
    )


def test_no_links_without_workforce_tables():
    assert links_from_council({}) == {}


@pytest.mark.django_db
def test_demo_users_take_their_links_and_lose_them_when_reset_without():
    links = {Role.TEAM_MANAGER: DemoLink("S901W00001", ("T201", "T202"))}
    create_demo_users(links)
    manager = User.objects.get(username=demo_username(Role.TEAM_MANAGER))
    assert manager.professional_id == "S901W00001"
    assert sorted(manager.team_ids()) == ["T201", "T202"]
    assert User.objects.get(username=demo_username(Role.DIRECTOR)).team_ids() == []
    create_demo_users()
    manager.refresh_from_db()
    assert (manager.professional_id, manager.team_ids()) == ("", [])
