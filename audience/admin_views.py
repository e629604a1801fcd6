"""« Statistiques » in the admin: the year's figures as tables, each exportable as CSV."""

import csv
import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse

from core.permissions import is_delegate, user_organisation_ids

from .api import FIRST_YEAR, parse_year
from .figures import activity_report, downloads, own_first, structure_documents, yearly_report

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def tables(report: dict) -> dict[str, tuple[list[str], list[list]]]:
    """Each table of the report: (header, rows), as shown and as exported."""
    return {
        "visites": (
            [
                "Mois",
                "Pages vues (site)",
                "Visiteurs (site)",
                "Pages vues (base)",
                "Visiteurs (base)",
            ],
            [
                [
                    MONTHS[m["month"] - 1],
                    m["site"],
                    m["site_visitors"],
                    m["base"],
                    m["base_visitors"],
                ]
                for m in report["months"]
            ],
        ),
        "top5": (
            ["Les 5 documents les plus téléchargés", "Téléchargements"],
            [[d["title"], d["count"]] for d in report["downloads"]["top"]],
        ),
        "telechargements": (
            ["Document", "Téléchargements"],
            [[d["title"], d["count"]] for d in report["downloads"].get("all", [])],
        ),
        "notices": (
            ["Structure", "Notices ajoutées"],
            [[r["structure"] or "—", r["count"]] for r in report["notices_added"]["by_structure"]],
        ),
        "recherches": (
            ["Recherche", "Nombre"],
            [[r["terms"], r["count"]] for r in report["searches"]["frequent"]],
        ),
        "recherches-sans-resultat": (
            ["Recherche sans résultat", "Nombre"],
            [[r["terms"], r["count"]] for r in report["searches"]["no_result"]],
        ),
        "lettres": (
            ["Lettre d'information", "Visites depuis la lettre", "Visiteurs"],
            [[r["issue"], r["visits"], r["visitors"]] for r in report["newsletters"]],
        ),
    }


def statistics_view(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    try:
        year = parse_year(request.GET.get("year"))
    except ValueError:
        year = datetime.date.today().year
    report = yearly_report(year)
    if not (request.user.is_superuser or is_delegate(request.user)):
        # Each structure's editors see their own structure's documents first.
        own = structure_documents(user_organisation_ids(request.user))
        report["downloads"]["all"] = own_first(downloads(year), own)
    else:
        report["downloads"]["all"] = downloads(year)
    all_tables = tables(report)
    export = request.GET.get("csv")
    if export in all_tables:
        header, rows = all_tables[export]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="statistiques-{export}-{year}.csv"'
        response.write("\ufeff")  # Excel reads the accents as UTF-8
        writer = csv.writer(response, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
        return response
    if request.GET.get("imprimer") == "1":
        return TemplateResponse(
            request,
            "audience/admin/statistics_report.html",
            {"year": year, **activity_report(year)},
        )
    chart_data = {
        "months": [month[:4] + "." if len(month) > 5 else month for month in MONTHS],
        "site": [m["site"] for m in report["months"]],
        "base": [m["base"] for m in report["months"]],
        "downloads": {
            "labels": [d["title"] for d in report["downloads"]["top"]],
            "values": [d["count"] for d in report["downloads"]["top"]],
        },
        "notices": {
            "labels": [r["structure"] or "—" for r in report["notices_added"]["by_structure"]],
            "values": [r["count"] for r in report["notices_added"]["by_structure"]],
        },
    }
    return TemplateResponse(
        request,
        "audience/admin/statistics.html",
        {
            "year": year,
            "years": list(range(datetime.date.today().year, FIRST_YEAR - 1, -1))[:15],
            "report": report,
            "tables": all_tables,
            "chart_data": chart_data,
            "charts": {"visites", "telechargements", "notices"},
        },
    )
