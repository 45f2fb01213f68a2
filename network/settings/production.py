"""Production: behind a TLS-terminating load balancer, several stateless app servers."""

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.")

# Email and imports run in worker processes, never in a request (README, "Background tasks").
TASKS = task_settings(os.environ.get("TASKS_BACKEND", "database"))

# The load balancer terminates TLS and says so in X-Forwarded-Proto (or the header named
# in SECURE_PROXY_SSL_HEADER; empty when nothing sits in front, so no client can claim it).
PROXY_SSL_HEADER = os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
if PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + PROXY_SSL_HEADER.upper().replace("-", "_"), "https")
# Only when the proxy sets these itself and drops whatever a client sent.
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
USE_X_FORWARDED_PORT = env_bool("USE_X_FORWARDED_PORT", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Hashed file names so that browsers and a CDN can cache static files for ever.
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# Wagtail's preview needs SAMEORIGIN (base.py); the deploy check's advice of DENY
# would break the editors' preview, so that single warning is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
