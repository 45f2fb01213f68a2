import pytest
from django.core.cache import cache
from django.utils import translation

from tests.commits import commits_as_in_production  # noqa: F401 (autouse: emails wait for commits)
from tests.factories import make_home_page, make_news_index


@pytest.fixture(autouse=True)
def fresh_cache_and_language():
    # With Redis the cache outlives a test; every test starts from an empty one, in Swedish.
    cache.clear()
    translation.activate("sv")
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture
def home_page(db):
    return make_home_page()


@pytest.fixture
def news_index(home_page):
    return make_news_index(home_page)
