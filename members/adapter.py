"""The network's allauth adapter: a per-account login limit that holds, failed logins logged."""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied

from . import audit


def site_name():
    """The one name the site goes by, whatever Host a request claims."""
    return urlsplit(settings.SITE_URL).netloc or settings.SITE_URL


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys the per-account limit on get_current_site(), which without
        # django.contrib.sites is the request's Host: another port or host name for the
        # same server started a fresh count. A fixed name keeps one count per account.
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{site_name()}:{login}"

    def authentication_failed(self, request, **credentials):
        address = credentials.get("email") or credentials.get("username") or ""
        try:
            client_ip = self.get_client_ip(request)
        except PermissionDenied:
            client_ip = ""
        audit.log_failed_login(address, client_ip)
