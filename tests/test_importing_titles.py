"""Reading the persons and their roles out of a record's English title."""

import random
import time

import pytest

from archive.importing.titles import Party, TitleReading, personal_name, read_title

PLACES = {"Beijing", "Moscow", "Pyongyang", "Seoul", "Peking"}


def is_place(name):
    return name in PLACES


def roles(title, places=is_place):
    """(role, name) of each party, in the title's order."""
    return [(party.role, party.name) for party in read_title(title, places).parties]


def only(title, places=is_place):
    """The one party of a title that names one."""
    (party,) = read_title(title, places).parties
    return party


# --- The shapes of a title ------------------------------------------------------------------


def test_a_ciphered_telegram_sent_from_a_place_to_a_codename():
    reading = read_title(
        "Ciphered Telegram No. 21336 from Beijing, Mao Zedong to Cde. Filippov [Stalin]", is_place
    )
    assert reading == TitleReading(
        kind="Ciphered Telegram No. 21336",
        parties=[
            Party("author", "Mao Zedong", (), "Mao Zedong", True),
            Party("recipient", "Filippov", ("Stalin",), "Cde. Filippov [Stalin]", True),
        ],
        place="Beijing",
    )


def test_the_place_a_telegram_was_sent_from_is_read_without_a_gazetteer():
    reading = read_title("Ciphered Telegram No. 21336 from Beijing, Mao Zedong to Cde. Filippov")
    assert reading.place == "Beijing"
    assert [(p.role, p.name) for p in reading.parties] == [
        ("author", "Mao Zedong"),
        ("recipient", "Filippov"),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Telegram, Mao Zedong to Stalin",
        "Telegram from Mao Zedong to Stalin",
        "Telegram to Stalin from Mao Zedong",
        "From Mao Zedong to Stalin",
    ],
)
def test_author_and_recipient_in_either_order(title):
    assert sorted(roles(title)) == [("author", "Mao Zedong"), ("recipient", "Stalin")]


def test_parties_keep_the_order_the_title_gives_them():
    assert roles("Telegram to Stalin from Mao Zedong") == [
        ("recipient", "Stalin"),
        ("author", "Mao Zedong"),
    ]


def test_a_title_without_a_kind_has_an_empty_kind():
    assert read_title("From Mao Zedong to Stalin").kind == ""


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        (
            "Ciphered Telegram No. 21336 from Beijing, Mao Zedong to Filippov",
            "Ciphered Telegram No. 21336",
        ),
        (
            "Letter No. 71 from the President (Syngman Rhee) to Minister Pyun Yung-tai",
            "Letter No. 71",
        ),
        (
            "Memorandum of Conversation between Mao Zedong and Pavel Yudin",
            "Memorandum of Conversation",
        ),
        ("Telegram, Mao Zedong to Stalin", "Telegram"),
        ("Notes and Comments on the Korean situation", "Notes and Comments"),
        ("Resolution of the CC VKP(b) Politburo", "Resolution of the CC VKP(b) Politburo"),
    ],
)
def test_the_kind_is_what_stands_before_the_parties(title, kind):
    assert read_title(title).kind == kind


def test_a_subject_after_a_dash():
    reading = read_title("Cable from Mao Zedong to Stalin - on the armistice negotiations")
    assert reading.kind == "Cable"
    assert reading.subject == "on the armistice negotiations"
    assert roles("Cable from Mao Zedong to Stalin - on the armistice negotiations") == [
        ("author", "Mao Zedong"),
        ("recipient", "Stalin"),
    ]


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("Cable from Mao Zedong to Stalin – on the armistice", "on the armistice"),
        ("Cable from Mao Zedong to Stalin—on the armistice", "on the armistice"),
        ("Cable from Mao Zedong to Stalin: the armistice", "the armistice"),
        ("Cable from Mao Zedong to Stalin on the armistice", "on the armistice"),
        ("Cable from Mao Zedong to Stalin regarding the armistice", "regarding the armistice"),
        (
            "Letter from Stalin to Mao Zedong, with Kim Il Sung's letter",
            "with Kim Il Sung's letter",
        ),
        ("Telegram from Mao Zedong in reply to Stalin", "in reply to Stalin"),
    ],
)
def test_subjects_begin_where_the_parties_end(title, subject):
    reading = read_title(title)
    assert reading.subject == subject
    assert all(p.name in {"Mao Zedong", "Stalin"} for p in reading.parties)


def test_persons_the_subject_mentions_are_not_parties():
    reading = read_title("Report by Ambassador Roshchin on a meeting with Zhou Enlai")
    assert reading.kind == "Report"
    assert reading.subject == "on a meeting with Zhou Enlai"
    assert reading.parties == [Party("author", "Roshchin", (), "Ambassador Roshchin", True)]


def test_a_subject_after_a_colon_keeps_its_own_dashes():
    reading = read_title("Letter, Kim Il Sung to Stalin: the 38th parallel - a new plan")
    assert reading.subject == "the 38th parallel - a new plan"


@pytest.mark.parametrize(
    "title",
    [
        "Memorandum of Conversation between Mao Zedong and Soviet Ambassador Pavel Yudin",
        "Minutes of Conversation, Mao Zedong and Pavel Yudin",
        "Conversation between Mao Zedong and Ambassador Pavel Yudin, Beijing, 31 March 1956",
    ],
)
def test_a_conversation_has_participants(title):
    assert roles(title) == [("participant", "Mao Zedong"), ("participant", "Pavel Yudin")]


def test_a_conversation_with_several_on_one_side():
    assert roles(
        "Record of Conversation between Comrade Zhou Enlai and Comrade Stalin, Molotov and Vyshinsky"
    ) == [
        ("participant", "Zhou Enlai"),
        ("participant", "Stalin"),
        ("participant", "Molotov"),
        ("participant", "Vyshinsky"),
    ]


def test_several_authors_are_a_list_not_a_place():
    assert roles("Telegram from Stalin, Molotov and Vyshinsky to Mao Zedong", None) == [
        ("author", "Stalin"),
        ("author", "Molotov"),
        ("author", "Vyshinsky"),
        ("recipient", "Mao Zedong"),
    ]
    assert read_title("Telegram from Stalin, Molotov and Vyshinsky to Mao Zedong").place == ""


def test_a_party_after_the_kind_with_no_addressee_is_the_author():
    assert roles("Letter, Kim Il Sung") == [("author", "Kim Il Sung")]


def test_a_conversation_with_a_place_and_a_date():
    reading = read_title("Conversation between Stalin and Mao, Moscow, 16 December 1949", is_place)
    assert reading.kind == "Conversation"
    assert reading.place == "Moscow"
    assert reading.date_text == "16 December 1949"
    assert roles("Conversation between Stalin and Mao, Moscow, 16 December 1949") == [
        ("participant", "Stalin"),
        ("participant", "Mao"),
    ]


def test_a_place_after_in():
    reading = read_title("Conversation between Stalin and Mao in Moscow")
    assert reading.place == "Moscow"
    assert [p.name for p in reading.parties] == ["Stalin", "Mao"]


def test_a_place_the_message_was_sent_to_is_not_a_party_nor_where_it_was_sent_from():
    reading = read_title("Telegram from Pyongyang to Moscow", is_place)
    assert (reading.place, reading.parties) == ("Pyongyang", [])


# --- Diaries and journals -------------------------------------------------------------------


def test_a_conversation_from_an_ambassadors_diary():
    reading = read_title(
        "From the Diary of V. V. Kuznetsov: Memorandum of Conversation with Kim Il Sung on June 5, 1953"
    )
    assert reading.kind == "Memorandum of Conversation"
    assert reading.date_text == "June 5, 1953"
    assert reading.parties == [
        Party("author", "V. V. Kuznetsov", (), "V. V. Kuznetsov", True),
        Party("participant", "Kim Il Sung", (), "Kim Il Sung", True),
    ]


@pytest.mark.parametrize(
    ("title", "name", "written", "date_text"),
    [
        (
            "From the Journal of Ambassador Shtykov, 1 March 1949",
            "Shtykov",
            "Ambassador Shtykov",
            "1 March 1949",
        ),
        ("From the Journal of T. F. Shtykov", "T. F. Shtykov", "T. F. Shtykov", ""),
        (
            "From the journal of Soviet Ambassador to the DPRK T. F. Shtykov",
            "T. F. Shtykov",
            "Soviet Ambassador to the DPRK T. F. Shtykov",
            "",
        ),
    ],
)
def test_a_journal_is_its_keepers(title, name, written, date_text):
    reading = read_title(title)
    assert reading.kind == "Journal"
    assert reading.date_text == date_text
    assert reading.parties == [Party("author", name, (), written, True)]


def test_a_dated_journal_entry_with_a_title_of_its_own():
    reading = read_title(
        "From the Journal of Ambassador Shtykov, 1 March 1949: Record of Conversation with Kim Il Sung"
    )
    assert reading.kind == "Record of Conversation"
    assert reading.date_text == "1 March 1949"
    assert [(p.role, p.name) for p in reading.parties] == [
        ("author", "Shtykov"),
        ("participant", "Kim Il Sung"),
    ]


# --- Names: honorifics, offices, variants, messengers ----------------------------------------


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Cde. Filippov", "Filippov"),
        ("Comrade Stalin", "Stalin"),
        ("comrade Stalin", "Stalin"),
        ("Comrades Stalin", "Stalin"),
        ("Mr. Dulles", "Dulles"),
        ("Dr. Syngman Rhee", "Syngman Rhee"),
        ("Gen. MacArthur", "MacArthur"),
        ("General Peng Dehuai", "Peng Dehuai"),
        ("Marshal Tito", "Tito"),
        ("Soviet Ambassador Pavel Yudin", "Pavel Yudin"),
        ("the Chinese Ambassador Liu Xiao", "Liu Xiao"),
        ("US Ambassador Muccio", "Muccio"),
        ("Foreign Minister Pak Hon-yong", "Pak Hon-yong"),
        ("Deputy Foreign Minister Gromyko", "Gromyko"),
        ("Vice-Premier Chen Yi", "Chen Yi"),
        ("Prime Minister Nehru", "Nehru"),
        ("Premier Zhou Enlai", "Zhou Enlai"),
        ("Chairman Mao Zedong", "Mao Zedong"),
        ("President Truman", "Truman"),
        ("Chargé d'Affaires Petrov", "Petrov"),
        ("Counselor Sudarikov", "Sudarikov"),
        ("Major General Vasiliev", "Vasiliev"),
        ("Lieutenant General Razuvaev", "Razuvaev"),
        ("Acting Minister of Foreign Affairs Pak Hon-yong", "Pak Hon-yong"),
        ("the Soviet Ambassador to the DPRK Shtykov", "Shtykov"),
        ("Minister Pyun Yung-tai", "Pyun Yung-tai"),
    ],
)
def test_honorifics_and_offices_come_off_the_name(written, name):
    party = only(f"Letter to {written}")
    assert party.name == name
    assert party.written == written


@pytest.mark.parametrize(
    "name",
    ["John Major", "Charles de Gaulle", "Kim Il Sung", "Pak Hon-yong", "Valéry Giscard d'Estaing"],
)
def test_words_of_a_real_name_stay(name):
    assert only(f"Letter from Prime Minister {name}").name == name
    assert only(f"Letter from {name}").name == name


def test_an_envoys_post_is_not_an_addressee_but_an_addressee_after_it_is():
    assert roles("Letter from the Soviet Ambassador to the DPRK Shtykov to Stalin") == [
        ("author", "Shtykov"),
        ("recipient", "Stalin"),
    ]
    assert roles("Letter from Soviet Ambassador Shtykov to Kim Il Sung") == [
        ("author", "Shtykov"),
        ("recipient", "Kim Il Sung"),
    ]


def test_the_personal_name_in_brackets_wins_over_the_office():
    reading = read_title(
        "Letter No. 71 from the President (Syngman Rhee) to Minister Pyun Yung-tai"
    )
    assert reading.parties == [
        Party("author", "Syngman Rhee", (), "the President (Syngman Rhee)", True),
        Party("recipient", "Pyun Yung-tai", (), "Minister Pyun Yung-tai", True),
    ]


def test_a_role_in_brackets_after_a_name_leaves_the_name():
    party = only("Telegram to Kim Il Sung (Chairman)")
    assert (party.name, party.variants) == ("Kim Il Sung", ())
    party = only("Telegram to Mao Zedong (Chairman of the CCP Central Committee)")
    assert (party.name, party.variants, party.person_like) == ("Mao Zedong", (), True)


@pytest.mark.parametrize(
    ("written", "name", "variants"),
    [
        ("Cde. Filippov [Stalin]", "Filippov", ("Stalin",)),
        ("Kim Il Sung [Kim Ir Sen]", "Kim Il Sung", ("Kim Ir Sen",)),
        ("Zhou Enlai (Chou En-lai)", "Zhou Enlai", ("Chou En-lai",)),
        ("Filippov [Comrade Stalin]", "Filippov", ("Stalin",)),
        ("Feng Xi [Stalin] [Filippov]", "Feng Xi", ("Stalin", "Filippov")),
        ("Stalin [sic]", "Stalin", ()),
        ("Stalin (excerpt)", "Stalin", ()),
    ],
)
def test_other_names_in_brackets_are_variants(written, name, variants):
    party = only(f"Telegram to {written}")
    assert (party.name, party.variants, party.written) == (name, variants, written)


def test_a_messenger_in_brackets_is_an_intermediary_not_a_variant():
    reading = read_title("Ciphered Telegram, Stalin [Kuznetsov] to Mao Zedong [via Terebin]")
    assert reading.kind == "Ciphered Telegram"
    assert reading.parties == [
        Party("author", "Stalin", ("Kuznetsov",), "Stalin [Kuznetsov]", True),
        Party("recipient", "Mao Zedong", (), "Mao Zedong", True),
        Party("intermediary", "Terebin", (), "Terebin", True),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Letter, Kim Il Sung [Kim Ir Sen] to Stalin (via Shtykov)",
        "Letter from Kim Il Sung [Kim Ir Sen] to Stalin via Shtykov",
        "Letter from Kim Il Sung [Kim Ir Sen] to Stalin (through Comrade Shtykov)",
    ],
)
def test_a_letter_through_an_ambassador(title):
    reading = read_title(title)
    assert [(p.role, p.name, p.variants) for p in reading.parties] == [
        ("author", "Kim Il Sung", ("Kim Ir Sen",)),
        ("recipient", "Stalin", ()),
        ("intermediary", "Shtykov", ()),
    ]


# --- Persons, bodies, offices, places -------------------------------------------------------


def test_a_central_committee_is_not_a_person():
    reading = read_title("Cable from the CCP Central Committee to Kim Il Sung")
    assert reading.parties == [
        Party("author", "the CCP Central Committee", (), "the CCP Central Committee", False),
        Party("recipient", "Kim Il Sung", (), "Kim Il Sung", True),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "the CC VKP(b)",
        "CC CPSU",
        "the KWP Central Committee",
        "the Politburo",
        "the Soviet Embassy in the DPRK",
        "the Ministry of Foreign Affairs of the PRC",
        "Polish Legation",
        "the Chinese People's Volunteers",
        "SED Politburo",
        "Headquarters of the Korean People's Army",
        "the Soviet Government",
        "the Soviet side",
    ],
)
def test_bodies_are_not_persons(body):
    reading = read_title(f"Memorandum from {body} to Stalin", is_place)
    assert [(p.role, p.name, p.person_like) for p in reading.parties] == [
        ("author", body, False),
        ("recipient", "Stalin", True),
    ]


def test_an_office_without_a_name_is_not_a_person():
    party = only("Letter from the Soviet Ambassador")
    assert (party.name, party.written, party.person_like) == (
        "the Soviet Ambassador",
        "the Soviet Ambassador",
        False,
    )


@pytest.mark.parametrize(
    "title",
    [
        "Letter from President to Stalin",
        "Telegram from Premier to Stalin",
        "Letter, Secretary to Stalin",
        "Note from General to Stalin",
    ],
)
def test_an_office_alone_is_not_a_person(title):
    author, recipient = read_title(title, is_place).parties
    assert (author.role, author.person_like) == ("author", False)
    assert (recipient.name, recipient.person_like) == ("Stalin", True)


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("Secretary Acheson", "Acheson"),
        ("Kim Il Sung, Chairman of the Cabinet of Ministers", "Kim Il Sung"),
        ("ФИЛИПОВУ", "ФИЛИПОВУ"),
        ("KUZNETSOV", "KUZNETSOV"),  # in capitals, not a party's initials
        ("菲利波夫", "菲利波夫"),
        ("김일성", "김일성"),
        ("President", None),
        ("Zhou Enlai arrived in Geneva on 3 June", None),
        ("our great regret", None),
        ("the Central Committee", None),
    ],
)
def test_the_personal_name_a_phrase_of_address_gives(phrase, name):
    assert personal_name(phrase, is_place) == name


def test_a_body_with_a_person_in_brackets_is_that_person():
    party = only("Letter from the Soviet Embassy (Shtykov)")
    assert (party.name, party.person_like) == ("Shtykov", True)


# --- Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "date_text"),
    [
        ("Memorandum of Conversation with Kim Il Sung on June 5, 1953", "June 5, 1953"),
        ("Telegram from Mao Zedong to Stalin, 1 October 1950", "1 October 1950"),
        ("Cable, Mao Zedong to Filippov [Stalin], 2 October 1950", "2 October 1950"),
        ("Conversation between Stalin and Mao, 16 December 1949", "16 December 1949"),
        ("Letter from Stalin to Mao Zedong, October 1950", "October 1950"),
        ("Letter from Stalin to Mao Zedong, 1950", "1950"),
        ("Telegram from Stalin to Mao Zedong on Sept. 5, 1950 on the front", "Sept. 5, 1950"),
    ],
)
def test_a_date_in_the_title(title, date_text):
    reading = read_title(title)
    assert reading.date_text == date_text
    assert all(p.name != date_text for p in reading.parties)
    assert reading.parties  # the date does not cut the parties short


def test_a_number_in_the_kind_is_not_a_date():
    assert read_title("Ciphered Telegram No. 21336 from Mao Zedong to Stalin").date_text == ""


# --- Titles that name no one, and odd input -------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Notes on the Korean situation",
        "Resolution of the CC VKP(b) Politburo",
        "Draft Armistice Agreement",
        "Report on the situation in Korea",
    ],
)
def test_titles_that_name_no_one(title):
    reading = read_title(title)
    assert reading.parties == []
    assert reading.kind


def test_notes_keep_their_subject():
    reading = read_title("Notes on the Korean situation")
    assert (reading.kind, reading.subject) == ("Notes", "on the Korean situation")


@pytest.mark.parametrize(
    "title",
    [
        "",
        None,
        "   ",
        "from",
        "Telegram from",
        "Telegram from to Stalin",
        "Letter, , to",
        "Letter from Mao) to Stalin",
        "Letter from Mao [[Zedong to Stalin",
        "Letter from the President ( to",
        "Letter (via",
        "[via Shtykov]",
        " - ",
        ":",
        "From the Diary of",
        "From the Diary of :",
        "From the Diary of Kuznetsov, 5 June 1953:",
        "Telegram from Cde.",
        "Telegram from the",
        "(((((((((((((",
        ")]",
    ],
)
def test_odd_titles_never_raise(title):
    reading = read_title(title)
    assert isinstance(reading, TitleReading)
    assert all(isinstance(p, Party) and p.name for p in reading.parties)


def test_an_unclosed_bracket_still_gives_its_name():
    party = read_title("Letter, Kim Il Sung [Kim Ir Sen to Stalin").parties[0]
    assert (party.role, party.name, party.variants) == ("author", "Kim Il Sung", ("Kim Ir Sen",))


def test_a_stray_closing_bracket_does_not_stick_to_the_name():
    assert roles("Letter from Mao Zedong] to Stalin") == [
        ("author", "Mao Zedong"),
        ("recipient", "Stalin"),
    ]


def test_a_long_title_is_read_quickly_and_whole():
    names = [f"Comrade Person{chr(65 + i % 26)}{chr(97 + i // 26)}" for i in range(45)]
    title = "Record of Conversation between " + ", ".join(names) + " and Stalin"
    assert len(title) > 600
    started = time.perf_counter()
    reading = read_title(title)
    assert time.perf_counter() - started < 1
    assert len(reading.parties) == 46
    assert reading.parties[-1].name == "Stalin"


@pytest.mark.parametrize("filler", ["A" * 600, "[" * 300 + "]" * 300, "from " * 120, ", " * 300])
def test_pathological_titles_are_read_quickly(filler):
    started = time.perf_counter()
    read_title(f"Letter from {filler} to Stalin")
    assert time.perf_counter() - started < 1


def test_spaces_and_line_breaks_in_a_title_are_one_space():
    reading = read_title(
        "Ciphered  Telegram No. 21336 from Beijing,\nMao\nZedong to Cde. Filippov [Stalin]"
    )
    assert reading.kind == "Ciphered Telegram No. 21336"
    assert reading.parties[0].written == "Mao Zedong"


def test_a_full_stop_at_the_end_is_not_part_of_the_name():
    assert roles("Telegram from Mao Zedong to Stalin.") == [
        ("author", "Mao Zedong"),
        ("recipient", "Stalin"),
    ]
    assert only("From the Diary of V. V. Kuznetsov").name == "V. V. Kuznetsov"


def test_capitals_and_countries_are_known_without_a_gazetteer():
    reading = read_title("Conversation between Stalin and Mao, Moscow")
    assert (reading.place, [p.name for p in reading.parties]) == ("Moscow", ["Stalin", "Mao"])
    assert read_title("Telegram from Pyongyang to Moscow").parties == []


def test_a_lesser_place_needs_the_gazetteer():
    # Without is_place there is no telling "Kuntsevo" from a surname at the end of a list.
    title = "Conversation between Stalin and Mao, Kuntsevo"
    assert roles(title, None)[-1] == ("participant", "Kuntsevo")
    reading = read_title(title, lambda name: name == "Kuntsevo")
    assert (reading.place, len(reading.parties)) == ("Kuntsevo", 2)


def test_a_name_and_then_what_the_message_does():
    reading = read_title("Telegram from Shtykov to Vyshinsky conveying a letter from Kim Il Sung")
    assert [(p.role, p.name) for p in reading.parties] == [
        ("author", "Shtykov"),
        ("recipient", "Vyshinsky"),
    ]
    assert reading.subject == "conveying a letter from Kim Il Sung"


def test_a_possessive_is_not_a_name_followed_by_a_subject():
    reading = read_title("Telegram from Mao Zedong to Stalin, with Kim Il Sung's letter")
    assert reading.subject == "with Kim Il Sung's letter"
    assert len(reading.parties) == 2


def test_an_excerpt_from_minutes_names_a_document_not_an_author():
    reading = read_title("Excerpt from the Minutes of the Meeting of the Politburo")
    assert reading.kind == "Excerpt from the Minutes of the Meeting of the Politburo"
    assert reading.parties == []


def test_an_excerpt_from_a_diary_is_the_diarists():
    reading = read_title(
        "Excerpt from the Diary of Soviet Ambassador Yudin: "
        "Record of Conversation with Mao Zedong, 31 March 1956"
    )
    assert reading.kind == "Record of Conversation"
    assert reading.date_text == "31 March 1956"
    assert [(p.role, p.name) for p in reading.parties] == [
        ("author", "Yudin"),
        ("participant", "Mao Zedong"),
    ]


def test_an_embassy_in_a_capital_is_one_body():
    reading = read_title("Telegram from the Chinese Embassy in Pyongyang to the Foreign Ministry")
    assert [(p.role, p.name, p.person_like) for p in reading.parties] == [
        ("author", "the Chinese Embassy in Pyongyang", False),
        ("recipient", "the Foreign Ministry", False),
    ]
    assert reading.place == ""


def test_titles_put_together_from_odd_pieces_never_raise():
    pieces = [
        "Telegram", "from", "to", "between", "and", "via", "on", ",", ", ", " - ", ": ", "(", ")",
        "[", "]", "[via", "Cde.", "the", "Soviet Ambassador", "Kim Il Sung", "CC VKP(b)",
        "5 June 1953", "June 5, 1953", "Beijing", "From the Diary of", "Excerpt from the",
        "Minutes", "“", "'s", "—", "  ", "No. 21336", "Chargé d'Affaires",
    ]  # fmt: skip
    rng = random.Random(1953)
    for _ in range(2000):
        title = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        reading = read_title(title, is_place)
        assert all(p.name and p.role for p in reading.parties), title
