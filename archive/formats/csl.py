"""CSL-JSON: the citation data Zotero, Mendeley and every citeproc read."""


def csl_item(record):
    """One CSL-JSON item (a dict) for a Record."""
    item = {
        "id": str(record.record_id),
        "type": "manuscript",
        "title": record.title,
        "genre": record.genre,
        "language": record.language,
        "URL": record.url,
    }
    if record.authors:
        item["author"] = [_name(name) for name in record.authors]
    if record.recipients:
        item["recipient"] = [_name(name) for name in record.recipients]
    if record.translators:
        item["translator"] = [_name(name) for name in record.translators]
    issued = _issued(record)
    if issued:
        item["issued"] = issued
    if record.archive:
        item["archive"] = record.archive
    if record.source:
        item["source"] = record.source
    if record.archive_location:
        item["archive_location"] = record.archive_location
    if record.summary:
        item["abstract"] = record.summary
    if record.subjects:
        item["keyword"] = ", ".join(record.subjects)
    return item


def _issued(record):
    """A date as CSL-JSON has it: one date-parts entry, or two for a range ([[1951, 6, 29],
    [1951, 6, 30]]), each cut to what is known; "circa" for an approximate date.

    CSL has no open range: a date open at an end is given as its words ("not after 1951"),
    which citeproc prints as they are. Nor has it a mark for an uncertain or inferred date:
    those are given by their parts (the page and our own Chicago citation say the rest).
    """
    if not record.dated:
        return None
    if not (record.date_start and record.date_end):
        return {"literal": record.date_text}
    parts = [record.date_start]
    if record.date_is_range:
        parts.append(record.date_end)
    issued = {"date-parts": parts}
    if record.date_approximate:
        issued["circa"] = True
    return issued


def _name(name):
    if name.family:
        return {"family": name.family, "given": name.given}
    return {"literal": name.display}
