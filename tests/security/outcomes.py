"""What a response means for the person who asked, in the words of the expectation tables."""

import re
import traceback
from urllib.parse import urlsplit

LOGIN_PATHS = ("/accounts/login/", "/admin/login/", "/_util/login/")


def location_path(response):
    """Where a redirect leads, without its query and without the English prefix."""
    path = urlsplit(response["Location"]).path
    return path.removeprefix("/en") or "/"


def outcome(response):
    """What happened, in one word.

    "ok" (200), "login" (sent to log in), "admin-denied" (Wagtail's "no permission", which
    sends back to the admin's dashboard), "redirect:<path>" (ids as <id>) for any other
    redirect, else the status code itself."""
    status = response.status_code
    if status == 200:
        return "ok"
    if status in (301, 302, 303, 307, 308):
        path = location_path(response)
        if path in LOGIN_PATHS:
            return "login"
        if path == "/admin/" and urlsplit(response.request["PATH_INFO"]).path != "/admin/":
            return "admin-denied"
        return "redirect:" + re.sub(r"/\d+/", "/<id>/", path)
    return status


def describe(response):
    """A line for a failure message: status, where it leads, and an exception's last lines."""
    text = f"{response.status_code}"
    if response.has_header("Location"):
        text += f" → {response['Location']}"
    exc_info = getattr(response, "exc_info", None)
    if exc_info:
        lines = traceback.format_exception(*exc_info)
        text += "\n      " + "      ".join(lines[-3:])
    return text
