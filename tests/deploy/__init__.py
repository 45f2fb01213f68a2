"""What the deployment tests share: the deployment, its app servers and the visitors.

Requests reach the servers as a load balancer passes them on: the public host name in
Host, X-Forwarded-Proto: https (the servers run with production settings, secure cookies
included), and one cookie jar per visitor whichever server answers.
"""

import base64
import hashlib
import hmac
import html
import os
import re
import secrets
import signal
import socket
import struct
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import redis
import requests

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
# A Redis database of the deployment's own, apart from the suite's.
REDIS_DB = int(os.environ.get("DEPLOY_REDIS_DB", "12"))
# The public name the load balancer answers to.
HOST = "samverkan.test"
ADMIN_EMAIL = "admin@samverkan.se"
MEMBER_EMAIL = "anna.lindberg@boras.se"
# A public case of the demo, and the About page, which the setup gives a document.
CASE_PATH = "/case/idesluss-icare4-fyrbodal/"
ABOUT_PATH = "/om-natverket/"
DOCUMENT_BYTES = b"Verksamhetsplan 2026, for the deployment tests.\n"
# Base32, as an authenticator app holds it: the admin's second factor where the site asks.
TOTP_SECRET = base64.b32encode(b"deploy-test-totp-key").decode()


def with_path(url, path):
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))


def database_url(name):
    return with_path(DATABASE_URL, f"/{name}")


def create_database(name):
    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(name):
    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def totp_code(secret):
    """The current six-digit code of an authenticator app (RFC 6238)."""
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class Deployment:
    """One database, one media folder, one Redis database: what every app server shares."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.database = f"samverkan_deploy_{os.getpid()}"
        self.redis_url = with_path(REDIS_URL, f"/{REDIS_DB}")
        self.media_root = workdir / "media"
        self.password = secrets.token_urlsafe(16)
        # A clean production environment: none of the suite's own switches.
        ignored = {
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
        self.env = {k: v for k, v in os.environ.items() if k not in ignored}
        self.env.update(
            DJANGO_SETTINGS_MODULE="network.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS=HOST,
            SITE_URL=f"https://{HOST}",
            DATABASE_URL=database_url(self.database),
            REDIS_URL=self.redis_url,
            CACHE_KEY_PREFIX=f"samverkan-deploy-{os.getpid()}",
            MEDIA_ROOT=str(self.media_root),
            STATIC_ROOT=str(workdir / "static"),
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )

    def manage(self, *args, env=None):
        result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"manage.py {args[0]}:\n{result.stdout}{result.stderr}"
        return result.stdout

    def redis(self):
        return redis.Redis.from_url(self.redis_url)


class Server:
    """One app server: gunicorn with gunicorn.conf.py, on a free port of its own."""

    def __init__(self, name, env, logdir, workers=1):
        self.name = name
        self.port = free_port()
        self.log = logdir / f"{name}.log"
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
        }
        self.process = None

    def __repr__(self):
        return f"<server {self.name} on port {self.port}>"

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self):
        return self.launch().wait_until_ready()

    def launch(self):
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def wait_until_ready(self):
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{self} exited:\n{self.log_tail()}")
            try:
                # Any answer will do: a server without its Redis answers 503 here.
                requests.get(self.url("/healthz/"), headers={"Host": HOST}, timeout=30)
                return self
            except requests.ConnectionError:
                time.sleep(0.2)
        pytest.fail(f"{self} did not answer within 90 seconds:\n{self.log_tail()}")

    def ask_to_stop(self):
        if self.process and self.process.poll() is None:
            # gunicorn's quick shutdown: no request of a test is left running by then.
            self.process.send_signal(signal.SIGQUIT)

    def stop(self):
        self.ask_to_stop()
        if self.process:
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log_tail(self, lines=40):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


class Visitor:
    """A browser behind the load balancer: one cookie jar, whichever server answers."""

    def __init__(self):
        self.http = requests.Session()
        self.http.headers.update({"Host": HOST, "X-Forwarded-Proto": "https"})

    def _kept(self, response):
        # The servers' cookies are Secure, as the browser talks HTTPS to the load balancer;
        # from there to the servers it is plain HTTP, on which the jar would withhold them.
        for cookie in self.http.cookies:
            cookie.secure = False
        return response

    def get(self, server, path):
        return self._kept(self.http.get(server.url(path), timeout=30, allow_redirects=False))

    def post(self, server, path, data):
        """A form post as a browser sends it: with the CSRF token, from our own origin."""
        if "csrftoken" not in self.http.cookies:
            self.get(server, path)
        headers = {
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}{path}",
            "X-CSRFToken": self.http.cookies["csrftoken"],
        }
        response = self.http.post(
            server.url(path), data=data, headers=headers, timeout=30, allow_redirects=False
        )
        return self._kept(response)

    def log_in(self, server, email, password, totp_secret=None):
        """allauth's login form, then the authenticator code if the site asks for one."""
        response = self.post(server, "/accounts/login/", {"login": email, "password": password})
        location = response.headers.get("Location", "")
        if response.status_code == 302 and "/2fa/authenticate/" in location:
            assert totp_secret, f"the site asks {email} for a second factor"
            response = self.post(server, urlsplit(location).path, {"code": totp_code(totp_secret)})
        return response

    def is_member_on(self, server):
        """Whether the server takes this visitor for a signed-in member: the directory opens."""
        response = self.get(server, "/medlemmar/")
        assert response.status_code in (200, 302), response.status_code
        return response.status_code == 200


class FormFields(HTMLParser):
    """What a browser sends from the form with the given id, as (name, value) pairs."""

    def __init__(self, page, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.fields = []
        self._inside = False
        self._templates = 0  # <template> content (an empty inline form) is never sent
        self._textarea = None
        self._select = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = attrs.get("id") == self.form_id
        elif tag == "template":
            self._templates += 1
        if not self._inside or self._templates or tag == "form":
            return
        name = attrs.get("name")
        kind = (attrs.get("type") or "text").lower()
        if tag == "input" and name and kind not in {"submit", "button", "image", "file", "reset"}:
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields.append([name, attrs.get("value") or "on"])
            else:
                self.fields.append([name, attrs.get("value") or ""])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._select["options"].append((attrs.get("value") or "", "selected" in attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "template":
            self._templates -= 1
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            chosen = [value for value, selected in select["options"] if selected]
            if not chosen and not select["multiple"] and select["options"]:
                chosen = [select["options"][0][0]]
            self.fields.extend([select["name"], value] for value in chosen)

    def handle_data(self, data):
        if self._textarea is not None:
            # Browsers drop the line break that follows <textarea>.
            if not self._textarea[1]:
                data = data.removeprefix("\n")
            self._textarea[1] += data


def text_of(response):
    """The visible text of a page: no tags, scripts, attributes (tokens) or whitespace runs."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.text, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body)).strip()
