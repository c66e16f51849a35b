"""The accounts app."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Registers the system checks that keep demo users out of production."""

    name = "oversight.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from oversight.web.accounts import checks  # noqa: F401  (registers the checks)
