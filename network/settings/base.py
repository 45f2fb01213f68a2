"""Settings shared by every environment.

Everything secret or environment-specific comes from environment variables;
README.md lists them with their defaults. DEBUG is off here: dev.py turns it on.
"""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from wagtail.embeds.oembed_providers import vimeo as oembed_vimeo
from wagtail.embeds.oembed_providers import youtube as oembed_youtube

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public base URL, used for absolute links in feeds and emails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "home",
    "members",
    "events",
    "network",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "network.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # private, no-store for signed-in people (network/middleware.py explains).
    "network.middleware.PrivateResponsesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.SuspendedMemberMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Editors and network admins set up two-factor authentication before the admin opens.
    "members.middleware.AdminRequiresMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "network.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "network.wsgi.application"

# An SQLite file in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set (cache, sessions, rate limits shared by every app
# server); the local-memory cache otherwise, which is right for one process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # A dead Redis is a cache miss, not a 500; login rate limits fail closed.
            "BACKEND": "network.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "samverkan"),
            "TIMEOUT": 300,
            "OPTIONS": {
                # Short, so that an unreachable Redis costs a request milliseconds.
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
            },
        }
    }
    # Sessions live in the database and are read through Redis: a Redis restart logs
    # nobody out. (Not with local memory: each process would keep its own stale copy.)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "samverkan",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): email and password, no username; verified email
# before anything members-only; rate limits need a shared cache (Redis in production).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupExtraForm"
ACCOUNT_FORMS = {"signup": "members.signup.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Samverkan] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:directory"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Failed logins in Wagtail's audit log; the per-account login limit keyed on SITE_URL.
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
# A signed-in member whom the admin turns away is sent to the login page; redirecting
# them on to `next` (the admin) again would loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
# Rate limits count per client address. Behind a load balancer every request comes from
# it, so say how many proxies of ours append to X-Forwarded-For (or which header carries
# the client's address); 0 trusts nothing a client could forge.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
# Two-factor authentication (allauth.mfa): an authenticator app with recovery codes.
# Editors and network admins must use it (members/middleware.py); members may.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Samverkan"

# Single sign-on, off unless configured: OpenID Connect (Microsoft Entra ID and
# others) and SAML (one identity provider per organisation). README explains both.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS = {}
if os.environ.get("OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        # The identity provider vouches for the address, so it counts as verified.
        "VERIFIED_EMAIL": True,
        "APPS": [
            {
                "provider_id": os.environ.get("OIDC_PROVIDER_ID", "entra"),
                "name": os.environ.get("OIDC_NAME", "Microsoft Entra ID"),
                "client_id": os.environ["OIDC_CLIENT_ID"],
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": os.environ["OIDC_SERVER_URL"],
                    "token_auth_method": os.environ.get(
                        "OIDC_TOKEN_AUTH_METHOD", "client_secret_post"
                    ),
                },
            }
        ],
    }
if os.environ.get("SAML_IDPS"):
    # A JSON list, one identity provider per organisation; see README.
    SOCIALACCOUNT_PROVIDERS["saml"] = {
        "VERIFIED_EMAIL": True,
        "APPS": [
            {
                "provider_id": idp["organisation"],
                "name": idp.get("name", idp["organisation"]),
                "client_id": idp["organisation"],
                "settings": {
                    "attribute_mapping": idp.get(
                        "attribute_mapping",
                        {
                            "uid": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier",
                            "email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
                            "first_name": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
                            "last_name": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
                        },
                    ),
                    # entity_id plus either metadata_url, or sso_url and x509cert.
                    "idp": {
                        key: idp[key]
                        for key in ("entity_id", "metadata_url", "sso_url", "slo_url", "x509cert")
                        if key in idp
                    },
                },
            }
            for idp in json.loads(os.environ["SAML_IDPS"])
        ],
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish first; English available through the /en/ URL prefix.
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", _("Swedish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads in S3-compatible object storage (django-storages) when a bucket is named, so
# that app servers need no shared disk. boto3 reads AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY from the environment itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Two uploads named alike must not overwrite each other.
            "file_overwrite": False,
            # Always signed, expiring links: the bucket holds the documents and original images
            # of members-only pages, which the site serves only through its own checks.
            "querystring_auth": True,
            **{
                option: os.environ[name]
                for option, name in [
                    ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
                    ("region_name", "AWS_S3_REGION_NAME"),
                    ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
                    ("location", "AWS_LOCATION"),
                ]
                if os.environ.get(name)
            },
        },
    }

# Email: SMTP when EMAIL_HOST is set, the console otherwise.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    # STARTTLS (port 587), or TLS from the start (port 465) with EMAIL_USE_SSL; never both.
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
    # A mail server that hangs must not hold a worker for ever.
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samverkan <noreply@samverkan.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks): email, calendar imports, Wagtail's search and reference
# index. Run at once in the caller's thread unless TASKS_BACKEND=database (production's
# default), where worker processes (manage.py db_worker) take them from a table.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
# Calendar imports wait on other organisations' servers: a queue of their own keeps
# email moving while they do.
TASK_QUEUES = ["default", "calendar"]


def task_settings(name):
    if name not in TASK_BACKENDS:
        raise ValueError(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {name!r}")
    return {"default": {"BACKEND": TASK_BACKENDS[name], "QUEUES": TASK_QUEUES}}


TASKS = task_settings(os.environ.get("TASKS_BACKEND", "immediate"))
# Every email is recorded and sent by a task (network/mail.py), through the backend above;
# a failed send is tried again after each of these many seconds, then given up on.
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
EMAIL_BACKEND = "network.mail.QueuedEmailBackend"
EMAIL_RETRY_DELAYS = [
    int(seconds) for seconds in env_list("EMAIL_RETRY_DELAYS", "30,120,600,1800,3600,14400,43200")
]

# Wagtail's page preview shows the page in an iframe of the same origin.
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True


def origin(url):
    """scheme://host of an absolute URL, or None for a path on this site."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Content-Security-Policy (django-csp, network/middleware.py). The public site runs no
# inline code: scripts and styles come from our static files, and an inline <script>
# needs nonce="{{ request.csp_nonce }}". Uploads may be served from another origin: an
# absolute MEDIA_URL, or object storage's own domain.
S3_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN", "")
MEDIA_ORIGINS = [
    o for o in [origin(os.environ.get("MEDIA_URL", "")), origin(f"https://{S3_DOMAIN}")] if o
]
# Wagtail embeds: only YouTube and Vimeo (WAGTAILEMBEDS_FINDERS below), whose players are
# iframes; providers that inject scripts (X, Instagram, Facebook) would break under this
# policy, so editors cannot add them. youtube-nocookie for links pasted in that form.
EMBED_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
# Signing in through SSO posts a form to us that redirects to the identity provider;
# browsers hold that redirect to form-action, so each provider's origin is allowed.
SSO_ORIGINS = [
    o
    for o in [
        origin(os.environ.get("OIDC_SERVER_URL", "")),
        *(
            origin(idp.get("sso_url") or idp.get("metadata_url") or "")
            for idp in json.loads(os.environ.get("SAML_IDPS") or "[]")
        ),
    ]
    if o
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "frame-src": EMBED_ORIGINS,
        # Wagtail's preview shows our pages in an iframe of our own admin.
        "frame-ancestors": [SELF],
        "form-action": [SELF, *SSO_ORIGINS],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# The Wagtail admin's own templates (inline panels, date pickers) still have inline
# scripts and styles: under /admin/ they are allowed, everything else stays as strict.
CONTENT_SECURITY_POLICY_ADMIN = {
    "PATH_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        # The page preview (our own pages) and the preview of an embed.
        "frame-src": [SELF, *EMBED_ORIGINS],
        # The dashboard asks Wagtail whether a new release is out.
        "connect-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Tags: one case-insensitive vocabulary with ASCII slugs ("Tjänstedesign" -> tjanstedesign).
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# Wagtail
WAGTAIL_SITE_NAME = "Samverkan"
# One login path: the admin's and private pages' logins, password changes and resets and
# email addresses all go through allauth (rate limits, verification, MFA). network/urls.py
# sends /admin/login/, /admin/password_reset/ and /_util/login/ there.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False  # interface translation only; the content is Swedish
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Wagtail's database backend uses PostgreSQL full-text search on PostgreSQL, with
# the Swedish stemmer there ("idéslussen" finds "idésluss"); SQLite ignores it.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "swedish",
    }
}
# Uploads and how they are served: network/private_files.py (who may fetch what) and
# network/uploads.py (what may be uploaded: extension, size and the content itself).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "network.uploads.DocumentForm"
# Through Wagtail's view, which asks who may see the pages using a document; never a
# direct link to the file. PDFs open in the browser, everything else downloads, all
# under a Content-Security-Policy that runs nothing.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Pillow reads the upload before Wagtail's checks: a file only starting like an image is
# refused with Wagtail's own message instead of a 500.
WAGTAILIMAGES_IMAGE_FORM_BASE = "network.uploads.ImageForm"
# Renditions are linked through a view that asks who may see the pages using the image.
WAGTAILIMAGES_RENDITION_STORAGE = "network.storage.RenditionStorage"
# Private pages and collections open to accounts and groups, never to a shared password.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Only the players the Content-Security-Policy lets in (EMBED_ORIGINS above).
WAGTAILEMBEDS_FINDERS = [
    {"class": "wagtail.embeds.finders.oembed", "providers": [oembed_youtube, oembed_vimeo]}
]
# No Gravatar in the admin: avatars would load from a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a call home from the editors' browsers to check for Wagtail releases: upgrades are ours.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Front-end cache (a CDN in front of the app servers) is purged only when configured.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        # Wagtail logs every page action and background task at INFO; keep the console readable.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
    },
}
