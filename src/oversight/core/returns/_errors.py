"""Errors raised while reading, converting and writing statutory returns.

::

    OversightError
     └── ReturnError                     oversight.core.returns
          ├── UnsupportedYearError       no schema for the collection year asked for
          ├── SpecError                  a packaged specification file is malformed (a bug)
          └── ReturnProblemsError        carries every problem found (up to a cap)
               ├── ReturnUnreadableError the input cannot be read at all (exit status 2)
               ├── ReturnReadError       the input was read but has problems (exit status 1)
               └── ReturnExportError     the SSD frames cannot be written as the return asked for
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oversight.errors import OversightError

if TYPE_CHECKING:
    from oversight.core.returns._problems import Problem

SHOWN_IN_MESSAGE = 20
"""How many problems ``str(error)`` lists before summarising the rest."""


class ReturnError(OversightError):
    """A statutory return cannot be read, converted or written."""


class UnsupportedYearError(ReturnError):
    """No specification covers the collection year asked for."""


class SpecError(ReturnError):
    """A specification file shipped with Oversight is malformed; this is a bug, not bad input."""


class ReturnProblemsError(ReturnError):
    """Problems were found; ``problems`` lists them (up to the cap), each precisely located."""

    def __init__(self, message: str, problems: list[Problem], problem_count: int) -> None:
        super().__init__(message)
        self.problems = problems
        """The problems found, at most the reader's cap."""
        self.problem_count = problem_count
        """How many problems were found in all, which can exceed ``len(problems)``."""

    def __str__(self) -> str:
        lines = [
            super().__str__(),
            *(f"  {problem}" for problem in self.problems[:SHOWN_IN_MESSAGE]),
        ]
        if self.problem_count > SHOWN_IN_MESSAGE:
            lines.append(f"  … and {self.problem_count - SHOWN_IN_MESSAGE} more")
        return "\n".join(lines)


class ReturnUnreadableError(ReturnProblemsError):
    """Nothing could be read: the path is missing, or no file in it is a readable return."""


class ReturnReadError(ReturnProblemsError):
    """The return was read but has problems: columns, dates, codes, children or keys."""


class ReturnExportError(ReturnProblemsError):
    """The SSD frames cannot be written as the return asked for (a code with no equivalent)."""
