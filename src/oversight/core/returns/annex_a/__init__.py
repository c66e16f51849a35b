"""Ofsted's Annex A (ILACS child-level lists 1–11, xlsx): read, write, load and export.

``read_annex_a`` reads a workbook as councils send it (sheet names, headers and values matched
with the specification's synonyms); ``write_annex_a`` writes the template layout;
``export_annex_a`` builds the lists for an inspection date from SSD frames, each with its
look-back window; ``load_annex_a`` turns the lists into SSD frames.
"""

from oversight.core.returns.annex_a._spec import LISTS, annex_a_spec
from oversight.core.returns.annex_a._workbook import AnnexA, read_annex_a, write_annex_a
from oversight.core.returns.annex_a.export import ExportedAnnexA, export_annex_a
from oversight.core.returns.annex_a.load import LoadedAnnexA, load_annex_a

__all__ = [
    "LISTS",
    "AnnexA",
    "ExportedAnnexA",
    "LoadedAnnexA",
    "annex_a_spec",
    "export_annex_a",
    "load_annex_a",
    "read_annex_a",
    "write_annex_a",
]
