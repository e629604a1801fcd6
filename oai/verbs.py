"""The six verbs of OAI-PMH 2.0 and their errors, each filling the response's envelope."""

import datetime
import re
from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from . import listing, sources, tokens
from .metadata import page_dc, reference_dc
from .models import Tombstone
from .sets import all_sets, parse_set, record_specs
from .xml import OAI_DC, dublin_core, sub, utc

METADATA_PREFIX = "oai_dc"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
ALLOWED = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_DATE_FORMATS = (
    (_DAY, "%Y-%m-%d", datetime.timedelta(days=1), "day"),
    (_SECOND, "%Y-%m-%dT%H:%M:%SZ", datetime.timedelta(seconds=1), "second"),
)


class OAIError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def repository_identifier() -> str:
    from urllib.parse import urlsplit

    return getattr(settings, "OAI_REPOSITORY_IDENTIFIER", "") or (
        urlsplit(settings.WAGTAILAPI_BASE_URL).hostname or "localhost"
    )


def identifier(kind: str, pk: int) -> str:
    return f"oai:{repository_identifier()}:{kind}/{pk}"


def parse_identifier(value: str) -> tuple[str, int]:
    prefix = f"oai:{repository_identifier()}:"
    kind, _sep, pk = value.removeprefix(prefix).partition("/")
    if not value.startswith(prefix) or kind not in (sources.REFERENCE, sources.PAGE):
        raise OAIError("idDoesNotExist", f"No record has the identifier {value}.")
    if not pk.isdigit() or len(pk) > 18:
        raise OAIError("idDoesNotExist", f"No record has the identifier {value}.")
    return kind, int(pk)


def check_arguments(verb: str, arguments: dict[str, str]) -> None:
    required, optional = ALLOWED[verb]
    given = set(arguments) - {"verb"}
    if "resumptionToken" in given and given != {"resumptionToken"}:
        raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
    if unknown := given - required - optional:
        raise OAIError("badArgument", f"Illegal argument(s): {', '.join(sorted(unknown))}.")
    if "resumptionToken" not in given and (missing := required - given):
        raise OAIError("badArgument", f"Missing argument(s): {', '.join(sorted(missing))}.")


def check_prefix(prefix: str) -> None:
    if prefix != METADATA_PREFIX:
        raise OAIError("cannotDisseminateFormat", f"The format {prefix} is not supported.")


def parse_date(value: str, *, end: bool) -> tuple[datetime.datetime, str]:
    """A `from`/`until` value as an aware datetime; `until` as the exclusive bound after it."""
    for pattern, layout, step, granularity in _DATE_FORMATS:
        if not pattern.match(value):
            continue
        try:
            moment = datetime.datetime.strptime(value, layout).replace(tzinfo=datetime.UTC)
        except ValueError:
            break
        try:
            return (moment + step if end else moment), granularity
        except OverflowError:
            return datetime.datetime.max.replace(tzinfo=datetime.UTC), granularity
    raise OAIError("badArgument", f"Illegal date: {value}.")


# Identify, ListMetadataFormats, ListSets


def earliest_datestamp() -> datetime.datetime:
    stamps = [
        source.queryset().order_by("oai_datestamp").values_list("oai_datestamp", flat=True).first()
        for source in listing.SOURCES
    ]
    return min([s for s in stamps if s is not None], default=timezone.now())


def identify(root: ET.Element, arguments: dict, base_url: str) -> None:
    element = sub(root, "Identify")
    sub(element, "repositoryName", getattr(settings, "WAGTAIL_SITE_NAME", "Réseau RECI"))
    sub(element, "baseURL", base_url)
    sub(element, "protocolVersion", "2.0")
    sub(element, "adminEmail", getattr(settings, "OAI_ADMIN_EMAIL", "contact@reseau-reci.fr"))
    sub(element, "earliestDatestamp", utc(earliest_datestamp()))
    sub(element, "deletedRecord", "persistent")
    sub(element, "granularity", GRANULARITY)


def list_metadata_formats(root: ET.Element, arguments: dict, base_url: str) -> None:
    if "identifier" in arguments:
        find_record(arguments["identifier"])
    element = sub(root, "ListMetadataFormats")
    metadata_format = sub(element, "metadataFormat")
    sub(metadata_format, "metadataPrefix", METADATA_PREFIX)
    sub(metadata_format, "schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    sub(metadata_format, "metadataNamespace", OAI_DC)


def list_sets(root: ET.Element, arguments: dict, base_url: str) -> None:
    if "resumptionToken" in arguments:
        raise OAIError("badResumptionToken", "ListSets is complete in one response.")
    element = sub(root, "ListSets")
    for oai_set in all_sets():
        set_element = sub(element, "set")
        sub(set_element, "setSpec", oai_set.spec)
        sub(set_element, "setName", oai_set.name)


# Records


class Record:
    """A record to write: its header, and its Dublin Core unless deleted."""

    def __init__(self, kind, pk, datestamp, specs, obj=None) -> None:
        self.kind, self.pk, self.datestamp, self.specs, self.obj = kind, pk, datestamp, specs, obj

    @property
    def deleted(self) -> bool:
        return self.obj is None

    def write_header(self, parent: ET.Element) -> None:
        header = sub(parent, "header", status="deleted" if self.deleted else None)
        sub(header, "identifier", identifier(self.kind, self.pk))
        sub(header, "datestamp", utc(self.datestamp))
        for spec in self.specs:
            sub(header, "setSpec", spec)

    def write(self, parent: ET.Element) -> None:
        record = sub(parent, "record")
        self.write_header(record)
        if not self.deleted:
            metadata = sub(record, "metadata")
            mapping = reference_dc if self.kind == sources.REFERENCE else page_dc
            dublin_core(metadata, mapping(self.obj))


def _leaf_specs(stored: str) -> list[str]:
    return [spec for spec in stored.split() if ":" in spec]


def _reference_records(rows: list) -> list[Record]:
    from bibliography.models import Reference

    references = Reference.objects.filter(pk__in=[pk for pk, _ in rows]).with_related()
    by_pk = {reference.pk: reference for reference in references}
    records = {}
    for pk, stamp in rows:
        reference = by_pk.get(pk)
        if reference is not None:
            organisations = [reference.organisation] if reference.organisation else []
            specs = record_specs(Reference, reference.themes.all(), organisations)
            records[pk] = Record(sources.REFERENCE, pk, stamp, specs, reference)
    return records


def _page_records(rows: list) -> list[Record]:
    pages = Page.objects.filter(pk__in=[pk for pk, _ in rows]).specific()
    by_pk = {page.pk: page for page in pages}
    records = {}
    for pk, stamp in rows:
        page = by_pk.get(pk)
        if page is not None:
            specs = record_specs(type(page), page.themes.all(), page.organisations.all())
            records[pk] = Record(sources.PAGE, pk, stamp, specs, page)
    return records


def _tombstone_records(rows: list) -> list[Record]:
    tombstones = Tombstone.objects.in_bulk([pk for pk, _ in rows])
    return {
        pk: Record(t.kind, t.object_id, t.datestamp, _leaf_specs(t.set_specs))
        for pk, t in tombstones.items()
    }


LOADERS = {0: _reference_records, 1: _page_records, 2: _tombstone_records}


def load(keys: list[listing.Key]) -> list[Record]:
    """The records of a page of keys, in the keys' order."""
    records: dict[tuple[int, int], Record] = {}
    for rank, loader in LOADERS.items():
        rows = [(key.pk, key.datestamp) for key in keys if key.rank == rank]
        if rows:
            records.update(((rank, pk), record) for pk, record in loader(rows).items())
    return [records[(k.rank, k.pk)] for k in keys if (k.rank, k.pk) in records]


def find_record(value: str) -> Record:
    kind, pk = parse_identifier(value)
    queryset = (
        sources.reference_queryset() if kind == sources.REFERENCE else sources.page_queryset()
    )
    stamp = queryset.filter(pk=pk).values_list("oai_datestamp", flat=True).first()
    if stamp is not None:
        loader = _reference_records if kind == sources.REFERENCE else _page_records
        found = loader([(pk, stamp)])
        if pk in found:
            return found[pk]
    tombstone = Tombstone.objects.filter(kind=kind, object_id=pk, deleted=True).first()
    if tombstone is None:
        raise OAIError("idDoesNotExist", f"No record has the identifier {value}.")
    return Record(kind, pk, tombstone.datestamp, _leaf_specs(tombstone.set_specs))


def get_record(root: ET.Element, arguments: dict, base_url: str) -> None:
    check_prefix(arguments["metadataPrefix"])
    record = find_record(arguments["identifier"])
    record.write(sub(root, "GetRecord"))


def _resumption(verb: str, arguments: dict) -> tokens.Resumption:
    """The state of the harvest: read from the token, or begun by this request."""
    if "resumptionToken" in arguments:
        try:
            return tokens.read(arguments["resumptionToken"], verb)
        except tokens.BadToken:
            raise OAIError(
                "badResumptionToken", "The resumption token is invalid or expired."
            ) from None
    check_prefix(arguments["metadataPrefix"])
    start = before = None
    granularities = set()
    if "from" in arguments:
        start, granularity = parse_date(arguments["from"], end=False)
        granularities.add(granularity)
    if "until" in arguments:
        before, granularity = parse_date(arguments["until"], end=True)
        granularities.add(granularity)
    if len(granularities) > 1:
        raise OAIError("badArgument", "from and until must have the same granularity.")
    if start is not None and before is not None and start >= before:
        raise OAIError("badArgument", "from must not be later than until.")
    now = timezone.now()
    before = min(before, now) if before is not None else now
    if "set" in arguments and not arguments["set"]:
        raise OAIError("badArgument", "Empty set.")
    return tokens.Resumption(
        verb, METADATA_PREFIX, arguments.get("set"), start, before, None, 0, -1
    )


def list_records(root: ET.Element, arguments: dict, base_url: str, *, verb: str) -> None:
    resumption = _resumption(verb, arguments)
    set_filter = parse_set(resumption.set_spec) if resumption.set_spec else None
    window = listing.Window(resumption.start, resumption.before, set_filter)
    size = resumption.size if resumption.size >= 0 else listing.count(window)
    keys, more = listing.page(window, resumption.after)
    if not keys:
        raise OAIError("noRecordsMatch", "No record matches the request.")
    element = sub(root, verb)
    for record in load([key for key, _source in keys]):
        record.write_header(element) if verb == "ListIdentifiers" else record.write(element)
    if resumption.after is None and not more:
        return
    cursor = resumption.cursor
    token = ""
    if more:
        following = tokens.Resumption(
            verb,
            resumption.prefix,
            resumption.set_spec,
            resumption.start,
            resumption.before,
            keys[-1][0],
            cursor + len(keys),
            size,
        )
        token = tokens.issue(following)
    expiration = utc(timezone.now() + tokens.TOKEN_LIFETIME) if more else None
    sub(
        element,
        "resumptionToken",
        token,
        completeListSize=str(max(size, cursor + len(keys))),
        cursor=str(cursor),
        expirationDate=expiration,
    )


VERBS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": lambda root, a, url: list_records(root, a, url, verb="ListIdentifiers"),
    "ListRecords": lambda root, a, url: list_records(root, a, url, verb="ListRecords"),
}
