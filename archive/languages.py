"""Languages of documents and texts, as BCP 47 codes for HTML `lang` attributes.

The list covers the languages of Cold War archives; add a line to add a language.
"""

import re

from django.utils.translation import gettext_lazy as _

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
]

LANGUAGE_NAMES = dict(LANGUAGES)

# The catalogue (titles, summaries, names, notes) is written in English: it keeps
# lang="en" in any interface language.
CATALOGUE_LANGUAGE = "en"

# Scripts written right to left need dir="rtl" on their text panes.
RIGHT_TO_LEFT = {"ar", "fa", "he"}


def text_direction(code):
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


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
