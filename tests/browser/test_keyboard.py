"""A keyboard user finds their way: skip link, search, language, and the phone menu."""

import pytest

from tests.factories import make_home_page, make_news, make_news_index, make_standard_page


@pytest.fixture
def site(transactional_db):
    home = make_home_page()
    index = make_news_index(home)
    make_news(index, title="Idéslussen i Fyrbodal öppnar", intro="Medarbetarnas idéer prövas.")
    make_standard_page(home, title="Om nätverket", slug="om-natverket", show_in_menus=True)
    return home


def test_skip_link_is_first_and_moves_focus_to_the_content(live_server, site, page):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till innehållet"
    assert page.locator(".skip-link").is_visible()  # shown when focused

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_with_the_keyboard_only(live_server, site, page):
    page.goto(live_server.url + "/")

    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    page.keyboard.type("Fyrbodal")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=*")

    assert "Idéslussen i Fyrbodal öppnar" in page.locator("main").inner_text()
    page.keyboard.press("Tab")  # focus moves on into the page
    assert page.evaluate("document.activeElement.tagName") in {"A", "INPUT", "BUTTON"}


def test_focus_is_always_visible(live_server, site, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")

    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_switching_to_english_keeps_the_page(live_server, site, page):
    page.goto(live_server.url + "/om-natverket/")

    page.get_by_role("link", name="English").click()

    page.wait_for_url("**/en/om-natverket/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1


def test_phone_menu_opens_with_the_keyboard(live_server, site, phone_page):
    phone_page.goto(live_server.url + "/")
    menu = phone_page.locator("summary", has_text="Meny")
    assert phone_page.get_by_role("link", name="Om nätverket").first.is_visible() is False

    menu.focus()
    phone_page.keyboard.press("Enter")

    assert phone_page.locator(".main-nav__toggle a", has_text="Om nätverket").is_visible()
