"""A text into passages: what each block is, where it stands, how deep in quotation.

A text is read in three zones. The *header* is the printed form before the
message (office, number, stamps, distribution list); the *body* runs from the
salutation to the signature; the *footer* is the office's notes after it. A
quotation that begins in the middle of a paragraph after a colon and runs on
into the next paragraphs gets a passage of its own, marked as running on, so
that the quoted message can stand beside its counterpart in the other text.
"""

import re
from dataclasses import dataclass

from . import phrasebook

HEADER, BODY, FOOTER = "header", "body", "footer"

_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}(?:\s*г\.)?")
_CJK = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af\u3040-\u30ff]")
# A name in Han characters or Hangul, signing a letter: "周恩来", "김일성", "김 일 성".
_CJK_NAME = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,4}|[\uac00-\ud7af]{2,4}|[\uac00-\ud7af](?: [\uac00-\ud7af]){1,3})$"
)
_CJK_DATE = re.compile(r"[年月日号]")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_HANDWRITTEN_SIGNATURE = re.compile(r"^\*[^*]+\*(?:\s*/[^/]+/)?$")
_SIGNING = re.compile(r"^(?:Проверил|Верно|Checked|Correct)\b", re.IGNORECASE)
_OPENING = "«„"
_CLOSING = "»”"
_QUOTE_MARK = re.compile('[«„»”"“]')


@dataclass
class Block:
    content: str
    line: int  # where it begins in the file
    kind: str = "paragraph"
    zone: str = BODY
    quote_depth: int = 0
    run_in: bool = False
    alignment_key: int = None


def blocks_of(lines):
    """Runs of non-blank lines, each as one Block with its lines joined by line breaks."""
    blocks, current = [], []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(Block("\n".join(part.text for part in current), current[0].number))
            current = []
    if current:
        blocks.append(Block("\n".join(part.text for part in current), current[0].number))
    return blocks


def is_stamp_block(block):
    """The archive's page and sheet stamps before a text: "168", "IV н.", "92"."""
    lines = block.content.split("\n")
    return (
        len(lines) <= 4
        and all(len(line.strip()) <= 12 for line in lines)
        and any(ch.isdigit() for ch in block.content)
    )


# --- What a block looks like --------------------------------------------------------------


def letters(text):
    return [ch for ch in text if ch.isalpha()]


def is_capitals(text):
    """Mostly capital letters, and short: a stamp, a marking, a heading."""
    found = letters(text)
    return (
        len(found) >= 2
        and len(text) <= 120
        and sum(ch.isupper() for ch in found) >= 0.8 * len(found)
    )


def is_prose(text):
    """Running text: a paragraph, or a sentence of a few words ("Мао Цзэдун сказал, что…").

    Han, kana and Hangul have no case: a sentence of them is prose when it ends as one.
    """
    found = letters(text)
    cased = [ch for ch in found if ch.lower() != ch.upper()]
    if len(cased) < 0.5 * len(found):
        return len(found) >= 12 and text.rstrip()[-1:] in "。．.！!？?；;"
    lower = sum(ch.islower() for ch in cased)
    if len(found) >= 60 and lower >= 0.6 * len(cased):
        return True
    sentence = len(text.split()) >= 5 and text.rstrip()[-1:] in '.!?;»"”'
    return sentence and lower >= 0.7 * len(cased) and "\n" not in text.strip()


def is_salutation(text):
    if "\n" in text or len(text) > 80:
        return False
    bare = text.strip().lstrip('"«“„').strip()
    if _SPEECH.match(bare):
        return False  # "Comrade Zhou Enlai: We are glad…": a speaker's turn in minutes
    if phrasebook.ADDRESS.match(bare):
        return True
    # "Dear Comrade Stalin!", "Chairman Mao:", "毛主席：": a short address.
    short = len(bare.split()) <= 6 and len(bare) <= 40
    return (short and bare[-1:] in "!:：" and bare[:1].isupper()) or _is_cjk_address(bare)


# An address that runs on into what is said after it: minutes name each speaker so.
_SPEECH = re.compile(r"^[^:：!！\n]{1,80}[:：!！]\s*[^\W\d_]")


def _is_cjk_address(text):
    return bool(_CJK.match(text)) and text[-1:] in "：:" and len(text) <= 16


# The office after a signer's name: a few words, no figures ("ambassador", "chargé d'affaires").
_OFFICE = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,5}")


def signature_name(text):
    """The name in a signature block ("Ким Ир Сен. 29.6.51 г.\"" → "Ким Ир Сен"), or None.

    A signature is a short line of capitalized words, perhaps with a date; it may
    stand under a closing formula or over a title ("С уважением," / "Ким Ир Сен").
    """
    lines = text.split("\n")
    if len(lines) > 1:
        if len(lines) > 3 or any(len(line) > 40 for line in lines):
            return None
        names = [name for name in map(signature_name, lines) if name]
        return names[-1] if len(names) == 1 else None
    if len(text) > 60:
        return None
    bare = _DATE.sub("", text).strip().strip('"«»“”„').strip().rstrip(".,").strip()
    if _CJK_NAME.match(bare) and not _CJK_DATE.search(bare):
        return bare
    name, comma, office = bare.partition(", ")
    if comma and len(name.split()) >= 2 and _OFFICE.fullmatch(office):
        bare = name  # "Kálmán Papp, ambassador": the signer, then the office
    words = bare.split()
    if not 1 <= len(words) <= 5 or not all(_NAME_WORD.match(word) for word in words):
        return None
    if not all(word[0].isupper() for word in words):
        return None
    if len(words) == 1 and not words[0].isupper():
        return None  # "Согласен." is a sentence; "СТАЛИН" is a signature
    return bare


def quote_marks(text):
    """[(offset, +1 or -1)] for the quotation marks that open and close quotations.

    A straight quote opens before a word and closes after one; with spaces on both
    sides it is a blank of a printed form (" II " ч.) and neither.
    """
    marks = []
    for found in _QUOTE_MARK.finditer(text):  # only the marks, not every letter, are looked at
        index, ch = found.start(), found[0]
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if ch in _OPENING:
            marks.append((index, 1))
        elif ch in _CLOSING:
            marks.append((index, -1))
        elif ch in '"“':
            opens = (before.isspace() or before in "([:—-") and not after.isspace()
            closes = not before.isspace() and (after.isspace() or after in ".,;:!?)»—")
            if opens and not closes:
                marks.append((index, 1))
            elif closes and not opens:
                marks.append((index, -1))
    return marks


# --- Reading a text -------------------------------------------------------------------------


def read_text(blocks, terms):
    """Set each block's zone, kind and quote depth; split run-on quotations. Returns the blocks.

    `terms` knows the archive's document types and classifications (record.Terms).
    """
    body_start = next(
        (i for i, b in enumerate(blocks) if is_salutation(b.content) or is_prose(b.content)),
        0,
    )
    for index, block in enumerate(blocks[:body_start]):
        block.zone = HEADER
        block.kind = _header_kind(block, index, terms)
    body = _read_body(blocks[body_start:])
    for block in blocks[body_start + len(body) :]:
        block.zone = FOOTER
        block.kind = _footer_kind(block, terms)
    return blocks[:body_start] + _split_run_on_quotations(body) + blocks[body_start + len(body) :]


def _header_kind(block, index, terms):
    text = block.content
    first_line = text.split("\n", 1)[0]
    if (
        block.kind == "heading"
        or phrasebook.office_at_start(first_line)
        or terms.type_in(first_line)
    ):
        return "heading"
    if "\t" in text:
        return "table"
    words = " ".join(text.split())
    if (
        any(terms.classification(line) for line in text.split("\n"))
        or text.startswith("ПОДЛЕЖИТ ВОЗВРАТУ")
        or words in phrasebook.FORM_FIELDS
        or is_capitals(text)
    ):
        return "heading" if index == 0 else "marking"
    return "heading" if index == 0 else "note"


def _read_body(blocks):
    """Kinds and quote depths from the salutation to the signature; returns the body's blocks."""
    depth, seen_paragraph = 0, False
    for count, block in enumerate(blocks, start=1):
        block.zone = BODY
        marks = quote_marks(block.content)
        opens_here = bool(marks) and marks[0][1] > 0 and not block.content[: marks[0][0]].strip()
        block.quote_depth = depth + (1 if opens_here else 0)
        if block.kind == "heading":
            pass  # a heading the record marks as one ("## Proposal") inside the text
        elif (is_salutation(block.content) and not seen_paragraph) or (
            is_salutation(block.content) and opens_here
        ):
            block.kind = "salutation"
        elif seen_paragraph and signature_name(block.content):
            block.kind = "signature"
        else:
            block.kind = "paragraph"
            seen_paragraph = True
        depth = max(0, depth + sum(step for _offset, step in marks))
        if block.kind == "signature" and block.quote_depth == 0:
            return blocks[:count]
    return blocks


def _footer_kind(block, terms):
    text = block.content
    name = signature_name(text)
    if _SIGNING.match(text) or _HANDWRITTEN_SIGNATURE.match(text) or terms.is_person(name):
        return "signature"
    if is_capitals(text) and not any(ch.isdigit() for ch in text):
        return "marking"
    return "note"


def _split_run_on_quotations(blocks):
    """Paragraphs cut where a quotation opens after a colon and does not close in them."""
    result = []
    for block in blocks:
        pieces = [block]
        if block.kind == "paragraph":
            pieces = _split(block)
        result.extend(pieces)
    return result


def _split(block):
    text, marks = block.content, quote_marks(block.content)
    for number, (offset, step) in enumerate(marks):
        if step < 0 or offset == 0 or not text[:offset].rstrip().endswith(":"):
            continue
        if sum(s for _o, s in marks[number:]) <= 0:
            continue  # the quotation closes within the paragraph: an inline quotation
        head = Block(
            text[:offset].rstrip(" "), block.line, block.kind, block.zone, block.quote_depth
        )
        tail = Block(
            text[offset:],
            block.line + text[:offset].count("\n"),
            block.kind,
            block.zone,
            block.quote_depth + 1,
            run_in=not text[:offset].endswith("\n"),
        )
        return [head, *_split(tail)]
    return [block]
