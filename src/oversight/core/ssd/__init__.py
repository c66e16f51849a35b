"""The canonical child-level model: the tables of the Standard Safeguarding Dataset (SSD).

Every other part of Oversight speaks this vocabulary. Each table is declared once
(``TABLES``); ``read_ssd`` and ``check_ssd`` read a folder of them with every check, and
``write_ssd`` writes one. The corrected schema and its differences from the published SSD are
documented in ``docs/ssd-schema.md``.
"""

from oversight.core.ssd._errors import (
    SsdError,
    SsdProblemsError,
    SsdReadError,
    SsdSchemaError,
    SsdUnreadableError,
)
from oversight.core.ssd._model import Column, Feeds, ForeignKey, Table
from oversight.core.ssd._problems import Problem, ProblemKind
from oversight.core.ssd._read import DEFAULT_MAX_PROBLEMS, SsdReport, check_ssd, read_ssd
from oversight.core.ssd._write import FileFormat, write_ssd
from oversight.core.ssd.tables import TABLES

__all__ = [
    "DEFAULT_MAX_PROBLEMS",
    "TABLES",
    "Column",
    "Feeds",
    "FileFormat",
    "ForeignKey",
    "Problem",
    "ProblemKind",
    "SsdError",
    "SsdProblemsError",
    "SsdReadError",
    "SsdReport",
    "SsdSchemaError",
    "SsdUnreadableError",
    "Table",
    "check_ssd",
    "read_ssd",
    "write_ssd",
]
