"""The archives that hold Cold War originals, under every name citations give them.

A repository is one repository whatever the script or spacing of its name:
"АП РФ", "АПРФ", "AP RF" and "APRF" are the Presidential Archive. Names are
compared by their key (name_key): case, spaces, full stops and hyphens ignored,
Cyrillic romanized, so most Russian abbreviations find their Latin twin without
being listed. The gazetteer below names the archives a record is likely to cite;
the importer creates one in the database the first time a document cites it, with
its full name and all its names. Add an entry to teach the importer an archive.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from ..romanization import romanize

_IGNORED = re.compile(r"[\s.,\-‐–—'’`]+")


def name_key(name):
    """The key names are compared by: "АП РФ", "A.P.R.F." and "aprf" all give "aprf"."""
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return romanize(_IGNORED.sub("", folded))


@dataclass(frozen=True)
class KnownRepository:
    abbreviation: str  # as cited in Latin letters; the key of the repository
    name_en: str
    abbreviation_ru: str = ""
    name_ru: str = ""
    location: str = ""
    names: tuple = field(default=())  # other names and former names, in any script

    def all_names(self):
        return [self.abbreviation, self.abbreviation_ru, self.name_en, self.name_ru, *self.names]


# fmt: off
GAZETTEER = [
    # Russia
    KnownRepository("APRF", "Archive of the President of the Russian Federation", "АПРФ",
                    "Архив Президента Российской Федерации", "Moscow",
                    ("Presidential Archive", "Kremlin Archive")),
    KnownRepository("AVP RF", "Foreign Policy Archive of the Russian Federation", "АВП РФ",
                    "Архив внешней политики Российской Федерации", "Moscow",
                    ("Archive of Foreign Policy of the Russian Federation", "AVP SSSR",
                     "АВП СССР")),
    KnownRepository("RGASPI", "Russian State Archive of Socio-Political History", "РГАСПИ",
                    "Российский государственный архив социально-политической истории", "Moscow",
                    ("RTsKhIDNI", "РЦХИДНИ")),
    KnownRepository("GARF", "State Archive of the Russian Federation", "ГАРФ",
                    "Государственный архив Российской Федерации", "Moscow"),
    KnownRepository("RGANI", "Russian State Archive of Contemporary History", "РГАНИ",
                    "Российский государственный архив новейшей истории", "Moscow",
                    ("TsKhSD", "ЦХСД")),
    KnownRepository("RGAE", "Russian State Archive of the Economy", "РГАЭ",
                    "Российский государственный архив экономики", "Moscow"),
    KnownRepository("RGVA", "Russian State Military Archive", "РГВА",
                    "Российский государственный военный архив", "Moscow"),
    KnownRepository("TsAMO", "Central Archive of the Ministry of Defence of the Russian "
                    "Federation", "ЦАМО", "Центральный архив Министерства обороны Российской "
                    "Федерации", "Podolsk", ("TsAMO RF", "ЦАМО РФ")),
    KnownRepository("RGAVMF", "Russian State Archive of the Navy", "РГАВМФ",
                    "Российский государственный архив Военно-морского флота", "Saint Petersburg"),
    KnownRepository("TsA FSB", "Central Archive of the Federal Security Service", "ЦА ФСБ",
                    "Центральный архив ФСБ России", "Moscow"),
    # Ukraine
    KnownRepository("TsDAHOU", "Central State Archive of Public Organizations of Ukraine",
                    "ЦДАГО", "Центральний державний архів громадських об'єднань України", "Kyiv",
                    ("TsDAGO", "TsDAGOU", "ЦДАГО України")),
    KnownRepository("HDA SBU", "Sectoral State Archive of the Security Service of Ukraine",
                    "ГДА СБУ", "Галузевий державний архів Служби безпеки України", "Kyiv",
                    ("SSA SBU", "GDA SBU")),
    KnownRepository("TsDAVO", "Central State Archive of the Supreme Bodies of Power and "
                    "Government of Ukraine", "ЦДАВО", "Центральний державний архів вищих "
                    "органів влади та управління України", "Kyiv", ("TsDAVOU",)),
    # China, Korea, Japan, Mongolia, Vietnam
    KnownRepository("PRC FMA", "Archive of the Ministry of Foreign Affairs of the People's "
                    "Republic of China", location="Beijing",
                    names=("PRC Foreign Ministry Archive", "Chinese Foreign Ministry Archive",
                           "PRC MFA Archive", "中华人民共和国外交部档案馆")),
    KnownRepository("CCA", "Central Archives of China", location="Beijing",
                    names=("Central Archives", "Zhongyang dang'anguan", "中央档案馆",
                           "中央檔案館")),
    KnownRepository("DAMFA Japan", "Diplomatic Archives of the Ministry of Foreign Affairs of "
                    "Japan", location="Tokyo",
                    names=("Diplomatic Archive of the Ministry of Foreign Affairs of Japan",
                           "Diplomatic Record Office of the Ministry of Foreign Affairs of "
                           "Japan", "外務省外交史料館")),
    KnownRepository("Syngman Rhee Institute", "Syngman Rhee Institute, Yonsei University",
                    location="Seoul", names=("Syngman Rhee Institute, Yonsei University",)),
    KnownRepository("ROK Diplomatic Archives", "Diplomatic Archives of the Ministry of "
                    "Foreign Affairs of the Republic of Korea", location="Seoul",
                    names=("Diplomatic Archives, Republic of Korea",
                           "Diplomatic Archives, Ministry of Foreign Affairs, Republic of Korea")),
    KnownRepository("VNA III", "National Archives Center III", location="Hanoi",
                    names=("National Archives Center 3", "VNA3")),
    # Germany
    KnownRepository("SAPMO-BArch", "Foundation Archive of the Parties and Mass Organizations "
                    "of the GDR in the Federal Archives", location="Berlin",
                    names=("SAPMO", "Stiftung Archiv der Parteien und Massenorganisationen der "
                           "DDR im Bundesarchiv")),
    KnownRepository("BArch", "Federal Archives of Germany", location="Koblenz",
                    names=("Bundesarchiv",)),
    KnownRepository("PA AA", "Political Archive of the Federal Foreign Office", location="Berlin",
                    names=("Politisches Archiv des Auswärtigen Amts",)),
    KnownRepository("BStU", "Stasi Records Archive", location="Berlin",
                    names=("Stasi Archive", "MfS Archive")),
    # Hungary, Poland, Czechoslovakia, Romania, Bulgaria, Yugoslavia, Albania
    KnownRepository("MNL OL", "National Archives of Hungary", location="Budapest",
                    names=("MOL", "Magyar Nemzeti Levéltár Országos Levéltára",
                           "Hungarian National Archives")),
    KnownRepository("AAN", "Archive of Modern Records", location="Warsaw",
                    names=("Archiwum Akt Nowych",)),
    KnownRepository("AMSZ", "Archive of the Ministry of Foreign Affairs of Poland",
                    location="Warsaw",
                    names=("Archiwum Ministerstwa Spraw Zagranicznych",)),
    KnownRepository("IPN", "Institute of National Remembrance", location="Warsaw",
                    names=("Instytut Pamięci Narodowej",)),
    KnownRepository("NA CR", "National Archives of the Czech Republic", location="Prague",
                    names=("Národní archiv", "NA ČR", "SÚA")),
    KnownRepository("AMZV", "Archive of the Ministry of Foreign Affairs of the Czech Republic",
                    location="Prague", names=("Archiv Ministerstva zahraničních věcí",)),
    KnownRepository("ANIC", "Central Historical National Archives of Romania",
                    location="Bucharest",
                    names=("Arhivele Naționale Istorice Centrale", "National Archives of "
                           "Romania")),
    KnownRepository("AMAE", "Archive of the Ministry of Foreign Affairs of Romania",
                    location="Bucharest",
                    names=("Arhiva Ministerului Afacerilor Externe",)),
    KnownRepository("TsDA", "Central State Archive of Bulgaria", "ЦДА",
                    "Централен държавен архив", "Sofia", ("Central State Archive, Sofia",)),
    KnownRepository("AMVnR", "Archive of the Ministry of Foreign Affairs of Bulgaria",
                    location="Sofia", names=("Diplomatic Archive, Sofia",)),
    KnownRepository("AJ", "Archives of Yugoslavia", location="Belgrade",
                    names=("Arhiv Jugoslavije",)),
    KnownRepository("AQSH", "Central State Archive of Albania", location="Tirana",
                    names=("Arkivi Qendror Shtetëror",)),
    # The United States, the United Kingdom, the United Nations
    KnownRepository("NARA", "National Archives and Records Administration",
                    location="College Park, Maryland",
                    names=("US National Archives", "U.S. National Archives")),
    KnownRepository("Truman Library", "Harry S. Truman Presidential Library",
                    location="Independence, Missouri",
                    names=("Harry S. Truman Library", "Truman Presidential Library")),
    KnownRepository("Eisenhower Library", "Dwight D. Eisenhower Presidential Library",
                    location="Abilene, Kansas",
                    names=("Dwight D. Eisenhower Library", "Eisenhower Presidential Library")),
    KnownRepository("JFK Library", "John F. Kennedy Presidential Library",
                    location="Boston, Massachusetts",
                    names=("John F. Kennedy Library", "Kennedy Library")),
    KnownRepository("LBJ Library", "Lyndon B. Johnson Presidential Library",
                    location="Austin, Texas",
                    names=("Lyndon Baines Johnson Library", "Lyndon B. Johnson Library")),
    KnownRepository("Nixon Library", "Richard Nixon Presidential Library",
                    location="Yorba Linda, California", names=("Richard Nixon Library",)),
    KnownRepository("Ford Library", "Gerald R. Ford Presidential Library",
                    location="Ann Arbor, Michigan", names=("Gerald R. Ford Library",)),
    KnownRepository("Carter Library", "Jimmy Carter Presidential Library",
                    location="Atlanta, Georgia", names=("Jimmy Carter Library",)),
    KnownRepository("Reagan Library", "Ronald Reagan Presidential Library",
                    location="Simi Valley, California", names=("Ronald Reagan Library",)),
    KnownRepository("Bush Library", "George H. W. Bush Presidential Library",
                    location="College Station, Texas",
                    names=("George Bush Presidential Library",)),
    KnownRepository("UN ARMS", "United Nations Archives and Records Management Section",
                    location="New York", names=("United Nations Archives", "UNARMS")),
    KnownRepository("TNA", "The National Archives of the United Kingdom", location="Kew",
                    names=("The National Archives", "PRO", "Public Record Office")),
    KnownRepository("NSA", "National Security Archive", location="Washington, D.C.",
                    names=("The National Security Archive",)),
]
# fmt: on


class Names:
    """Repositories by the keys of all their names: the gazetteer's, and the archive's own.

    `add()` takes any object with its names; the database's repositories are added
    after the gazetteer, so the archive's own record of a repository is the one found.
    """

    # A name found inside a longer text must be distinctive: "NA" or "PRO" could be anything.
    DISTINCTIVE = 6

    def __init__(self, known=GAZETTEER):
        self._by_key = {}
        self.known = list(known)
        for entry in known:
            self.add(entry, entry.all_names())

    def add(self, item, names):
        for name in names:
            key = name_key(name)
            if key:
                self._by_key[key] = item

    def get(self, name):
        """The repository a whole name means, or None: "AVPRF", "АВП РФ" or a full name."""
        found = self._by_key.get(name_key(name))
        if found is None:
            # "Archive of the President of the Russian Federation (APRF)": either part.
            inner = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", name or "")
            if inner:
                found = self._by_key.get(name_key(inner[2])) or self._by_key.get(name_key(inner[1]))
        return found

    def at_start(self, text):
        """(repository, end) for the longest name `text` begins with ("MNL OL XIV-J-1-j"),
        where `end` is the offset just after the name; or None."""
        return self._longest(text, starts=[0])

    def within(self, text):
        """(repository, start, end) of the longest distinctive name found anywhere in `text`
        ("…, Syngman Rhee Institute, Yonsei University"), or None."""
        spans = _word_spans(text)
        found = self._longest(text, starts=range(len(spans)), distinctive=True)
        return found

    def _longest(self, text, starts, distinctive=False):
        spans = _word_spans(text)
        best = None
        for i in starts:
            if i >= len(spans):
                break
            for j in range(min(len(spans), i + 12), i, -1):
                start, end = spans[i][0], spans[j - 1][1]
                key = name_key(text[start:end])
                item = self._by_key.get(key)
                if item is None or (distinctive and len(key) < self.DISTINCTIVE):
                    continue
                if best is None or end - start > best[2] - best[1]:
                    best = (item, start, end)
                break
        if best is None:
            return None
        return best if distinctive else (best[0], best[2])


def _word_spans(text):
    """Where the words of a text are: names are compared over runs of whole words."""
    return [match.span() for match in re.finditer(r"[^\s,;:()]+", text or "")]
