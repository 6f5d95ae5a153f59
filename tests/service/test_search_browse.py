"""Search and browse over HTTP against the live service: /search and /search.json with
their documented fields and errors, an update found by the next search, the browse pages
with their JSON and CSV twins, linked from the navigation and the home page."""

from __future__ import annotations

import csv
import io
import re
import uuid
from html.parser import HTMLParser

import pytest
import requests

from kg.facets import Facet
from kg.settings import Settings

RES = "https://w3id.org/pasb/resource/"
BROWSE = ["/actors", "/programmes", "/table-1", "/statistics", "/legal-instruments",
          "/bibliography"]
HIT_FIELDS = {"iri": str, "url": str, "prefixed": str, "label": str,
              "label_lang": (str, type(None)),
              "facet": str, "facet_label": str, "types": list, "score": float, "tier": str,
              "matched": str, "matched_label": str, "matched_kind": (str, type(None)),
              "snippet": str,
              "snippet_lang": (str, type(None)), "highlights": list}


class Links(HTMLParser):
    """The hrefs of a page (and of its <link rel=alternate>)."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        if tag == "link" and found.get("rel") == "alternate":
            self.alternates.append((found.get("type") or "", found.get("href") or ""))


def links(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def search(service, **params: object) -> requests.Response:
    return service.session.get(service.url + "/search.json", params=params, timeout=30)


# -- /search.json -----------------------------------------------------------------------
def test_search_json_has_the_documented_fields(service) -> None:
    reply = search(service, q="Ministry of Manpower", lang="en")
    assert reply.status_code == 200 and reply.headers["Content-Type"] == "application/json"
    data = reply.json()
    assert {"query", "words", "lang", "types", "total", "offset", "limit", "facets",
            "suggestions", "results"} <= set(data)
    first = data["results"][0]
    assert first["iri"] == RES + "ministry-of-manpower"
    assert first["url"] == "/resource/ministry-of-manpower"
    assert first["prefixed"] == "res:ministry-of-manpower"
    assert (first["facet"], first["facet_label"], first["tier"]) == ("actor", "Actor", "exact")
    for hit in data["results"]:
        for name, kind in HIT_FIELDS.items():
            assert isinstance(hit[name], kind), (name, hit[name])
        for start, end in hit["highlights"]:
            assert 0 <= start < end <= len(hit["snippet"])
    assert sum(f["count"] for f in data["facets"]) == data["total"]


def test_kemnaker_finds_the_ministry_of_manpower(service) -> None:
    first = search(service, q="Kemnaker", lang="id").json()["results"][0]
    assert (first["url"], first["matched"], first["tier"], first["matched_kind"]) == (
        "/resource/ministry-of-manpower", "skos:hiddenLabel", "exact", "context")
    assert first["label"] == "Kementerian Tenaga Kerja dan Transmigrasi"


def test_search_json_speaks_the_readers_language(service) -> None:
    data = search(service, q="Ministry of Manpower", lang="id").json()
    first = data["results"][0]
    assert (first["label"], first["label_lang"]) == ("Kementerian Tenaga Kerja dan "
                                                     "Transmigrasi", "id")
    assert first["facet_label"] == "Aktor"
    assert {f["label"] for f in data["facets"]} >= {"Aktor"}


def test_the_result_url_is_the_resource_page(service) -> None:
    hit = search(service, q="pestisida").json()["results"][0]
    page = service.session.get(service.url + hit["url"], timeout=30)
    assert page.status_code == 200 and hit["label"] in page.text


def test_search_json_pages_and_filters(service) -> None:
    every = search(service, q="anak", limit=100).json()
    first = search(service, q="anak", limit=5).json()
    assert first["next"] == "/search.json?q=anak&limit=5&offset=5"
    second = service.session.get(service.url + first["next"], timeout=30).json()
    assert [h["iri"] for h in first["results"] + second["results"]] == [
        h["iri"] for h in every["results"][:10]]
    actors = search(service, q="anak", type="statistic,actor", limit=100).json()
    assert {h["facet"] for h in actors["results"]} <= {"statistic", "actor"}
    counts = {f["facet"]: f["count"] for f in every["facets"]}
    assert actors["total"] == counts.get("statistic", 0) + counts.get("actor", 0)


@pytest.mark.parametrize(("params", "says"), [
    ({}, "parameter q is missing"),
    ({"q": "ILO", "type": "person"}, "parameter type='person' is not a facet; expected one "
                                     "of " + ", ".join(f.value for f in Facet)),
    ({"q": "ILO", "limit": "1000"}, "parameter limit='1000' is not allowed; expected a whole "
                                    "number from 1 to 100"),
    ({"q": "ILO", "offset": "x"}, "parameter offset='x'"),
    ({"q": "x" * 300}, "parameter q is 300 characters long; at most 200 are allowed (setting "
                       "search_max_query_chars)"),
    ({"q": "ILO", "lang": "fr"}, "parameter lang='fr' is not allowed; expected one of en, id"),
])
def test_bad_search_parameters_are_400_naming_the_parameter(service, params: dict,
                                                            says: str) -> None:
    reply = search(service, **params)
    assert reply.status_code == 400
    assert reply.text.startswith(says), reply.text


def test_the_limits_are_settings() -> None:
    settings = Settings.from_env({"PASB_SEARCH_MAX_PAGE_SIZE": "7"})
    assert settings.search_max_page_size == 7


# -- /search ------------------------------------------------------------------------------
def test_the_search_page_lists_ranked_results_with_facets(service) -> None:
    page = service.session.get(service.url + "/search", params={"q": "ILO", "lang": "en"},
                               timeout=30)
    assert page.status_code == 200
    assert 'class="search-results"' in page.text and 'nav class="facets"' in page.text
    assert page.text.index("/resource/ilo\"") < page.text.index("/resource/c182-art-3\"")
    assert ("application/json", "/search.json?q=ILO&lang=en") in links(page.text).alternates
    assert "<mark>ILO</mark>" in page.text


def test_the_empty_search_page_is_the_search_form(service) -> None:
    page = service.session.get(service.url + "/search", params={"lang": "id"}, timeout=30)
    assert page.status_code == 200 and 'id="search-q"' in page.text
    assert "Ketik nama" in page.text


def test_nothing_found_suggests_a_spelling_and_the_browse_pages(service) -> None:
    page = service.session.get(service.url + "/search", params={"q": "Indonsia"}, timeout=30)
    assert page.status_code == 200
    assert 'href="/search?q=indonesia"' in page.text
    assert set(BROWSE) <= set(links(page.text).hrefs)


def test_a_bad_parameter_on_the_page_is_explained_in_the_readers_language(service) -> None:
    page = service.session.get(service.url + "/search", params={"q": "ILO", "limit": "0",
                                                                 "lang": "id"}, timeout=30)
    assert page.status_code == 400 and page.headers["Content-Type"].startswith("text/html")
    assert "Parameter limit=0 tidak diizinkan: berikan bilangan bulat dari 1 sampai 100." \
        in page.text


def test_an_update_is_found_by_the_next_search(writable_service) -> None:
    graph = f"https://example.org/search-test/{uuid.uuid4().hex}"
    word = "Zyxwvutsrq" + uuid.uuid4().hex[:6]
    try:
        assert search(writable_service, q=word).json()["total"] == 0
        writable_service.update(
            f'INSERT DATA {{ GRAPH <{graph}> {{ <https://example.org/thing> '
            f'<http://www.w3.org/2000/01/rdf-schema#label> "{word}"@en }} }}')
        found = search(writable_service, q=word).json()["results"]
        assert [h["iri"] for h in found] == ["https://example.org/thing"]
        writable_service.update(
            f'INSERT DATA {{ GRAPH <{graph}> {{ <https://example.org/thing> '
            f'<http://www.w3.org/2004/02/skos/core#hiddenLabel> "Kemnaker"@id }} }}')
        found = search(writable_service, q="kemnaker").json()["results"]
        assert found[0]["matched"] == "skos:hiddenLabel"
    finally:
        writable_service.update(f"DROP SILENT GRAPH <{graph}>")
    assert search(writable_service, q=word).json()["total"] == 0


# -- browse pages -------------------------------------------------------------------------
@pytest.mark.parametrize("path", BROWSE)
def test_each_browse_page_links_its_twins(service, path: str) -> None:
    page = service.session.get(service.url + path, timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    found = links(page.text)
    assert ("application/json", path + ".json") in found.alternates
    assert ("text/csv", path + ".csv") in found.alternates
    assert {path + ".json", path + ".csv"} <= set(found.hrefs)
    assert any(h.startswith("/?query=") for h in found.hrefs)  # the same question in SPARQL


@pytest.mark.parametrize("path", BROWSE)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_each_browse_page_as_json(service, path: str, lang: str) -> None:
    reply = service.session.get(service.url + path + ".json", params={"lang": lang},
                                timeout=30)
    assert reply.status_code == 200 and reply.headers["Content-Type"] == "application/json"
    data = reply.json()
    assert (data["page"], data["lang"]) == (path[1:], lang)
    text = reply.text
    urls = re.findall(r'"url":\s*"([^"]+)"', text)
    assert urls and all(u.startswith(("/resource/", "/ontology", "http")) for u in urls)


@pytest.mark.parametrize("path", BROWSE)
def test_each_browse_page_as_csv(service, path: str) -> None:
    reply = service.session.get(service.url + path + ".csv", timeout=30)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(reply.text)))
    assert len(rows) > 2 and all(len(r) == len(rows[0]) for r in rows)
    assert all(re.fullmatch(r"[a-z_]+", c) for c in rows[0])


def test_an_unknown_twin_is_404(service) -> None:
    reply = service.session.get(service.url + "/actors.xml", timeout=30)
    assert reply.status_code == 404 and "expected json or csv" in reply.text


def test_an_unknown_language_of_a_twin_is_400(service) -> None:
    reply = service.session.get(service.url + "/statistics.json", params={"lang": "fr"},
                                timeout=30)
    assert reply.status_code == 400
    assert "parameter lang='fr' is not allowed; expected one of en, id" in reply.text


def test_table_one_csv_is_the_table(service) -> None:
    rows = list(csv.DictReader(io.StringIO(
        service.session.get(service.url + "/table-1.csv", params={"lang": "id"},
                            timeout=30).text)))
    agriculture = [r for r in rows if r["row"] == "1" and r["column"] == "risk"]
    assert agriculture[0]["bullet_as_printed"] == "Bekerja dengan berat"
    assert {r["sector"] for r in rows} == {RES + s for s in (
        "sector-agriculture", "sector-construction", "sector-stone-breaking",
        "sector-scavenging", "sector-domestic-work")}


@pytest.mark.parametrize("path", ["/", *BROWSE, "/search", "/ontology", "/dataset"])
def test_the_navigation_and_the_home_page_link_every_browse_page(service, path: str) -> None:
    page = service.session.get(service.url + path, timeout=30)
    assert set(BROWSE) <= set(links(page.text).hrefs)
    assert 'role="search"' in page.text and 'action="/search"' in page.text


def test_the_statistics_hub_shows_the_values(service) -> None:
    page = service.session.get(service.url + "/resource/dataset-child-labour-statistics.html",
                               params={"lang": "en"}, timeout=30)
    assert page.status_code == 200
    for value in ("152,000,000", "270,000,000", "36,000", "63,055"):
        assert value in page.text
    assert "/statistics.csv" in page.text


# -- the README's promises ----------------------------------------------------------------
def readme_search_section() -> str:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    return text.split("### Search", 1)[1].split("\n## ", 1)[0]


def test_the_readme_documents_every_facet_and_field(service) -> None:
    section = readme_search_section()
    for facet in Facet:
        assert f"`{facet.value}`" in section, facet
    data = search(service, q="ILO").json()
    for name in [*data, *data["results"][0], *data["facets"][0]]:
        assert f"`{name}`" in section, name
    for setting in ("search_max_query_chars", "search_max_words", "search_max_page_size",
                    "search_page_size", "search_snippet_chars"):
        assert setting in section and hasattr(Settings.from_env({}), setting)


def test_the_readme_lists_every_browse_page_and_twin() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for path in [*BROWSE, "/search?q=", "/search.json?q="]:
        assert f"| `{path}`" in text or f"`{path}.json` `.csv`" in text, path
    for path in BROWSE:
        assert f"`{path}.json` `.csv`" in text, path
