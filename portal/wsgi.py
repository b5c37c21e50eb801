"""WSGI entry point for gunicorn: ``gunicorn portal.wsgi``."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

# What loading Django and the portal made (some 90,000 objects) lives as long as the worker; a
# full collection walked it all again (48 ms, the slowest requests of a busy page). Frozen, the
# collector leaves it alone.
gc.freeze()
