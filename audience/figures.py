"""The yearly figures the network reports, read from the daily counts (and the notices)."""

import datetime

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from wagtail.documents import get_document_model

from bibliography.models import Reference
from core.campaigns import campaign_label, newsletter_number

from .models import Area, DailyCount, Kind

TOP = 5


def year_counts(year: int):
    return DailyCount.objects.filter(
        day__gte=datetime.date(year, 1, 1), day__lte=datetime.date(year, 12, 31)
    )


def visits_by_month(year: int) -> list[dict]:
    """Pages viewed and visitors per month, for the site and the documentary base."""
    views = (
        year_counts(year)
        .filter(kind__in=[Kind.PAGE, Kind.NOTICE])
        .annotate(month=ExtractMonth("day"))
        .values("month", "area")
        .annotate(views=Sum("hits"), visitors=Sum("visitors"))
    )
    months = {
        month: {"month": month, "site": 0, "base": 0, "site_visitors": 0, "base_visitors": 0}
        for month in range(1, 13)
    }
    for row in views:
        area = Area.BASE if row["area"] == Area.BASE else Area.SITE
        months[row["month"]][area] += row["views"]
        months[row["month"]][f"{area}_visitors"] += row["visitors"]
    return list(months.values())


def structure_documents(organisation_ids) -> set[int]:
    """Documents uploaded by the editors of these member structures."""
    if not organisation_ids:
        return set()
    return set(
        get_document_model()
        .objects.filter(uploaded_by_user__groups__organisation__in=organisation_ids)
        .values_list("pk", flat=True)
    )


def own_first(rows: list[dict], own: set[int]) -> list[dict]:
    """The structure's own documents first (most downloaded first), then the others."""
    for row in rows:
        row["own"] = row["document"] in own
    return sorted(rows, key=lambda row: (not row["own"], -row["count"], row["document"]))


def downloads(year: int, limit: int | None = None) -> list[dict]:
    """Downloads per document, most downloaded first."""
    rows = (
        year_counts(year)
        .filter(kind=Kind.DOWNLOAD)
        .values("key")
        .annotate(count=Sum("hits"))
        .order_by("-count", "key")
    )
    if limit:
        rows = rows[:limit]
    rows = list(rows)
    ids = [int(row["key"].split(":", 1)[1]) for row in rows]
    titles = dict(get_document_model().objects.filter(pk__in=ids).values_list("pk", "title"))
    return [
        {
            "document": pk,
            "title": titles.get(pk, f"Document {pk} (supprimé)"),
            "count": row["count"],
        }
        for pk, row in zip(ids, rows, strict=True)
    ]


def notices_added(year: int) -> dict:
    """Notices entered in the year, in all and per member structure."""
    added = Reference.objects.filter(created_at__year=year)
    per_structure = (
        added.values("organisation__acronym").annotate(count=Count("pk")).order_by("-count")
    )
    return {
        "total": added.count(),
        "by_structure": [
            {"structure": row["organisation__acronym"] or "", "count": row["count"]}
            for row in per_structure
        ],
    }


def searches(year: int, limit: int = 20) -> dict:
    """The most frequent searches, and the most frequent of those that found nothing."""
    rows = year_counts(year).filter(kind=Kind.SEARCH).values("key")
    frequent = rows.annotate(count=Sum("hits")).order_by("-count", "key")[:limit]
    empty = rows.annotate(count=Sum("empty")).filter(count__gt=0).order_by("-count", "key")[:limit]
    return {
        "frequent": [{"terms": r["key"], "count": r["count"]} for r in frequent],
        "no_result": [{"terms": r["key"], "count": r["count"]} for r in empty],
    }


def newsletter_visits(year: int) -> list[dict]:
    """Visits from each newsletter issue's links in the year, the latest issue first."""
    rows = (
        year_counts(year)
        .filter(kind=Kind.CAMPAIGN)
        .values("key")
        .annotate(visits=Sum("hits"), visitors=Sum("visitors"))
    )
    return sorted(
        (
            {
                "issue": campaign_label(row["key"]),
                "visits": row["visits"],
                "visitors": row["visitors"],
                "number": newsletter_number(row["key"]) or 0,
            }
            for row in rows
        ),
        key=lambda row: -row["number"],
    )


def yearly_report(year: int) -> dict:
    months = visits_by_month(year)
    all_downloads = downloads(year)
    return {
        "year": year,
        "site": {
            "views": sum(m["site"] for m in months),
            "visitors": sum(m["site_visitors"] for m in months),
        },
        "base": {
            "views": sum(m["base"] for m in months),
            "visitors": sum(m["base_visitors"] for m in months),
        },
        "months": months,
        "downloads": {"total": sum(d["count"] for d in all_downloads), "top": all_downloads[:TOP]},
        "notices_added": notices_added(year),
        "searches": searches(year),
        "newsletters": newsletter_visits(year),
    }


def variation(current: int, previous: int) -> str:
    """« soit une hausse d'environ 12 % », as the network's activity reports phrase it."""
    if not previous:
        return ""
    change = round((current - previous) * 100 / previous)
    if change == 0:
        return "soit un chiffre stable"
    direction = "hausse" if change > 0 else "baisse"
    return f"soit une {direction} d'environ {abs(change)} %"


def activity_report(year: int) -> dict:
    """The year's figures beside the previous year's, for the printable report."""
    current, previous = yearly_report(year), yearly_report(year - 1)
    compared = {}
    for area in ("site", "base"):
        for measure in ("views", "visitors"):
            now, before = current[area][measure], previous[area][measure]
            compared[f"{area}_{measure}"] = {
                "value": now,
                "previous": before,
                "variation": variation(now, before),
            }
    return {"report": current, "previous": previous, "compared": compared}
