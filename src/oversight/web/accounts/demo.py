"""Who the demo users are in the demo's synthetic council.

A social worker sees their own caseload and a team manager their team's, so their demo users
are linked to a real professional and team of the simulated council: the social worker holding
the most open cases in a safeguarding team, and that team's manager.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from oversight.web.accounts.models import Role


@dataclass(frozen=True)
class DemoLink:
    """A demo user's SSD professional id and teams."""

    professional_id: str
    team_ids: tuple[str, ...]


def links_from_council(frames: Mapping[str, pl.DataFrame]) -> dict[Role, DemoLink]:
    """The links of the social worker and team manager demo users; empty if the data lacks them."""
    involvements = frames.get("ssd_involvements")
    professionals = frames.get("ssd_professionals")
    if involvements is None or professionals is None:
        return {}
    open_cases = (
        involvements.filter(pl.col("invo_involvement_end_date").is_null())
        .join(
            professionals.filter(pl.col("prof_professional_job_title") == "Social worker"),
            left_on="invo_professional_id",
            right_on="prof_professional_id",
        )
        .group_by("invo_professional_id", "invo_professional_team", maintain_order=True)
        .len()
        .sort("len", "invo_professional_id", descending=[True, False])
    )
    if open_cases.is_empty():
        return {}
    worker, team = open_cases.row(0)[:2]
    links = {Role.SOCIAL_WORKER: DemoLink(worker, (team,))}
    managers = professionals.filter(
        (pl.col("prof_professional_job_title") == "Team manager")
        & (pl.col("prof_professional_department") == team)
    )
    if not managers.is_empty():
        links[Role.TEAM_MANAGER] = DemoLink(managers["prof_professional_id"][0], (team,))
    return links
