from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.favicon import favicon
from search import views as search_views

handler500 = "core.resilience.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("api.urls")),
    path("oai/", include("oai.urls")),
    path("lettre/", include("newsletter.urls")),
    path("favicon.ico", favicon),
    path("", include("syndication.urls")),
]

if settings.BENCH_TRIVIAL_VIEW:
    from django.http import JsonResponse

    def trivial_view(request):
        """The baseline of bench/api.py: same URLconf and middleware, no work."""
        return JsonResponse({"message": "ok"})

    urlpatterns.insert(0, path("api/v2/_trivial/", trivial_view))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages: French unprefixed, English under /en/ (admin, API and documents stay outside); so is
# the search page, in the language of the page it was reached from (/recherche/, /en/recherche/).
urlpatterns += i18n_patterns(
    path("recherche/", search_views.search_page, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
