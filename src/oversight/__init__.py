"""Oversight: oversight of children's services for English councils.

The package has three layers (``docs/architecture.md``):

``oversight.core``
    A pure data library (polars in, polars out) built on the canonical child-level model,
    the Standard Safeguarding Dataset (``oversight.core.ssd``).
``oversight.web``
    The Django application that persists what the core computes and adds the human workflows.
``oversight.cli``
    The ``oversight`` command, fronting both.
"""

__version__ = "0.1.0"
