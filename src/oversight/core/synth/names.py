"""Fictional councils: names that no English council bears, and codes outside the DfE's range.

Real council codes run from 201 to 938; synthetic ones are 9xx-prefixed with a leading "S" so that
no output can be matched to a real council.
"""

PLACES = (
    "Amberfield", "Brackenmoor", "Caddington Vale", "Dunmere", "Eastwold", "Fenbridge",
    "Greyhaven", "Hollinsford", "Ivybrook", "Juniper Downs", "Kestrel Bay", "Larkhampton",
    "Marrowdale", "Northwick Fen", "Oakenshaw Marsh", "Pebbleton", "Quarrymoor", "Ravensholme",
    "Saltmarsh Cross", "Thistledown", "Umberleigh Moss", "Vantage Hill", "Wrenfield",
    "Yarrowdale", "Zephyr Sands",
)  # fmt: skip
KINDS = ("Borough Council", "City Council", "County Council", "Metropolitan Borough Council")


def council_name(index: int) -> str:
    """A fictional council's name, different for each index (up to several thousand)."""
    place = PLACES[index % len(PLACES)]
    round_ = index // len(PLACES)
    kind = KINDS[(index + round_) % len(KINDS)]
    prefix = (
        ""
        if round_ == 0
        else ("North ", "South ", "East ", "West ", "Upper ", "Lower ")[(round_ - 1) % 6]
    )
    suffix = "" if round_ <= 6 else f" {round_ // 6 + 1}"
    return f"{prefix}{place}{suffix} {kind} (synthetic)"


def council_code(index: int) -> str:
    """A code no real council has: ``S901``, ``S902``…"""
    return f"S{901 + index}"
