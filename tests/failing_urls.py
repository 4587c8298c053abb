"""The site's URLs plus one that fails, to see the 500 page a visitor would get."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import urlpatterns as site


def fails(request):
    raise RuntimeError("deliberate failure, for the 500 page")


# /fails/ and /ru/fails/, as every page is in both interface languages.
urlpatterns = [*i18n_patterns(path("fails/", fails), prefix_default_language=False), *site]
