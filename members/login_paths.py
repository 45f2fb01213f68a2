"""One login path: Wagtail's own login and password-reset pages lead to allauth's.

Wagtail's admin login (/admin/login/), its utility login for private pages
(/_util/login/) and the admin's password reset checked passwords and sent emails
without allauth's rate limits, mandatory email verification and two-factor
authentication. network/urls.py puts these views in front of them; none of them
looks at a password or sends anything.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def account_login_url(request, default_next=""):
    """allauth's login, carrying on to where the person was going (a local address only)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = default_next
    url = reverse("account_login")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def admin_login(request):
    return redirect(account_login_url(request, default_next=reverse("wagtailadmin_home")))


def frontend_login(request):
    return redirect(account_login_url(request))


def admin_password_reset(request):
    return redirect("account_reset_password")
