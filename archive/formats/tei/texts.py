"""The texts of a document in TEI: a <div> each, passages as <ab>, notes after them."""

from .elements import el, marked


def body(parent, texts):
    """The <body>: each text a <div> with xml:lang; passages point at their counterparts."""
    counterparts = _counterparts(texts)
    for text in texts:
        _text(parent, text, counterparts)
    if not texts:
        el(el(parent, "ab"), "gap", reason="notTranscribed")


def _counterparts(texts):
    """{alignment key: [(text code, passage id)]} for @corresp."""
    found = {}
    for text in texts:
        for passage in text.passages.all():
            if passage.alignment_key is not None:
                found.setdefault(passage.alignment_key, []).append((text.code, passage.anchor))
    return found


def _text(body, text, counterparts):
    kind = "original" if text.is_original else "translation"
    div = el(body, "div", type=kind, lang=text.language, id=f"text-{text.code}")
    if text.credit:
        el(div, "head", text.credit, type="credit")
    notes = {note.label: note.anchor for note in text.notes.all()}
    for passage in text.passages.all():
        others = [
            f"#{anchor}"
            for code, anchor in counterparts.get(passage.alignment_key, [])
            if code != text.code
        ]
        block = el(div, "ab", type=passage.kind, id=passage.anchor, corresp=" ".join(others))
        if passage.run_in:
            block.set("rend", "run-in")
        container = block
        for level in range(passage.quote_depth):
            container = el(container, "quote", type="relayed" if level == 0 else "quoted")
        marked(container, passage.content, notes)
    for note in text.notes.all():
        # The notes follow the passages, where a printed text has them: at its end.
        element = el(div, "note", id=note.anchor, n=note.label, type=note.kind, place="end")
        marked(element, note.content)
