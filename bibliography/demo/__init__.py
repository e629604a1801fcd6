"""Demo notices (see `works.py`) and three thematic bibliographies with dated editions
(`bibliographies.json`: each section's saved query by CSL type and theme slugs)."""

import datetime
from pathlib import Path

from django.utils import timezone

from core.demo_tools import DemoReport, add_published_child, parse_date, read_json
from core.models import Organisation, Theme

from ..matching import match_key
from ..models import (
    BibliographyIndexPage,
    Reference,
    ReferenceContributor,
    ThematicBibliographyPage,
)
from .works import all_works

DATA = Path(__file__).parent
# Notices signed by no member structure are held by these in turn.
HOLDERS = ["ORIV", "IREV", "ODTI", "CID"]


def _name(text: str, role: str, order: int) -> ReferenceContributor:
    family, sep, given = text.partition(", ")
    if sep:
        return ReferenceContributor(role=role, family=family, given=given, sort_order=order)
    return ReferenceContributor(role=role, literal=text, sort_order=order)


def _load_references(report: DemoReport) -> None:
    themes = {t.slug: t for t in Theme.objects.all()}
    organisations = {o.acronym: o for o in Organisation.objects.all()}
    for n, work in enumerate(all_works()):
        authors, editors, year, slugs = work.authors, work.editors, work.year, work.themes
        title, _, subtitle = work.title.partition(" : ")
        first = (authors or editors or [""])[0].partition(", ")[0]
        key = match_key(f"{title} : {subtitle}" if subtitle else title, year, first)
        if Reference.objects.filter(match_key=key).exists():
            report.record("Notices bibliographiques", False)
            continue
        holder = organisations.get(authors[0]) if authors else None
        reference = Reference(
            reference_type=work.csl_type,
            title=title,
            subtitle=subtitle,
            container_title=work.container,
            publisher=work.publisher,
            publisher_place=work.place,
            year=year,
            collection_title=work.collection,
            abstract=(
                f"{title}. Document de référence sur "
                f"{', '.join(themes[s].name.lower() for s in slugs if s in themes)}, "
                "signalé par les centres de ressources du réseau."
            ),
            organisation=holder or organisations.get(HOLDERS[n % len(HOLDERS)]),
            call_number=f"{(slugs[0][:4]).upper()} {year} {n + 1:03d}",
            created_at=timezone.make_aware(datetime.datetime(min(year + 1, 2020), 1, 15, 10)),
        )
        reference.contributors = [_name(a, "author", i) for i, a in enumerate(authors)] + [
            _name(e, "editor", len(authors) + i) for i, e in enumerate(editors)
        ]
        reference.themes = [themes[s] for s in slugs if s in themes]
        reference.save()
        report.record("Notices bibliographiques", True)


def _load_bibliographies(report: DemoReport) -> None:
    index = BibliographyIndexPage.objects.first()
    if index is None:
        return
    themes = {t.slug: t for t in Theme.objects.all()}
    for spec in read_json(DATA / "bibliographies.json"):
        slug, introduction, sections = spec["slug"], spec["introduction"], spec["sections"]
        if ThematicBibliographyPage.objects.filter(slug=slug).exists():
            report.record("Bibliographies thématiques", False)
            continue
        page = ThematicBibliographyPage(
            title=spec["title"],
            slug=slug,
            summary=introduction,
            introduction=f"<p>{introduction}</p>",
            sections=[
                (
                    "section",
                    {
                        "heading": section["heading"],
                        "references": [],
                        "query": {
                            "themes": [themes[s] for s in section["themes"] if s in themes],
                            "keywords": "",
                            "reference_type": section["reference_type"],
                            "year_from": None,
                            "year_to": None,
                        },
                    },
                )
                for section in sections
            ],
        )
        page.editions = [
            page.editions.model(
                date=parse_date(edition["date"]), note=edition["note"], sort_order=i
            )
            for i, edition in enumerate(spec["editions"])
        ]
        known = [s for section in sections for s in section["themes"] if s in themes]
        page.themes = [themes[s] for s in known[:1]]
        add_published_child(index, page)
        report.record("Bibliographies thématiques", True)


def load(report: DemoReport) -> None:
    _load_references(report)
    _load_bibliographies(report)
