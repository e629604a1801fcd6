"""Gunicorn configuration for the application servers (stateless: run as many as needed)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# Connections a worker holds at once (kept-alive ones included) before leaving new ones to the
# other workers; gunicorn's default is 1,000.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", 1000))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Forked from a master that has already imported the app (`preload_app`): a new worker needs no
# seconds-long Django import before answering.
preload_app = True
# Workers are recycled now and then, a guard against slow memory growth, but rarely: each new
# worker starts with cold per-process caches (local-memory cache, memos, templates) and its
# first requests take 0.3-2.5 s under load while requests queue behind them. At 5,000 requests
# (+ up to 2,500 of jitter) the workers of bench/load.sh were recycled every 5-7 s, often two
# at once, and that made its p99 tail (server-side p99 29 ms, wrk's p99 2.2 s).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 200_000))
max_requests_jitter = max_requests // 2
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "config.wsgi:application"
