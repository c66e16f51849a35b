"""The children app."""

from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    """Worklists, caseloads and the child page, read from the latest snapshot."""

    name = "oversight.web.children"
    label = "children"
    verbose_name = "Children"
