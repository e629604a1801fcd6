"""The unified search answered by Elasticsearch/OpenSearch in one request.

One `_search` gives the page (`from`/`size`), the exact total (`track_total_hits`), the
order (relevance or date), the highlights and every facet as an aggregation. Facets are
multi-select: the facet filters go in `post_filter` (they narrow the hits and the total, not
the aggregations), and each facet's aggregation is wrapped in a `filter` aggregation of the
*other* facets' filters, so a facet is counted as the database backends count it.

The full-text part is Wagtail's own query for `SearchRecord` (the French analyzer, the title
boost, the `tie_breaker` of `search.backends.resilient`): the ranking is the engine's, the rest
of the answer is shaped as `search.service` shapes the database's.

Only the page's records are read from the database (URL, date, themes). Themes and member
structures are indexed by id (`theme_ids`, `organisation_ids`): the filters' slugs and acronyms
are turned into ids, and the buckets' ids back into slugs and names, by one small query each.
"""

from dataclasses import dataclass, field
from html import unescape

from modelsearch.query import MATCH_ALL

from core.models import Organisation, Theme

from .facets import facet_labels
from .models import SearchRecord
from .params import FACETS, SearchParams

# Facet name → the engine's field (Wagtail's `<field>_filter` columns of `SearchRecord`).
FACET_FIELDS = {
    "type": "source_filter",
    "theme": "theme_ids_filter",
    "year": "year_filter",
    "organisation": "organisation_ids_filter",
    "region": "region_filter",
    "reference_type": "reference_type_filter",
}
# More than any facet has values (themes, structures, years, regions, reference types, types).
BUCKETS = 1000
SNIPPET_LENGTH = 240
MARK = ("<mark>", "</mark>")


@dataclass
class EngineAnswer:
    """What the engine answered: total, facet counts as (value, label, count), the page."""

    total: int
    counts: dict[str, list[tuple[str, str, int]]]
    records: list[SearchRecord]
    highlights: dict[int, dict[str, str]] = field(default_factory=dict)


def _ids_by(model, column: str, values: list[str]) -> list[str]:
    return [
        str(pk)
        for pk in model.objects.filter(**{f"{column}__in": values}).values_list("pk", flat=True)
    ]


def facet_filters(filters: dict[str, list[str]]) -> dict[str, dict]:
    """One engine filter per facet in use; values within a facet are alternatives.

    An unknown theme or structure has no id: its filter matches nothing, as in SQL."""
    clauses = {}
    for name, values in filters.items():
        if name == "type":
            terms = [value.lower() for value in values]
        elif name == "theme":
            terms = _ids_by(Theme, "slug", values)
        elif name == "organisation":
            terms = _ids_by(Organisation, "acronym", values)
        elif name == "year":
            terms = [int(value) for value in values]
        else:
            terms = list(values)
        clauses[name] = {"terms": {FACET_FIELDS[name]: terms}}
    return clauses


def _all_of(clauses: list[dict]) -> dict:
    return {"bool": {"filter": clauses}} if clauses else {"match_all": {}}


def request_body(query: dict, params: SearchParams, *, by_date: bool, highlight: bool) -> dict:
    """The `_search` body: `query` (Wagtail's, content type filter included) + the rest."""
    filters = facet_filters(params.filters)
    aggregations = {
        name: {
            "filter": _all_of([clause for other, clause in filters.items() if other != name]),
            "aggs": {"values": {"terms": {"field": column, "size": BUCKETS}}},
        }
        for name, column in FACET_FIELDS.items()
    }
    newest_first = {"date_filter": {"order": "desc", "missing": "_last"}}
    sort = [newest_first, {"id_filter": "desc"}]
    if not by_date:
        sort = ["_score", *sort]
    body = {
        "query": query,
        "post_filter": _all_of(list(filters.values())),
        "aggs": aggregations,
        "from": (params.page - 1) * params.page_size,
        "size": params.page_size,
        "sort": sort,
        "track_total_hits": True,
        "_source": False,
        "stored_fields": ["pk"],
    }
    if highlight:
        body["highlight"] = {
            "pre_tags": [MARK[0]],
            "post_tags": [MARK[1]],
            "encoder": "html",
            # The query searches Wagtail's `_all_text` copies; highlight the fields shown.
            "require_field_match": False,
            "fields": {
                "title": {"number_of_fragments": 0},
                "body": {
                    "fragment_size": SNIPPET_LENGTH,
                    "number_of_fragments": 1,
                    "no_match_size": SNIPPET_LENGTH,
                },
            },
        }
    return body


def _bucket_counts(aggregations: dict) -> dict[str, list[tuple[str, str, int]]]:
    buckets = {
        name: [
            (str(bucket["key"]), bucket["doc_count"])
            for bucket in aggregations[name]["values"]["buckets"]
            if str(bucket["key"]) != ""
        ]
        for name in FACETS
    }
    themes = {
        str(pk): (slug, name)
        for pk, slug, name in Theme.objects.filter(
            pk__in=[int(key) for key, _count in buckets["theme"]]
        ).values_list("pk", "slug", "name")
    }
    organisations = {
        str(pk): (acronym, acronym)
        for pk, acronym in Organisation.objects.filter(
            pk__in=[int(key) for key, _count in buckets["organisation"]]
        ).values_list("pk", "acronym")
    }
    counts: dict[str, list[tuple[str, str, int]]] = {}
    for name in FACETS:
        if name in ("theme", "organisation"):
            known = themes if name == "theme" else organisations
            counts[name] = [(*known[key], n) for key, n in buckets[name] if key in known]
        else:
            labels = facet_labels(name)
            counts[name] = [(key, labels.get(key, key), n) for key, n in buckets[name]]
    return counts


def _snippet(fragment: str, body: str) -> str:
    """The engine's fragment, with « … » where it cuts the text, as `french.highlight` does."""
    plain = unescape(fragment.replace(MARK[0], "").replace(MARK[1], "")).strip()
    text = " ".join(body.split())
    at = text.find(" ".join(plain.split()))
    before = "…" if at > 0 else ""
    after = "…" if at == -1 or at + len(" ".join(plain.split())) < len(text) else ""
    return f"{before}{fragment.strip()}{after}"


def run(
    backend, query: dict, params: SearchParams, *, by_date: bool, highlight: bool
) -> EngineAnswer:
    """One `_search` on the record index (or its alias); raises on any failure of the engine."""
    index = backend.get_index_for_model(SearchRecord).name
    body = request_body(query, params, by_date=by_date, highlight=highlight)
    if backend.use_new_elasticsearch_api:
        answer = backend.es.search(index=index, **body)
    else:
        answer = backend.es.search(index=index, body=body)
    hits = answer["hits"]["hits"]
    ids = [int(hit["fields"]["pk"][0]) for hit in hits]
    by_id = SearchRecord.objects.defer("search_vector").in_bulk(ids)
    records = [by_id[pk] for pk in ids if pk in by_id]
    highlights = {}
    for hit in hits:
        pk = int(hit["fields"]["pk"][0])
        found = hit.get("highlight", {})
        if pk in by_id and found:
            highlights[pk] = {
                "title": found.get("title", [""])[0],
                "snippet": _snippet(found["body"][0], by_id[pk].body) if "body" in found else "",
            }
    return EngineAnswer(
        total=answer["hits"]["total"]["value"],
        counts=_bucket_counts(answer["aggregations"]),
        records=records,
        highlights=highlights,
    )


def full_text_query(backend, q: str) -> dict:
    """Wagtail's query for `q` over `SearchRecord` (French analysis, boosts, tie-breaker),
    its score multiplied by the record's type weight (`SearchRecord.boost`), as the databases do.
    """
    results = backend.search(q, SearchRecord.objects.all(), operator="and")
    return {
        "function_score": {
            "query": results.query_compiler.get_query(),
            "field_value_factor": {"field": "boost_filter", "missing": 1},
            "boost_mode": "multiply",
        }
    }


def match_all_query(backend) -> dict:
    """Every record (a browse by facets): Wagtail's content type filter alone."""
    results = backend.search(MATCH_ALL, SearchRecord.objects.all())
    return results.query_compiler.get_query()
