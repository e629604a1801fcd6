"""Development: debug on, throw-away key, console e-mail, local hosts only."""

from .base import *  # noqa: F403
from .env import env_list, env_str

# Absolute URLs follow the port `make run` serves on, unless PUBLIC_BASE_URL says otherwise.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL") or f"http://127.0.0.1:{env_str('PORT', '8000')}"
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Webhook receivers under test run on this machine.
WEBHOOKS_ALLOW_PRIVATE = True
