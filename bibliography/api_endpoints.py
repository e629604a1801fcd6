"""The bibliographic notices' endpoint (CSL-JSON, citations, RIS/BibTeX/CSL-JSON exports)."""

from api.registry import register_endpoint

from .api import ReferencesAPIViewSet

register_endpoint("references", ReferencesAPIViewSet)
