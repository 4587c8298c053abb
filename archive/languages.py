"""Languages of documents and texts, as BCP 47 codes for HTML `lang` attributes.

The list covers the languages of Cold War archives; add a line to add a language.
"""

LANGUAGES = [
    ("ru", "Russian"),
    ("en", "English"),
    ("zh", "Chinese"),
    ("ko", "Korean"),
    ("ja", "Japanese"),
    ("vi", "Vietnamese"),
    ("mn", "Mongolian"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("pl", "Polish"),
    ("cs", "Czech"),
    ("sk", "Slovak"),
    ("hu", "Hungarian"),
    ("ro", "Romanian"),
    ("bg", "Bulgarian"),
    ("sr", "Serbian"),
    ("hr", "Croatian"),
    ("sl", "Slovenian"),
    ("mk", "Macedonian"),
    ("sq", "Albanian"),
    ("el", "Greek"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
    ("be", "Belarusian"),
    ("et", "Estonian"),
    ("lv", "Latvian"),
    ("lt", "Lithuanian"),
    ("fi", "Finnish"),
    ("sv", "Swedish"),
    ("da", "Danish"),
    ("nl", "Dutch"),
    ("ka", "Georgian"),
    ("hy", "Armenian"),
    ("az", "Azerbaijani"),
    ("kk", "Kazakh"),
    ("uz", "Uzbek"),
    ("fa", "Persian"),
    ("ar", "Arabic"),
    ("he", "Hebrew"),
    ("hi", "Hindi"),
]

LANGUAGE_NAMES = dict(LANGUAGES)

# Scripts written right to left need dir="rtl" on their text panes.
RIGHT_TO_LEFT = {"ar", "fa", "he"}


def text_direction(code):
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"
