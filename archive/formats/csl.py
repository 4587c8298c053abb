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
    if record.date_parts:
        item["issued"] = {"date-parts": [record.date_parts]}
        if record.date_approximate:
            item["issued"]["circa"] = True
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


def _name(name):
    if name.family:
        return {"family": name.family, "given": name.given}
    return {"literal": name.display}
