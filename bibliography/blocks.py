"""StreamField blocks that hold notices: for thematic bibliographies and, after merge, for
other apps' pages (`ReferencesBlock`).

The models are looked up by name when a block runs (`_model`), never imported: the thematic
bibliography page's module imports these blocks for its StreamField, so importing the models
back would close a loop.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from core.rich_text import RichTextBlock

from .choices import ReferenceType
from .citations import format_bibliography


def _model(name: str):
    return apps.get_model("bibliography", name)


def represent_references(references: list, html: bool = False) -> list[dict]:
    """id, title, CSL-JSON, formatted citation (French style) and public URL of each live
    notice, in order; `html` gives the citation as HTML (italics), for templates.

    The notice pages' index is looked up once for the whole list, not once per notice."""
    references = [r for r in references if r is not None and r.live]
    items = [r.to_csl() for r in references]
    citations = format_bibliography(items, html=html)
    index_page = _model("BibliographyIndexPage").objects.live().public().first()
    base = index_page.get_url() if index_page else None
    return [
        {
            "id": r.pk,
            "title": r.full_title,
            "csl": csl,
            "citation": citation,
            "url": f"{base}{index_page.reverse_subpage('notice', args=[r.pk])}" if base else None,
        }
        for r, csl, citation in zip(references, items, citations, strict=True)
    ]


def with_related(references) -> list:
    """The chosen notices again, in their order, with what citations read prefetched."""
    ids = [r.pk for r in references if r is not None]
    fresh = _model("Reference").objects.filter(pk__in=ids).with_related().in_bulk()
    return [fresh[pk] for pk in ids if pk in fresh]


class ReferencesStructValue(blocks.StructValue):
    def entries(self) -> list[dict]:
        """The live notices with their HTML citation and link, for the template."""
        return represent_references(with_related(self["references"]), html=True)


class ReferencesBlock(blocks.StructBlock):
    """Hand-picked notices with an optional comment (« Pour aller plus loin »), shown as
    formatted citations linking to the notice pages; used by bibliographies and papers."""

    heading = blocks.CharBlock(
        label=_("titre"),
        required=False,
        max_length=255,
        help_text=_("Par exemple « Pour aller plus loin »."),
    )
    references = blocks.ListBlock(SnippetChooserBlock("bibliography.Reference"), label=_("notices"))
    comment = blocks.TextBlock(label=_("commentaire"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Références bibliographiques")
        template = "bibliography/blocks/references_block.html"
        value_class = ReferencesStructValue

    def get_api_representation(self, value, context=None) -> dict:
        return {
            "heading": value.get("heading") or "",
            "comment": value["comment"],
            "references": represent_references(with_related(value["references"])),
        }


class SavedQueryBlock(blocks.StructBlock):
    """Criteria re-run at every display, so that new matching notices appear by themselves."""

    themes = blocks.ListBlock(
        SnippetChooserBlock("core.Theme"), label=_("thèmes"), default=[], min_num=0
    )
    keywords = blocks.CharBlock(
        label=_("mots-clés"), required=False, help_text=_("Séparés par des virgules.")
    )
    reference_type = blocks.ChoiceBlock(
        choices=ReferenceType.choices, required=False, label=_("type de document")
    )
    year_from = blocks.IntegerBlock(label=_("à partir de l'année"), required=False)
    year_to = blocks.IntegerBlock(label=_("jusqu'à l'année"), required=False)

    class Meta:
        label = _("Requête enregistrée")

    def clean(self, value):
        value = super().clean(value)
        if value["year_from"] and value["year_to"] and value["year_from"] > value["year_to"]:
            raise StructBlockValidationError(
                {"year_to": ValidationError(_("L'année de fin précède l'année de début."))}
            )
        return value


def has_criteria(query) -> bool:
    return bool(
        list(query["themes"])
        or query["keywords"]
        or query["reference_type"]
        or query["year_from"]
        or query["year_to"]
    )


def run_query(query):
    """Live notices matching every criterion given (themes: any of them)."""
    queryset = _model("Reference").objects.live()
    themes = [t.pk for t in query["themes"] if t is not None]
    if themes:
        queryset = queryset.filter(themes__in=themes)
    keywords = [k.strip() for k in (query["keywords"] or "").split(",") if k.strip()]
    if keywords:
        queryset = queryset.filter(keywords__name__in=keywords)
    if query["reference_type"]:
        queryset = queryset.filter(reference_type=query["reference_type"])
    if query["year_from"]:
        queryset = queryset.filter(year__gte=query["year_from"])
    if query["year_to"]:
        queryset = queryset.filter(year__lte=query["year_to"])
    return queryset.distinct().order_by("-year", "title", "pk")


class BibliographySectionStructValue(blocks.StructValue):
    def resolved_references(self) -> list:
        """Hand-picked notices in their order, then the saved query's, without repeats."""
        picked = [r for r in self["references"] if r is not None and r.live]
        seen = {r.pk for r in picked}
        found = list(run_query(self["query"]).with_related()) if has_criteria(self["query"]) else []
        ids = [r.pk for r in picked]
        fresh = {r.pk: r for r in _model("Reference").objects.filter(pk__in=ids).with_related()}
        return [fresh[r.pk] for r in picked] + [r for r in found if r.pk not in seen]


class BibliographySectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("titre de la section"))
    intro = RichTextBlock(
        label=_("introduction"), required=False, features=["bold", "italic", "link"]
    )
    references = blocks.ListBlock(
        SnippetChooserBlock("bibliography.Reference"),
        label=_("notices choisies"),
        default=[],
        min_num=0,
    )
    query = SavedQueryBlock(label=_("et/ou requête enregistrée"))

    class Meta:
        icon = "list-ol"
        label = _("Section")
        value_class = BibliographySectionStructValue

    def clean(self, value):
        value = super().clean(value)
        if not list(value["references"]) and not has_criteria(value["query"]):
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _("Choisissez des notices ou renseignez au moins un critère de requête.")
                    )
                ]
            )
        return value

    def get_api_representation(self, value, context=None) -> dict:
        return {
            "heading": value["heading"],
            "intro": self.child_blocks["intro"].get_api_representation(value["intro"], context),
            "references": represent_references(value.resolved_references()),
        }
