"""How many rows a Parquet file holds, read from its footer alone.

The national benchmark stacks 150 councils' tables with one multi-file scan per table and names
each row's council from the files' row counts. Asking polars for each count is a query per file
(some 500 per batch of councils, about 0.3 ms each, and a flood of blocking IO threads); reading
``num_rows`` from the footer here costs about 30 µs. pyarrow would do it, but is a large
dependency for one integer.

The footer is the file's ``FileMetaData``, serialised with Thrift's compact protocol and followed
by its length (4 bytes, little-endian) and ``PAR1``; ``num_rows`` is its field 3, after the
format version (field 1) and the schema (field 2), which are skipped.
(https://github.com/apache/parquet-format: ``Thrift`` definitions and ``README``;
https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md)
"""

from __future__ import annotations

import struct
from pathlib import Path

MAGIC = b"PAR1"
_STOP, _TRUE, _FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY, _LIST, _SET, _MAP, _STRUCT = range(
    13
)
_NUM_ROWS_FIELD = 3


class ParquetFooterError(ValueError):
    """The file does not end with a Parquet footer that states its row count."""


def parquet_rows(path: Path) -> int:
    """The row count a Parquet file's footer states."""
    with path.open("rb") as file:
        file.seek(0, 2)
        if file.tell() < 12:
            raise ParquetFooterError(f"{path}: too short to be a Parquet file")
        file.seek(-8, 2)
        tail = file.read(8)
        if tail[4:] != MAGIC:
            raise ParquetFooterError(f"{path}: does not end with {MAGIC!r}")
        (size,) = struct.unpack("<I", tail[:4])
        file.seek(-8 - size, 2)
        footer = file.read(size)
    try:
        return _num_rows(footer)
    except (IndexError, ParquetFooterError) as error:
        raise ParquetFooterError(f"{path}: unreadable footer ({error})") from error


def _num_rows(footer: bytes) -> int:
    position, field = 0, 0
    while True:
        header = footer[position]
        position += 1
        if header == _STOP:
            raise ParquetFooterError("no num_rows field")
        field, kind, position = _field_header(footer, position, header, field)
        if field == _NUM_ROWS_FIELD and kind == _I64:
            value, _ = _varint(footer, position)
            return _zigzag(value)
        position = _skip(footer, position, kind)


def _field_header(buffer: bytes, position: int, header: int, last: int) -> tuple[int, int, int]:
    """(field id, type, position after the header): the id is a delta, or follows in full."""
    delta, kind = header >> 4, header & 0x0F
    if delta:
        return last + delta, kind, position
    value, position = _varint(buffer, position)
    return _zigzag(value), kind, position


def _varint(buffer: bytes, position: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buffer[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, position
        shift += 7


def _zigzag(value: int) -> int:
    return (value >> 1) ^ -(value & 1)


def _in_collection(kind: int) -> int:
    """A boolean inside a list, set or map takes a byte (as a field, its type is its value)."""
    return _BYTE if kind in (_TRUE, _FALSE) else kind


def _skip(buffer: bytes, position: int, kind: int) -> int:
    """The position after a value of type ``kind`` (what the row count does not need)."""
    if kind in (_TRUE, _FALSE):  # a boolean field's value is its type
        return position
    if kind == _BYTE:
        return position + 1
    if kind in (_I16, _I32, _I64):
        return _varint(buffer, position)[1]
    if kind == _DOUBLE:
        return position + 8
    if kind == _BINARY:
        size, position = _varint(buffer, position)
        return position + size
    if kind in (_LIST, _SET):
        header = buffer[position]
        position += 1
        size, element = header >> 4, header & 0x0F
        if size == 15:
            size, position = _varint(buffer, position)
        for _ in range(size):
            position = _skip(buffer, position, _in_collection(element))
        return position
    if kind == _MAP:
        size, position = _varint(buffer, position)
        if size:
            types = buffer[position]
            position += 1
            for _ in range(size):
                position = _skip(buffer, position, _in_collection(types >> 4))
                position = _skip(buffer, position, _in_collection(types & 0x0F))
        return position
    if kind == _STRUCT:
        field = 0
        while True:
            header = buffer[position]
            position += 1
            if header == _STOP:
                return position
            field, element, position = _field_header(buffer, position, header, field)
            position = _skip(buffer, position, element)
    raise ParquetFooterError(f"unknown Thrift type {kind}")
