"""Languages of texts and names: direction, and the language a name's own script shows."""

import pytest

from archive.languages import language_of_script, text_direction


@pytest.mark.parametrize(
    "name, language",
    [("毛泽东", "zh"), ("毛澤東", "zh"), ("김일성", "ko"), ("金日成", "zh"), ("スターリン", "ja"),
     ("ბერია", "ka"), ("Mao Zedong", ""), ("Мао Цзэдун", ""), ("", ""), (None, "")],
)  # fmt: skip
def test_a_name_in_its_own_script_gives_its_language(name, language):
    assert language_of_script(name) == language


def test_right_to_left_scripts():
    assert text_direction("ar") == "rtl" and text_direction("ru") == "ltr"


def test_the_native_name_on_a_person_page_carries_its_language(client, seed):
    html = client.get("/persons/mao-zedong/").content.decode()
    assert '<span lang="zh">毛泽东</span>' in html


def test_languages_are_known_by_their_english_names_whatever_the_interface_language():
    from django.utils import translation

    from archive import languages

    languages._codes.cache_clear()
    with translation.override("ru"):  # first asked from a Russian page
        assert languages.language_code("Russian") == "ru"
        assert languages.language_code("Chinese") == "zh"
