"""Which language a piece of text is in: a cheap guess, good enough to cut a record's body.

A record's body holds its texts one after another, and where one ends is mostly where the
language changes. The candidates are few and known from the Contents, so the guess only has
to rank a handful of languages, for a stamp of ten letters as for a page, and say how sure
it is. Each piece of evidence adds a log-probability, so that a score grows with the amount
of text and the scores of one text can be compared across candidates:

* the script of each letter (Cyrillic, Latin, Han, Hangul, kana…), which tells most pairs
  apart at once;
* the letters a language does without (Russian has no "і", Ukrainian no "ы", English no
  "ő"), and how often it uses its marked ones (a Hungarian line without an accent is odd);
* its commonest short words ("что", "это"; "the", "of"; "és", "hogy"), which make up a
  third of any prose, so that German without umlauts is still not English, and the words
  that head this archive's documents ("secret", "comrade").

No model files and no dependencies: the importer runs wherever Django does.
"""

import math
import re
from bisect import bisect_right
from collections import Counter
from functools import cache, lru_cache

# Unicode ranges (first, last code point) of the scripts told apart. Only letters are ever
# looked up, so the punctuation and symbols a range includes do not matter.
_RANGES = sorted(
    [
        (0x0041, 0x024F, "Latin"),
        (0x0370, 0x03FF, "Greek"),
        (0x0400, 0x052F, "Cyrillic"),
        (0x0530, 0x058F, "Armenian"),
        (0x0590, 0x05FF, "Hebrew"),
        (0x0600, 0x06FF, "Arabic"),
        (0x0750, 0x077F, "Arabic"),
        (0x0900, 0x097F, "Devanagari"),
        (0x10A0, 0x10FF, "Georgian"),
        (0x1100, 0x11FF, "Hangul"),
        (0x1800, 0x18AF, "Mongolian"),
        (0x1C90, 0x1CBF, "Georgian"),
        (0x1E00, 0x1EFF, "Latin"),  # Vietnamese letters with two diacritics
        (0x1F00, 0x1FFF, "Greek"),
        (0x3040, 0x30FF, "Kana"),
        (0x3130, 0x318F, "Hangul"),
        (0x31F0, 0x31FF, "Kana"),
        (0x3400, 0x4DBF, "Han"),
        (0x4E00, 0x9FFF, "Han"),
        (0xAC00, 0xD7AF, "Hangul"),
        (0xF900, 0xFAFF, "Han"),
        (0xFB50, 0xFDFF, "Arabic"),
        (0xFE70, 0xFEFF, "Arabic"),
        (0xFF21, 0xFF5A, "Latin"),  # full-width letters in CJK typesetting
        (0xFF66, 0xFF9F, "Kana"),
        (0xFFA0, 0xFFDC, "Hangul"),
        (0x20000, 0x3FFFF, "Han"),
    ]
)
_RANGE_STARTS = [first for first, _last, _name in _RANGES]

# The script(s) each language is written in; a language not named here and not in
# _ALPHABETS or _WORDS is unknown (see _UNKNOWN). Soviet-era Uzbek and Azerbaijani were
# written in Cyrillic, today's in Latin; Serbian in both.
_SCRIPT_OF = {
    "el": "Greek",
    "ar": "Arabic",
    "fa": "Arabic",
    "ur": "Arabic",
    "he": "Hebrew",
    "yi": "Hebrew",
    "ka": "Georgian",
    "hy": "Armenian",
    "hi": "Devanagari",
    "zh": "Han",
}
_MORE_SCRIPTS = {
    "sr": ("Latin",),
    "uz": ("Latin",),
    "az": ("Latin",),
    "mn": ("Mongolian",),  # the classical script, beside Cyrillic since the 1940s
}
# Japanese mixes kana and Han; Korean writes Hangul with some Han (hanja). Han alone
# therefore means Chinese, and kana anywhere means Japanese.
_MIXED = {"ja": {"Kana": 0.98, "Han": 0.3}, "ko": {"Hangul": 0.98, "Han": 0.1}}

_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
_BASIC = frozenset(_LATIN + _CYRILLIC + "ё")
# The letters each language uses (lower case), and roughly what share of its letters are
# marked, outside the basic Latin and Russian alphabets. A letter of the script outside the
# alphabet is rare (a name, a loan word, a slip); so is a line of Hungarian without an
# accent, or of Mongolian without "ө" or "ү".
_ALPHABETS = {
    "en": (_LATIN, 0.002),
    "de": (_LATIN + "äöüß", 0.015),
    "fr": (_LATIN + "àâæçéèêëîïôœùûüÿ", 0.04),
    "es": (_LATIN + "áéíñóúü", 0.025),
    "it": (_LATIN + "àèéìíîòóùú", 0.01),
    "pt": (_LATIN + "àáâãçéêíóôõú", 0.03),
    "pl": (_LATIN + "ąćęłńóśźż", 0.08),
    "cs": (_LATIN + "áčďéěíňóřšťúůýž", 0.12),
    "sk": (_LATIN + "áäčďéíĺľňóôŕšťúýž", 0.1),
    "hu": (_LATIN + "áéíóöőúüű", 0.12),
    "ro": (_LATIN + "ăâîșțşţ", 0.07),
    "hr": (_LATIN + "čćđšž", 0.04),
    "sl": (_LATIN + "čšž", 0.03),
    "sq": (_LATIN + "çë", 0.08),
    "tr": (_LATIN + "çğıöşüâî", 0.1),
    "nl": (_LATIN + "éëïóöü", 0.005),
    "sv": (_LATIN + "åäö", 0.04),
    "da": (_LATIN + "æøå", 0.03),
    "fi": (_LATIN + "äöå", 0.06),
    "et": (_LATIN + "äöõüšž", 0.05),
    "lv": (_LATIN + "āčēģīķļņšūž", 0.08),
    "lt": (_LATIN + "ąčęėįšųūž", 0.07),
    "vi": (_LATIN + "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ", 0.4),
    "ru": (_CYRILLIC + "ё", 0.0),
    "uk": ("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", 0.07),
    "bg": ("абвгдежзийклмнопрстуфхцчшщъьюя", 0.0),
    "be": ("абвгдеёжзійклмнопрстуўфхцчшыьэюя", 0.08),
    "sr": ("абвгдђежзијклљмнњопрстћуфхцчџш" + "abcčćdđefghijklmnoprsštuvzž", 0.04),
    "mk": ("абвгдѓежзѕијклљмнњопрстќуфхцчџш", 0.03),
    "mn": (_CYRILLIC + "ёөү", 0.05),
    "kk": (_CYRILLIC + "ёәғқңөұүһі", 0.08),
    "uz": (_CYRILLIC + "ёўқғҳ" + _LATIN, 0.04),
    "az": (_CYRILLIC + "ёғәјҹөүһ" + _LATIN + "çəğıöşü", 0.06),
}
# The commonest short words. Every language sharing a script with another has a list, so
# that no candidate gains or loses by having one.
_WORDS = {
    "en": "the of and to in a is that for on with as by was it from at be this are not he we",
    "de": "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als "
    "auch es an werden aus er hat dass wir",
    "fr": "de la le et les des en un une du est que qui dans pour pas par sur au avec il ne l d",
    "es": "de la que el en y a los se del las un por con no una su para es al lo como",
    "it": "di e il la che in a per un del non le si è da con una i della sono al",
    "pt": "de a o que e do da em um para com não uma os no se na por mais as dos",
    "pl": "i w nie na się z do że to jest o jak a po od za przez oraz dla już",
    "cs": "a v se na je že to s z do o k ve jako pro by jsou i které která",
    "sk": "a v sa na je že to s z do o k vo ako pre by sú i ktoré ktorá",
    "hu": "a az és hogy nem is egy meg van ez de csak mint már volt el kell ha",
    "ro": "și şi de în a la că cu nu o pe din se un mai care este sau pentru ce",
    "hr": "i je u da se na za su od ne sa što kao a o iz",
    "sl": "in je v da se na za so ne z pa ki tudi bi",
    "sq": "e të në dhe një për me që nga i së është u",
    "tr": "ve bir bu da de ile için olarak daha çok gibi olan en ama",
    "nl": "de het een en van in is dat op te zijn met voor niet die",
    "sv": "och i att det som en på är av för med till den har inte",
    "da": "og i at det som en på er af for med til den har ikke",
    "fi": "ja on ei se että oli hän kun myös mutta ovat",
    "et": "ja on ei see et oli ka ta kui mis ning",
    "lv": "un ir ar par no uz kas ka to vai tas",
    "lt": "ir yra kad su iš į tai kaip bet jo",
    "vi": "của và các là những có được trong cho không đã với người này một",
    "ru": "и в не на что с по это как к о из для от был его он мы вы же бы также который которые",
    "uk": "і в не на що з у та це як до від для він ми був також який які",
    "bg": "и на за се да от е в не това са че като със който които ще",
    "be": "і ў не на што з у гэта як да ад для ён мы быў таксама які",
    "sr": "и је да у се на за су од не са што као i je da u se na za su od ne sa što kao",
    "mk": "и на да се во за од е не со што како ќе тоа",
    "mn": "ба нь юм байна энэ бол болон тэр гэж байгаа бөгөөд хувьд оны сарын бид",
    "kk": "және бұл мен да де үшін бір деп осы оның",
    "uz": "va bu bir bilan uchun ham edi ва бу бир билан учун ҳам эди",
    "az": "və bu bir ilə üçün da də ki olan ва бу бир илә үчүн",
    "ar": "في من على إلى أن عن مع هذا التي الذي",
    "fa": "و در به از که این را با است برای",
}

# The words that head and sign this archive's documents, where one text ends and the next
# begins: a translation's "Top secret" must not read as the end of a Polish original.
_HEADING_WORDS = {
    "en": "secret top strictly confidential copy telegram ciphered memorandum conversation "
    "record minutes note report letter embassy ministry comrade signed received urgent",
    "de": "geheim streng vertraulich abschrift telegramm vermerk niederschrift aktennotiz "
    "botschaft ministerium genosse gez",
    "fr": "secret strictement confidentiel copie télégramme note compte rendu entretien "
    "ambassade ministère camarade",
    "hu": "titkos szigorúan bizalmas másolat távirat jegyzőkönyv feljegyzés nagykövetség "
    "minisztérium elvtárs",
    "pl": "tajne ściśle poufne odpis szyfrogram notatka rozmowy ambasada ministerstwo tow",
    "cs": "tajné přísně důvěrné opis telegram záznam rozhovoru velvyslanectví ministerstvo soudruh",
    "ro": "secret strict copie telegramă notă convorbire ambasada ministerul tovarășul",
    "ru": "секретно совершенно срочно копия шифртелеграмма телеграмма запись беседы "
    "посольство министерство товарищ тов экз",
    "bg": "строго секретно поверително препис телеграма протокол посолство министерство другарю",
}

_IN_SCRIPT = math.log(0.98)
_OTHER_SCRIPT = math.log(0.02)
_UNUSUAL_LETTER = math.log(0.05)
# A language we know nothing of might be in any script: each letter scores between a
# language in its own script and one in another, so an unknown candidate wins only over
# languages that are plainly wrong.
_UNKNOWN = math.log(0.1)
# About 30% of the words of prose are its commonest words; about 2% of another language's.
_HIT = math.log(0.3 / 0.02)
_MISS = math.log(0.7 / 0.98)

# Square brackets hold an editor's words ("[Stalin]"), not the text's.
_BRACKETED = re.compile(r"\[[^\[\]\n]*\]")
_WORD = re.compile(r"[^\W\d_]+")
# "IV н.", "195 I г.": Roman numerals in a Russian or Chinese text are figures, not Latin.
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def language_scores(text, candidates):
    """For each candidate language code, a log-likelihood-like score that `text` is in it.

    Higher is better; the scores of one text are comparable across candidates and grow
    with the amount of evidence (ten letters are weak evidence, a paragraph strong). Text
    with no letters scores 0.0 for every candidate. An unknown code scores every letter
    alike (see _UNKNOWN).
    """
    letters, words = _evidence(text)
    scores = {}
    for code in candidates:
        score = sum(count * _letter_score(code, letter) for letter, count in letters.items())
        vocabulary = _vocabulary(code)
        if vocabulary and letters:
            hits = sum(1 for word in words if word in vocabulary)
            score += hits * _HIT + (len(words) - hits) * _MISS
        scores[code] = score
    return scores


def guess_language(text, candidates):
    """The likeliest of `candidates` for `text` (the first one on a tie), or None if it has
    no letters or there are no candidates."""
    candidates = list(candidates)
    if not candidates or not letter_count(text):
        return None
    scores = language_scores(text, candidates)
    return max(candidates, key=lambda code: scores[code])


def letter_count(text):
    """How many letters `text` gives as evidence (editorial brackets and numerals left out)."""
    return sum(_evidence(text)[0].values())


def knows(code):
    """Whether `code` is a language this module has a model of (else it scores as unknown)."""
    return _model(code) is not None


def script_of(letter):
    """The script of one letter ("Latin", "Cyrillic", "Han", "Kana"…), or None."""
    point = ord(letter)
    index = bisect_right(_RANGE_STARTS, point) - 1
    if index >= 0 and point <= _RANGES[index][1]:
        return _RANGES[index][2]
    return None


@lru_cache(maxsize=1024)
def _evidence(text):
    """(Counter of lower-case letters, list of lower-case words) that speak for a language.

    Cached because a block is asked both its scores and its letter count; callers only read.
    """
    bare = _BRACKETED.sub(" ", text)
    words = [word for word in _WORD.findall(bare) if not _ROMAN.fullmatch(word)]
    if not words and bare != text:  # a text that is all editor's words is still evidence
        return _evidence(text.replace("[", " ").replace("]", " "))
    letters = Counter()
    for word in words:
        for letter in word:
            folded = letter.lower()
            letters[folded if len(folded) == 1 else letter] += 1  # "İ" lower-cases to two
    return letters, [word.lower() for word in words]


@cache
def _model(code):
    """({script: log-probability}, {letter: log-probability within its script}, scripts the
    alphabet covers), or None for a language this module does not know."""
    alphabet, marked_share = _ALPHABETS.get(code, ("", 0.0))
    if code in _MIXED:
        scripts = {name: math.log(p) for name, p in _MIXED[code].items()}
    elif code in _SCRIPT_OF:
        scripts = {_SCRIPT_OF[code]: _IN_SCRIPT}
    elif alphabet:
        scripts = {script_of(letter): _IN_SCRIPT for letter in alphabet}
    else:
        return None
    for name in _MORE_SCRIPTS.get(code, ()):
        scripts[name] = _IN_SCRIPT
    # A basic letter costs what the marked ones would have taken; a marked letter of the
    # alphabet costs nothing (a plain likelihood would spread the share among them, and
    # weaken the best evidence short lines have).
    letters = dict.fromkeys(alphabet, 0.0)
    letters.update(dict.fromkeys(_BASIC.intersection(alphabet), math.log(1 - marked_share)))
    return scripts, letters, {script_of(letter) for letter in alphabet}


@lru_cache(maxsize=8192)
def _letter_score(code, letter):
    script = script_of(letter)
    if script is None:
        return 0.0
    model = _model(code)
    if model is None:
        return _UNKNOWN
    scripts, letters, covered = model
    if script not in scripts:
        return _OTHER_SCRIPT
    if script in covered:
        return scripts[script] + letters.get(letter, _UNUSUAL_LETTER)
    return scripts[script]


@cache
def _vocabulary(code):
    return frozenset(f"{_WORDS.get(code, '')} {_HEADING_WORDS.get(code, '')}".split())
