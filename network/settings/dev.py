"""What manage.py uses by default: DEBUG on, console email."""

import warnings

from .base import *

# runserver serves static files itself; WhiteNoise's collected folder exists only in production.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")

DEBUG = env_bool("DEBUG", True)
# Only ever used on a developer's machine; production.py refuses to start without SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
