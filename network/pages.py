from django.http import Http404
from wagtail.models import Site


def page_for_site(request, model):
    """The live page of this type on the request's site, for addresses Wagtail does not route
    itself (file endings such as feed.ics and export.csv)."""
    site = Site.find_for_request(request)
    page = model.objects.live().descendant_of(site.root_page).first() if site else None
    if page is None:
        raise Http404
    return page
