"""Loads: each upload or ``oversight import`` becomes an immutable snapshot.

::

    zip or folder ─► sources.py (find the input, detect its kind)
                       ─► services.load_snapshot (one transaction)
                            check_ssd ─► problems (the load report)
                            compute_measures ─► flags, indicators
                            chronology.py ─► children, events, teams, professionals
                            SSD frames ─► DATA_DIR/snapshots/<id>/*.parquet
    tasks.py: the background job the upload page enqueues (django-tasks, database backend)
"""
