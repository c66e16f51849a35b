"""Write an SSDA903 return as CSV files, one per table, in the DfE's column order.

Files are UTF-8 with a header row, dates written ``dd/mm/YYYY`` and blanks as empty fields.
Text that a spreadsheet could run as a formula is neutralised (``_neutralise``); codes, numbers
and dates are written as they are. Every file is written beside its final name and moved into
place only when all have been written, so a failure leaves no half-written return.
"""

from __future__ import annotations

from pathlib import Path

from oversight.core.returns._neutralise import neutralise_text
from oversight.core.returns.ssda903._conform import check_conforms
from oversight.core.returns.ssda903._return import Ssda903Return


def write_ssda903_csv(ret: Ssda903Return, folder: Path | str) -> list[Path]:
    """Write each table of ``ret`` to ``folder/<table key>.csv`` and return the paths written.

    Raises ``ReturnExportError`` (and writes nothing) when a frame does not have exactly its
    table's columns and dtypes for the return's collection year.
    """
    check_conforms(ret)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    partials: list[tuple[Path, Path]] = []
    try:
        for key, frame in ret.tables.items():
            path = folder / f"{key}.csv"
            partial = folder / f".{path.name}.partial"
            partials.append((partial, path))
            neutralise_text(frame).write_csv(partial, date_format="%d/%m/%Y", null_value="")
    except BaseException:
        for partial, _ in partials:
            partial.unlink(missing_ok=True)
        raise
    for partial, path in partials:
        partial.replace(path)
    return [path for _, path in partials]
