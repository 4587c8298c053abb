"""Documentary volumes, journals and bulletins a document is printed in:
archive.sources.published."""

import pytest

from archive.sources import published
from archive.sources.published import Publication

LEDOVSKII = (
    "Andrei Ledovskii, Raisa Mirovitskaia and Vladimir Miasnikov, Sovetsko-Kitaiskie "
    "Otnosheniia, Vol. 5, Book 1, 1946-February 1950 (Moscow: Pamiatniki Istoricheskoi "
    "Mysli, 2005), p. 421"
)
ZHOU_ENLAI = (
    "Zhonggong zhongyang wenxian yanjiushi (CPC Central Historical Documents Research "
    "Office) and Zhongyang dang'anguan (Central Archives), eds., Jianguo yilai Zhou Enlai "
    "wengao (Zhou Enlai's Manuscripts since the Founding of the PRC), vol. 7 (Beijing: "
    "Zhongyang wenxian chubanshe, 2018), 37-39"
)
WEATHERSBY = (
    'Kathryn Weathersby, "New Russian Documents on the Korean War," Cold War International '
    "History Project Bulletin, no. 6-7 (Winter 1995/1996), pp. 30-35"
)


def test_authors_title_volume_book_imprint_and_page_are_read():
    assert published.read(LEDOVSKII) == Publication(
        authors="Andrei Ledovskii, Raisa Mirovitskaia and Vladimir Miasnikov",
        title="Sovetsko-Kitaiskie Otnosheniia",
        volume="5",
        book="1",
        part_title="1946-February 1950",
        place="Moscow",
        publisher="Pamiatniki Istoricheskoi Mysli",
        year="2005",
        pages="421",
    )


def test_editors_and_an_english_title_in_parentheses_are_read():
    assert published.read(ZHOU_ENLAI) == Publication(
        authors=(
            "Zhonggong zhongyang wenxian yanjiushi (CPC Central Historical Documents "
            "Research Office) and Zhongyang dang'anguan (Central Archives)"
        ),
        editors=True,
        title="Jianguo yilai Zhou Enlai wengao",
        title_en="Zhou Enlai's Manuscripts since the Founding of the PRC",
        volume="7",
        place="Beijing",
        publisher="Zhongyang wenxian chubanshe",
        year="2018",
        pages="37-39",
    )


def test_a_short_citation_of_a_volume_and_page():
    assert published.read("Mao wengao, vol. 5, p. 90") == Publication(
        title="Mao wengao", volume="5", pages="90"
    )


@pytest.mark.parametrize(
    ("written", "title", "issue"),
    [
        ("CWIHP Bulletin #16", "CWIHP Bulletin", "16"),
        ("CWIHP Bulletin 16", "CWIHP Bulletin", "16"),
        (
            "Cold War International History Project Bulletin, no. 6-7",
            "Cold War International History Project Bulletin",
            "6-7",
        ),
    ],
)
def test_a_bulletin_and_its_issue_are_read(written, title, issue):
    publication = published.read(written)
    assert (publication.title, publication.issue) == (title, issue)


def test_an_article_in_a_journal_with_a_season_for_its_date():
    publication = published.read(WEATHERSBY)
    assert publication.authors == "Kathryn Weathersby"
    assert publication.article == "New Russian Documents on the Korean War"
    assert publication.title == "Cold War International History Project Bulletin"
    assert (publication.issue, publication.year, publication.pages) == (
        "6-7",
        "Winter 1995/1996",
        "30-35",
    )


def test_a_document_number_in_a_volume_is_read():
    publication = published.read(
        "Document no. 26 in Sovetsko-Kitaiskie Otnosheniia, vol. 5, book 1 (Moscow, 2005), pp. 421-423"
    )
    assert publication.number == "26"
    assert publication.title == "Sovetsko-Kitaiskie Otnosheniia"
    assert (publication.place, publication.year, publication.pages) == ("Moscow", "2005", "421-423")


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        (
            LEDOVSKII,
            "Andrei Ledovskii, Raisa Mirovitskaia and Vladimir Miasnikov, Sovetsko-Kitaiskie "
            "Otnosheniia, vol. 5, book 1, 1946-February 1950 (Moscow: Pamiatniki Istoricheskoi "
            "Mysli, 2005), p. 421",
        ),
        (
            ZHOU_ENLAI,
            "Zhonggong zhongyang wenxian yanjiushi (CPC Central Historical Documents Research "
            "Office) and Zhongyang dang'anguan (Central Archives), eds., Jianguo yilai Zhou "
            "Enlai wengao (Zhou Enlai's Manuscripts since the Founding of the PRC), vol. 7 "
            "(Beijing: Zhongyang wenxian chubanshe, 2018), pp. 37-39",
        ),
        ("Mao wengao, vol. 5, p. 90", "Mao wengao, vol. 5, p. 90"),
        ("CWIHP Bulletin #16", "CWIHP Bulletin, no. 16"),
        (
            WEATHERSBY,
            "Kathryn Weathersby, “New Russian Documents on the Korean War,” Cold War "
            "International History Project Bulletin, no. 6-7 (Winter 1995/1996), pp. 30-35",
        ),
        (
            "Document no. 26 in Sovetsko-Kitaiskie Otnosheniia, vol. 5 (Moscow, 2005), p. 421",
            "Document no. 26 in Sovetsko-Kitaiskie Otnosheniia, vol. 5 (Moscow, 2005), p. 421",
        ),
    ],
)
def test_publications_print_in_one_standard_form(written, standard):
    assert str(published.read(written)) == standard


@pytest.mark.parametrize(
    "written", [LEDOVSKII, ZHOU_ENLAI, WEATHERSBY, "Mao wengao, vol. 5, p. 90"]
)
def test_the_standard_form_reads_back_to_the_same_publication(written):
    publication = published.read(written)
    assert published.read(str(publication)) == publication


@pytest.mark.parametrize(
    "written",
    [
        LEDOVSKII,
        ZHOU_ENLAI,
        "Mao wengao, vol. 5, p. 90",
        "CWIHP Bulletin #16",
        "Istochnik, no. 2 (1995), pp. 3-10",
    ],
)
def test_citations_with_a_volume_an_issue_or_an_imprint_look_published(written):
    assert published.looks_published(written)


@pytest.mark.parametrize(
    "written",
    [
        "APRF, f. 45, op. 1, d. 339, l. 92",
        "PRC FMA 106-00719-04, 39-40",
        "Translated by Mark Kramer",
    ],
)
def test_archival_references_do_not_look_published(written):
    assert not published.looks_published(written)
