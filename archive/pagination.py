"""Pagination that never answers a page number with an error page."""

from django.core.paginator import Paginator


class GracefulPaginator(Paginator):
    """A page past the end shows the last page; a page that is no number shows the first.

    Links to "page 7" of a list that has since shrunk should still land somewhere useful.
    """

    def page_for(self, number):
        asked = number
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        page = self.page(min(max(number, 1), self.num_pages))
        # "?page=99999" or "?page=02" shows a page that has an address of its own: the
        # answer is not kept as that address's page (archive.pagestore keeps one file per
        # address, and there is no end to such addresses).
        page.elsewhere = asked is not None and asked != str(page.number)
        return page


def page_of_list(response, page):
    """Mark `response` as showing `page` of a list: kept under its "?page=N" address
    (archive.pagestore), unless the number asked for showed another page."""
    if page is None:
        return response
    if page.elsewhere:
        response["Cache-Control"] = "no-cache"
    else:
        response.shows_page_number = True
    return response
