"""CSV of a worklist, safe to open in a spreadsheet: the shared writer (``web/exports.py``).

Kept as a name of its own so the worklist's export reads as the children app's; the rule
(text neutralised against formula injection) lives in ``oversight.web.exports``.
"""

from __future__ import annotations

from oversight.web.exports import FORMULA_PREFIXES, csv_text, neutralise

__all__ = ["FORMULA_PREFIXES", "csv_text", "neutralise"]
