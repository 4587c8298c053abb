"""The interface language, taken from the address alone."""

from django.middleware.locale import LocaleMiddleware
from django.utils.cache import cc_delim_re


class AddressLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without its `Vary: Accept-Language`.

    The archive is in English at /… and in Russian at /ru/… (config/urls.py): with
    prefix_default_language=False an address without a prefix is English whatever the
    browser asks for, yet Django still marks those responses as varying by the browser's
    language, and shared caches would keep a copy of each page per browser language.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                name
                for name in cc_delim_re.split(response["Vary"])
                if name.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
