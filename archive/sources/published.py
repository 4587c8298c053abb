"""Published sources: documentary volumes, journals and bulletins a document is printed in.

Collections cite them as bibliographies do, in the order authors or editors,
title (with an English title in parentheses), volume, book or issue, then the
place, publisher and year in parentheses, then the pages:

    Andrei Ledovskii, Raisa Mirovitskaia and Vladimir Miasnikov, Sovetsko-Kitaiskie
        Otnosheniia, Vol. 5, Book 1, 1946-February 1950 (Moscow: Pamiatniki
        Istoricheskoi Mysli, 2005), p. 421
    Zhonggong zhongyang wenxian yanjiushi (…) and Zhongyang dang'anguan (…), eds., Jianguo
        yilai Zhou Enlai wengao (Zhou Enlai's Manuscripts since the Founding of the PRC),
        vol. 7 (Beijing: Zhongyang wenxian chubanshe, 2018), 37-39
    Mao wengao, vol. 5, p. 90
    CWIHP Bulletin #16

read() finds each part by its shape and print() writes them back in one
standard form; every word of the citation lands in some part, so nothing is lost.
"""

import re
from dataclasses import dataclass, fields

_VOLUME = re.compile(
    r"^(?:vol(?:ume)?s?\.?|t\.|tom|т\.|том|band|bd\.)\s*(?P<value>[\w/-]+)$", re.IGNORECASE
)
_BOOK = re.compile(r"^(?:book|bk\.|kn\.|кн\.|книга|part|pt\.|ч\.)\s*(?P<value>[\w/-]+)$", re.I)
_ISSUE = re.compile(r"^(?:issue|no\.|nos\.|№|#|nr\.|heft)\s*(?P<value>[\w/-]+)$", re.IGNORECASE)
_PAGES = re.compile(r"^(?:(?:pp?|с|сс|s|str)\.\s*)?(?P<value>\d[\dIVXLivxl]*(?:\s*[-–,]\s*\d+)*)$")
_TRAILING_ISSUE = re.compile(
    r"^(?P<title>.*?\S)\s*(?:#|No\.\s*|№\s*|Issue\s+|"
    r"(?:(?<=Bulletin)|(?<=Journal)|(?<=Review)|(?<=Studies))\s+)(?P<issue>\d[\w/-]*)$"
)
# "(Moscow: Pamiatniki Istoricheskoi Mysli, 2005)", "(Moscow, 2000)", "(Winter 1995/1996)".
_PUBLICATION = re.compile(
    r"\((?:(?P<place>[^():,]+?)\s*[:,]\s*)?(?:(?P<publisher>[^():]+?),\s*)?"
    r"(?P<year>(?:[A-Z][a-z]+\.?\s+)?\d{4}(?:[-–/]\d{2,4})?)\)"
)
_QUOTED = re.compile(r'^[“"](?P<article>[^”"]+?)[,.]?[”"],?\s*(?P<rest>.*)$')
_EDITORS = re.compile(r"^(?:eds?\.|editors?|comp\.|comps\.|compilers?|сост\.|ред\.)$", re.I)
_DOCUMENT = re.compile(
    r"^(?:as\s+)?(?:document|doc\.)\s*(?:no\.|#|№)?\s*(?P<number>[\w/-]+)\s*,?\s*in\s+", re.I
)
_PERSON = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’.-]*\s+){0,3}[A-ZА-ЯЁ][\w'’-]+$")


@dataclass
class Publication:
    authors: str = ""  # as written: "Andrei Ledovskii, Raisa Mirovitskaia and Vladimir Miasnikov"
    editors: bool = False  # the names are of editors or compilers ("eds.")
    article: str = ""  # the quoted title of an article or chapter in it
    title: str = ""
    title_en: str = ""  # the English title given in parentheses
    volume: str = ""
    book: str = ""
    part_title: str = ""  # the title of the volume or book: "1946-February 1950"
    issue: str = ""
    place: str = ""
    publisher: str = ""
    year: str = ""
    pages: str = ""
    number: str = ""  # the document's number in the volume ("Document no. 26")

    def __str__(self):
        return print_publication(self)


FIELDS = [f.name for f in fields(Publication)]


def looks_published(text):
    """Whether a citation without an opening phrase is a publication: it gives a volume,
    an issue, a publisher and year in parentheses, or editors."""
    items = _items(_PUBLICATION.sub("", text))
    return bool(
        _PUBLICATION.search(text)
        or any(_VOLUME.match(i) or _BOOK.match(i) or _EDITORS.match(i) for i in items)
        or re.search(r"\b(?:Bulletin|Journal|Review)\b", text)
    )


def read(text):
    """A Publication from a bibliographic citation (without "Reprinted in" and the like)."""
    publication = Publication()
    text = " ".join(text.split()).strip().rstrip(".").strip()
    document = _DOCUMENT.match(text)
    if document:
        publication.number = document["number"]
        text = text[document.end() :]
    # The last parenthesis with a year is the imprint: "(Moscow: Nauka, 2005)".
    imprint = ([None, *_PUBLICATION.finditer(text)])[-1]
    after = ""
    if imprint is not None:
        publication.place = (imprint["place"] or "").strip()
        publication.publisher = (imprint["publisher"] or "").strip()
        publication.year = imprint["year"]
        after = text[imprint.end() :]
        text = text[: imprint.start()].rstrip()
    _read_items(_items(text), _items(after), publication)
    return publication


def _read_items(items, after, publication):
    """The parts before the imprint in `items`, those after it (the pages) in `after`."""
    head, tail = [], []
    for item in items:
        for pattern, name in ((_VOLUME, "volume"), (_BOOK, "book"), (_ISSUE, "issue")):
            match = pattern.match(item)
            if match and not getattr(publication, name):
                setattr(publication, name, match["value"])
                break
        else:
            pages = _PAGES.match(item)
            # Bare numbers are pages only after the volume: "…, 1945-1950" may be a title's.
            bare = pages and not re.match(r"\D", item)
            if (
                pages
                and not publication.pages
                and (head or tail)
                and (not bare or tail or publication.volume)
            ):
                publication.pages = pages["value"]
            elif _EDITORS.match(item) and head and not tail:
                publication.authors, publication.editors = ", ".join(head), True
                head = []
            elif publication.volume or publication.book or publication.issue:
                tail.append(item)
            else:
                head.append(item)
    for item in after:
        pages = _PAGES.match(item)
        if pages and not publication.pages:
            publication.pages = pages["value"]
        else:
            tail.append(item)
    if head and not publication.authors:
        authors, head = _authors(head)
        publication.authors = authors
    title = ", ".join(head)
    quoted = _QUOTED.match(title)
    if quoted:  # “Article,” Journal
        publication.article, title = quoted["article"], quoted["rest"]
    issue = _TRAILING_ISSUE.match(title) if not publication.issue else None
    if issue:  # "CWIHP Bulletin #16"
        title, publication.issue = issue["title"], issue["issue"]
    english = re.fullmatch(r"(?P<title>.+?)\s*\((?P<english>[^()]+)\)", title)
    if english and not re.search(r"\d{4}", english["english"]):
        title, publication.title_en = english["title"], english["english"]
    publication.title = title
    publication.part_title = ", ".join(tail)


def _authors(head):
    """(authors, the rest) of the items before the volume: names end at the one with "and"."""
    if len(head) < 2:
        return "", head
    for index, item in enumerate(head[:-1]):
        if re.search(r"\s(?:and|и|&)\s", item) and all(_PERSON.match(i) for i in head[:index]):
            return ", ".join(head[: index + 1]), head[index + 1 :]
    title_is_a_date = re.fullmatch(r"[\d\s–-]+", head[1])
    if _PERSON.match(head[0]) and len(head[0].split()) >= 2 and not title_is_a_date:
        return head[0], head[1:]
    return "", head


def _items(text):
    """The comma-separated parts of a citation, commas in parentheses left alone."""
    items, depth, quoted, current = [], 0, False, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch in '"“”':
            quoted = ch != "”" and not (quoted and ch == '"')
        if ch == "," and depth == 0 and not quoted:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    items.append("".join(current).strip())
    return [item for item in items if item]


def print_publication(publication):
    """One standard form: authors, “article,” title (English title), vol., book, part,
    no. (place: publisher, year), pages."""
    p = publication
    work = [p.title + (f" ({p.title_en})" if p.title_en else "")] if p.title else []
    work += [f"vol. {p.volume}"] if p.volume else []
    work += [f"book {p.book}"] if p.book else []
    work += [p.part_title] if p.part_title else []
    work += [f"no. {p.issue}"] if p.issue else []
    text = ", ".join(work)
    if p.article:  # the comma after an article's title goes inside its quotation marks
        text = f"“{p.article},” {text}".strip()
    if p.authors:
        text = ", ".join(
            part for part in (p.authors + (", eds." if p.editors else ""), text) if part
        )
    if p.publisher:
        imprint = f"{p.place}: {p.publisher}, {p.year}" if p.place else f"{p.publisher}, {p.year}"
    else:
        imprint = ", ".join(part for part in (p.place, p.year) if part)
    if imprint:
        text += f" ({imprint.strip(', ')})"
    if p.pages:
        several = bool(re.search(r"[-–,]", p.pages))
        text += f", {'pp.' if several else 'p.'} {p.pages}"
    return f"Document no. {p.number} in {text}" if p.number else text
