"""Authors and related content of papers, as the API reads them: rows, not model instances.

`load_author_rows` reads a page of results' authors, their person (with the person's member
structure) or their member structure, in one `values_list` query (`PaperPage.api_rows`, see
api/prefetch.py). The rows answer what `AuthorsSerializer` and the citation line ask of
an author, as the models do: `name`, `person.full_name`, the summaries' fields.
`load_related_pages` reads the links to related content as (page, linked page) ids and fetches
the linked pages the public may see, when there are any.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from django.db import models
from wagtail.models import Page

from api.content_version import VersionedMemo
from core.models import FullNameMixin

# Public pages' querysets per content version: built (view restrictions read), never evaluated.
PUBLIC_PAGES = VersionedMemo()


class AuthorNameMixin:
    """An author's name: the person's full name, else the member structure's acronym."""

    __slots__ = ()

    @property
    def name(self) -> str:
        if self.person_id:
            return self.person.full_name
        return self.organisation.acronym if self.organisation_id else ""


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    id: int
    acronym: str
    name: str


@dataclass(frozen=True, slots=True)
class PersonRow(FullNameMixin):
    id: int
    first_name: str
    last_name: str
    role: str
    organisation: OrganisationRow | None


@dataclass(frozen=True, slots=True)
class AuthorRow(AuthorNameMixin):
    person_id: int | None
    organisation_id: int | None
    person: PersonRow | None
    organisation: OrganisationRow | None


COLUMNS = (
    "page_id",
    "person_id",
    "organisation_id",
    "person__first_name",
    "person__last_name",
    "person__role",
    "person__organisation_id",
    "person__organisation__acronym",
    "person__organisation__name",
    "organisation__acronym",
    "organisation__name",
)


@cache
def _rows_queryset(author_model: type[models.Model]) -> models.QuerySet:
    """Every page's author rows in order: built once, only ever filtered, never evaluated."""
    manager = author_model._default_manager
    return manager.order_by(*author_model._meta.ordering).values_list(*COLUMNS)


def load_author_rows(
    author_model: type[models.Model], page_ids: list, version: str | None = None
) -> Iterator[tuple]:
    """(page id, `AuthorRow`) pairs for the pages' authors, in the editors' order."""
    rows = _rows_queryset(author_model).filter(page_id__in=page_ids)
    for (
        page_id,
        person_id,
        organisation_id,
        first_name,
        last_name,
        role,
        person_organisation_id,
        person_organisation_acronym,
        person_organisation_name,
        acronym,
        organisation_name,
    ) in rows:
        person = None
        if person_id:
            person_organisation = None
            if person_organisation_id:
                person_organisation = OrganisationRow(
                    person_organisation_id, person_organisation_acronym, person_organisation_name
                )
            person = PersonRow(person_id, first_name, last_name, role, person_organisation)
        organisation = None
        if organisation_id:
            organisation = OrganisationRow(organisation_id, acronym, organisation_name)
        yield page_id, AuthorRow(person_id, organisation_id, person, organisation)


@cache
def _links_queryset(link_model: type[models.Model]) -> models.QuerySet:
    """Every page's links to related content, in order: (page id, linked page id)."""
    manager = link_model._default_manager
    return manager.order_by(*link_model._meta.ordering).values_list("source_id", "page_id")


def load_related_pages(
    link_model: type[models.Model], page_ids: list, version: str | None = None
) -> Iterator[tuple]:
    """(page id, related page) pairs: the related pages the public may see, specific, in the
    editors' order; one query for the links, and only when there are any, the pages'. The
    public pages' filter reads the view restrictions: once per content version when given."""
    links = list(_links_queryset(link_model).filter(source_id__in=page_ids))
    if not links:
        return
    if version is None:
        public_pages = _public_pages()
    else:
        public_pages = PUBLIC_PAGES.get(version, "public", _public_pages)
    linked = {page_id for _source_id, page_id in links}
    public = {page.pk: page for page in public_pages.filter(pk__in=linked).specific()}
    for source_id, page_id in links:
        if page_id in public:
            yield source_id, public[page_id]


def _public_pages() -> models.QuerySet:
    return Page.objects.live().public()
