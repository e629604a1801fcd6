"""Demo content of the practices section: the six practices the network promoted on the European
Website on Integration in 2016 (activity report 2016), two of them in English.

Places are the communes named by the report (Marseille for the regional répertoire of
Provence-Alpes-Côte d'Azur, Lille for the Nord-Pas-de-Calais programme, Paris for SINGA's
national platform); coordinates are those of the town centres. Runs after `home.demo`, which
creates the French home page and the « Pratiques » section.

The content is in this folder: `target_groups.csv`, `practices.json` (one object per sheet:
the page's fields, descriptions and resources in StreamField JSON, coordinates as decimal
strings, target groups and themes as slugs, and the English translation's fields under
`english`) and `english_pages.json` (the English home page and « Practices » section).
"""

import datetime
from decimal import Decimal
from pathlib import Path

from wagtail.models import Locale

from core.demo_tools import DemoReport, add_published_child, read_csv, read_json
from core.models import Theme
from home.models import HomePage

from ..choices import ActionField, Scale
from ..models import PracticeIndexPage, PracticeSheetPage, TargetGroup

DATA = Path(__file__).parent
SHEET_DATE = datetime.date(2016, 12, 1)


def publish_translation(page, locale: Locale, fields: dict):
    """The published `locale` version of `page`, translated with Wagtail's own API if missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation, True


def load(report: DemoReport) -> None:
    for row in read_csv(DATA / "target_groups.csv"):
        _, created = TargetGroup.objects.get_or_create(
            slug=row["slug"], defaults={"name": row["name"], "name_en": row["name_en"]}
        )
        report.record("Publics cibles", created)
    practices = read_json(DATA / "practices.json")
    english_pages = read_json(DATA / "english_pages.json")

    default_locale = Locale.get_default()
    english, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePage.objects.get(locale=default_locale)
    index = PracticeIndexPage.objects.child_of(home).get()

    for practice in practices:
        sheet = PracticeSheetPage.objects.child_of(index).filter(slug=practice["slug"]).first()
        report.record("Fiches d'expérience", sheet is None)
        if sheet is None:
            sheet = create_sheet(index, practice)

    _, created = publish_translation(home, english, english_pages["home"])
    report.record("Pages en anglais", created)
    _, created = publish_translation(index, english, english_pages["practices"])
    report.record("Pages en anglais", created)
    for practice in practices:
        if "english" in practice:
            sheet = PracticeSheetPage.objects.child_of(index).get(slug=practice["slug"])
            _, created = publish_translation(sheet, english, practice["english"])
            report.record("Pages en anglais", created)


def create_sheet(index: PracticeIndexPage, practice: dict) -> PracticeSheetPage:
    fields = {
        key: value
        for key, value in practice.items()
        if key not in ("english", "target_groups", "themes")
    }
    fields["latitude"] = Decimal(fields["latitude"])
    fields["longitude"] = Decimal(fields["longitude"])
    fields["scale"] = Scale(fields["scale"])
    fields["action_field"] = ActionField(fields["action_field"])
    sheet = PracticeSheetPage(date=SHEET_DATE, **fields)
    sheet.target_groups = list(TargetGroup.objects.filter(slug__in=practice["target_groups"]))
    sheet.themes = list(Theme.objects.filter(slug__in=practice["themes"]))
    return add_published_child(index, sheet)
