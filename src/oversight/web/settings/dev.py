"""The demo profile: DEBUG on this machine only, synthetic data, demo users allowed."""

from oversight.web.settings.base import *  # noqa: F403
from oversight.web.settings.base import env

DEBUG = env.debug is not False
# A fixed key is acceptable only because this profile answers on the loopback interface alone.
SECRET_KEY = env.secret_key or "django-insecure-oversight-dev-only-never-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

OVERSIGHT_SYNTHETIC_DATA = env.synthetic_data is not False
OVERSIGHT_ALLOW_DEMO_USERS = True
