"""Settings by profile: ``base`` plus ``dev`` (the demo), ``test`` and ``production``.

The environment is read once, in ``_environment``, and only by ``base``; the profiles choose
among the values it parsed. Production fails loudly on missing configuration.
"""
