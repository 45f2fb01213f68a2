"""Paging for every list of the site."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


def paginate(request, queryset, per_page):
    """One page of a list; a page number that does not exist is a 404, never a 500."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(_("There is no such page in this list.")) from error
