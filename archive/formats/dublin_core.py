"""A document's record as Dublin Core elements: one mapping for the page and for OAI-PMH."""


def elements(record):
    """[(element, value)] of the fifteen-element Dublin Core, in a stable order."""
    values = [("title", record.title)]
    values += [("creator", name.display) for name in record.authors]
    values += [("contributor", name.display) for name in record.recipients]
    values += [("contributor", name.display) for name in record.translators]
    values += [("contributor", name.display) for _role, name in record.contributors]
    if record.dated:
        # ISO 8601 as EDTF writes it, which Dublin Core's date takes: a range as an
        # interval ("1951-06-29/1951-06-30"), an approximate date with "~".
        values.append(("date", record.iso_date))
    values += [("type", "Text"), ("type", record.genre), ("language", record.language)]
    values.append(("identifier", record.url))
    if record.archive_location:
        values.append(("source", record.archive_location))
    if record.source:
        values.append(("source", record.source))
    values += [("source", publication) for publication in record.publications]
    # The documents it is confirmed to answer, forward, enclose…, either way round, by the
    # address that identifies each in its own record.
    values += [("relation", url) for url in dict.fromkeys(link.url for link in record.relations)]
    if record.summary:
        values.append(("description", record.summary))
    values += [("subject", subject) for subject in record.subjects]
    values += [("coverage", place) for place in record.places]
    if record.rights:
        values.append(("rights", record.rights))
    if record.archive:
        values.append(("publisher", record.archive))
    return values
