"""The site's URLs plus one that fails, to see the 500 page a visitor would get."""

from django.urls import path

from config.urls import urlpatterns as site


def fails(request):
    raise RuntimeError("deliberate failure, for the 500 page")


urlpatterns = [path("fails/", fails), *site]
