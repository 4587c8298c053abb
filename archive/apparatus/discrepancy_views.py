"""A collection's editorial notes: the discrepancies its editors confirmed, by document."""

from django.shortcuts import get_object_or_404, render

from ..models import Collection
from . import discrepancies


def editorial_notes(request, slug):
    """Confirmed notes of the collection's published documents; drafts and notes still
    open or dismissed are on no public page."""
    collection = get_object_or_404(Collection, slug=slug)
    return render(
        request,
        "archive/editorial_notes.html",
        {"collection": collection, "documents": discrepancies.for_collection(collection)},
    )
