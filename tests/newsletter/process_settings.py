"""Settings of `manage.py send_newsletters` run as a process of its own by
tests/newsletter/test_kill_drill.py: the test settings, the database the test shares
(`DATABASE_URL`) and the test's local SMTP server (`EMAIL_HOST`, `EMAIL_PORT`, read by the base
settings)."""

import os

import dj_database_url

from config.settings.test import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 10
