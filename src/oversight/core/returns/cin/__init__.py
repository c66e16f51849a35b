"""The children in need (CIN) census: read, load, export and write it, for census years 2017–2026.

::

    CIN census XML ─► read_cin (streaming) ─► CinReturn ─► load_cin ─► SSD frames
    SSD frames ─► export_cin ─► CinReturn ─► write_cin ─► XML valid against the year's XSD

``census_view`` is what a census carries of the SSD, the projection round trips are tested on.
"""

from oversight.core.returns.cin._read import read_cin
from oversight.core.returns.cin._schema import FIRST_YEAR, LAST_YEAR, CinCodes, codes_for
from oversight.core.returns.cin._tables import CinReturn
from oversight.core.returns.cin._view import census_view
from oversight.core.returns.cin._xml_write import write_cin
from oversight.core.returns.cin.export import export_cin
from oversight.core.returns.cin.load import load_cin

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "CinCodes",
    "CinReturn",
    "census_view",
    "codes_for",
    "export_cin",
    "load_cin",
    "read_cin",
    "write_cin",
]
