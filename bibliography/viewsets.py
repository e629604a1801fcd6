"""Admin of the notices: « Notices bibliographiques » menu, listing filters, import button."""

import django_filters
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from core.models import Organisation, Theme

from .choices import ReferenceType
from .models import Reference
from .permissions import (
    OwnStructureChoiceMixin,
    ReferenceEditMixin,
    ReferenceIndexMixin,
    ReferencePermissionPolicy,
)

register_permission_policy(Reference, ReferencePermissionPolicy(Reference), exact_class=True)


class ReferenceFilterSet(WagtailFilterSet):
    reference_type = django_filters.ChoiceFilter(
        label=_("Type de document"), choices=ReferenceType.choices
    )
    year = django_filters.NumberFilter(label=_("Année"))
    themes = django_filters.ModelChoiceFilter(label=_("Thème"), queryset=Theme.objects.all())
    organisation = django_filters.ModelChoiceFilter(
        label=_("Structure détentrice"), queryset=Organisation.objects.all()
    )
    no_abstract = django_filters.BooleanFilter(label=_("Sans résumé"), method="filter_no_abstract")

    class Meta:
        model = Reference
        fields = ["reference_type", "year", "themes", "organisation", "live"]

    def filter_no_abstract(self, queryset, name, value):
        if value is None:
            return queryset
        empty = Q(abstract="")
        return queryset.filter(empty) if value else queryset.exclude(empty)


class ReferenceIndexView(ReferenceIndexMixin, IndexView):
    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Importer un fichier"), url=reverse("bibliography_import"), icon_name="upload"
            ),
        ]


class ReferenceCreateView(OwnStructureChoiceMixin, CreateView):
    pass


class ReferenceEditView(ReferenceEditMixin, EditView):
    pass


class ReferenceViewSet(SnippetViewSet):
    model = Reference
    icon = "doc-full"
    menu_label = _("Notices bibliographiques")
    menu_name = "notices"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ReferenceIndexView
    add_view_class = ReferenceCreateView
    edit_view_class = ReferenceEditView
    inspect_view_enabled = True  # how other structures' editors read a notice
    filterset_class = ReferenceFilterSet
    list_display = [
        "title",
        Column("first_author_name", label=_("Premier auteur")),
        "reference_type",
        "year",
        "organisation",
        "created_at",
    ]
    list_export = ["title", "subtitle", "reference_type", "year", "publisher", "isbn", "doi"]
    search_fields = ["title", "subtitle", "abstract", "container_title", "publisher"]
    search_backend_name = None
    ordering = ["-created_at"]
