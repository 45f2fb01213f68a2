"""Deployment tests: real gunicorn servers with production settings, PostgreSQL and Redis.

They run when DATABASE_URL points to PostgreSQL and REDIS_URL is set (the second phase
of .ci/run) and are skipped with a message otherwise. They never use pytest-django's
test database: the session makes a database of its own (samverkan_deploy_<pid>) on the
same PostgreSQL, migrates it, loads the demo content and drops it at the end, and uses a
Redis database number of its own (DEPLOY_REDIS_DB, default 12), emptied at the end. One
database and one pair of servers serve every test.
"""

import shutil
import subprocess
import sys

import pytest

from tests.deploy import (
    ABOUT_PATH,
    ADMIN_EMAIL,
    BASE_DIR,
    DATABASE_URL,
    DOCUMENT_BYTES,
    MEMBER_EMAIL,
    REDIS_URL,
    TOTP_SECRET,
    Deployment,
    Server,
    Visitor,
    create_database,
    drop_database,
)


def skip_reason():
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        return "deployment tests need DATABASE_URL=postgres://… (.ci/run's second phase sets it)"
    if not REDIS_URL:
        return "deployment tests need REDIS_URL (.ci/run's second phase sets it)"
    for program in ("pg_dump", "pg_restore"):
        if shutil.which(program) is None:
            return f"deployment tests need {program}: apt-get install postgresql-client"
    return None


def pytest_collection_modifyitems(config, items):
    reason = skip_reason()
    if reason:
        for item in items:
            if "tests/deploy/" in str(item.fspath):
                item.add_marker(pytest.mark.skip(reason=reason))


# Run in the deployment's settings after the demo content: logins for the demo admin and
# member, the admin's authenticator app where the site asks editors for one, and a
# document on the About page (a public page, so that anyone may download it).
SETUP_SCRIPT = f"""
import os
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

for user in get_user_model().objects.filter(email__in=[{ADMIN_EMAIL!r}, {MEMBER_EMAIL!r}]):
    user.set_password(os.environ["DEPLOY_PASSWORD"])
    user.save()
    if user.email == {ADMIN_EMAIL!r} and apps.is_installed("allauth.mfa"):
        from allauth.mfa.totp.internal.auth import TOTP
        TOTP.activate(user, {TOTP_SECRET!r})
document = get_document_model()(title="Verksamhetsplan 2026")
document.file.save("verksamhetsplan-2026.txt", ContentFile({DOCUMENT_BYTES!r}))
page = Page.objects.get(url_path="/home{ABOUT_PATH}").specific
page.body.append(("document", {{"document": document, "title": "Verksamhetsplan 2026"}}))
page.save_revision().publish()
ReferenceIndex.create_or_update_for_object(page)
"""


@pytest.fixture(scope="session")
def deployment(tmp_path_factory):
    deployment = Deployment(tmp_path_factory.mktemp("deploy"))
    create_database(deployment.database)
    try:
        # Static files are collected while the database is migrated: two jobs, two cores.
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=BASE_DIR,
            env=deployment.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deployment.manage("migrate", "--noinput")
        _, errors = collect.communicate(timeout=300)
        assert collect.returncode == 0, errors
        deployment.manage("seed_demo")
        deployment.manage("shell", "-c", SETUP_SCRIPT, env={"DEPLOY_PASSWORD": deployment.password})
        yield deployment
    finally:
        drop_database(deployment.database)
        deployment.redis().flushdb()


@pytest.fixture(scope="session")
def launch_servers(deployment, tmp_path_factory):
    """Starts servers on the deployment, with env= changed; every one stops at the end."""
    logdir = tmp_path_factory.mktemp("deploy-logs")
    started = []

    def launch(*names, workers=1, **env):
        servers = [Server(name, {**deployment.env, **env}, logdir, workers) for name in names]
        started.extend(server.launch() for server in servers)
        # They boot side by side, as behind a load balancer.
        return [server.wait_until_ready() for server in servers]

    yield launch
    for server in started:
        server.ask_to_stop()
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def start_server(launch_servers):
    def start(name, **env):
        return launch_servers(name, **env)[0]

    return start


@pytest.fixture(scope="session")
def two_servers(launch_servers):
    """Servers a and b, two workers each: the pair behind the load balancer."""
    return launch_servers("a", "b", workers=2)


@pytest.fixture(scope="session")
def server_a(two_servers):
    return two_servers[0]


@pytest.fixture(scope="session")
def server_b(two_servers):
    return two_servers[1]


@pytest.fixture
def visitor():
    return Visitor()


@pytest.fixture
def fresh_rate_limits(deployment):
    """allauth's counters start from nothing: every test comes from the same address."""
    connection = deployment.redis()
    for key in connection.scan_iter(match="*allauth:rl:*"):
        connection.delete(key)
