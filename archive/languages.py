"""Languages of documents and texts, as BCP 47 codes for HTML `lang` attributes.

The list covers the languages of Cold War archives; add a line to add a language.
"""

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

# Scripts written right to left need dir="rtl" on their text panes.
RIGHT_TO_LEFT = {"ar", "fa", "he"}


def text_direction(code):
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"
