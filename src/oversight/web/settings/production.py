"""The production profile: no DEBUG, no demo users, secure cookies, HSTS and https only.

Missing configuration stops the process with ``ImproperlyConfigured`` naming the variable
(``settings/_environment.py`` lists them all).
"""

from django.core.exceptions import ImproperlyConfigured

from oversight.web.settings._environment import required, required_hosts
from oversight.web.settings.base import *  # noqa: F403
from oversight.web.settings.base import env

if env.debug:
    raise ImproperlyConfigured(
        "OVERSIGHT_DEBUG is set to true, but the production profile never runs with DEBUG: "
        "it shows internal details of errors. Unset OVERSIGHT_DEBUG, or use the dev profile "
        "(oversight.web.settings.dev) on a developer's machine."
    )
DEBUG = False
SECRET_KEY = required(
    env.secret_key,
    "OVERSIGHT_SECRET_KEY",
    hint="a long random value kept secret, e.g. from "
    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`",
)
ALLOWED_HOSTS = required_hosts(env.allowed_hosts)

OVERSIGHT_SYNTHETIC_DATA = bool(env.synthetic_data)
OVERSIGHT_ALLOW_DEMO_USERS = False

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The __Host- prefix makes browsers refuse these cookies over http or from a sub-domain.
SESSION_COOKIE_NAME = "__Host-oversight-session"
CSRF_COOKIE_NAME = "__Host-oversight-csrf"

SECURE_SSL_REDIRECT = env.ssl_redirect
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers probe over plain http
SECURE_HSTS_SECONDS = env.hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading commits the whole domain to https in browsers for months: the council's decision.
SECURE_HSTS_PRELOAD = env.hsts_preload
SILENCED_SYSTEM_CHECKS = [] if env.hsts_preload else ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.behind_tls_proxy else None
