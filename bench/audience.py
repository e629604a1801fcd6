"""Benchmark: what counting a page view costs (audience/), batched writes included.

Run: `.venv/bin/python bench/audience.py`. A throw-away SQLite database; 20,000 anonymous page
views from 2,000 visitors go through `AudienceMiddleware.count` (classification, the visitor's
daily hash in the cache, the batch buffer and its bulk writes) with production's batch size.
Prints the mean and p99 cost per view, and the cost of the bulk writes alone.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="reci-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from audience import buffer  # noqa: E402
from audience.middleware import AudienceMiddleware  # noqa: E402
from audience.models import Event  # noqa: E402

VIEWS, VISITORS = 20_000, 2_000
AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def main() -> None:
    call_command("migrate", verbosity=0)
    settings.AUDIENCE_ENABLED = True
    settings.AUDIENCE_BATCH_SIZE = 50
    settings.AUDIENCE_BOT_RATE = 10_000
    factory = RequestFactory()
    middleware = AudienceMiddleware(lambda request: HttpResponse("<p>page</p>"))
    requests = [
        factory.get(
            f"/publications/note-{n % 300}/",
            headers={"user-agent": AGENT},
            REMOTE_ADDR=f"10.0.{(n % VISITORS) // 250}.{n % 250}",
        )
        for n in range(VIEWS)
    ]
    costs = []
    flush_time = 0.0
    original_flush = buffer.flush

    def timed_flush() -> int:
        nonlocal flush_time
        started = time.perf_counter()
        written = original_flush()
        flush_time += time.perf_counter() - started
        return written

    buffer.flush = timed_flush
    for request in requests:
        started = time.perf_counter()
        middleware.count(request, HttpResponse("<p>page</p>"))
        costs.append(time.perf_counter() - started)
    buffer.flush()
    costs.sort()
    mean = sum(costs) / len(costs) * 1000
    p99 = costs[int(len(costs) * 0.99)] * 1000
    print(f"load average: {os.getloadavg()[0]:.2f}")
    print(f"{VIEWS} views counted, {Event.objects.count()} events written")
    print(f"per view: mean {mean:.3f} ms, p99 {p99:.3f} ms")
    print(f"bulk writes: {flush_time * 1000 / VIEWS:.3f} ms per view on average")


if __name__ == "__main__":
    main()
