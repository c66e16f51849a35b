"""A synthetic council: children's journeys simulated in time and written as SSD tables.

No real child's data is ever used by Oversight; this simulator makes data realistic enough for
the returns, validation, measures, the web app, the demo and the benchmarks. ``synthesise`` writes
one council or many (one folder each) with ``council.json`` beside the tables; ``simulate_council``
returns one council's frames.
"""

from oversight.core.synth._write import (
    CouncilSummary,
    SynthRequest,
    council_specs,
    default_end,
    synthesise,
)
from oversight.core.synth.council import CouncilSpec, SimulatedCouncil, simulate_council
from oversight.core.synth.profiles import Practice, ProfileName

__all__ = [
    "CouncilSpec",
    "CouncilSummary",
    "Practice",
    "ProfileName",
    "SimulatedCouncil",
    "SynthRequest",
    "council_specs",
    "default_end",
    "simulate_council",
    "synthesise",
]
