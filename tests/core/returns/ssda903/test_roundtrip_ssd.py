"""Property: SSD frames exported as a return and loaded again equal the originals, projected onto
the fields the return carries, with the ids the return lacks re-keyed by what they identify.

The SSD frames are drawn in the canonical form a return can describe (docs/formats.md): a
child's episodes chain within periods of care that begin with RNE ``S``; a placement or legal
status spans the episodes that keep it (a legal-status change keeps the placement, a move keeps
the legal status); home addresses run from one episode to the day before the next address; codes
are those the year can carry; every date falls in the collection year.
"""

from datetime import date, timedelta

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from oversight.core.returns.ssda903 import export_ssda903, load_ssda903
from oversight.core.returns.ssda903._codes import translation
from oversight.core.returns.ssda903.schema import LAST_YEAR, collection_years, schema_for
from oversight.core.ssd import TABLES
from oversight.core.ssd.codes import ALLOCATED_WORKER_ROLE

TEXT = st.text(alphabet="ABCXYZ0189", min_size=1, max_size=6)
NEW_PLACEMENT = {"S", "P", "T", "B", "U"}
NEW_STATUS = {"S", "L", "T", "B"}


def _maybe(strategy):
    return st.one_of(st.none(), strategy)


@st.composite
def canonical_ssd(draw):
    year = draw(st.sampled_from(list(collection_years())))
    schema = schema_for(year)
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    in_year = st.dates(start, end)

    def code(key, column, exclude=()):
        current = translation(key, column, LAST_YEAR)
        values = [current.get(c, c) for c in schema.table(key).column(column).code_values]
        return st.sampled_from([v for v in values if v not in exclude])

    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    people = draw(st.lists(TEXT, min_size=1, max_size=3, unique=True))
    for n, person in enumerate(people):
        unknown_upn = draw(_maybe(st.sampled_from(["UN1", "UN4"])))
        rows["ssd_person"].append({
            "pers_person_id": person, "pers_sex": draw(_maybe(code("header", "SEX"))),
            "pers_dob": draw(_maybe(st.dates(date(2000, 1, 1), end))),
            "pers_ethnicity": draw(_maybe(code("header", "ETHNIC"))),
            "pers_is_mother": draw(_maybe(st.sampled_from(["Y", "N"]))),
            "pers_upn_unknown": unknown_upn,
        })  # fmt: skip
        if unknown_upn is None and draw(st.booleans()):
            rows["ssd_linked_identifiers"].append({
                "link_table_id": f"L{n}", "link_person_id": person,
                "link_identifier_type": "Unique Pupil Number", "link_identifier_value": draw(TEXT),
            })  # fmt: skip
        if draw(st.booleans()):
            rows["ssd_mother"].append({
                "moth_table_id": f"M{n}", "moth_person_id": person,
                "moth_childs_person_id": f"baby{n}", "moth_childs_dob": draw(in_year),
            })  # fmt: skip
        _care(draw, rows, person, n, start, end, code)
        for spell in range(draw(st.integers(0, 2))):
            began = draw(in_year)
            rows["ssd_missing"].append({
                "miss_table_id": f"MS{n}-{spell}", "miss_person_id": person,
                "miss_missing_episode_start_date": began,
                "miss_missing_episode_type": draw(_maybe(code("missing", "MISSING"))),
                "miss_missing_episode_end_date": draw(_maybe(st.dates(began, end))),
            })  # fmt: skip
        if draw(st.booleans()):
            rows["ssd_immigration_status"].append({
                "immi_person_id": person, "immi_immigration_status_id": f"U{n}",
                "immi_immigration_status": "UASC",
                "immi_immigration_status_end_date": draw(_maybe(in_year)),
            })  # fmt: skip
        _outcomes(draw, rows, person, n, code)
        if draw(st.booleans()):
            suitable = draw(_maybe(st.sampled_from(["B1", "D2", "Z1"])))
            rows["ssd_care_leavers"].append({
                "clea_table_id": f"CL{n}", "clea_person_id": person,
                "clea_care_leaver_in_touch": draw(_maybe(code("oc3", "IN_TOUCH"))),
                "clea_care_leaver_activity": draw(_maybe(code("oc3", "ACTIV", exclude=("0",)))),
                "clea_care_leaver_accommodation": suitable and suitable[0],
                "clea_care_leaver_accom_suitable": suitable and suitable[1],
            })  # fmt: skip
        for number, decided in enumerate(sorted(draw(st.lists(in_year, max_size=2, unique=True)))):
            adopted = draw(st.booleans())
            rows["ssd_permanence"].append({
                "perm_table_id": f"PM{n}-{number}", "perm_person_id": person,
                "perm_adm_decision_date": decided,
                "perm_decision_reversed_date": draw(_maybe(in_year)),
                "perm_decision_reversed_reason": draw(_maybe(code("placed_adoption", "REASON_PLACED_CEASED"))),
                "perm_matched_date": draw(in_year) if adopted else None,
                "perm_adopted_by_carer_flag": draw(_maybe(st.sampled_from(["Y", "N"]))) if adopted else None,
                "perm_number_of_adopters": draw(_maybe(st.sampled_from(["1", "2"]))) if adopted else None,
            })  # fmt: skip
        if draw(st.booleans()):
            rows["ssd_cla_previous_permanence"].append({
                "lapp_table_id": f"PP{n}", "lapp_person_id": person,
                "lapp_previous_permanence_order_date": draw(_maybe(st.sampled_from(["zz/zz/2019", "03/04/2019"]))),
                "lapp_previous_permanence_option": draw(_maybe(code("prev_perm", "PREV_PERM"))),
                "lapp_previous_permanence_la": draw(_maybe(TEXT)),
            })  # fmt: skip
        if "social_worker" in schema.tables:
            for spell in range(draw(st.integers(0, 2))):
                began = draw(in_year)
                rows["ssd_involvements"].append({
                    "invo_involvements_id": f"I{n}-{spell}", "invo_person_id": person,
                    "invo_professional_id": draw(TEXT),
                    "invo_professional_role_id": ALLOCATED_WORKER_ROLE,
                    "invo_involvement_start_date": began,
                    "invo_involvement_end_date": draw(_maybe(st.dates(began, end))),
                    "invo_worker_change_reason": draw(_maybe(code("social_worker", "SW_REASON"))),
                })  # fmt: skip
    for mother in rows["ssd_mother"]:
        rows["ssd_person"].append(
            {
                "pers_person_id": mother["moth_childs_person_id"],
                "pers_dob": mother["moth_childs_dob"],
            }
        )
    present = {name for name, found in rows.items() if found} | {"ssd_cla_reviews"}
    if "social_worker" in schema.tables:
        present.add("ssd_involvements")
    frames = {
        name: TABLES[name].complete(pl.DataFrame(rows[name], schema=TABLES[name].schema))
        for name in TABLES
        if name in present
    }
    return year, frames


def _care(draw, rows, person, n, start, end, code):
    """Periods of care of chained episodes, with their placements, statuses, homes and reviews."""
    offsets = sorted(draw(st.lists(st.integers(0, 180), min_size=1, max_size=4, unique=True)))
    starts = [start + timedelta(days=2 * offset) for offset in offsets]
    breaks = {0} | {i for i in range(1, len(starts)) if draw(st.booleans())}
    placement = status = period = None
    period_start = period_end = None
    homes = sorted(draw(st.sets(st.integers(0, len(starts) - 1), max_size=2)))
    postcodes = ["HOME 1", "HOME 2"]
    for i, decom in enumerate(starts):
        last_of_period = i + 1 == len(starts) or i + 1 in breaks
        if i in breaks:
            reason = "S"
            period = {"id": f"CLA{n}-{i}", "start": decom}
        else:
            reason = draw(st.sampled_from(["L", "P", "T", "B", "U"]))
        if i + 1 == len(starts):
            dec = draw(_maybe(st.dates(decom, end)))
        else:
            dec = starts[i + 1] if i + 1 not in breaks else starts[i + 1] - timedelta(days=1)
        if reason in NEW_PLACEMENT:
            placement = {
                "clap_cla_placement_id": f"PL{n}-{i}", "clap_person_id": person,
                "clap_cla_id": period["id"], "clap_cla_placement_start_date": decom,
                "clap_cla_placement_type": draw(_maybe(code("episodes", "PLACE"))),
                "clap_cla_placement_provider": draw(_maybe(code("episodes", "PLACE_PROVIDER"))),
                "clap_cla_placement_postcode": draw(_maybe(TEXT)),
                "clap_cla_placement_urn": draw(_maybe(TEXT)),
                "clap_cla_placement_change_reason": draw(_maybe(code("episodes", "REASON_PLACE_CHANGE"))),
            }  # fmt: skip
            rows["ssd_cla_placement"].append(placement)
        placement["clap_cla_placement_end_date"] = dec
        if reason in NEW_STATUS:
            status = {
                "lega_legal_status_id": f"LS{n}-{i}", "lega_person_id": person,
                "lega_legal_status": draw(_maybe(code("episodes", "LS"))),
                "lega_legal_status_start_date": decom,
            }  # fmt: skip
            rows["ssd_legal_status"].append(status)
        status["lega_legal_status_end_date"] = dec
        ceased = (
            None
            if dec is None
            else "X1"
            if not last_of_period
            else draw(code("episodes", "REC", exclude=("X1",)))
        )
        rows["ssd_cla_episodes"].append({
            "clae_cla_episode_id": f"E{n}-{i}", "clae_person_id": person,
            "clae_cla_episode_start_date": decom, "clae_cla_episode_start_reason": reason,
            "clae_cla_primary_need_code": draw(_maybe(code("episodes", "CIN"))),
            "clae_cla_episode_ceased_date": dec, "clae_cla_episode_ceased_reason": ceased,
            "clae_cla_id": period["id"], "clae_cla_placement_id": placement["clap_cla_placement_id"],
            "clae_entered_care_date": period["start"],
        })  # fmt: skip
        if last_of_period:
            period_start, period_end = period["start"], dec or end
            for number, review in enumerate(
                draw(st.lists(st.dates(period_start, period_end), max_size=2))
            ):
                rows["ssd_cla_reviews"].append({
                    "clar_cla_review_id": f"R{n}-{i}-{number}", "clar_cla_id": period["id"],
                    "clar_cla_review_date": review,
                    "clar_cla_review_participation": draw(_maybe(code("reviews", "REVIEW_CODE"))),
                })  # fmt: skip
    for number, index in enumerate(homes):
        following = homes[number + 1] if number + 1 < len(homes) else None
        rows["ssd_address"].append({
            "addr_table_id": f"A{n}-{number}", "addr_address_json": "{}", "addr_person_id": person,
            "addr_address_type": "Home", "addr_address_start_date": starts[index],
            "addr_address_end_date": None if following is None else starts[following] - timedelta(days=1),
            "addr_address_postcode": postcodes[number],
        })  # fmt: skip


def _outcomes(draw, rows, person, n, code):
    if draw(st.booleans()):
        score = draw(_maybe(st.integers(0, 40).map(str)))
        rows["ssd_sdq_scores"].append({
            "csdq_table_id": f"Q{n}", "csdq_person_id": person, "csdq_sdq_score": score,
            "csdq_sdq_reason": draw(code("oc2", "SDQ_REASON")) if score is None else None,
        })  # fmt: skip
    if draw(st.booleans()):
        rows["ssd_cla_convictions"].append(
            {"clac_cla_conviction_id": f"V{n}", "clac_person_id": person}
        )
    for kind in ("RHA", "DENTAL"):
        if draw(st.booleans()):
            rows["ssd_cla_health"].append({
                "clah_health_check_id": f"H{n}{kind}", "clah_person_id": person,
                "clah_health_check_type": kind, "clah_health_check_status": "Completed",
            })  # fmt: skip
    if draw(st.booleans()):
        rows["ssd_cla_immunisations"].append({
            "clai_person_id": person, "clai_immunisations_status": draw(st.sampled_from(["Y", "N"]))
        })  # fmt: skip
    if draw(st.booleans()):
        rows["ssd_cla_substance_misuse"].append({
            "clas_substance_misuse_id": f"SM{n}", "clas_person_id": person,
            "clas_intervention_received": draw(_maybe(st.sampled_from(["Y", "N"]))),
        })  # fmt: skip


CARRIED = {
    "ssd_person": ["pers_person_id", "pers_sex", "pers_dob", "pers_ethnicity", "pers_upn_unknown",
                   "pers_is_mother"],
    "ssd_linked_identifiers": ["link_person_id", "link_identifier_type", "link_identifier_value"],
    "ssd_mother": ["moth_person_id", "moth_childs_dob"],
    "ssd_cla_episodes": ["clae_person_id", "clae_cla_episode_start_date",
                         "clae_cla_episode_start_reason", "clae_cla_primary_need_code",
                         "clae_cla_episode_ceased_date", "clae_cla_episode_ceased_reason",
                         "clae_entered_care_date", "_period", "_placement"],
    "ssd_cla_placement": ["clap_person_id", "clap_cla_placement_start_date",
                          "clap_cla_placement_end_date", "clap_cla_placement_type",
                          "clap_cla_placement_provider", "clap_cla_placement_postcode",
                          "clap_cla_placement_urn", "clap_cla_placement_change_reason", "_period"],
    "ssd_legal_status": ["lega_person_id", "lega_legal_status", "lega_legal_status_start_date",
                         "lega_legal_status_end_date"],
    "ssd_address": ["addr_person_id", "addr_address_type", "addr_address_start_date",
                    "addr_address_end_date", "addr_address_postcode"],
    "ssd_cla_reviews": ["_period", "clar_cla_review_date", "clar_cla_review_participation"],
    "ssd_missing": ["miss_person_id", "miss_missing_episode_start_date",
                    "miss_missing_episode_type", "miss_missing_episode_end_date"],
    "ssd_immigration_status": ["immi_person_id", "immi_immigration_status",
                               "immi_immigration_status_end_date"],
    "ssd_sdq_scores": ["csdq_person_id", "csdq_sdq_score", "csdq_sdq_reason"],
    "ssd_cla_convictions": ["clac_person_id"],
    "ssd_cla_health": ["clah_person_id", "clah_health_check_type", "clah_health_check_status"],
    "ssd_cla_immunisations": ["clai_person_id", "clai_immunisations_status"],
    "ssd_cla_substance_misuse": ["clas_person_id", "clas_intervention_received"],
    "ssd_care_leavers": ["clea_person_id", "clea_care_leaver_in_touch",
                         "clea_care_leaver_activity", "clea_care_leaver_accommodation",
                         "clea_care_leaver_accom_suitable"],
    "ssd_permanence": ["perm_person_id", "perm_adm_decision_date", "perm_decision_reversed_date",
                       "perm_decision_reversed_reason", "perm_matched_date",
                       "perm_adopted_by_carer_flag", "perm_number_of_adopters"],
    "ssd_cla_previous_permanence": ["lapp_person_id", "lapp_previous_permanence_order_date",
                                    "lapp_previous_permanence_option", "lapp_previous_permanence_la"],
    "ssd_involvements": ["invo_person_id", "invo_professional_id", "invo_professional_role_id",
                         "invo_involvement_start_date", "invo_involvement_end_date",
                         "invo_worker_change_reason"],
}  # fmt: skip
"""The fields of each SSD table the return carries; ``_period`` and ``_placement`` stand for the
period-of-care and placement ids, re-keyed as (child, start date)."""


def project(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """``frames`` reduced to what the return carries, ids replaced by what they identify."""
    frames = dict(frames)
    episodes = frames["ssd_cla_episodes"]
    periods = episodes.group_by("clae_cla_id").agg(
        pl.concat_str(pl.col("clae_person_id").first(), pl.col("clae_cla_episode_start_date").min().cast(pl.String), separator="/").alias("_period")
    )  # fmt: skip
    placements = frames["ssd_cla_placement"].with_columns(
        pl.concat_str("clap_person_id", pl.col("clap_cla_placement_start_date").cast(pl.String), separator="/").alias("_placement")
    ).join(periods, left_on="clap_cla_id", right_on="clae_cla_id", how="left")  # fmt: skip
    frames["ssd_cla_placement"] = placements
    frames["ssd_cla_episodes"] = episodes.join(periods, on="clae_cla_id", how="left").join(
        placements.select("clap_cla_placement_id", "_placement"),
        left_on="clae_cla_placement_id", right_on="clap_cla_placement_id", how="left",
    )  # fmt: skip
    frames["ssd_cla_reviews"] = frames["ssd_cla_reviews"].join(
        periods, left_on="clar_cla_id", right_on="clae_cla_id", how="left"
    )
    babies = (
        frames["ssd_mother"]["moth_childs_person_id"]
        if "ssd_mother" in frames
        else pl.Series([], dtype=pl.String)
    )
    frames["ssd_person"] = frames["ssd_person"].filter(
        ~pl.col("pers_person_id").is_in(babies.implode())
    )
    return {
        name: frames[name].select(CARRIED[name]).sort(CARRIED[name], nulls_last=True)
        for name in CARRIED
        if name in frames and frames[name].height
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=canonical_ssd())
def test_ssd_frames_exported_and_loaded_again_equal_the_originals_projection(drawn):
    year, frames = drawn
    exported = export_ssda903(frames, year=year)
    loaded = load_ssda903(exported.ret).frames
    expected, found = project(frames), project(loaded)
    assert found.keys() == expected.keys()
    for name, frame in expected.items():
        assert_frame_equal(found[name], frame, check_dtypes=True)
