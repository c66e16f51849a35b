"""Settings every profile shares. The only module that reads the environment (``_environment``).

Profiles (``dev``, ``test``, ``production``) import everything from here and decide DEBUG, the
secret key, hosts, the database for tests and the transport security.
"""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from oversight.web.settings._environment import database, read_environment

env = read_environment(os.environ, cwd=Path.cwd())

DATA_DIR = env.data_dir
# The SQLite file and collected static files live here; create it so a first run just works.
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = False
SECRET_KEY = env.secret_key or ""
ALLOWED_HOSTS = list(env.allowed_hosts)
CSRF_TRUSTED_ORIGINS = list(env.csrf_trusted_origins)

OVERSIGHT_COUNCIL_NAME = env.council_name
OVERSIGHT_SERVICE_NAME = "Oversight"
OVERSIGHT_SYNTHETIC_DATA = bool(env.synthetic_data)
# Demo users (``create_demo_users``) may sign in only where this is true: dev and test.
OVERSIGHT_ALLOW_DEMO_USERS = False

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "oversight.web.accounts",
    "oversight.web.shell",
    "oversight.web.imports",
    "oversight.web.children",
    "oversight.web.overview",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that it can turn a refused sign-in into the lockout page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "oversight.web.urls"
WSGI_APPLICATION = "oversight.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "csp.context_processors.nonce",
                "oversight.web.shell.context_processors.service",
            ],
        },
    },
]
# Every form renders GOV.UK Frontend markup through one renderer (shell/forms.py).
FORM_RENDERER = "oversight.web.shell.forms.GovukFormRenderer"

DATABASES = {
    "default": database(env.database_url or f"sqlite:///{DATA_DIR / 'oversight.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Accounts and sign-in
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "oversight.web.accounts.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "shell:home"
LOGOUT_REDIRECT_URL = None  # sign-out shows its own page

# Throttling (django-axes): lock a username from one address after repeated failures, so an
# office behind one address is not locked out by one person's typos.
AXES_FAILURE_LIMIT = env.login_failure_limit
AXES_COOLOFF_TIME = timedelta(minutes=env.login_cooloff_minutes)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = 1 if env.behind_tls_proxy else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if env.behind_tls_proxy else ["REMOTE_ADDR"]
)

# Sessions: HttpOnly, SameSite=Lax, ended by the browser closing or after 8 hours idle.
SESSION_COOKIE_AGE = int(timedelta(hours=8).total_seconds())
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Response headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Static files: built by `npm run build` into shell/static/, collected under the data directory
# and served by WhiteNoise with hashed names.
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
