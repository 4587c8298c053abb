"""RIS, the tagged format EndNote, Zotero and most reference managers import."""


def ris(record):
    """One RIS record of type MANSCPT (manuscript), tags in the order the format expects."""
    lines = [("TY", "MANSCPT")]
    lines += [("AU", name.inverted) for name in record.authors]
    lines += [("A4", name.inverted) for name in record.translators]  # A4: the translator
    lines.append(("TI", record.title))
    # RIS has one date, YYYY/MM/DD/, and no way to write a range or an open end: a range
    # is given by its start, to what is known of it ("1951/06//" for June 1951), a date
    # open at its start by none, and any date that is not one exact day, month or year is
    # said in words in a note besides, so that "between June 29 and 30" is not lost.
    start = record.date_start
    if start:
        parts = start + [None] * (3 - len(start))
        lines.append(("PY", f"{start[0]:04d}"))
        lines.append(("DA", "/".join(f"{p:02d}" if p else "" for p in parts) + "/"))
    lines.append(("M3", record.genre))
    if record.archive:
        lines.append(("DB", record.archive))
    if record.source:
        lines.append(("N1", f"Source: {record.source}"))
    if record.dated and not record.date_exact:
        lines.append(("N1", f"Date: {record.date_text}"))
    if record.archive_location:
        lines.append(("AV", record.archive_location))
    lines.append(("LA", record.language_name))
    if record.summary:
        lines.append(("AB", record.summary))
    lines += [("KW", subject) for subject in record.subjects]
    lines.append(("UR", record.url))
    lines.append(("ID", str(record.record_id)))
    lines.append(("ER", ""))
    # RIS is line-based: a value never contains a line break.
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)
