"""The load job: an upload's load runs in the background worker (django-tasks, database queue).

The test profile runs tasks immediately, in the request; ``oversight serve`` runs the worker.
"""

from __future__ import annotations

from django_tasks import task

from oversight.web.imports.services import run_load, upload_path


@task()
def load_upload(snapshot_id: int) -> str:
    """Load the file uploaded for ``snapshot_id``, then delete it; returns the final status."""
    path = upload_path(snapshot_id)
    if path is None:
        raise FileNotFoundError(f"No upload is waiting for snapshot {snapshot_id}")
    try:
        snapshot = run_load(snapshot_id, path)
    finally:
        path.unlink(missing_ok=True)
    return str(snapshot.status)
