"""The test suite: fast hashing, in-memory email, no debug."""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run at once, in the test's thread, whatever the environment says. Django's test
# environment makes EMAIL_BACKEND the in-memory outbox; what network/mail.py queues is
# delivered there too.
TASKS = task_settings("immediate")
EMAIL_BACKEND = EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
MEDIA_ROOT = BASE_DIR / "build" / "test-media"
if REDIS_URL:
    # Keep the suite's keys apart from anything else on the same Redis.
    CACHES["default"]["KEY_PREFIX"] = "samverkan-test"
WAGTAILADMIN_BASE_URL = SITE_URL = "http://testserver"
