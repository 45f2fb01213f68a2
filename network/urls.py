from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from events import feeds as event_feeds
from events import views as event_views
from home import views as home_views
from members import login_paths
from network import export as case_export
from network import organisation_views, private_files

# Swedish, the default language, has no prefix; English lives under /en/.
# Django's own 404 and 500 handlers render templates/404.html and 500.html.

urlpatterns = [
    # One login path: Wagtail's admin login and password reset lead to allauth's.
    path("admin/login/", login_paths.admin_login),
    path("admin/password_reset/", login_paths.admin_password_reset),
    path("admin/", include(wagtailadmin_urls)),
    # Documents and image renditions only to those who may see a page using them; the
    # checking view comes first and shares the name that Wagtail's document links use.
    re_path(r"^documents/(\d+)/(.*)$", private_files.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("images/<str:filename>", private_files.serve_image, name="image_file"),
    path("sitemap.xml", sitemap),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # Open data: addresses with a file ending, which Wagtail's page routing does not serve.
    path("case/export.csv", case_export.export_csv, name="case_export_csv"),
    path("case/export.json", case_export.export_json, name="case_export_json"),
    # Calendar feeds, outside the language prefix: a subscription must not move.
    path("kalender/feed.ics", event_feeds.public_feed, name="calendar_feed"),
    path("kalender/feed/<str:token>.ics", event_feeds.personal_feed, name="calendar_personal_feed"),
    path("kalender/<slug:slug>/event.ics", event_feeds.event_ics, name="calendar_event_ics"),
    path(
        "kalender/anmalan/<int:event_id>/", event_views.registration_view, name="event_registration"
    ),
    path("healthz/", home_views.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only the public part of MEDIA_ROOT: documents and images have their own views above.
    for folder in private_files.PUBLIC_MEDIA_FOLDERS:
        urlpatterns += static(
            settings.MEDIA_URL + folder, document_root=settings.MEDIA_ROOT / folder
        )

urlpatterns += i18n_patterns(
    path("sok/", home_views.search, name="search"),
    path("accounts/", include("allauth.urls")),
    path("medlemmar/", include("members.urls")),
    path("organisationer/<slug:slug>/", organisation_views.organisation, name="organisation"),
    # Wagtail's login for private pages leads to allauth's too.
    path("_util/login/", login_paths.frontend_login),
    # Wagtail's page serving comes last: it answers everything not caught above.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
