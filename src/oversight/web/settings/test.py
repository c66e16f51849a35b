"""The test profile: fast hashing, tasks run inline, SQLite in memory unless DATABASE_URL is set."""

from oversight.web.settings._environment import database
from oversight.web.settings.base import *  # noqa: F403
from oversight.web.settings.base import env

DEBUG = False
SECRET_KEY = "django-insecure-oversight-tests-only"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

DATABASES = {
    "default": (
        database(env.database_url)
        if env.database_url
        else {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    ),
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Templates refer to static files by name; the test client does not need hashed names.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

OVERSIGHT_SYNTHETIC_DATA = env.synthetic_data is not False
OVERSIGHT_ALLOW_DEMO_USERS = True
# Serve static files from the apps' folders, as in development: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
