"""The data core: a pure library over polars frames, with no web, database or network.

``oversight.core.ssd`` is its foundation, the canonical child-level model.
"""
