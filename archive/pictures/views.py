"""The two picture pages. Each evaluates its queries and hands plain objects to its template."""

from django.shortcuts import render

from ..filters import DocumentFilter
from ..models import Document
from .network import correspondence_network
from .timeline import timeline

# The browse page's parameters the timeline is filtered by, with the same slugs.
TIMELINE_FILTERS = ("person", "collection")


def timeline_page(request):
    chosen = {name: request.GET[name] for name in TIMELINE_FILTERS if request.GET.get(name)}
    # The browse page's own filters check the slugs (a person known only from drafts is
    # no valid choice) and narrow the documents just as it does.
    filterset = DocumentFilter(chosen, queryset=Document.objects.published())
    picture = None
    if filterset.is_valid():
        picture = timeline(filterset.without(), chosen)
    return render(
        request,
        "archive/timeline.html",
        {
            "timeline": picture,
            "form": filterset.form,
            "chosen": chosen,
            # The choices the form accepts, no more and no fewer.
            "persons": list(filterset.form.fields["person"].queryset.only("name", "slug")),
            "collections": list(
                filterset.form.fields["collection"].queryset.only("name", "slug").order_by("name")
            ),
        },
    )


def network_page(request):
    return render(request, "archive/network.html", {"network": correspondence_network()})
