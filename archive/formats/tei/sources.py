"""Where the document comes from, in TEI: its sources in <sourceDesc>, its credits as
<respStmt> and <funder> in <titleStmt>.

An archival reference is an <msDesc>: a Russian one with each level as an
identifier of its own, another system's with its shelfmark as written. A
publication is a <bibl> with its parts tagged; a provenance note, and a source
kept as written, a <bibl> holding the words.
"""

from ...sources.russian import LEVELS
from .elements import el

_RESPONSIBILITIES = {
    "translator": "translated by",
    "obtained_by": "obtained by",
    "contributor": "contributed by",
    "transcriber": "transcribed by",
}


def credits(title_stmt, document):
    """A <respStmt> for each credit (the person and the organisation they worked for), and a
    <funder> for each who paid for the work."""
    for credit in document.credits.all():
        if credit.role == "funder":
            el(title_stmt, "funder", credit.credited)
            continue
        statement = el(title_stmt, "respStmt")
        el(statement, "resp", _RESPONSIBILITIES.get(credit.role, credit.role))
        if credit.name:
            el(statement, "persName", credit.name)
        if credit.organisation:
            el(statement, "orgName", credit.organisation)


def source_description(file_desc, document, record, site_name):
    """The <sourceDesc>: each source, the archive's stamps, and the digital archive's record."""
    source = el(file_desc, "sourceDesc")
    for item in document.sources.all():
        if item.kind == "archival":
            _russian(source, item, document, record)
        elif item.kind == "archival_other":
            _other(source, item, document, record)
        elif item.kind == "published":
            _publication(source, item)
        else:  # a provenance note, or a source kept as written
            bibl = el(source, "bibl", type=item.kind)
            el(bibl, "note", item.as_written, type=item.relation)
    stamps = document.archive_stamps.splitlines()
    first = source.find("msDesc")
    if stamps and first is not None:
        # The numbers the archive stamped on the page.
        paragraph = el(el(el(first, "physDesc"), "additions"), "p")
        for n, stamp in enumerate(stamps):
            element = el(paragraph, "stamp", stamp, lang=document.original_language)
            element.tail = " " if n < len(stamps) - 1 else None
    bibl = el(source, "bibl")
    if document.source_url:
        el(bibl, "ref", document.source_site or document.source_url, target=document.source_url)
    else:
        el(bibl, "title", document.source_site or site_name)
    if document.recommended_citation:
        el(bibl, "note", document.recommended_citation, type="recommendedCitation")
    if stamps and first is None:  # no reference to hang the page's stamps on
        el(bibl, "note", " · ".join(stamps), type="stamps")


def _russian(parent, source, document, record):
    repository = source.repository
    ms = el(parent, "msDesc")
    identifier = el(ms, "msIdentifier")
    if repository is not None:
        el(identifier, "settlement", repository.location)
        el(identifier, "repository", repository.name_en)
    # The shelfmark whole, then each level of it as an identifier of its own.
    el(identifier, "idno", source.levels, type="shelfmark")
    for level in LEVELS:
        value = getattr(source, level)
        if level == "listy" and not source.listy_plural:
            level = "list"  # one sheet: list; several: listy
        if value:
            el(el(identifier, "altIdentifier", type=level), "idno", value, type=level)
    alternative = el(identifier, "altIdentifier", type="citation")
    el(alternative, "idno", source.citation, type="citation")
    _contents(ms, source, document, record)


def _other(parent, source, document, record):
    ms = el(parent, "msDesc")
    identifier = el(ms, "msIdentifier")
    if source.repository is not None:
        el(identifier, "settlement", source.repository.location)
        el(identifier, "repository", source.repository.name_en)
    # Another archive's levels are its own: the shelfmark as written, not fond and opis.
    el(identifier, "idno", source.reference or source.as_written, type="shelfmark")
    alternative = el(identifier, "altIdentifier", type="citation")
    el(alternative, "idno", source.as_written, type="citation")
    _contents(ms, source, document, record)


def _contents(ms, source, document, record):
    if source.relation != "held":  # a copy: say how it stands to the record
        el(ms, "head", source.get_relation_display(), type="relation")
    el(el(ms, "msContents"), "textLang", record.language_name, mainLang=document.original_language)


def _publication(parent, source):
    bibl = el(parent, "bibl", type=source.relation)
    if source.authors:
        el(bibl, "editor" if source.editors else "author", source.authors)
    if source.article:
        el(bibl, "title", source.article, level="a")
    if source.title:
        el(bibl, "title", source.title, level="m" if not source.issue else "j")
    if source.title_en:
        el(bibl, "title", source.title_en, type="translated", lang="en")
    for unit, value in (
        ("volume", source.volume),
        ("part", source.book),
        ("issue", source.issue),
    ):
        if value:
            el(bibl, "biblScope", value, unit=unit)
    if source.part_title:
        el(bibl, "title", source.part_title, type="sub")
    if source.place:
        el(bibl, "pubPlace", source.place)
    if source.publisher:
        el(bibl, "publisher", source.publisher)
    if source.year:
        el(bibl, "date", source.year)
    if source.pages:
        el(bibl, "biblScope", source.pages, unit="page")
    if source.number:
        el(bibl, "idno", source.number, type="document")
    el(bibl, "note", source.as_written, type="asWritten")
