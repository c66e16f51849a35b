"""The imports app."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Snapshots, their query-shaped tables, the load job and the upload page."""

    name = "oversight.web.imports"
    label = "imports"
    verbose_name = "Imports"
