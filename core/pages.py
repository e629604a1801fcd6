"""Abstract page types and mixins shared by the sections."""

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .page_forms import ContentPageForm
from .permissions import StructuralPagePermissionTester, StructurePagePermissionTester
from .serializers import OrganisationSummarySerializer, ThemeSummarySerializer


class ThemedPageMixin(models.Model):
    """Classification by the network's controlled vocabulary of themes."""

    themes = ParentalManyToManyField(
        "core.Theme",
        verbose_name=_("thèmes"),
        blank=True,
        related_name="%(app_label)s_%(class)s_pages",
    )

    theme_panels = [FieldPanel("themes", widget=forms.CheckboxSelectMultiple)]

    api_fields = [APIField("themes", serializer=ThemeSummarySerializer(many=True))]

    class Meta:
        abstract = True


class SectionFilterForm(forms.Form):
    """The listing filters of a section: theme, year, member structure, kind of content.

    Choices are built from what the section holds, so a visitor never picks an empty filter.
    An invalid value (a typed URL) is reported and ignored, never a server error.
    """

    theme = forms.ChoiceField(label=_("Thème"), required=False)
    year = forms.TypedChoiceField(label=_("Année"), required=False, coerce=int, empty_value=None)
    organisation = forms.ChoiceField(label=_("Structure du réseau"), required=False)
    kind = forms.ChoiceField(label=_("Type de contenu"), required=False)

    def __init__(self, *args, section: "SectionIndexPage", **kwargs):
        super().__init__(*args, **kwargs)
        querysets = section.get_content_querysets()
        themes, organisations, years = set(), set(), set()
        for model, queryset in querysets.items():
            themes.update(
                model.themes.through.objects.filter(
                    **{f"{model._meta.model_name}__in": queryset}
                ).values_list("theme__slug", "theme__name")
            )
            organisations.update(
                model.organisations.through.objects.filter(
                    **{f"{model._meta.model_name}__in": queryset}
                ).values_list("organisation__acronym", "organisation__name")
            )
            years.update(date.year for date in queryset.dates("date", "year"))
        self.fields["theme"].choices = [
            ("", _("Tous les thèmes")),
            *sorted(themes, key=lambda c: c[1]),
        ]
        self.fields["year"].choices = [
            ("", _("Toutes les années")),
            *((year, str(year)) for year in sorted(years, reverse=True)),
        ]
        self.fields["organisation"].choices = [
            ("", _("Toutes les structures")),
            *((acronym, acronym) for acronym, _name in sorted(organisations)),
        ]
        kinds = [(m._meta.model_name, capfirst(m._meta.verbose_name)) for m in querysets]
        self.fields["kind"].choices = [("", _("Tous les types")), *kinds]
        if len(kinds) < 2:
            del self.fields["kind"]

    def get_filters(self) -> dict:
        """The valid filters that were given; invalid ones are left out (and shown as errors)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class SectionIndexPage(Page):
    """A section of the site (Publications, Agenda…) listing its children, newest first.

    Each section subclasses it and states which page types it may hold. Children that
    fulfil `ContentPageMixin` are listed by their `date` and can be filtered by theme, year,
    member structure and kind (plain GET parameters: `?theme=laicite&year=2016`).
    """

    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    page_size = 12

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return StructuralPagePermissionTester(user, self)

    def get_content_querysets(self) -> dict[type[Page], models.QuerySet]:
        """Live, public children of each content page type this section may hold."""
        return {
            model: model.objects.child_of(self).live().public()
            for model in self.specific_class.allowed_subpage_models()
            if issubclass(model, ContentPageMixin)
        }

    def get_listing(self, filters: dict | None = None) -> list[int]:
        """Ids of the live, public children matching `filters`, newest first.

        Sections without content page types list all their children by publication time.
        """
        filters = filters or {}
        querysets = self.get_content_querysets()
        if not querysets:
            children = self.get_children().live().public()
            return list(
                children.order_by("-first_published_at", "-pk").values_list("pk", flat=True)
            )
        rows = []
        for model, queryset in querysets.items():
            if filters.get("kind") and filters["kind"] != model._meta.model_name:
                continue
            if filters.get("theme"):
                queryset = queryset.filter(themes__slug=filters["theme"])
            if filters.get("organisation"):
                queryset = queryset.filter(organisations__acronym=filters["organisation"])
            if filters.get("year"):
                queryset = queryset.filter(date__year=filters["year"])
            rows.extend(queryset.distinct().values_list("date", "pk"))
        return [pk for _date, pk in sorted(rows, reverse=True)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = SectionFilterForm(request.GET or None, section=self)
        paginator = Paginator(self.get_listing(form.get_filters()), self.page_size)
        try:
            items = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            items = paginator.page(1)
        except EmptyPage:
            items = paginator.page(paginator.num_pages)
        pages = Page.objects.filter(pk__in=items.object_list).specific().in_bulk()
        items.object_list = [pages[pk] for pk in items.object_list if pk in pages]
        context["filter_form"] = form
        context["items"] = items
        return context


class ContentPageMixin(ThemedPageMixin):
    """The contract every content page type fulfils (notes, news, events, practice sheets…).

    One reference `date` (publication date, start of an event…), a short `summary`, the
    themes, and the member structures (`organisations`) behind it. Listings, the API's
    `?themes=`, `?organisation=`, `?year=` filters and search facets rely on these names, so
    every content type can be filtered the same way.
    """

    # Relevance multiplier of the type in the unified search (`search.registry.Source.boost`).
    search_boost = 1.0

    date = models.DateField(_("date"), db_index=True)
    summary = models.TextField(
        _("chapô"), blank=True, help_text=_("Résumé court, affiché dans les listes.")
    )
    organisations = ParentalManyToManyField(
        "core.Organisation",
        verbose_name=_("structures du réseau"),
        blank=True,
        related_name="%(app_label)s_%(class)s_pages",
        help_text=_("Structures membres qui portent ou signent ce contenu."),
    )

    content_meta_panels = [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("organisations", widget=forms.CheckboxSelectMultiple),
    ]

    content_search_fields = [
        index.SearchField("summary"),
        index.FilterField("date"),
        index.RelatedFields("themes", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields(
            "organisations", [index.SearchField("acronym"), index.FilterField("acronym")]
        ),
    ]

    api_fields = [
        APIField("date"),
        APIField("summary"),
        *ThemedPageMixin.api_fields,
        APIField("organisations", serializer=OrganisationSummarySerializer(many=True)),
    ]

    base_form_class = ContentPageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        """Editors may only change what their member structure signs (see core.permissions)."""
        return StructurePagePermissionTester(user, self)
