"""Hand-made SSDA903 frames: a small, valid return of two children."""

from datetime import date

import polars as pl
import pytest

from oversight.core.returns.ssda903 import Ssda903Return
from oversight.core.returns.ssda903.schema import schema_for


def typed(year: int, key: str, **columns: list[object]) -> pl.DataFrame:
    """A typed frame of table ``key`` in ``year`` from the columns given; the others are null."""
    return schema_for(year).table(key).complete(pl.DataFrame(columns, strict=False))


def small_return(year: int = 2025) -> Ssda903Return:
    """Two children: C1 in care all year with a placement move, C2 unaccompanied and a mother."""
    sex = ("M", "F") if year >= 2025 else ("1", "2")
    dob = [date(2010, 1, 2), date(2008, 3, 4)]
    tables = {
        "header": typed(
            year, "header", CHILD=["C1", "C2"], SEX=list(sex), DOB=dob, ETHNIC=["WBRI", "AIND"],
            UPN=["A123456789012", "UN2"], MOTHER=[None, "1"], MC_DOB=[None, date(2024, 5, 5)],
        ),
        "episodes": typed(
            year, "episodes", CHILD=["C1", "C1", "C2"],
            DECOM=[date(year - 1, 4, 1), date(year - 1, 6, 1), date(year - 1, 7, 1)],
            RNE=["S", "P", "S"], LS=["C2", "C2", "V2"], CIN=["N1", "N1", "N4"],
            PLACE=["U1", "U3", "K2"], PLACE_PROVIDER=["PR1", "PR1", "PR4"],
            DEC=[date(year - 1, 6, 1), None, None], REC=["X1", None, None],
            REASON_PLACE_CHANGE=["CARPL", None, None], HOME_POST=["AB1 2CD", "AB1 2CD", None],
            PL_POST=["CD3 4EF", "EF5 6GH", "GH7 8IJ"], URN=["SC123456", None, "SC654321"],
        ),
        "reviews": typed(
            year, "reviews", CHILD=["C1", "C1"], DOB=[dob[0]] * 2,
            REVIEW=[date(year - 1, 5, 1), date(year - 1, 11, 1)], REVIEW_CODE=["PN1", "PN0"],
        ),
        "uasc": typed(year, "uasc", CHILD=["C2"], SEX=[sex[1]], DOB=[dob[1]],
                      DUC=[date(2026, 3, 4)]),
        "missing": typed(
            year, "missing", CHILD=["C2"], DOB=[dob[1]], MISSING=["M"],
            MIS_START=[date(year - 1, 8, 1)], MIS_END=[date(year - 1, 8, 3)],
        ),
    }  # fmt: skip
    return Ssda903Return(year=year, tables=tables)


@pytest.fixture
def ssda903_return() -> Ssda903Return:
    """The small return for 2024–25."""
    return small_return(2025)
