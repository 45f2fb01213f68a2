"""Conditional responses from stored validators: a 304 costs a read of one row, or nothing.

Listings and feeds keep a version that moves when what they show changes (the calendar's
in events, the cases' here); Django's own machinery compares it with the client's copy,
weak and strong ETags both, and the 304 carries the same Cache-Control and Vary as the 200
(RFC 9110 15.4.5).
"""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date


def conditional(
    request, etag, last_modified, build, content_type, private=False, max_age=900, stream=False
):
    """Answer 304 when the client's copy is current; else the body that build() gives
    (an iterable of chunks when `stream`, sent as it is made)."""
    response = get_conditional_response(
        request, etag=etag, last_modified=int(last_modified.timestamp())
    )
    if response is None:
        response_class = StreamingHttpResponse if stream else HttpResponse
        response = response_class(build(), content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(response, **{"private" if private else "public": True, "max_age": max_age})
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
