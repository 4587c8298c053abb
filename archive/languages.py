"""Languages of documents and texts, as BCP 47 codes for HTML `lang` attributes.

The list covers the languages of Cold War archives; add a line to add a language.
"""

import functools
import re

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

LANGUAGES = [
    ("ru", _("Russian")),
    ("en", _("English")),
    ("zh", _("Chinese")),
    ("ko", _("Korean")),
    ("ja", _("Japanese")),
    ("vi", _("Vietnamese")),
    ("mn", _("Mongolian")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("pl", _("Polish")),
    ("cs", _("Czech")),
    ("sk", _("Slovak")),
    ("hu", _("Hungarian")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("sr", _("Serbian")),
    ("hr", _("Croatian")),
    ("sl", _("Slovenian")),
    ("mk", _("Macedonian")),
    ("sq", _("Albanian")),
    ("el", _("Greek")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("be", _("Belarusian")),
    ("et", _("Estonian")),
    ("lv", _("Latvian")),
    ("lt", _("Lithuanian")),
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("da", _("Danish")),
    ("nl", _("Dutch")),
    ("ka", _("Georgian")),
    ("hy", _("Armenian")),
    ("az", _("Azerbaijani")),
    ("kk", _("Kazakh")),
    ("uz", _("Uzbek")),
    ("fa", _("Persian")),
    ("ar", _("Arabic")),
    ("he", _("Hebrew")),
    ("hi", _("Hindi")),
    ("sh", _("Serbo-Croatian")),
    ("km", _("Khmer")),
    ("lo", _("Lao")),
    ("th", _("Thai")),
    ("id", _("Indonesian")),
    ("my", _("Burmese")),
    ("ur", _("Urdu")),
    ("bn", _("Bengali")),
    ("bo", _("Tibetan")),
    ("ug", _("Uyghur")),
    ("la", _("Latin")),
    # A text whose language the source names in words the archive does not know.
    ("und", _("Undetermined")),
]

LANGUAGE_NAMES = dict(LANGUAGES)

# Other names sources give languages, lower-cased.
_OTHER_NAMES = {
    "farsi": "fa", "serbocroatian": "sh", "serbo croatian": "sh", "mandarin": "zh",
    "cantonese": "zh", "classical chinese": "zh", "slovene": "sl", "byelorussian": "be",
    "belorussian": "be", "moldovan": "ro", "flemish": "nl", "castilian": "es",
}  # fmt: skip


@functools.cache
def _codes():
    """{lower-cased English name: code}: the names in English whatever language is active
    when first asked (they are translated names, and sources name languages in English)."""
    with override("en"):
        names = {str(name).lower(): code for code, name in LANGUAGES if code != "und"}
    return names | _OTHER_NAMES


def language_code(name):
    """The code of a language named in English, or "": "Russian" → "ru", "Chinese
    (Simplified)" → "zh", "Serbo-Croatian" → "sh". Of several ("Russian, English"), the first."""
    folded = " ".join((name or "").replace("-", " ").split()).lower()
    codes = _codes()
    if folded in codes:
        return codes[folded]
    for part in re.split(r"\s*(?:[,;/(]|\band\b)\s*", folded):
        part = part.strip(" )")
        if part in codes:
            return codes[part]
        first = part.split(" ", 1)[0]
        if first in codes:
            return codes[first]
    return ""


def language_codes():
    """{lower-cased English name: code} of every language the archive knows."""
    return dict(_codes())


# The catalogue (titles, summaries, names, notes) is written in English: it keeps
# lang="en" in any interface language.
CATALOGUE_LANGUAGE = "en"

# Scripts written right to left need dir="rtl" on their text panes.
RIGHT_TO_LEFT = {"ar", "fa", "he"}


def text_direction(code):
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


# Russian, Ukrainian, Bulgarian…: the one test of "written in Cyrillic" everywhere.
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def has_cyrillic(text):
    return bool(CYRILLIC.search(text or ""))


# A name in its own script says its language by the script alone, for the names we keep:
# Hangul is Korean, kana Japanese, Han characters (with neither) Chinese.
_SCRIPTS = [
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
]


def language_of_script(text):
    """The language a name in its own script is in, from the script ("毛泽东" → "zh"), or ""."""
    for code, script in _SCRIPTS:
        if script.search(text or ""):
            return code
    return ""
