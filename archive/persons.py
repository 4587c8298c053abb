"""The persons of the archive, to look names up in while importing, never duplicating anyone.

A name found under any of a person's names or aliases is that person; a name
found nowhere becomes a new person, made once and found again by every later
record of the same run.
"""

import datetime
import itertools
import re

from django.db.models import prefetch_related_objects
from django.utils.text import slugify

from .languages import language_of_script
from .models import Alias, Person
from .names import NameIndex
from .romanization import slug as latin_slug

ALIAS_FIELDS = ("name", "kind", "language", "note")
# "M. B. Ridgway", "В.В. Кузнецов": initials, then the surname.
_INITIALS = re.compile(
    r"^(?P<initial>[^\W\d_])\.\s*(?:[^\W\d_]\.\s*){0,2}(?P<surname>[^\W\d_][\w'’-]+)$"
)
_ONLY_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+$")  # "В.", "В.В."
# "Kuznetsov V. V.", as Russian lists write it: the surname, then the initials.
_INITIALS_AFTER = re.compile(
    r"^(?P<surname>[^\W\d_][\w'’-]+)\s+(?P<initials>(?:[^\W\d_]\.\s*){1,3})$"
)
# "Ivan Petrovich Kuznetsov": a patronymic stands between the given name and the surname.
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|ovich|evich|ich|ovna|evna|ichna)$", re.I)


def sort_name_of(name):
    """A new person's sort name, family name first, where the name shows which word that
    is: "Kuznetsov, V. V." for "V. V. Kuznetsov" or "Kuznetsov V. V.", "Kuznetsov, Ivan
    Petrovich" for "Ivan Petrovich Kuznetsov". Otherwise "", the name itself: whether
    "Zhou Enlai" or "Vasily Kuznetsov" begins with the family name, the words do not say.
    """
    name = " ".join(name.split())
    if match := _INITIALS.match(name):
        return f"{match['surname']}, {name[: match.start('surname')].strip()}"
    if match := _INITIALS_AFTER.match(name):
        return f"{match['surname']}, {match['initials'].strip()}"
    words = name.split()
    if len(words) == 3 and _PATRONYMIC.search(words[1]):
        return f"{words[2]}, {words[0]} {words[1]}"
    return ""


def surnames(person):
    """A person's surnames, as they may stand alone in a text: "Malik", "Малик", "Mao".

    For names written surname last ("Malik, Yakov" sorts by it), the part before the
    comma; for a Chinese or Korean name (one with a name in its own script), the first
    word, which is the family name ("Chairman Mao"). A surname two persons share finds
    neither (names.NameIndex).
    """
    if "," not in person.sort_name:
        return [person.name.split()[0]] if _family_first(person) else []
    latin = person.sort_name.split(",", 1)[0].strip()
    # The last word that is no initial: "Кузнецов" of "Кузнецов В. В." as of "В. В. Кузнецов".
    words = [word for word in person.name_ru.split() if not _ONLY_INITIALS.match(word)]
    return [latin, words[-1] if words else ""]


def index_person(index, person, *more_names):
    """Add a person to a NameIndex under every name: theirs in each script, their aliases
    (read from a prefetch), and `more_names` (a name as one document writes it)."""
    names = [person.name, person.name_ru, person.name_native, *more_names]
    names += [alias.name for alias in person.aliases.all()]
    index.add(person, names, surnames(person), family_first=_family_first(person))


def _family_first(person):
    """Whether the person's name is a Chinese or Korean one, family name first."""
    return language_of_script(person.name_native) in ("zh", "ko") and " " in person.name


def short_name(person):
    """The name a document would give in English: "Stalin", "Mao Zedong", "Elezov"."""
    if "," in person.sort_name:
        return person.sort_name.split(",", 1)[0].strip()
    return person.name


class PersonDirectory:
    """Every person and alias, loaded once, to look names up in; new persons join it."""

    def __init__(self):
        self.index = NameIndex()
        self._by_slug = {}
        self._created = []
        self._named = []  # persons given new aliases, since the last keep or forget
        for person in Person.objects.prefetch_related("aliases"):
            self._add(person)

    def _add(self, person):
        self._by_slug[person.slug] = person
        index_person(self.index, person)

    def get(self, slug):
        return self._by_slug.get(slug)

    def find(self, name):
        """The person a whole name means, or None."""
        return self.index.find(name)

    def find_or_surname(self, name):
        """The person a whole name or a surname alone means, or None."""
        return self.index.find_or_surname(name)

    def nearest(self, name):
        """The one person a name misses by a letter (a typo: "Flippov"), or None."""
        return self.index.nearest(name)

    def find_by_initials(self, name):
        """The person a signature of initials and surname means ("M. B. RIDGWAY", "В. В.
        Кузнецов", "Кузнецов В. В."), if the surname finds one person whose given name has
        that first letter."""
        name = " ".join(name.split())
        match = _INITIALS.match(name) or _INITIALS_AFTER.match(name)
        if match is None:
            return None
        person = self.index.find_or_surname(match["surname"])
        if person is None:
            return None
        given = [person.sort_name.partition(",")[2], person.name, person.name_ru]
        initial = (match.groupdict().get("initial") or match["initials"])[0].casefold()
        if any(part.strip()[:1].casefold() == initial for part in given if part):
            return person
        return None

    def alias_kind(self, person, name):
        """The kind of the alias ("codename"…) under which `name` finds `person`, if any."""
        for alias in person.aliases.all():
            probe = NameIndex()
            probe.add(alias, [alias.name])
            if probe.find(name) is alias:
                return alias.kind
        return ""

    def find_entry(self, entry):
        """The person an exchange-format person entry means, by slug or by any of its
        names, or None."""
        person = self._by_slug.get(entry.get("slug") or "")
        return person or next(filter(None, map(self.find, entry_names(entry))), None)

    def resolve(self, entry):
        """(person, created) for an exchange-format person entry: by slug, by name, or new."""
        person = self.find_entry(entry)
        if person is not None:
            return person, False
        return self._create(entry), True

    def _create(self, entry):
        slug = entry.get("slug") or self._free_slug(entry["name"])
        person = Person(
            slug=slug,
            name=entry["name"],
            sort_name=entry.get("sort_name", ""),
            name_ru=entry.get("name_ru", ""),
            name_native=entry.get("name_native", ""),
            description=entry.get("description", ""),
            wikidata_id=entry.get("wikidata_id", ""),
            birth_date=_date(entry.get("birth_date")),
            death_date=_date(entry.get("death_date")),
        )
        person.full_clean()
        person.save()
        aliases = [
            Alias(person=person, **{k: alias.get(k, "") for k in ALIAS_FIELDS})
            for alias in entry.get("aliases", [])
        ]
        for alias in aliases:
            alias.full_clean(exclude=["person"])
        Alias.objects.bulk_create(aliases)
        # Prefetched like the persons loaded: later records read the aliases without a query.
        prefetch_related_objects([person], "aliases")
        self._created.append(person)
        self._add(person)
        return person

    def _free_slug(self, name):
        # Every person is in the directory: those loaded and those made since.
        base = latin_slug(name) or slugify(name) or "person"
        candidates = itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
        return next(candidate for candidate in candidates if candidate not in self._by_slug)

    def add_aliases(self, person, aliases):
        """Give a person the aliases (exchange-format entries) under which the directory
        does not find them yet; returns the names added. Names are only ever added."""
        added = []
        for alias in aliases:
            name = alias.get("name", "")
            # A name that finds them, or someone else, is not theirs to add.
            if not name or name in added or self.find(name) is not None:
                continue
            created = Alias(person=person, **{k: alias.get(k, "") for k in ALIAS_FIELDS})
            created.full_clean(exclude=["person"])
            created.save()
            added.append(name)
        if added:
            person._prefetched_objects_cache.pop("aliases", None)
            prefetch_related_objects([person], "aliases")
            self._add(person)
            self._named.append(person)
        return added

    def forget_created(self):
        """Drop the persons made since the last call: their transaction was rolled back."""
        for person in self._created:
            self._by_slug.pop(person.slug, None)
            self.index.remove(person)
        for person in self._named:  # as the database has them again
            self.index.remove(person)
            fresh = Person.objects.prefetch_related("aliases").filter(pk=person.pk).first()
            if fresh is not None:
                self._add(fresh)
        self._created, self._named = [], []

    def keep_created(self):
        self._created, self._named = [], []


def entry_names(entry):
    """All the names of an exchange-format person entry, its aliases' too."""
    names = [entry.get("name"), entry.get("name_ru"), entry.get("name_native")]
    names += [alias.get("name") for alias in entry.get("aliases", [])]
    return [name for name in names if name]


def _date(value):
    return datetime.date.fromisoformat(value) if value else None
