"""Template helpers: passage markup, text direction, the page in the other interface language."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from ..languages import language_of_script, text_direction
from ..markup import render_passage

register = template.Library()


@register.filter
def passage_html(content):
    """Escaped passage text with handwriting and editorial insertions marked."""
    return render_passage(content)


@register.filter
def direction(language_code):
    return text_direction(language_code)


@register.filter
def script_language(name):
    """lang for a name in its own script: "zh" for 毛泽东; "" (unknown) for other scripts."""
    return language_of_script(name)


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in its own language: "Русский"
    url: str
    is_current: bool


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in each interface language: the same address, with its query, under /ru/ or not."""
    request = context["request"]
    here = request.get_full_path()
    current = get_language()
    return [
        LanguageVersion(code, name, translate_url(here, code), code == current)
        for code, name in settings.LANGUAGES
    ]
