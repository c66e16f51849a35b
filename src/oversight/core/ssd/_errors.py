"""Errors raised while reading, checking and writing SSD tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oversight.errors import OversightError

if TYPE_CHECKING:
    from oversight.core.ssd._problems import Problem


class SsdError(OversightError):
    """Something is wrong with SSD tables or the folder that holds them."""


class SsdUnreadableError(SsdError):
    """The folder cannot be read at all: it is missing, not a folder, or holds no SSD table."""


class SsdProblemsError(SsdError):
    """SSD tables were read but have problems; ``problems`` lists them (up to the cap)."""

    def __init__(self, message: str, problems: list[Problem], problem_count: int) -> None:
        super().__init__(message)
        self.problems = problems
        """The problems found, at most the reader's cap."""
        self.problem_count = problem_count
        """How many problems were found in all, which can exceed ``len(problems)``."""

    def __str__(self) -> str:
        lines = [super().__str__(), *(f"  {problem}" for problem in self.problems[:20])]
        if self.problem_count > 20:
            lines.append(f"  … and {self.problem_count - 20} more")
        return "\n".join(lines)


class SsdReadError(SsdProblemsError):
    """A folder of SSD tables was read but has problems."""


class SsdSchemaError(SsdProblemsError):
    """Frames handed to the writer do not match the declared tables."""
