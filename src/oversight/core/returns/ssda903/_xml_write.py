"""Write an SSDA903 return in the DfE's XML layout (``EXPSSDA903``), built column-wise.

Each row becomes its element's text with one vectorised string expression; a child's rows are
joined with ``group_by``, and each child's ``CHILD`` element is assembled from its header and
those fragments, so no Python loop runs over rows. Text is escaped; text holding characters XML
cannot carry (control characters) is refused with its location. Tables the layout does not carry
(SWEpisodes, DoLo) are left out and named in the result.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from oversight.core.returns._errors import ReturnExportError
from oversight.core.returns._problems import (
    ProblemKind,
    concat_problems,
    one_problem,
    problems_in_rows,
    raise_if_any,
)
from oversight.core.returns.ssda903._conform import check_conforms
from oversight.core.returns.ssda903._return import Ssda903Return
from oversight.core.returns.ssda903._xml_layout import (
    EPISODE,
    HEADER_BLOCKS,
    HEADER_LEAVES,
    ROOT,
    UASC_FLAG,
    XML_TABLES,
    Block,
    column_name,
)

CONTROL = r"[\x00-\x08\x0B\x0C\x0E-\x1F]"
"""Characters XML 1.0 cannot carry."""
SINGLE = ("uasc", "oc2", "oc3", "ad1", "prev_perm")
"""Tables with at most one row per child in XML."""


def write_ssda903_xml(ret: Ssda903Return, path: Path | str) -> list[str]:
    """Write ``ret`` to ``path`` as XML; return the names of the tables XML could not carry.

    Raises ``ReturnExportError`` (and writes nothing) when the frames do not conform to their
    year, the header is absent or repeats a child, a row's child has no header, a child has two
    rows of a table XML holds once, or text holds control characters.
    """
    check_conforms(ret)
    texts = {key: _as_text(frame) for key, frame in ret.tables.items() if key in XML_TABLES}
    _check(ret, texts)
    header = texts["header"]
    fragments = [header.select("CHILD")]
    for key, block in _blocks():
        if key not in texts:
            continue
        rows = texts[key].select("CHILD", _element(block).alias("_xml"))
        joined = rows.group_by("CHILD", maintain_order=True).agg(pl.col("_xml").str.join(""))
        fragments.append(joined.rename({"_xml": key}))
    leaves = {key: texts[key] for key in ("uasc", "oc3", "ad1") if key in texts}
    child = header
    for fragment in fragments[1:]:
        child = child.join(fragment, on="CHILD", how="left", maintain_order="left")
    for key, frame in leaves.items():
        child = child.join(
            frame.drop("DOB", "SEX", strict=False).with_columns(pl.lit("1").alias(f"_{key}")),
            on="CHILD",
            how="left",
            maintain_order="left",
        )
    body = child.select(_child_element(child.columns).alias("_xml"))["_xml"].str.join("\n")
    document = f'<?xml version="1.0" encoding="UTF-8"?>\n<{ROOT}>\n{body.item() or ""}\n</{ROOT}>\n'
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(document, encoding="utf-8")
    partial.replace(path)
    return [ret.schema.table(key).name for key in ret.tables if key not in XML_TABLES]


def _blocks() -> list[tuple[str, Block]]:
    return [(block.table, block) for block in HEADER_BLOCKS] + [("episodes", EPISODE)]


def _as_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Every column as escaped text: dates ``dd/mm/YYYY``, numbers and codes as written."""
    return frame.with_columns(
        (pl.col(name).dt.strftime("%d/%m/%Y") if dtype == pl.Date else pl.col(name).cast(pl.String))
        .str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
        .alias(name)
        for name, dtype in frame.schema.items()
    )


def _leaf(column: str, element: str) -> pl.Expr:
    return (
        pl.when(pl.col(column).is_null())
        .then(pl.lit(""))
        .otherwise(pl.concat_str(pl.lit(f"<{element}>"), pl.col(column), pl.lit(f"</{element}>")))
    )


def _element(block: Block) -> pl.Expr:
    indent = "  " if block is EPISODE else "    "
    return pl.concat_str(
        pl.lit(f"{indent}<{block.element}>"),
        *(_leaf(column_name(leaf), leaf) for leaf in block.fields),
        pl.lit(f"</{block.element}>\n"),
    )


def _child_element(columns: list[str]) -> pl.Expr:
    """One ``CHILD`` element from the header, the leaf tables and the joined fragments."""

    def fragment(key: str) -> pl.Expr:
        return pl.col(key).fill_null("") if key in columns else pl.lit("")

    def leaves(key: str) -> list[pl.Expr]:
        if f"_{key}" not in columns:
            return []
        return [_leaf(column_name(leaf), leaf) for leaf in HEADER_LEAVES[key]]

    uasc_flag = _leaf("_uasc", UASC_FLAG) if "_uasc" in columns else pl.lit("")
    parts = [
        pl.lit("<CHILD>\n  <HEADER>"),
        *(_leaf(column_name(leaf), leaf) for leaf in HEADER_LEAVES["header"]),
        uasc_flag,
        *leaves("uasc"),
        pl.lit("\n"),
        fragment("reviews"),
        pl.lit("    "),
        *(_leaf(leaf, leaf) for leaf in HEADER_LEAVES["header_mother"]),
        *leaves("oc3"),
        *leaves("ad1"),
        pl.lit("\n"),
        fragment("oc2"),
        fragment("placed_adoption"),
        fragment("prev_perm"),
        fragment("missing"),
        pl.lit("  </HEADER>\n"),
        fragment("episodes"),
        pl.lit("</CHILD>"),
    ]
    return pl.concat_str(parts)


def _check(ret: Ssda903Return, texts: dict[str, pl.DataFrame]) -> None:
    problems: list[pl.DataFrame] = []
    if "header" not in texts:
        problems.append(
            one_problem(
                ProblemKind.MISSING_COLUMN,
                "Header",
                "a Header table: XML nests every row of a child inside the child's header",
            )
        )
        raise_if_any(
            ReturnExportError, "cannot write XML: {count} problems", concat_problems(problems)
        )
    children = texts["header"]["CHILD"]
    for key, frame in texts.items():
        name = ret.schema.table(key).name
        located = frame.with_columns(
            pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
            pl.lit(None, dtype=pl.Int64).alias("_line"),
            pl.lit(None, dtype=pl.String).alias("_element"),
        )
        for column in frame.columns:
            bad = located.filter(pl.col(column).str.contains(CONTROL))
            problems.append(
                problems_in_rows(
                    ProblemKind.BAD_TEXT,
                    name,
                    bad,
                    field=column,
                    value=pl.col(column),
                    expected="text without control characters",
                )
            )
        if key == "header" or key in SINGLE:
            repeated = located.filter(
                pl.col("CHILD").is_duplicated() & pl.col("CHILD").is_not_null()
            )
            problems.append(
                problems_in_rows(
                    ProblemKind.DUPLICATE_KEY,
                    name,
                    repeated,
                    field="CHILD",
                    value=pl.col("CHILD"),
                    expected=f"one {name} row per child in XML",
                )
            )
        if key != "header":
            orphans = located.filter(~pl.col("CHILD").is_in(children.implode()))
            problems.append(
                problems_in_rows(
                    ProblemKind.UNKNOWN_CHILD,
                    name,
                    orphans,
                    field="CHILD",
                    value=pl.col("CHILD"),
                    expected="a child of the Header table",
                )
            )
    raise_if_any(ReturnExportError, "cannot write XML: {count} problems", concat_problems(problems))
