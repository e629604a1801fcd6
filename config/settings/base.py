"""Settings shared by every environment; safe by default (no debug, no secret).

Everything that differs between machines comes from the environment: see `.env.example`.
"""

from importlib.util import find_spec
from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "core",
    "api",
    "home",
    "publications",
    "bibliography",
    "experiences",
    "search",
    "webhooks",
    "newsletter",
    "audience",
    "oai",
    "syndication",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    "django_filters",
    "axes",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.SiteCSPMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "audience.middleware.AudienceMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "api.cache.APICacheMiddleware",
    "api.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.resilience.ResilienceMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite next to the code unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, local memory otherwise.
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
            "KEY_PREFIX": "reci",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")

MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID"),
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": False,
        },
    }
elif MEDIA_STORAGE == "filesystem":
    _default_storage = {"BACKEND": "core.storage.SiteFileSystemStorage"}
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', got {MEDIA_STORAGE!r}")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Réseau RECI <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# CORS: only the public API, only the listed origins.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# Wagtail.
WAGTAIL_SITE_NAME = "Réseau RECI"
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Admin date pickers: Python strftime formats (Django's template letters would be shown as is).
# Each must be one of the forms' input formats (FORMAT_MODULE_PATH: config/formats/), or a date
# shown by the admin could not be read back when the form is saved.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_USER_LOGIN_FORM = "core.forms.AdminLoginForm"  # « Mot de passe », not « Password »
FORMAT_MODULE_PATH = ["config.formats"]
WAGTAILDOCS_DOCUMENT_MODEL = "core.SiteDocument"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
# Decompression bombs: an image's pixels are bounded, whatever its file size.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
# No SVG (it can carry scripts): bitmap formats only.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Every document is downloaded as an attachment (Wagtail's view adds nosniff and
# "Content-Security-Policy: default-src 'none'"), never shown inline under the site's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Search (app `search`): Elasticsearch or OpenSearch in production, the database otherwise.
# The "database" backend is always kept up to date: public search falls back to it when the
# search server is down. Short timeouts and no retries so that publishing never waits on it.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
OPENSEARCH_URL = env_str("OPENSEARCH_URL")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "reci")
SEARCH_TIMEOUT = env_int("SEARCH_TIMEOUT", 1)
# After a connection error or a timeout, calls to the search server fail at once for this many
# seconds (circuit breaker, search/backends/resilient.py): records stay `index_pending` and
# search answers from the database; then one call is tried again.
SEARCH_RETRY_AFTER = env_int("SEARCH_RETRY_AFTER", 30)
WAGTAILSEARCH_BACKENDS = {"database": {"BACKEND": "search.backends.database"}}
if ELASTICSEARCH_URL or OPENSEARCH_URL:
    from search.backends.elasticsearch import backend_settings

    WAGTAILSEARCH_BACKENDS = {
        "default": backend_settings(
            "elasticsearch" if ELASTICSEARCH_URL else "opensearch",
            ELASTICSEARCH_URL or OPENSEARCH_URL,
            prefix=f"{SEARCH_INDEX_PREFIX}_",
            timeout=SEARCH_TIMEOUT,
            retry_after=SEARCH_RETRY_AFTER,
        ),
        **WAGTAILSEARCH_BACKENDS,
    }
else:
    WAGTAILSEARCH_BACKENDS["default"] = WAGTAILSEARCH_BACKENDS.pop("database")

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Headless API (api/): HTTP and server-side caching of the public endpoints.
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 60)
API_CACHE_TIMEOUT = env_int("API_CACHE_TIMEOUT", 600)
API_CACHE_PATH_PREFIXES = ["/api/v2/", "/api/schema/"]
# Public HTML pages rendered for anonymous visitors, kept in the cache (api/page_cache.py).
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600)
# OAI-PMH responses (oai/), kept under the content version like the API's.
OAI_CACHE_TIMEOUT = env_int("OAI_CACHE_TIMEOUT", 600)
# The repository's name in OAI identifiers (oai:<this>:reference/12); default: the API's host.
OAI_REPOSITORY_IDENTIFIER = env_str("OAI_REPOSITORY_IDENTIFIER", "")
OAI_ADMIN_EMAIL = env_str("OAI_ADMIN_EMAIL", "contact@reseau-reci.fr")
# URLs per sitemap file (the protocol's limit); past it, /sitemap.xml is an index of sections.
SITEMAP_MAX_URLS = 50_000
# How often each process reads the content version other processes wrote (s); 0: never.
CONTENT_VERSION_CHECK_INTERVAL = env_int("CONTENT_VERSION_CHECK_INTERVAL", 1)
# Headless preview: the front end's preview URL (empty = Wagtail's server-rendered preview).
HEADLESS_PREVIEW_URL = env_str("HEADLESS_PREVIEW_URL")
HEADLESS_PREVIEW_TTL = env_int("HEADLESS_PREVIEW_TTL", 600)
# bench/api.py only: a trivial JSON view at /api/v2/_trivial/ to compare the API with.
BENCH_TRIVIAL_VIEW = env_bool("BENCH_TRIVIAL_VIEW", False)
# Webhooks (webhooks/): timeout and retries of the deliveries; private addresses refused.
WEBHOOKS_TIMEOUT = env_int("WEBHOOKS_TIMEOUT", 5)
WEBHOOKS_MAX_ATTEMPTS = env_int("WEBHOOKS_MAX_ATTEMPTS", 8)
WEBHOOKS_RETRY_BASE = env_int("WEBHOOKS_RETRY_BASE", 60)
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", False)
# Rich text as public HTML (internal links resolved), not Wagtail's database HTML.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # runserver's request lines as Django writes them: time, then the request (coloured).
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Through the root's handler only: Django's own console handler (with DEBUG) printed
        # each of its messages a second time. (Its mail_admins handler goes too: no ADMINS.)
        # Configuring `django` resets its children, so `django.server` is declared again.
        "django": {"handlers": []},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "axes": {"level": env_str("AXES_LOG_LEVEL", "WARNING")},
        # One line per background task and per page action drowns the useful messages.
        "django_tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}

# Experiences (practice sheets): English translations with Wagtail's simple translation,
# Leaflet served with our static files from the django-leaflet package (not installed as an
# app: its admin module needs GDAL), and the map's tile server.
INSTALLED_APPS += ["wagtail.contrib.simple_translation", "wagtail.locales"]
STATICFILES_DIRS = [Path(find_spec("leaflet").submodule_search_locations[0]) / "static"]
# Front-end packages from the npm registry (`make install` runs `npm ci`): only their dist files.
_CHARTJS = BASE_DIR / "node_modules" / "chart.js" / "dist"
if _CHARTJS.is_dir():
    STATICFILES_DIRS.append(("vendor/chartjs", _CHARTJS))
MAP_TILES_URL = env_str("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = env_str(
    "MAP_TILES_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
# Security headers (all environments; HTTPS-only ones are in production.py).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt back in to SAMEORIGIN
PERMISSIONS_POLICY_OFF = [
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "interest-cohort",
]
_SELF, _NONE = "'self'", "'none'"


def _origin(url_template: str) -> str:
    """The scheme and host of a URL template such as the map's tiles ({s}, {z}… left out)."""
    scheme, _, rest = url_template.partition("://")
    host = rest.split("/", 1)[0].replace("{s}.", "*.")
    return f"{scheme}://{host}"


CSP_POLICIES = {
    # Public pages: our own scripts, styles and images, the map's tiles, and CSP_IMG_HOSTS.
    "public": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:", _origin(MAP_TILES_URL), *env_list("CSP_IMG_HOSTS")],
        "connect-src": [_SELF],
        "font-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_SELF],
    },
    # The JSON API serves data, never documents: nothing may load from it.
    "api": {"default-src": [_NONE], "frame-ancestors": [_NONE]},
    # The interactive API documentation (Swagger UI from drf-spectacular-sidecar).
    "docs": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "frame-ancestors": [_NONE],
    },
    # Wagtail's admin uses inline scripts and styles, blob: previews and embeds.
    "admin": {
        "default-src": [_SELF],
        "script-src": [_SELF, "'unsafe-inline'"],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "blob:", "https:"],
        "frame-src": [_SELF, "https:"],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_SELF],
    },
}
CSP_POLICY_PREFIXES = [("/admin/", "admin"), ("/api/docs/", "docs"), ("/api/", "api")]

# Admin login throttling (django-axes): 5 failures lock that user from that address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCK_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "core/login_locked.html"
# Proxies whose X-Forwarded-For is believed (e.g. the nginx in front); empty: trust no header.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"

# Bibliography (app `bibliography`): largest file accepted by the admin import, in bytes.
BIBLIOGRAPHY_IMPORT_MAX_SIZE = env_int("BIBLIOGRAPHY_IMPORT_MAX_SIZE", 20 * 1024 * 1024)
# Publications (app `publications`, documents logic in `core/documents.py`): uploaded documents
# are checked by content and their text extracted at upload; tables in rich content.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.forms.SiteDocumentForm"
INSTALLED_APPS += ["wagtail.contrib.table_block"]

# Audience statistics (audience/): counts written in batches, raw events rolled up nightly.
AUDIENCE_ENABLED = env_bool("AUDIENCE_ENABLED", True)
AUDIENCE_BATCH_SIZE = env_int("AUDIENCE_BATCH_SIZE", 50)
AUDIENCE_FLUSH_SECONDS = env_int("AUDIENCE_FLUSH_SECONDS", 10)
# A thread per process writes pending counts every AUDIENCE_FLUSH_SECONDS, traffic or not.
AUDIENCE_BACKGROUND_FLUSH = True
AUDIENCE_RAW_RETENTION_DAYS = env_int("AUDIENCE_RAW_RETENTION_DAYS", 30)
# Pages a minute from one visitor beyond which it is taken for a crawler (its day stops counting).
AUDIENCE_BOT_RATE = env_int("AUDIENCE_BOT_RATE", 60)

# Newsletter (newsletter/): sender, throttling of `send_newsletters`, subscription safeguards.
NEWSLETTER_FROM_EMAIL = env_str("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSLETTER_RATE_PER_MINUTE = env_int("NEWSLETTER_RATE_PER_MINUTE", 60)
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 5)
NEWSLETTER_CONFIRM_MAX_AGE = env_int("NEWSLETTER_CONFIRM_MAX_AGE", 48 * 3600)
NEWSLETTER_SUBSCRIBE_RATE = env_int("NEWSLETTER_SUBSCRIBE_RATE", 10)
NEWSLETTER_MESSAGES_PER_ADDRESS = env_int("NEWSLETTER_MESSAGES_PER_ADDRESS", 3)
# Bounces (newsletter/bounces.py): the envelope sender the issues go out with, as
# `local+<delivery token>@domain` (VERP; empty: the From address, no token in it); the mailbox
# `process_bounces` reads the delivery status notifications from (a Maildir path, or
# imap[s]://user:password@host[:port]/folder); hard bounces before an address is given up.
NEWSLETTER_BOUNCE_ADDRESS = env_str("NEWSLETTER_BOUNCE_ADDRESS")
NEWSLETTER_BOUNCE_MAILBOX = env_str("NEWSLETTER_BOUNCE_MAILBOX")
NEWSLETTER_BOUNCE_LIMIT = env_int("NEWSLETTER_BOUNCE_LIMIT", 1)
NEWSLETTER_PRESS_SELECTION = 10
NEWSLETTER_EVENTS_SELECTION = 10
