"""Response headers that keep visitors' and members' browsers safe.

- The Content-Security-Policy (django-csp): a strict, nonce-based policy on the
  public site, and a relaxed one under the Wagtail admin, whose own templates
  still carry inline scripts and styles (settings: CONTENT_SECURITY_POLICY and
  CONTENT_SECURITY_POLICY_ADMIN).
- Cache-Control: a response to a signed-in person shows who they are (the
  header's account links at least, often member data or the secret feed
  address), so unless the view chose its own caching it is `private, no-store`;
  anonymous public pages stay cacheable by a CDN.
- Permissions-Policy: the site uses no camera, microphone, location or payment.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import add_never_cache_headers
from django.utils.deprecation import MiddlewareMixin

PERMISSIONS_POLICY = "camera=(), geolocation=(), microphone=(), payment=(), usb=()"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts  # a view's own @csp(...) wins
        admin = settings.CONTENT_SECURITY_POLICY_ADMIN
        if request.path_info.startswith(tuple(admin["PATH_PREFIXES"])):
            # No nonce here: a nonce in script-src makes browsers ignore 'unsafe-inline'.
            return PolicyParts(
                config=admin["DIRECTIVES"],
                update=parts.update,
                replace=parts.replace,
            )
        # Always a nonce on the public site, even on pages without inline scripts: with a
        # nonce present, an 'unsafe-inline' that slipped into script-src is ignored.
        parts.nonce = str(request.csp_nonce)
        return parts


class PrivateResponsesMiddleware(MiddlewareMixin):
    """`private, no-store` for signed-in people, unless the view said otherwise."""

    def process_response(self, request, response):
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if response.has_header("Cache-Control"):
            return response  # public feeds, static files, views with their own rules
        # No session cookie, no account: skip the session lookup for most visitors.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
