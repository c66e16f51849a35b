"""Every SSD table Oversight reads and writes, declared once.

The tables are those a child's journey needs, from the first contact to leaving care, plus the
workforce tables that say who works with whom, and the project's extension tables (``ovs_…``)
for what the SSD has no place for. They are grouped by theme in this package's modules;
``TABLES`` collects them by name in a stable order (the order of the modules below).
"""

from oversight.core.ssd._model import Table
from oversight.core.ssd.tables import (
    care_leavers,
    children_in_need,
    extensions,
    looked_after,
    people,
    protection,
    wellbeing,
    workforce,
)

TABLES: dict[str, Table] = {
    table.name: table
    for module in (
        people,
        children_in_need,
        protection,
        looked_after,
        wellbeing,
        care_leavers,
        workforce,
        extensions,
    )
    for table in module.TABLES
}
"""Every declared table by its SSD name."""

__all__ = ["TABLES"]
