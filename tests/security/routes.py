"""Every address of the site: the URL configuration walked pattern by pattern, and the page tree
by page type and routable sub-route, each with a key for the expectation tables."""

import re
from collections import Counter
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils.regex_helper import normalize
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

LANGUAGES = ("sv", "en")  # Swedish without a prefix, English under /en/
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class UrlEntry:
    key: str  # the pattern's name (namespaced), "name@route" when names repeat, else the route
    name: str | None
    route: str  # the pattern as Django prints it, e.g. "admin/pages/<int:page_id>/edit/"
    pieces: tuple
    localized: bool  # inside i18n_patterns: Swedish at /…, English at /en/…
    view: str

    @property
    def is_admin(self):
        return self.route.startswith("admin/")

    @property
    def params(self):
        names = []
        for piece in self.pieces:
            if isinstance(piece, RoutePattern):
                names += [m["name"] for m in CONVERTER.finditer(str(piece))]
            elif isinstance(piece, RegexPattern):
                names += normalize(str(piece))[0][1]
        return names

    def path(self, value_of, language="sv"):
        """The address, with each parameter filled by value_of(name)."""
        parts = []
        for piece in self.pieces:
            if isinstance(piece, LocalePrefixPattern):
                parts.append("" if language == "sv" else f"{language}/")
            elif isinstance(piece, RoutePattern):
                parts.append(
                    CONVERTER.sub(lambda m: str(value_of(m["name"])), str(piece).lstrip("^"))
                )
            else:
                template, names = normalize(str(piece))[0]
                parts.append(template % {name: value_of(name) for name in names})
        return "/" + "".join(parts)


def _walk(patterns, pieces=(), namespace=None, localized=False):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(
                pattern.url_patterns,
                pieces + (pattern.pattern,),
                inner,
                localized or isinstance(pattern.pattern, LocalePrefixPattern),
            )
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            callback = pattern.callback
            view = f"{callback.__module__}.{getattr(callback, '__qualname__', callback)}"
            yield name, pieces + (pattern.pattern,), localized, view


def url_entries():
    """Every pattern of the URL configuration, Wagtail's admin and allauth included."""
    raw = list(_walk(get_resolver().url_patterns))
    routes = [
        "".join("" if isinstance(p, LocalePrefixPattern) else str(p) for p in pieces)
        for _, pieces, _, _ in raw
    ]
    names = Counter(name for name, *_ in raw if name)
    entries = []
    for (name, pieces, localized, view), route in zip(raw, routes, strict=True):
        if name and names[name] == 1:
            key = name
        elif name:
            key = f"{name}@{route}"
        else:
            key = route
        entries.append(UrlEntry(key, name, route, pieces, localized, view))
    return entries


def page_models():
    """Every page type a site can have (Wagtail's abstract root type aside)."""
    return sorted(
        (m for m in get_page_models() if m is not Page),
        key=lambda m: m._meta.label,
    )


def page_routes(model):
    """The names of a routable page type's sub-routes; [] for a plain page type."""
    if not issubclass(model, RoutablePageMixin):
        return []
    return [pattern.name for pattern in model.get_subpage_urls()]
