from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

register = template.Library()


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The home page's children that editors have marked "show in menus"."""
    root = _site_root(context)
    current = context.get("page")
    items = []
    if root is not None:
        for item in (
            root.get_children()
            .live()
            .public()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        ):
            is_current = bool(current) and (
                current.pk == item.pk or getattr(current, "path", "").startswith(item.path)
            )
            items.append({"page": item, "is_current": is_current})
    return {"root": root, "items": items, "request": context.get("request")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = (
        page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "path", "depth")
    )
    return {"ancestors": list(ancestors), "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page's address in each of the interface languages."""
    request = context.get("request")
    current_path = request.get_full_path() if request else "/"
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(current_path, code),
                "is_current": code == current,
            }
        )
    return links
