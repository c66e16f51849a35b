"""The Django application: persists what ``oversight.core`` computes and adds the human workflows.

Apps are cut around what people do, each a room with its own ``urls.py``, ``views.py``,
``queries.py`` (reads) and ``services.py`` (writes)::

    settings/   base, dev (the demo), test, production
    accounts/   users, roles, capabilities, record scope, sign-in
    shell/      the council-branded layout, the home page and the health check
"""
