"""Generated requests to every public URL: no server error, and the answer each one promises.

The strategies (tests/fuzzing.py) and the promises (tests/promises.py) are shared with
bench/fuzz.py, which sends ten thousand requests; here each URL family gets a dozen or a
few dozen, and the hand-picked edge cases are sent every time.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings

from . import fuzzing, promises

pytestmark = pytest.mark.django_db

# Per family: the pages that do most (filters, exports, OAI-PMH) get the most requests.
BUDGET = {
    "browse": 40,
    "export": 30,
    "document": 30,
    "oai": 60,
    "citation": 20,
}
DEFAULT_BUDGET = 12


@pytest.fixture
def fuzz_client():
    # A server error comes back as a 500 response (with its exception) rather than raising,
    # so that it is judged like any other wrong answer.
    return Client(raise_request_exception=False)


def _keeps_its_promise(client, request):
    _status, problems = promises.exercise(client, request)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("family", sorted(fuzzing.FAMILIES))
def test_every_url_family_answers_as_it_promises(fuzz_client, seed, family):
    @settings(
        max_examples=BUDGET.get(family, DEFAULT_BUDGET),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(request=fuzzing.FAMILIES[family])
    def answers(request):
        _keeps_its_promise(fuzz_client, request)

    answers()


@pytest.mark.parametrize("request_", fuzzing.EDGE_CASES, ids=lambda r: r.url[:80])
def test_edge_cases_answer_as_they_promise(fuzz_client, seed, request_):
    _keeps_its_promise(fuzz_client, request_)


def test_the_promises_are_not_vacuous():
    """The oracle expects real pages as well as errors: the seed's own addresses are 200s."""
    assert promises.document_request("110371", promises.SEED_SLUG).statuses == {200}
    assert promises.document_request("110371").statuses == {301}
    assert promises.document_request("110372").statuses == {404}
    assert promises.browse_request("person=mao-zedong&date_from=1951-01-01").statuses == {200}
    assert promises.browse_request("date_from=1952-01-01&date_to=1951-01-01").statuses == {400}
    assert promises.repository_request("AVP RF").location == "/repositories/avp-rf/"
    assert promises.oai_request("verb=GetRecord&metadataPrefix=oai_dc").oai_errors == {
        "badArgument"
    }
    identifier = f"identifier={promises.SEED_OAI_ID}&metadataPrefix=oai_dc&verb=GetRecord"
    assert promises.oai_request(identifier).oai_errors == {None}
