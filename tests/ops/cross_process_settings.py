"""Settings of tests/ops/test_changes_across_processes.py's server and writer processes: the test
settings with the caches of production (local memory: one per process) and the database named
by DATABASE_URL."""

import os

import dj_database_url

from config.settings.test import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
API_CACHE_TIMEOUT = 600
PAGE_CACHE_TIMEOUT = 600
CONTENT_VERSION_CHECK_INTERVAL = 1
