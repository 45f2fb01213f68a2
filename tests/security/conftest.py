import shutil
import tempfile

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from .world import ROLES, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The site, built once per module inside a transaction that is rolled back at its end;
    each test runs in a savepoint inside it (pytest-django's `db`), so no test sees
    another's changes."""
    media = tempfile.mkdtemp(prefix="samverkan-security-")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        translation.activate("sv")
        cache.clear()
        with transaction.atomic():
            try:
                yield build_world()
            finally:
                transaction.set_rollback(True)
        cache.clear()
    shutil.rmtree(media, ignore_errors=True)


@pytest.fixture
def site(world, db):
    """The world, for a test that may use the database (each in its own savepoint)."""
    return world


@pytest.fixture
def clients(site):
    """A test client per role, logged in as its person (force_login: no MFA step, as a session
    that allauth has not logged in is never asked for one)."""
    result = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        user = site.user(role)
        if user is not None:
            client.force_login(user)
        result[role] = client
    return result
