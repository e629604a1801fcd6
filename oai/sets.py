"""The sets: by kind of content, by theme and by member structure.

`type:reference`, `type:<page model>` (`type:notepage`…), `theme:<slug>`,
`organisation:<acronym>`. The colon is OAI-PMH's hierarchy: `type`, `theme` and
`organisation` are sets too, holding every record of their children.
"""

import re
from dataclasses import dataclass

from django.db.models import Q

from core.models import Organisation, Theme

from .sources import content_page_models

TOP_SETS = {
    "type": "Par type de contenu",
    "theme": "Par thème",
    "organisation": "Par structure du réseau",
}
_NOT_IN_SPEC = re.compile(r"[^A-Za-z0-9\-_.!~*'()]+")


@dataclass(frozen=True)
class OaiSet:
    spec: str
    name: str


def spec_part(value: str) -> str:
    """A value as a setSpec segment (the protocol allows few characters)."""
    return _NOT_IN_SPEC.sub("-", value).strip("-") or "-"


def type_spec(model) -> str:
    return f"type:{model._meta.model_name}"


def all_sets() -> list[OaiSet]:
    from bibliography.models import Reference

    sets = [OaiSet(spec, name) for spec, name in TOP_SETS.items()]
    sets.append(OaiSet(type_spec(Reference), str(Reference._meta.verbose_name_plural)))
    sets += [OaiSet(type_spec(m), str(m._meta.verbose_name)) for m in content_page_models()]
    sets += [OaiSet(f"theme:{spec_part(t.slug)}", t.name) for t in Theme.objects.order_by("slug")]
    sets += [
        OaiSet(f"organisation:{spec_part(o.acronym)}", str(o))
        for o in Organisation.objects.order_by("acronym")
    ]
    return sets


def with_ancestors(specs: list[str]) -> str:
    """The space-delimited specs of a record, their parents included, as tombstones keep them."""
    every = set(specs) | {spec.split(":", 1)[0] for spec in specs}
    return " " + " ".join(sorted(every)) + " "


def record_specs(model, themes, organisations) -> list[str]:
    specs = [type_spec(model)]
    specs += [f"theme:{spec_part(t.slug)}" for t in themes]
    specs += [f"organisation:{spec_part(o.acronym)}" for o in organisations]
    return specs


@dataclass(frozen=True)
class SetFilter:
    """What a setSpec selects; `matches_nothing` for an unknown set."""

    spec: str
    model_name: str | None = None  # type:<model_name>
    themes: tuple[int, ...] | None = None
    organisations: tuple[int, ...] | None = None
    matches_nothing: bool = False

    def tombstone_q(self) -> Q:
        return Q(set_specs__contains=f" {self.spec} ")


def parse_set(spec: str) -> SetFilter:
    top, _sep, value = spec.partition(":")
    if top not in TOP_SETS or ":" in value:
        return SetFilter(spec, matches_nothing=True)
    if top == "type":
        return SetFilter(spec, model_name=value or None)
    if top == "theme":
        themes = Theme.objects.all()
        ids = tuple(t.pk for t in themes if not value or spec_part(t.slug) == value)
        return SetFilter(spec, themes=ids, matches_nothing=not ids)
    organisations = Organisation.objects.all()
    ids = tuple(o.pk for o in organisations if not value or spec_part(o.acronym) == value)
    return SetFilter(spec, organisations=ids, matches_nothing=not ids)
