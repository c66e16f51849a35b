"""The shell app."""

from django.apps import AppConfig


class ShellConfig(AppConfig):
    """Layout, GOV.UK components, the home page and the health check."""

    name = "oversight.web.shell"
    label = "shell"
    verbose_name = "Shell"
