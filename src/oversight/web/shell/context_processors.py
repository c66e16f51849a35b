"""What every page's layout needs to know about the service."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    """The service and council names, and whether to show the synthetic-data banner."""
    return {
        "service_name": settings.OVERSIGHT_SERVICE_NAME,
        "council_name": settings.OVERSIGHT_COUNCIL_NAME,
        "synthetic_data": settings.OVERSIGHT_SYNTHETIC_DATA,
    }
