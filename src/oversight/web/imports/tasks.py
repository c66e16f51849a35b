"""The load job: an upload's load runs in the background worker (django-tasks, database queue).

The test profile runs tasks immediately, in the request; ``oversight serve`` runs the worker.
"""

from __future__ import annotations

from django_tasks import task

from oversight.web.imports.services import run_load, uploads_dir


@task()
def load_upload(snapshot_id: int) -> str:
    """Load the file uploaded for ``snapshot_id``, then delete it; returns the final status."""
    path = uploads_dir() / f"{snapshot_id}.zip"
    try:
        snapshot = run_load(snapshot_id, path)
    finally:
        path.unlink(missing_ok=True)
    return str(snapshot.status)
