"""API representations of what publications embed: their PDF, authors, related content."""

from rest_framework import serializers

from api.serializers import page_full_url
from core.documents import document_format, download_label
from core.prefetched import PrefetchedAttributeMixin
from core.serializers import OrganisationSummarySerializer, PersonSummarySerializer, page_summary


class DocumentDownloadSerializer(serializers.Field):
    """A document as a download: absolute URL, title, size, page count, format, link text."""

    def to_representation(self, document):
        from wagtail.api.v2.utils import get_full_url  # needs the app registry

        request = self.context.get("request")
        url = document.url
        return {
            "id": document.pk,
            "title": document.title,
            "url": get_full_url(request, url) if request else url,
            "file_size": document.get_file_size(),
            "page_count": document.page_count,
            "format": document_format(document),
            "label": download_label(document),
        }


class AuthorsSerializer(PrefetchedAttributeMixin, serializers.Field):
    """Ordered authors: each a person or a member structure.

    The summaries use no context, so one serializer of each kind serves every author.
    """

    person_serializer = PersonSummarySerializer()
    organisation_serializer = OrganisationSummarySerializer()

    def to_representation(self, authors):
        result = []
        if not isinstance(authors, list):  # a list: the rows read by PaperPage.api_rows
            prefetched = "authors" in getattr(authors.instance, "_prefetched_objects_cache", {})
            if prefetched:
                authors = authors.all()
            else:
                authors = authors.select_related("person__organisation", "organisation")
        for author in authors:
            if author.person_id:
                result.append(
                    {
                        "kind": "person",
                        "name": author.name,
                        "person": self.person_serializer.to_representation(author.person),
                    }
                )
            else:
                result.append(
                    {
                        "kind": "organisation",
                        "name": author.name,
                        "organisation": self.organisation_serializer.to_representation(
                            author.organisation
                        ),
                    }
                )
        return result


class PageSummaryListSerializer(serializers.Field):
    def to_representation(self, pages):
        return [page_summary(page) for page in pages]


class PageSummarySerializer(serializers.Field):
    def to_representation(self, page):
        return page_summary(page)


class CitationLineSerializer(serializers.CharField):
    """A paper's citation line, its URL built like `html_url` (once per page and request)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page) -> str:
        return page.citation_with_url(page_full_url(page, self.context.get("request")) or "")
