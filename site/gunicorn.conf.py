"""Gunicorn configuration for the application servers (stateless: run as many as needed)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Workers are recycled now and then (a guard against slow memory growth). They are forked from
# a master that has already imported the app (`preload_app`), so a recycled worker answers at
# once: without it, a worker importing Django for seconds under load left requests waiting,
# and workers recycled together (little jitter) stalled the site (seen in bench/load.sh).
preload_app = True
max_requests = 5000
max_requests_jitter = 2500
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "config.wsgi:application"
