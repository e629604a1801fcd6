"""Roll the raw events up into daily counts (`manage.py rollup_statistics`, nightly).

Additive: events not yet rolled up are added into their day's counts and flagged, so running it
again (or every hour) counts nothing twice; raw events older than
`AUDIENCE_RAW_RETENTION_DAYS` are then deleted. One transaction per run.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from .models import DailyCount, Event


@dataclass
class RollupResult:
    events: int
    counts: int
    deleted: int


def rollup(now: datetime.datetime | None = None) -> RollupResult:
    now = now or timezone.now()
    with transaction.atomic():
        fresh = Event.objects.select_for_update().filter(rolled_up=False)
        last = fresh.aggregate(last=Max("pk"))["last"]
        if last is None:
            events = counts = 0
        else:
            batch = Event.objects.filter(rolled_up=False, pk__lte=last)
            rows = list(
                batch.values("day", "kind", "area", "key").annotate(
                    hits=Count("pk"),
                    visitors=Count("pk", filter=Q(new_visitor=True)),
                    empty=Count("pk", filter=Q(results=0)),
                    label=Max("label"),
                )
            )
            for row in rows:
                counted, created = DailyCount.objects.get_or_create(
                    day=row["day"],
                    kind=row["kind"],
                    area=row["area"],
                    key=row["key"],
                    defaults={
                        "hits": row["hits"],
                        "visitors": row["visitors"],
                        "empty": row["empty"],
                        "label": row["label"] or "",
                    },
                )
                if not created:
                    DailyCount.objects.filter(pk=counted.pk).update(
                        hits=F("hits") + row["hits"],
                        visitors=F("visitors") + row["visitors"],
                        empty=F("empty") + row["empty"],
                    )
            events = batch.update(rolled_up=True)
            counts = len(rows)
        horizon = (now - datetime.timedelta(days=settings.AUDIENCE_RAW_RETENTION_DAYS)).date()
        deleted, _ = Event.objects.filter(rolled_up=True, day__lt=horizon).delete()
    return RollupResult(events, counts, deleted)
