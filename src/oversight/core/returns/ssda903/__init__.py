"""The SSDA903 return (children looked after): read, write, and map to and from the SSD.

::

    read_ssda903(path, year=…)  ─► Ssda903Return ─► load_ssda903(…, previous=…) ─► SSD frames
    SSD frames ─► export_ssda903(…, year=…) ─► Ssda903Return ─► write_ssda903_csv / _xml

The specification of each collection year is ``oversight.core.returns.ssda903.schema``; the
mapping, field by field, is in ``docs/formats.md``.
"""

from oversight.core.returns.ssda903._csv_write import write_ssda903_csv
from oversight.core.returns.ssda903._read import read_ssda903
from oversight.core.returns.ssda903._return import Ssda903Return
from oversight.core.returns.ssda903._xml_write import write_ssda903_xml
from oversight.core.returns.ssda903.export import ExportResult, export_ssda903
from oversight.core.returns.ssda903.load import LoadResult, load_ssda903

__all__ = [
    "ExportResult",
    "LoadResult",
    "Ssda903Return",
    "export_ssda903",
    "load_ssda903",
    "read_ssda903",
    "write_ssda903_csv",
    "write_ssda903_xml",
]
