"""What a record says about itself before its texts: date, citation, record id, language,
type, and the scans its Contents list.

Only what makes a record unusable refuses it: no record id, a date that is not a
date. Everything else that is missing or unfamiliar (an unknown language, a title
that names no type) is imported as well as it can be, and said in a warning.
"""

import re
from collections import Counter

from django.utils.text import slugify

from .. import exchange
from ..dates import (
    DatePrecision,
    ImpossibleDate,
    format_partial_date,
    parse_written_date,
    read_loosely,
)
from ..languages import LANGUAGE_NAMES, language_code
from ..romanization import slug as latin_slug
from . import language_id
from .source import RecordFileError

_URL = re.compile(r"^<?(?P<url>https?://\S+?)>?$")
_ANY_URL = re.compile(r"<?(?P<url>https?://[^\s>]+)>?")
# Where a document type's name ends in a title: "Ciphered Telegram No. 21336 from…".
_TYPE_END = re.compile(r"\s+(?:No\.|from|to|between|on|by|of\s+\d)\s|,|:|\s+\(", re.IGNORECASE)
GENERIC_TYPE = {"slug": "document", "name": "Document", "name_ru": "Документ"}


def date(record, warnings):
    """(date, precision, approximate); RecordFileError for a date the calendar does not have.

    A date in a notation the importer does not read ("June 25-26, 1950", "Undated", "Summer
    1953") is kept as written, dated as near as its words allow (approximate), and reported.
    """
    written = record.date_as_written
    try:
        return parse_written_date(written)
    except ImpossibleDate as error:
        raise RecordFileError(str(error), record.date_line) from None
    except ValueError:
        pass
    near = read_loosely(written)
    if not written:
        warnings.append("the record gives no date: the document is undated")
        return None, DatePrecision.DAY, False
    if near is None:
        warnings.append(f"the date “{written}” is kept as written; the document is undated")
        return None, DatePrecision.DAY, False
    day, precision = near
    shown = format_partial_date(day, precision, approximate=True)
    warnings.append(f"the date “{written}” is kept as written, and dated {shown}")
    return day, precision, True


def citation(record):
    """(URL, the citation's lines without it). The record id is read from the URL, so a
    record without one cannot be imported; it may also stand elsewhere in the header."""
    lines = [line for line in record.sections.get("Citation", []) if line.text.strip()]
    url, text = None, []
    for line in lines:
        match = _URL.match(line.text.strip())
        if match and url is None:
            url = match["url"]
        else:
            text.append(line.text.strip())
    if url is None:
        for line in [*lines, *(line for part in record.sections.values() for line in part)]:
            found = _ANY_URL.search(line.text)
            if found and re.search(r"\d/?$", found["url"].split("?")[0]):
                url = found["url"]
                break
    if url is None:
        raise RecordFileError(
            "the record gives no URL of its own (a line like <https://…/document/110371> in "
            "the citation); the record id is read from it",
            lines[0].number if lines else record.date_line,
        )
    return url, text


def record_id(url, record):
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    match = re.search(r"(\d+)$", path)
    if not match:
        raise RecordFileError(
            f"the URL {url} does not end in the record's number", record.section_line("Citation")
        )
    return int(match.group(1))


def original_language(record, listed, warnings):
    """The original's language: as the record names it, else the transcription's, else the
    body's; "und" (undetermined) with a warning when it cannot be told."""
    written = record.section_text("Original Language").strip()
    code = language_code(written)
    if code:
        return code
    transcription = next((e for e in listed if e.kind == "transcription" and e.language), None)
    if written:
        warnings.append(
            f"“{written}” is not a language the archive knows: the original's language is "
            "recorded as undetermined (add it to archive/languages.py)"
        )
        return "und"
    if transcription is not None:
        return transcription.language
    known = [code for code in LANGUAGE_NAMES if language_id.knows(code)]
    guess = language_id.guess_language(_opening(record.body[:40]), known)
    warnings.append(
        "the record names no original language: "
        + (f"{LANGUAGE_NAMES[guess]}, as its text reads" if guess else "recorded as undetermined")
    )
    return guess or "und"


def _opening(lines):
    """The text of the body's first text, which is the original, as far as it can be told:
    up to a "## " heading, or to where the script changes, since a translation with no
    heading of its own may follow at once (Russian and English read together as Uzbek)."""
    opening, script = [], None
    for block in _blocks(lines):
        if opening and block[0].startswith("## "):
            break
        found = _script(block)
        if script and found and found != script:
            break
        script = script or found
        opening += block
    return "\n".join(opening)


def _blocks(lines):
    """The runs of non-blank lines, as lists of their texts."""
    blocks, current = [], []
    for line in [*lines, None]:
        if line is not None and line.text.strip():
            current.append(line.text)
        elif current:
            blocks.append(current)
            current = []
    return blocks


_BRACKETED = re.compile(r"\[[^\[\]\n]*\]")
# Han, kana and Hangul mix in one text (Japanese, Korean): one family of scripts here.
_EAST_ASIAN = {"Han": "East Asian", "Kana": "East Asian", "Hangul": "East Asian"}


def _script(block):
    """The script most of a block's letters are in, or None for a block of a few letters
    ("№ 3300", "2.7"), which any text may hold."""
    text = _BRACKETED.sub("", "\n".join(block))  # an editor's "[Stamp]" is not the text's
    scripts = [language_id.script_of(ch) for ch in text if ch.isalpha()]
    scripts = [_EAST_ASIAN.get(script, script) for script in scripts if script]
    if len(scripts) < 5:
        return None
    script, count = Counter(scripts).most_common(1)[0]
    return script if count >= 0.8 * len(scripts) else None


def document_type(record, terms, kind, warnings):
    """The type the title begins with, or the title's kind of document ("Memorandum of
    Conversation" in "From the Diary of X: Memorandum of…"); a new type of that name if
    the archive has none; for a title that names none, the type a heading of the text
    names ("ШИФРТЕЛЕГРАММА"); "Document" if nothing tells."""
    for candidate in (record.title, kind):
        term = terms.type_in(candidate) if candidate else None
        if term is not None:
            return exchange.vocabulary_entry(term)
    words = _up_to_kind((kind or "").strip())  # "Japanese Foreign Ministry, '…'" names none
    if not words:
        for line in record.body[:12]:
            term = terms.type_in(line.text) if line.text.isupper() else None
            if term is not None:
                return exchange.vocabulary_entry(term)
        words = _up_to_kind(_TYPE_END.split(record.title, maxsplit=1)[0].strip())
    words = re.sub(r"\s+No\.?\s*\S+$", "", words)
    if not words or len(words) > 60:
        # "Japanese Foreign Ministry, 'On the…'": the title begins with its author.
        warnings.append("the title names no type of document: it is recorded as a Document")
        return dict(GENERIC_TYPE)
    name = words[:1].upper() + words[1:].lower()
    warnings.append(f"new document type “{name}”")
    slug = (slugify(name)[:80] or latin_slug(name, length=80)).strip("-")
    return {"slug": slug, "name": name, "name_ru": ""}


# What the last word of a type of document is ("Ciphered Telegram", "Minutes of
# Conversation", "Talking Points"): a title that begins otherwise begins with a name.
_KINDS_OF_DOCUMENT = set(
    """
    account address aide-memoire aide-mémoire airgram analysis announcement answer appeal
    article assessment background briefing bulletin cable ciphergram circular chronology
    comment communication communique communiqué conclusion conversation correspondence
    decision declaration decree despatch diary directive discussion dispatch document draft
    editorial estimate evaluation exchange excerpt extract guidance information instruction
    interview invitation journal lecture letter list log map memo memoranda memorandum
    message minute note notebook notification order paper plan point policy position
    proposal protocol questionnaire radiogram record remark reply report request resolution
    response review speech statement strategy study summary survey talk telegram testimony
    text toast transcript treaty wire agreement
""".split()
)


def _up_to_kind(words):
    """The words up to the last that names a kind of document ("Talking Points" of "Talking
    Points for the Meeting", "Record of a Conversation"), or "" if none does."""
    end = 0
    for match in re.finditer(r"[^\W\d_][\w'-]*", words):
        word = match[0].lower()
        if word in _KINDS_OF_DOCUMENT or word[:-1] in _KINDS_OF_DOCUMENT:
            end = match.end()
    return words[:end]


def scans(listed):
    """The scans the Contents list ("Original Scan"): known to exist, not held."""
    return [
        {"label": entry.label, "source_url": "", "image": None}
        for entry in listed
        if entry.kind == "scan"
    ]
