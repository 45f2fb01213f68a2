"""Error pages in the site's design, and the load balancer's health check."""

import pytest
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def test_missing_page_gives_a_404_in_the_site_design(client, home_page):
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan kunde inte hittas" in html
    assert 'class="site-header"' in html
    assert 'action="/sok/"' in html


def test_missing_page_in_english(client, home_page):
    response = client.get("/en/does-not-exist/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")

    assert "Något gick fel" in html
    assert "site.css" in html


def test_healthz_answers_ok(client, home_page):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok"


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_at_the_sitemap(client, home_page):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert "Disallow: /admin/" in response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert client.get("/sitemap.xml").status_code == 200
