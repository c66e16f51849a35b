"""The WSGI application gunicorn serves (``oversight serve``).

Without ``DJANGO_SETTINGS_MODULE`` it uses the production profile, which refuses to start
unless it is configured.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.web.settings.production")

application = get_wsgi_application()
