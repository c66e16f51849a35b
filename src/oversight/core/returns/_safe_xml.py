"""Parse untrusted XML safely, element by element.

Returns arrive from outside; XML can attack the reader (entity expansion, external entities,
huge text nodes). Every parse goes through ``iterparse`` here, which:

* configures lxml with ``resolve_entities=False, no_network=True, load_dtd=False,
  huge_tree=False`` (``defusedxml.lxml`` is deprecated and not used);
* refuses any document with a DOCTYPE, before its first element is handled, since no return
  needs one and every entity attack starts with one;
* turns lxml's syntax errors (a truncated file, a broken tag) into ``XmlRefusedError`` with the
  line where parsing stopped.

It streams: elements are yielded as they end, and the caller clears what it has read, so a large
file is never held whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import IO, Literal

from lxml import etree

Event = Literal["start", "end"]


class XmlRefusedError(Exception):
    """The XML is malformed or refused; ``line`` is where parsing stopped, when known.

    Internal: readers turn it into a located problem of the return being read.
    """

    def __init__(self, reason: str, *, line: int | None, unsafe: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        """What was wrong, in words."""
        self.line = line
        """The 1-based line where the problem was found."""
        self.unsafe = unsafe
        """Whether the document was refused for safety rather than for being malformed."""


def iterparse(
    source: IO[bytes],
    *,
    events: tuple[Event, ...] = ("start", "end"),
    tag: Sequence[str] | None = None,
) -> Iterator[tuple[Event, etree._Element]]:
    """Yield ``(event, element)`` pairs of ``source``, refusing a DOCTYPE and malformed XML.

    ``tag`` limits the events to elements of those tags, using lxml's own filter, which skips
    the others without creating Python objects: much faster when most elements are read from
    the tree of one that is yielded. The whole document is still parsed and checked; without
    any event, the DOCTYPE is not checked, so a caller must then read the document unfiltered.

    Examples
    --------
    >>> import io
    >>> [(event, element.tag) for event, element in iterparse(io.BytesIO(b"<a><b/></a>"))]
    [('start', 'a'), ('start', 'b'), ('end', 'b'), ('end', 'a')]
    >>> try:
    ...     list(iterparse(io.BytesIO(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')))
    ... except XmlRefusedError as refused:
    ...     print(refused.line, refused.reason)
    1 a document without a DOCTYPE (found '<!DOCTYPE a>'; DOCTYPEs and entities are refused for safety)
    """
    wanted = set(events)
    parser_events = ("start", "end")
    parser = etree.iterparse(
        source,
        events=parser_events,
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    checked = False
    try:
        for event, element in parser:
            if not checked:
                doctype = element.getroottree().docinfo.doctype
                if doctype:
                    raise XmlRefusedError(
                        "a document without a DOCTYPE (found "
                        f"{doctype[:60]!r}; DOCTYPEs and entities are refused for safety)",
                        line=element.sourceline,
                        unsafe=True,
                    )
                checked = True
            if isinstance(element, etree._Entity):  # never resolved, never wanted
                raise XmlRefusedError(
                    "text without entity references", line=element.sourceline, unsafe=True
                )
            if event in wanted:
                yield event, element
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno and error.lineno > 0 else None
        raise XmlRefusedError(f"well-formed XML ({error.msg})", line=line) from None
    except OSError as error:
        raise XmlRefusedError(f"a readable file ({error})", line=None) from None
