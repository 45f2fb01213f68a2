from django import template
from django.utils.html import format_html

from network import people

register = template.Library()


@register.simple_tag
def person(user, link=True):
    """A person's name, linked to their profile where they have one and `link` allows it."""
    name = user.get_full_name()
    url = people.profile_url(user) if link else None
    return format_html('<a href="{}">{}</a>', url, name) if url else name


@register.simple_tag
def membership_status_url():
    return people.membership_status_url() or ""
