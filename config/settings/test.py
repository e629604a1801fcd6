"""Tests: fast hashing, local-memory cache, media in a temporary folder."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="reci-test-media-")
STORAGES = {
    "default": {"BACKEND": "core.storage.SiteFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"
PUBLIC_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True
DEMO_USERS = True
# No server-side API response cache by default: the database is rolled back between tests but
# the cache is not. tests/api/ turns it on (and empties it) for each test.
API_CACHE_TIMEOUT = 0
PAGE_CACHE_TIMEOUT = 0
# One process per test worker, sharing the cache: the database copy of the version is
# exercised by the tests that turn it on.
CONTENT_VERSION_CHECK_INTERVAL = 0

# Test-only content types (tests/testapp for the API, tests/search_testapp for search).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp", "tests.search_testapp"]  # noqa: F405

# Webhook receivers under test run on 127.0.0.1; keep hanging receivers short.
WEBHOOKS_ALLOW_PRIVATE = True
WEBHOOKS_TIMEOUT = 2

# The suite searches the database unless a test points a backend at a search server itself
# (tests/search/test_elasticsearch.py reads OPENSEARCH_URL / ELASTICSEARCH_URL): with a server
# in the environment, the rest of the suite still runs as on a fresh clone.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}

# No audience counting unless a test turns it on (tests/audience/): counts buffered by one test
# would be written in another's transaction, and would add queries to the query-count tests.
AUDIENCE_ENABLED = False
