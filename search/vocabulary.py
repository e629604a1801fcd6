"""The themes and member structures by id, kept per process under the content version.

Every search names the themes and structures of its facets and results; they change rarely,
and every change gives the content a new version (`api.content_version`), so they are read
once per version instead of once or twice per request.
"""

from dataclasses import dataclass

from api.content_version import VersionedMemo, content_version

_memo = VersionedMemo(max_entries=1)


@dataclass(frozen=True)
class Vocabulary:
    themes: dict[int, tuple[str, str]]  # id → (slug, name)
    organisations: dict[int, tuple[str, str]]  # id → (acronym, acronym)


def _read() -> Vocabulary:
    from core.models import Organisation, Theme

    return Vocabulary(
        themes={
            pk: (slug, name) for pk, slug, name in Theme.objects.values_list("pk", "slug", "name")
        },
        organisations={
            pk: (acronym, acronym)
            for pk, acronym in Organisation.objects.values_list("pk", "acronym")
        },
    )


def vocabulary() -> Vocabulary:
    return _memo.get(content_version(), "vocabulary", _read)
