"""Pagination that never answers a page number with an error page."""

from django.core.paginator import Paginator


class GracefulPaginator(Paginator):
    """A page past the end shows the last page; a page that is no number shows the first.

    Links to "page 7" of a list that has since shrunk should still land somewhere useful.
    """

    def page_for(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        return self.page(min(max(number, 1), self.num_pages))
