"""Snippets of the shared vocabulary that the search covers (pages are found generically)."""

from core.models import Theme
from search.registry import Source, register

# A theme is a result of its own (« laïcité » → the Laïcité theme) and its own theme facet.
register(Source(Theme, label="Thème", themes=lambda theme: [theme], date=lambda theme: None))
