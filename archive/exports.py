"""Downloads: one document's citation (BibTeX, RIS, CSL-JSON), and whole result sets.

A result set is exported with the browse page's own filters, so "what I see"
is "what I get" — every matching document, not only the current page, streamed
so that ten thousand documents take no more memory than ten.
"""

import csv
import json

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404

from .filters import DocumentFilter
from .formats.bibtex import bibtex
from .formats.csl import csl_item
from .formats.record import record_for
from .formats.ris import ris
from .formats.tei import tei_document
from .models import Document

EXPORT_CHUNK = 200


def _record(request, record_id):
    document = get_object_or_404(
        Document.objects.visible_to(request.user).for_export(), record_id=record_id
    )
    return record_for(document, request.build_absolute_uri(document.get_absolute_url()))


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def cite_bibtex(request, record_id):
    record = _record(request, record_id)
    return _download(bibtex(record), "application/x-bibtex", f"archive-{record_id}.bib")


def cite_ris(request, record_id):
    record = _record(request, record_id)
    return _download(ris(record), "application/x-research-info-systems", f"archive-{record_id}.ris")


def cite_csl_json(request, record_id):
    record = _record(request, record_id)
    content = json.dumps([csl_item(record)], ensure_ascii=False, indent=2)
    return _download(
        content, "application/vnd.citationstyles.csl+json", f"archive-{record_id}.json"
    )


def tei(request, record_id):
    """The document as TEI P5 XML."""
    document = get_object_or_404(
        Document.objects.visible_to(request.user).for_detail(), record_id=record_id
    )
    persons = [role.person for role in document.roles.all()]
    persons += [p.person for p in document.particulars.all() if p.person]
    prefetch_related_objects(persons, "aliases")
    url = request.build_absolute_uri(document.get_absolute_url())
    content = tei_document(document, record_for(document, url), url, settings.ARCHIVE_NAME)
    return HttpResponse(content, content_type="application/tei+xml; charset=utf-8")


def _matching_records(request):
    """Records of every published document the browse page's filters match, in its order."""
    filterset = DocumentFilter(request.GET, queryset=Document.objects.published())
    if not filterset.is_valid():
        return None, filterset
    documents = filterset.qs.for_export()
    if filterset.ranks_by_relevance(filterset.form.cleaned_data):
        documents = documents.in_reading_order()  # an export lists, it does not rank
    base = request.build_absolute_uri("/")[:-1]
    records = (
        record_for(document, base + document.get_absolute_url())
        for document in documents.iterator(chunk_size=EXPORT_CHUNK)
    )
    return records, filterset


def _invalid(filterset):
    errors = "; ".join(
        f"{field}: {' '.join(messages)}" for field, messages in filterset.errors.items()
    )
    return HttpResponse(f"Invalid filter: {errors}\n", status=400, content_type="text/plain")


CSV_COLUMNS = [
    "record_id", "title", "date", "date_as_given", "type", "authors", "recipients",
    "original_language", "archival_references", "source", "url",
]  # fmt: skip


def _cell(value):
    """A CSV cell that a spreadsheet will show, not run: "=1+1" is written "'=1+1"."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    """A file-like object whose write() returns what it was given, for csv.writer."""

    def write(self, value):
        return value


def export_csv(request):
    records, filterset = _matching_records(request)
    if records is None:
        return _invalid(filterset)
    writer = csv.writer(_Echo())

    def rows():
        # A byte order mark, so that spreadsheet programs read the Cyrillic as UTF-8.
        yield "\ufeff" + writer.writerow(CSV_COLUMNS)
        for record in records:
            yield writer.writerow(
                _cell(value)
                for value in [
                    record.record_id,
                    record.title,
                    record.iso_date,
                    record.date_as_written,
                    record.genre,
                    "; ".join(name.display for name in record.authors),
                    "; ".join(name.display for name in record.recipients),
                    record.language,
                    record.archive_location,
                    record.source,
                    record.url,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="archive-documents.csv"'
    return response


def export_csl_json(request):
    records, filterset = _matching_records(request)
    if records is None:
        return _invalid(filterset)

    def items():
        yield "["
        for index, record in enumerate(records):
            yield ("," if index else "") + "\n" + json.dumps(csl_item(record), ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(
        items(), content_type="application/vnd.citationstyles.csl+json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="archive-documents.json"'
    return response
