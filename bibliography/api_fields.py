"""API serializer fields of a notice: its CSL-JSON and its citation in the requested style."""

from rest_framework import serializers

from .citations import DEFAULT_STYLE, STYLES, format_citation


class CitationField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, reference) -> str:
        request = self.context.get("request")
        style = request.query_params.get("style", DEFAULT_STYLE) if request else DEFAULT_STYLE
        style = style if style in STYLES else DEFAULT_STYLE
        return format_citation(reference.to_csl(), style)


class CSLField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, reference) -> dict:
        return reference.to_csl()
