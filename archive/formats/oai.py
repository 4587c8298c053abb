"""OAI-PMH 2.0 at /oai/, with Dublin Core (oai_dc) records of the published documents.

Sets are collections. Deleted records are kept for ever ("persistent"): a
document withdrawn from the public after it was harvested is reported with
status="deleted" from then on (see archive.publication). Lists are paged with
resumption tokens that carry where the last page ended, so no state is kept
on the server and a token stays good as long as the archive does.
"""

import base64
import binascii
import datetime
import json
import re
import xml.etree.ElementTree as ET

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..models import Collection, Document, DocumentRelation, Withdrawal
from . import dublin_core
from .record import record_for
from .xml import tostring

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
for prefix, uri in (("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI)):
    ET.register_namespace(prefix, uri)

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
}


class OAIError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def _el(parent, tag, text=None, namespace=None, **attributes):
    # OAI-PMH's own elements stay unqualified under the root's xmlns (ElementTree's prefixes
    # are global, and TEI wants the default namespace too); Dublin Core's are prefixed.
    element = ET.SubElement(parent, f"{{{namespace}}}{tag}" if namespace else tag, attributes)
    if text is not None:
        element.text = text
    return element


def _datestamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def identifier_for(record_id):
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:{record_id}"


def _record_id(identifier):
    prefix = f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:"
    local = identifier.removeprefix(prefix)
    # Exactly the identifier given out: "…:0110371" names no record.
    if local == identifier or not re.fullmatch(r"[1-9][0-9]*", local):
        return None
    return int(local)


@csrf_exempt  # harvesters POST without a session; nothing here changes any data
@require_http_methods(["GET", "POST"])
def endpoint(request):
    arguments = request.GET if request.method == "GET" else request.POST
    root = ET.Element(
        "OAI-PMH", {"xmlns": OAI, f"{{{XSI}}}schemaLocation": f"{OAI} {OAI}OAI-PMH.xsd"}
    )
    _el(root, "responseDate", _datestamp(timezone.now()))
    base_url = request.build_absolute_uri(request.path)
    request_element = _el(root, "request", base_url)
    try:
        verb, args = _check(arguments)
        for name, value in args.items():
            request_element.set(name, value)
        request_element.set("verb", verb)
        HANDLERS[verb](request, root, args, base_url)
    except OAIError as error:
        # badVerb and badArgument answers echo no arguments, as the protocol says.
        if error.code in ("badVerb", "badArgument"):
            request_element.attrib.clear()
        _el(root, "error", error.message, code=error.code)
    ET.indent(root, space=" ")
    body = tostring(root)  # a NUL in an argument or a field would make it not XML
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _check(arguments):
    verbs = arguments.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OAIError("badVerb", "The verb is missing, repeated or not an OAI-PMH verb.")
    verb = verbs[0]
    required, optional = VERBS[verb]
    args = {}
    for name in arguments:
        if name == "verb":
            continue
        values = arguments.getlist(name)
        if name not in required | optional:
            raise OAIError("badArgument", f"{verb} takes no argument “{name}”.")
        if len(values) != 1:
            raise OAIError("badArgument", f"The argument “{name}” is repeated.")
        args[name] = values[0]
    if "resumptionToken" in args:
        if len(args) != 1:
            raise OAIError("badArgument", "A resumptionToken is the only argument allowed with it.")
    elif not required <= args.keys():
        missing = ", ".join(sorted(required - args.keys()))
        raise OAIError("badArgument", f"{verb} needs {missing}.")
    return verb, args


# --- Verbs ------------------------------------------------------------------------------


def identify(request, root, args, base_url):
    element = _el(root, "Identify")
    _el(element, "repositoryName", settings.ARCHIVE_NAME)
    _el(element, "baseURL", base_url)
    _el(element, "protocolVersion", "2.0")
    _el(element, "adminEmail", settings.ARCHIVE_ADMIN_EMAIL)
    _el(element, "earliestDatestamp", _datestamp(_earliest()))
    _el(element, "deletedRecord", "persistent")
    _el(element, "granularity", GRANULARITY)


def _earliest():
    moments = [
        Document.objects.published()
        .order_by("modified")
        .values_list("modified", flat=True)
        .first(),
        Withdrawal.objects.order_by("withdrawn_at").values_list("withdrawn_at", flat=True).first(),
    ]
    moments = [moment for moment in moments if moment]
    return min(moments) if moments else timezone.now()


def list_metadata_formats(request, root, args, base_url):
    if "identifier" in args:
        _live_or_withdrawn(args["identifier"])
    element = _el(root, "ListMetadataFormats")
    metadata_format = _el(element, "metadataFormat")
    _el(metadata_format, "metadataPrefix", "oai_dc")
    _el(metadata_format, "schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _el(metadata_format, "metadataNamespace", OAI_DC)


def list_sets(request, root, args, base_url):
    if "resumptionToken" in args:
        raise OAIError("badResumptionToken", "The list of sets comes whole, without tokens.")
    collections = list(Collection.objects.public())
    if not collections:
        raise OAIError("noSetHierarchy", "This repository has no sets.")
    element = _el(root, "ListSets")
    for collection in collections:
        entry = _el(element, "set")
        _el(entry, "setSpec", collection.slug)
        _el(entry, "setName", collection.name)


def get_record(request, root, args, base_url):
    _check_prefix(args["metadataPrefix"])
    item = _live_or_withdrawn(args["identifier"])
    _record(_el(root, "GetRecord"), item, request, with_metadata=True)


def list_identifiers(request, root, args, base_url):
    _list(request, root, args, "ListIdentifiers", with_metadata=False)


def list_records(request, root, args, base_url):
    _list(request, root, args, "ListRecords", with_metadata=True)


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}


# --- Lists, and their resumption tokens ---------------------------------------------------


def _list(request, root, args, verb, with_metadata):
    if "resumptionToken" in args:
        state = _decode(args["resumptionToken"])
    else:
        _check_prefix(args["metadataPrefix"])
        state = {
            "from": _parse_date(args.get("from"), "from"),
            "until": _parse_date(args.get("until"), "until", end_of_day=True),
            "set": args.get("set"),
            "after": None,
            "cursor": 0,
            "total": None,
        }
        _check_range(args, state)
        if state["set"] is not None and not _is_set_spec(state["set"]):
            raise OAIError("badArgument", "“set” is not a setSpec.")
        if state["set"] and not Collection.objects.public().exists():
            raise OAIError("noSetHierarchy", "This repository has no sets.")
    live, withdrawn = _selection(state)
    size = settings.OAI_BATCH_SIZE
    # One more than a page, to know without counting whether another page follows: records
    # published during a harvest join its end rather than being cut off by an old count.
    batch = _page(live, withdrawn, state["after"], size + 1, with_metadata)
    more, batch = len(batch) > size, batch[:size]
    if not batch:
        raise OAIError("noRecordsMatch", "No record matches these arguments.")
    if state["total"] is None:
        state["total"] = live.count() + withdrawn.count()
    element = _el(root, verb)
    for item in batch:
        if with_metadata:
            _record(element, item, request, with_metadata=True)
        else:
            _header(element, item)
    cursor, next_cursor = state["cursor"], state["cursor"] + len(batch)
    if not (more or cursor):
        return  # a complete list in one response carries no token
    # completeListSize is as counted when the harvest began, raised if records came since.
    total = max(state["total"], next_cursor + (1 if more else 0))
    token = _el(element, "resumptionToken", completeListSize=str(total), cursor=str(cursor))
    if more:
        last = batch[-1]
        # Where this page ended, to the microsecond: several records can share a second.
        state.update(after=[last.datestamp.isoformat(), last.record_id], cursor=next_cursor)
        token.text = _encode(state)


def _selection(state):
    live = Document.objects.published()
    withdrawn = Withdrawal.objects.all()
    if state["from"]:
        live = live.filter(modified__gte=state["from"])
        withdrawn = withdrawn.filter(withdrawn_at__gte=state["from"])
    if state["until"]:
        live = live.filter(modified__lte=state["until"])
        withdrawn = withdrawn.filter(withdrawn_at__lte=state["until"])
    if state["set"]:
        spec = state["set"]
        live = live.filter(collections__slug=spec)
        # Set specs are stored space-separated; one spec is a whole word of that list, in
        # its case (LIKE would ignore case on SQLite, where = and the collections do not).
        withdrawn = withdrawn.filter(sets__regex=rf"(^| ){re.escape(spec)}( |$)")
    return live, withdrawn


class _Item:
    """A record in a list: a published document, or a withdrawn one."""

    def __init__(self, record_id, datestamp, document=None, withdrawal=None):
        self.record_id, self.datestamp = record_id, datestamp
        self.document, self.withdrawal = document, withdrawal


def _page(live, withdrawn, after, size, with_metadata):
    """The next `size` items in (datestamp, record id) order, after the last one sent."""
    if after:
        moment, record_id = _moment(after[0]), after[1]
        live = live.filter(modified__gte=moment).exclude(modified=moment, record_id__lte=record_id)
        withdrawn = withdrawn.filter(withdrawn_at__gte=moment).exclude(
            withdrawn_at=moment, record_id__lte=record_id
        )
    if with_metadata:
        live = _with_relations(live.for_export())  # headers need only the collections
    documents = live.prefetch_related("collections").order_by("modified", "record_id")
    items = [_Item(d.record_id, d.modified, document=d) for d in documents[:size]]
    items += [
        _Item(w.record_id, w.withdrawn_at, withdrawal=w)
        for w in withdrawn.order_by("withdrawn_at", "record_id")[:size]
    ]
    items.sort(key=lambda item: (item.datestamp, item.record_id))
    return items[:size]


def _with_relations(documents):
    """The documents with their confirmed relations to published documents, for dc:relation:
    two queries a page. A suggestion from the importer is never harvested."""
    confirmed = DocumentRelation.objects.filter(status=DocumentRelation.Status.CONFIRMED)
    published = Document.Status.PUBLISHED
    return documents.prefetch_related(
        Prefetch(
            "relations_from",
            queryset=confirmed.filter(target__status=published).select_related("target"),
        ),
        Prefetch(
            "relations_to",
            queryset=confirmed.filter(source__status=published).select_related("source"),
        ),
    )


def _encode(state):
    # Moments at full precision: an inclusive "until" ends at 23:59:59.999999.
    text = json.dumps(state, separators=(",", ":"), default=lambda moment: moment.isoformat())
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(token):
    try:
        padded = token + "=" * (-len(token) % 4)
        state = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if set(state) != {"from", "until", "set", "after", "cursor", "total"}:
            raise ValueError
        for key in ("from", "until"):
            if state[key] is not None:
                state[key] = _moment(state[key])
        if state["set"] is not None and not _is_set_spec(state["set"]):
            raise ValueError
        for key in ("cursor", "total"):
            if not isinstance(state[key], int) or isinstance(state[key], bool) or state[key] < 0:
                raise ValueError
        after = state["after"]
        if after is not None:
            if len(after) != 2 or not isinstance(after[1], int):
                raise ValueError
            after[0] = _moment(after[0]).isoformat()
        return state
    except (
        ValueError,
        OverflowError,
        KeyError,
        TypeError,
        AttributeError,
        binascii.Error,
    ) as error:
        raise OAIError(
            "badResumptionToken", "The resumptionToken is not one this repository gave."
        ) from error


def _moment(text):
    """A moment in a token: aware, in UTC, and within the calendar once moved there."""
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a moment without its time zone")
    return moment.astimezone(datetime.UTC)  # OverflowError at the calendar's ends


# OAI-PMH's setSpec syntax: unreserved URI characters, levels joined by colons.
_SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(?::[A-Za-z0-9\-_.!~*'()]+)*")


def _is_set_spec(value):
    return isinstance(value, str) and _SET_SPEC.fullmatch(value) is not None


def _parse_date(value, name, end_of_day=False):
    """A UTC datetime from either granularity; None for no value.

    `until` is inclusive at its granularity: until=1951-06-30 takes in the whole day,
    and until=…T12:00:00Z the whole second (datestamps hide the fractions).
    """
    if value is None:
        return None
    for pattern, form, span in (
        ("%Y-%m-%dT%H:%M:%SZ", r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", "seconds"),
        ("%Y-%m-%d", r"\d{4}-\d{2}-\d{2}", "days"),
    ):
        if not re.fullmatch(form, value):
            continue  # strptime alone would take 1951-6-3 and lower-case t and z
        try:
            moment = datetime.datetime.strptime(value, pattern).replace(tzinfo=datetime.UTC)
        except ValueError:
            continue
        if end_of_day:
            try:
                moment += datetime.timedelta(**{span: 1}) - datetime.timedelta(microseconds=1)
            except OverflowError:  # until=9999-12-31: the end of time
                moment = datetime.datetime.max.replace(tzinfo=datetime.UTC)
        return moment
    raise OAIError("badArgument", f"“{name}” is not a date in {GRANULARITY} or YYYY-MM-DD.")


def _check_range(args, state):
    given = [args[name] for name in ("from", "until") if name in args]
    if len(given) == 2 and ("T" in given[0]) != ("T" in given[1]):
        raise OAIError("badArgument", "“from” and “until” must have the same granularity.")
    if state["from"] and state["until"] and state["from"] > state["until"]:
        raise OAIError("badArgument", "“from” is later than “until”.")


def _check_prefix(prefix):
    if prefix != "oai_dc":
        raise OAIError("cannotDisseminateFormat", f"Records are not available as “{prefix}”.")


def _live_or_withdrawn(identifier):
    record_id = _record_id(identifier)
    document = (
        _with_relations(Document.objects.published().for_export())
        .prefetch_related("collections")
        .filter(record_id=record_id)
        .first()
    )
    if document:
        return _Item(document.record_id, document.modified, document=document)
    withdrawal = Withdrawal.objects.filter(record_id=record_id).first()
    if withdrawal:
        return _Item(withdrawal.record_id, withdrawal.withdrawn_at, withdrawal=withdrawal)
    raise OAIError("idDoesNotExist", f"No record has the identifier “{identifier}”.")


# --- Records ---------------------------------------------------------------------------------


def _header(parent, item):
    header = _el(parent, "header")
    if item.withdrawal:
        header.set("status", "deleted")
    _el(header, "identifier", identifier_for(item.record_id))
    _el(header, "datestamp", _datestamp(item.datestamp))
    if item.withdrawal:
        sets = item.withdrawal.sets.split()
    else:
        sets = [collection.slug for collection in item.document.collections.all()]
    for spec in sets:
        _el(header, "setSpec", spec)
    return header


def _record(parent, item, request, with_metadata):
    record = _el(parent, "record")
    _header(record, item)
    if item.document and with_metadata:
        _dublin_core(_el(record, "metadata"), item.document, request)


def _dublin_core(metadata, document, request):
    record = record_for(document, request.build_absolute_uri(document.get_absolute_url()))
    dc = _el(
        metadata,
        "dc",
        namespace=OAI_DC,
        **{f"{{{XSI}}}schemaLocation": f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"},
    )
    for name, value in dublin_core.elements(record):
        _el(dc, name, value, namespace=DC)
