"""`/api/v2/search/` and `/api/v2/search/suggest/`: plain DRF views over `search.service`."""

from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import service


class SearchAPIView(APIView):
    """One search across every content type: results, facets, filters, pagination."""

    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request: Request) -> Response:
        try:
            params = service.parse_params(request.query_params)
        except service.SearchInputError as exc:
            return Response({"message": str(exc)}, status=400)
        return Response(service.search(params))


class SuggestAPIView(APIView):
    """Titles for the search box as the visitor types (from the third character)."""

    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request: Request) -> Response:
        unknown = sorted(set(request.query_params) - {"q"})
        if unknown:
            return Response({"message": f"Paramètre inconnu : {', '.join(unknown)}."}, status=400)
        return Response(service.suggest(request.query_params.get("q", "")))
