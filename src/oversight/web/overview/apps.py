"""The overview app."""

from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """The service overview page."""

    name = "oversight.web.overview"
    label = "overview"
    verbose_name = "Service overview"
