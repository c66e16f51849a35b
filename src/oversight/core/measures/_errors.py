"""Errors raised on purpose by the measures: a bad timescales file or a bad request.

::

    OversightError
     └── MeasuresError             oversight.core.measures
          ├── TimescalesError      the timescales file is not valid (every problem listed)
          └── PopulationError      the child population needed for a rate is not usable
"""

from oversight.errors import OversightError


class MeasuresError(OversightError):
    """The measures cannot be computed as asked."""


class TimescalesError(MeasuresError):
    """A timescales file is not valid; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: {len(problems)} problems found")
        self.source = source
        """The file (or text) read."""
        self.problems = problems
        """Each problem, naming the key, the value and what was expected."""

    def __str__(self) -> str:
        return "\n".join([super().__str__(), *(f"  {problem}" for problem in self.problems)])


class PopulationError(MeasuresError):
    """The child population (aged 0–17) given for rates per 10,000 is not usable."""
