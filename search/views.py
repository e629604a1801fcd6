"""The public search page, `/recherche/` (English: `/en/recherche/`): a GET form that works
without JavaScript, in the language of the address (`search/search.html`, `locale/en`)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext

from core.templatetags.site_tags import view_translations

from . import service

# Facets whose values are named in French on every page: themes, member structures, regions.
FRENCH_NAMED_FACETS = {"theme", "organisation", "region"}


def _url_with(params: service.SearchParams, **changes) -> str:
    data = {"q": params.q, "sort": params.sort, "page": params.page, **params.filters}
    data.update(changes)
    return "?" + urlencode({k: v for k, v in data.items() if v not in ("", None, [])}, doseq=True)


def search_page(request: HttpRequest) -> HttpResponse:
    error = ""
    try:
        params = service.parse_params(request.GET, strict=False)
    except service.SearchInputError as exc:
        error = str(exc)
        params = service.SearchParams(q=request.GET.get("q", "")[: service.MAX_QUERY_LENGTH])
    response = service.search(params) if not error else service.empty_response(params)
    last = max(response["num_pages"], 1)
    if params.page > last:
        # An old link past the last page (the results shrank): the last page, not an empty
        # « Page 5 sur 2 ».
        return redirect(request.path + _url_with(params, page=last))
    facets = []
    for name, label in service.FACETS.items():
        selected = params.filters.get(name, [])
        values = []
        for item in response["facets"][name]:
            chosen = [v for v in selected if v != item["value"]]
            if not item["selected"]:
                chosen = [*selected, item["value"]]
            if name == "reference_type":  # indexed as its French label (bibliography)
                item = {**item, "label": gettext(item["label"])}
            values.append({**item, "toggle_url": _url_with(params, page=1, **{name: chosen})})
        if values:
            facets.append(
                {
                    "name": name,
                    "label": label,
                    "values": values,
                    "selected": bool(selected),
                    # The network's own names, in French whatever the page's language.
                    "french_names": name in FRENCH_NAMED_FACETS,
                }
            )
    page = params.page
    request.audience_results = response["total"]  # « searches with no result » (audience/)
    context = {
        "query": params.q,
        "error": error,
        "response": response,
        "facets": facets,
        "sorts": service.SORTS,
        "previous_url": _url_with(params, page=page - 1) if page > 1 else "",
        "next_url": _url_with(params, page=page + 1) if page < response["num_pages"] else "",
        "searched": bool(params.q or params.filters),
        "view_translations": view_translations(request),
    }
    return render(request, "search/search.html", context, status=400 if error else 200)
