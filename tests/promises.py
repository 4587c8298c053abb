"""What every public URL promises, worked out from the request, and a judge of the answers.

A `Request` carries the answers that keep the site's promises: its status (200, 301 and
where to, 400 for an invalid filter, 404 for an unknown id or slug) and, for OAI-PMH, the
error codes the protocol allows. The `*_request` builders work this out from the request
itself, so a hand-written edge case and a generated one are judged by the same rules.
`exercise()` sends one request and returns what was wrong with the answer.

The strategies that generate requests are in tests/fuzzing.py. Both need the seed
fixtures loaded (record 110371 and its vocabulary) and Django set up.
"""

import base64
import csv
import datetime
import io
import json
import re
import sys
import traceback
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from django.db import transaction
from django.http import QueryDict
from django.utils.http import MAX_URL_REDIRECT_LENGTH

from archive.filters import SORTS
from archive.languages import LANGUAGES
from archive.models import Role

ROOT = str(Path(__file__).resolve().parent.parent) + "/"

# --- What the seed holds ----------------------------------------------------------------

SEED_ID = 110371
SEED_SLUG = "ciphered-telegram-no-21336-from-beijing-mao-zedong-to-cde-filippov-stalin"
CANONICAL = f"/documents/{SEED_ID}/{SEED_SLUG}/"
SEED_OAI_ID = f"oai:cold-war-archive.example.org:{SEED_ID}"
# Every person in the seed has a role in the published record, so all of them are public.
PERSONS = [
    "mao-zedong", "kim-il-sung", "joseph-stalin", "matthew-ridgway", "yakov-malik",
    "elezov", "korniushina", "makarov",
]  # fmt: skip
REPOSITORIES = {
    "aprf": ("APRF", "АПРФ"),
    "avp-rf": ("AVP RF", "АВП РФ"),
    "rgaspi": ("RGASPI", "РГАСПИ"),
}
COLLECTIONS = ["korean-war", "korean-war-armistice", "sino-soviet-relations"]
TYPES = [
    "ciphered-telegram", "telegram", "letter", "memorandum", "record-of-conversation",
    "report", "resolution", "minutes",
]  # fmt: skip
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
ROLES = list(Role.Kind.values)
SORT_KEYS = [key for key, _label in SORTS]
STATIC_FILES = ["/static/css/archive.css", "/static/js/archive.js"]
CITATIONS = ["cite.bib", "cite.ris", "cite.json", "tei.xml"]
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
FACETS = {
    "person": PERSONS,
    "role": ROLES,
    "repository": list(REPOSITORIES),
    "language": LANGUAGE_CODES,
    "type": TYPES,
    "collection": COLLECTIONS,
    "sort": SORT_KEYS,
}

# --- Requests and what they must get --------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Request:
    """One request, and the answers that keep the site's promises for it."""

    family: str
    path: str  # percent-encoded, as it goes on the wire
    query: str = ""  # percent-encoded; the body of a POST
    method: str = "GET"
    statuses: frozenset = frozenset({200})
    location: str | None = None  # where a redirect must lead
    oai_errors: frozenset | None = None  # OAI-PMH error codes allowed; None stands for none

    @property
    def url(self):
        return self.path + (f"?{self.query}" if self.query else "")

    def __repr__(self):
        # Hypothesis prints failing examples: the URL, cut short, says which one it was.
        return f"<{_title(self, limit=300)}>"


def segment(text):
    """`text` as one path segment: a slash in it is data, not a separator."""
    return quote(text, safe="")


def encode_query(pairs):
    """A query string from (name, value) pairs, repeats kept, or from a dict."""
    return urlencode(list(pairs.items() if isinstance(pairs, dict) else pairs))


def _as_record_id(text):
    """The record id a path segment gives `<int:record_id>`, or None if the URL can't match."""
    if not re.fullmatch(r"[0-9]+", text):
        return None
    try:
        return int(text)
    except ValueError:  # more digits than Python converts: the converter gives up too
        return None


def home_request(query=""):
    return Request("home", "/", query)


def listing_request(family, path, query=""):
    """A page that takes no parameters and must ignore whatever it is given."""
    return Request(family, path, query)


def browse_request(query=""):
    return Request("browse", "/documents/", query, statuses=_filter_statuses(query))


def export_request(extension, query=""):
    return Request(
        "export", f"/documents/export.{extension}", query, statuses=_filter_statuses(query)
    )


def document_request(record, slug=None, query=""):
    """/documents/<id>/ and /documents/<id>/<slug>/: the canonical page, a redirect, or 404."""
    path = f"/documents/{segment(record)}/" + ("" if slug is None else f"{segment(slug)}/")
    if _as_record_id(record) != SEED_ID or (slug is not None and not SLUG.fullmatch(slug)):
        return Request("document", path, query, statuses=frozenset({404}))
    if slug == SEED_SLUG:
        return Request("document", path, query)
    # No slug, or an old or mistyped one: one permanent redirect, the query kept.
    location = CANONICAL + (f"?{query}" if query else "")
    if len(location) > MAX_URL_REDIRECT_LENGTH:
        # Django will not redirect that far (DisallowedRedirect, a 400), and says so.
        return Request("document", path, query, statuses=frozenset({400}))
    return Request("document", path, query, statuses=frozenset({301}), location=location)


def citation_request(record, name, query=""):
    path = f"/documents/{segment(record)}/{segment(name)}"
    record_id = _as_record_id(record)
    if name in CITATIONS:
        status = 200 if record_id == SEED_ID else 404
        return Request("citation", path, query, statuses=frozenset({status}))
    if record_id is not None and SLUG.fullmatch(name):
        # /documents/1/cite is a slug without its slash: CommonMiddleware adds it, the
        # query kept, unless that is past what Django redirects to (a 400, as above).
        location = f"{path}/" + (f"?{query}" if query else "")
        if len(location) > MAX_URL_REDIRECT_LENGTH:
            return Request("citation", path, query, statuses=frozenset({400}))
        return Request("citation", path, query, statuses=frozenset({301}))
    return Request("citation", path, query, statuses=frozenset({404}))


def manifest_request(record, query=""):
    # The seed's one scan has no image file, so no document has a IIIF manifest.
    path = f"/documents/{segment(record)}/manifest.json"
    return Request("manifest", path, query, statuses=frozenset({404}))


def scan_request(record, scan, size):
    # Scans are served only when they have an image: the seed's has none.
    path = f"/documents/{segment(record)}/scans/{segment(scan)}/{segment(size)}"
    return Request("scan", path, statuses=frozenset({404}))


def person_request(slug, query=""):
    status = 200 if slug in PERSONS else 404
    return Request("person", f"/persons/{segment(slug)}/", query, statuses=frozenset({status}))


def _squeeze(text):
    return "".join(text.split()).casefold()


def repository_request(name, query=""):
    """A repository by slug; by abbreviation ("AVP RF", "АВП РФ", "avprf") a redirect to it."""
    path = f"/repositories/{segment(name)}/"
    if name in REPOSITORIES:
        return Request("repository", path, query)
    if name and "/" not in name:
        for slug, abbreviations in REPOSITORIES.items():
            if _squeeze(name) in {_squeeze(a) for a in abbreviations}:
                location = f"/repositories/{slug}/"
                return Request(
                    "repository", path, query, statuses=frozenset({301}), location=location
                )
    return Request("repository", path, query, statuses=frozenset({404}))


def collection_request(slug, query=""):
    status = 200 if slug in COLLECTIONS else 404
    path = f"/collections/{segment(slug)}/"
    return Request("collection", path, query, statuses=frozenset({status}))


def sitemap_request(query=""):
    page = QueryDict(query).get("p")
    status = 200
    if page is not None:
        # Django's sitemap view: a page that is no number, or past the only one, is a 404.
        try:
            status = 200 if int(page) == 1 else 404
        except ValueError:
            status = 404
    return Request("sitemap", "/sitemap.xml", query, statuses=frozenset({status}))


def static_request(path):
    status = 200 if path in STATIC_FILES else 404
    return Request("static", path, statuses=frozenset({status}))


def media_request(name):
    # Uploads are served through views that check who may see them, never from /media/.
    return Request("media", f"/media/{segment(name)}", statuses=frozenset({404}))


def stray_request(prefix, name):
    """An address the site has no page for: a 404, or the slash-adding 301 if it lacks one."""
    path = f"/{prefix}/{segment(name)}"
    return Request("stray", path, statuses=frozenset({301, 404}))


def oai_request(query, method="GET"):
    errors = frozenset(_oai_errors(QueryDict(query)))
    return Request("oai", "/oai/", query, method, oai_errors=errors)


# --- The browse filters' promise: results for valid filters, a 400 with the form for others -


def _date_from_form(value):
    """(valid, date): True for a date every date field takes, False for none, None unsure."""
    if value == "":
        return True, None
    text = value.strip()
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)
    american = re.fullmatch(r"([0-9]{2})/([0-9]{2})/([0-9]{4})", text)
    if iso or american:
        year, month, day = iso.groups() if iso else american.group(3, 1, 2)
        try:
            return True, datetime.date(int(year), int(month), int(day))
        except ValueError:
            return False, None
    if not any(ch.isdecimal() for ch in text):
        return False, None  # every date format has a day and a year in it
    return None, None


def _filter_statuses(query):
    """200 when every filter is valid, 400 when one is not, either when it is not clear."""
    data = QueryDict(query)
    verdicts = []
    for name, choices in FACETS.items():
        value = data.get(name)
        if value is not None:
            verdicts.append(value == "" or value in choices)
    dates = {}
    for name in ("date_from", "date_to"):
        value = data.get(name)
        if value is not None:
            valid, dates[name] = _date_from_form(value)
            verdicts.append(valid)
    if dates.get("date_from") and dates.get("date_to") and dates["date_from"] > dates["date_to"]:
        verdicts.append(False)
    if False in verdicts:
        return frozenset({400})
    if None in verdicts:
        return frozenset({200, 400})
    return frozenset({200})


# --- OAI-PMH: what the protocol says each request must be answered with ------------------

OAI_VERBS = {
    # verb: (required arguments, optional arguments); resumptionToken is exclusive.
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
}
TOKEN_KEYS = {"from", "until", "set", "after", "cursor", "total"}
# The protocol's setSpec: unreserved URI characters, in levels joined by colons.
SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(?::[A-Za-z0-9\-_.!~*'()]+)*")


def _oai_moment(value, end=False):
    """(granularity, moment) of a UTCdatetime; None when it is not one."""
    for pattern, form, step in (
        ("%Y-%m-%dT%H:%M:%SZ", r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", "s"),
        ("%Y-%m-%d", r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "d"),
    ):
        if not re.fullmatch(form, value):
            continue
        try:
            moment = datetime.datetime.strptime(value, pattern)
        except ValueError:
            return None
        if end:
            # The whole second or day is included; a day at the end of time ends with it.
            span = datetime.timedelta(**{"seconds" if step == "s" else "days": 1})
            try:
                moment = moment + span - datetime.timedelta(microseconds=1)
            except OverflowError:
                moment = datetime.datetime.max
        return step, moment
    return None


def _bad_range(start, end):
    """Whether `from` and `until` are no dates, differ in granularity, or are the wrong way round."""
    bounds = []
    for value, is_end in ((start, False), (end, True)):
        if value is not None:
            parsed = _oai_moment(value, end=is_end)
            if parsed is None:
                return True
            bounds.append(parsed)
    if len(bounds) < 2:
        return False
    (start_step, start_moment), (end_step, end_moment) = bounds
    return start_step != end_step or start_moment > end_moment


def _token_shaped(token):
    """Whether a token is even base64 JSON of the repository's state (not that it is good)."""
    try:
        state = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, TypeError):
        return False
    return isinstance(state, dict) and set(state) == TOKEN_KEYS


def _oai_errors(data):
    """The error codes the protocol allows for these arguments; None stands for an answer."""
    verbs = data.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in OAI_VERBS:
        return {"badVerb"}
    required, optional = OAI_VERBS[verbs[0]]
    names = [name for name in data if name != "verb"]
    if any(name not in required | optional or len(data.getlist(name)) > 1 for name in names):
        return {"badArgument"}
    args = {name: data[name] for name in names}
    verb = verbs[0]
    if "resumptionToken" in args:
        if len(args) > 1:
            return {"badArgument"}
        if verb == "ListSets" or not _token_shaped(args["resumptionToken"]):
            return {"badResumptionToken"}
        return {None, "noRecordsMatch", "badResumptionToken"}
    if not required <= args.keys():
        return {"badArgument"}
    if verb in ("Identify", "ListSets"):
        return {None}  # the seed's collections are its sets
    if verb == "ListMetadataFormats":
        return {None} if args.get("identifier", SEED_OAI_ID) == SEED_OAI_ID else {"idDoesNotExist"}
    # Several things wrong at once: the protocol does not say which to report.
    errors = set()
    if args["metadataPrefix"] != "oai_dc":
        errors.add("cannotDisseminateFormat")
    if verb == "GetRecord":
        if args["identifier"] != SEED_OAI_ID:
            errors.add("idDoesNotExist")
        return errors or {None}
    if _bad_range(args.get("from"), args.get("until")):
        errors.add("badArgument")
    if "set" in args and not SET_SPEC.fullmatch(args["set"]):
        errors.add("badArgument")  # not even the shape of a setSpec
    return errors or {None, "noRecordsMatch"}


# --- Sending a request, and judging the answer -----------------------------------------------


def exercise(client, request):
    """Send `request` through the Django test client; (status, [what was wrong])."""
    # Each request in a savepoint: a query that fails on PostgreSQL aborts the transaction,
    # and without this every later request would fail with it.
    with transaction.atomic():
        try:
            # Over HTTPS, as in production, where plain HTTP is only redirected to it.
            if request.method == "POST":
                response = client.post(
                    request.path,
                    request.query,
                    content_type="application/x-www-form-urlencoded",
                    secure=True,
                )
            else:
                response = client.get(request.url, secure=True)
            # Exports stream: their queries run only now, as the body is read.
            body = b"".join(response.streaming_content) if response.streaming else response.content
        except Exception:
            transaction.set_rollback(True)
            return 500, [f"{_title(request)} raised, uncaught\n{_where(sys.exc_info())}"]
        if response.status_code >= 500:
            transaction.set_rollback(True)
    return response.status_code, check_response(request, response, body)


def _title(request, limit=2000):
    url = request.url if request.method == "GET" else f"{request.path} with body {request.query}"
    if len(url) > limit:
        url = f"{url[:limit]}… ({len(url)} characters)"
    return f"{request.method} {url}"


def _where(exc_info):
    """The exception, and the last frames of ours it passed through: where to look first."""
    _type, error, tb = exc_info
    frames = [
        f for f in traceback.extract_tb(tb) if ROOT in f.filename and "-packages" not in f.filename
    ]
    lines = [
        f"  {f.filename.removeprefix(ROOT)}:{f.lineno} in {f.name}: {f.line}" for f in frames[-3:]
    ]
    return "\n".join([*lines, f"  {type(error).__module__}.{type(error).__qualname__}: {error}"])


def check_response(request, response, body):
    """What is wrong with `response` to `request`: [] when it keeps every promise."""
    status = response.status_code
    problems = []
    if status not in request.statuses:
        problem = f"{_title(request)} -> {status}, expected {sorted(request.statuses)}"
        exc_info = getattr(response, "exc_info", None)
        if exc_info:
            problem += "\n" + _where(exc_info)
        return [problem]
    location = response.get("Location")
    if status in (301, 302) and request.location is not None and location != request.location:
        problems.append(f"redirects to {location!r}, not {request.location!r}")
    if status == 200 or request.family in ("browse", "export"):
        checker = BODY_CHECKS.get(request.family, _html)
        try:
            problems += checker(request, response, body)
        except Exception:
            problems.append(f"its body could not be read:\n{_where(sys.exc_info())}")
    return [f"{_title(request)} -> {status}: {problem}" for problem in problems]


def _content_type(response, expected):
    actual = response.get("Content-Type", "")
    return [] if actual == expected else [f"Content-Type {actual!r}, not {expected!r}"]


def _html(request, response, body):
    return _content_type(response, "text/html; charset=utf-8")


def _browse(request, response, body):
    problems = _html(request, response, body)
    if response.status_code == 400 and b'role="alert"' not in body:
        problems.append("a 400 without the form's error message")
    return problems


def _export(request, response, body):
    if response.status_code == 400:
        problems = _content_type(response, "text/plain")
        if not body.startswith(b"Invalid filter: "):
            problems.append(f"a 400 that does not say which filter: {body[:200]!r}")
        return problems
    if request.path.endswith(".csv"):
        problems = _content_type(response, "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        if not rows or rows[0][0] != "\ufeffrecord_id":
            problems.append("a CSV file without its byte order mark and header")
        problems += [f"a CSV row of {len(row)} cells" for row in rows if len(row) != len(rows[0])]
        return problems
    problems = _content_type(response, "application/vnd.citationstyles.csl+json; charset=utf-8")
    items = json.loads(body)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        problems.append("CSL-JSON that is not a list of items")
    return problems


def _citation(request, response, body):
    name = request.path.rsplit("/", 1)[1]
    if name == "tei.xml":
        problems = _content_type(response, "application/tei+xml; charset=utf-8")
        if not ET.fromstring(body).tag.endswith("TEI"):
            problems.append("TEI without its TEI root")
        return problems
    problems = []
    if not response.get("Content-Disposition", "").startswith("attachment;"):
        problems.append("a citation that is not a download")
    text = body.decode("utf-8")
    if name == "cite.bib" and not text.startswith("@"):
        problems.append("BibTeX that does not start with an entry")
    if name == "cite.ris" and "TY  - " not in text:
        problems.append("RIS without a TY line")
    if name == "cite.json" and len(json.loads(text)) != 1:
        problems.append("CSL-JSON that is not one item")
    return problems


def _xml(request, response, body):
    ET.fromstring(body)  # raises when it is not well-formed
    return []


def _robots(request, response, body):
    problems = _content_type(response, "text/plain; charset=utf-8")
    if b"Sitemap: " not in body:
        problems.append("robots.txt without the sitemap")
    return problems


def _static(request, response, body):
    return [] if body else ["an empty static file"]


OAI = "{http://www.openarchives.org/OAI/2.0/}"


def _oai(request, response, body):
    problems = _content_type(response, "text/xml; charset=utf-8")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        line = body.splitlines()[error.position[0] - 1][:300]
        return [*problems, f"OAI-PMH answer that is not well-formed XML ({error}): {line!r}"]
    errors = [element.get("code") for element in root.findall(f"{OAI}error")]
    code = errors[0] if errors else None
    if len(errors) > 1 or code not in request.oai_errors:
        allowed = sorted(str(code) for code in request.oai_errors)
        problems.append(f"OAI-PMH error {errors or None}, expected one of {allowed}")
    request_element = root.find(f"{OAI}request")
    if code in ("badVerb", "badArgument") and request_element.attrib:
        problems.append("a badVerb or badArgument answer that echoes the arguments")
    if code is None and code in request.oai_errors:
        verb = QueryDict(request.query)["verb"]
        if root.find(f"{OAI}{verb}") is None:
            problems.append(f"no {verb} element in an answer without an error")
        if verb == "GetRecord":
            identifier = root.find(f"{OAI}GetRecord/{OAI}record/{OAI}header/{OAI}identifier")
            if identifier is None or identifier.text != SEED_OAI_ID:
                problems.append("GetRecord answered with another record")
    return problems


BODY_CHECKS = {
    "browse": _browse,
    "export": _export,
    "citation": _citation,
    "oai": _oai,
    "sitemap": _xml,
    "feed": _xml,
    "robots": _robots,
    "static": _static,
}
