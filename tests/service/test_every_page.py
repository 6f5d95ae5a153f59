"""Every page of the service, in both languages, on a phone: nothing untranslated, nothing
wider than the screen, the search box there.

The pages are derived from the application's URL map: each route is either walked (its
sample URLs below) or named as a machine endpoint with the reason, so a new route without
a test fails here. Resource pages are walked for one resource of every class in the store.

A text of a page is judged untranslated when it is in the page's language (no ``lang`` of
its own) and is not data (a name linked to its resource, a quote, code, a literal of the
store), yet is a string of the catalogue in the other language or holds a word that only
the other language's side of the catalogue uses (plus a few function words), beyond a
small allow-list of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.settings import Settings
from service import i18n
from service.app import build_app
from service.executor import Executor
from tests.service.conftest import ARTIFACTS, LiveService, recording_page, require_chromium

pytestmark = pytest.mark.browser
require_chromium()

PHONE = {"width": 390, "height": 844}
RES = "https://w3id.org/pasb/resource/"
SCRIPTED = {"/", "/network", "/network/report"}

#: Route → the URLs that walk it (``/resource/<name>`` also gets one resource per class).
WALKED: dict[str, list[str]] = {
    "/": ["/"],
    "/search": ["/search", "/search?q=ILO", "/search?q=pestisida&type=hazard",
                "/search?q=Indonsia", "/search?q=ILO&limit=0"],
    "/actors": ["/actors"],
    "/programmes": ["/programmes"],
    "/table-1": ["/table-1"],
    "/statistics": ["/statistics"],
    "/legal-instruments": ["/legal-instruments"],
    "/bibliography": ["/bibliography"],
    "/ontology": ["/ontology"],
    "/dataset": ["/dataset"],
    "/network": ["/network"],
    "/network/report": ["/network/report"],
    "/sparql": ["/sparql"],
    "/resource/<name>": ["/resource/programme-educat", "/resource/no-such-thing-at-all"],
}
#: Routes that are not pages, and why.
MACHINE: dict[str, str] = {
    "/.well-known/void": "VoID description (RDF)",
    "/actors.<ext>": "JSON and CSV twin of /actors",
    "/programmes.<ext>": "JSON and CSV twin of /programmes",
    "/table-1.<ext>": "JSON and CSV twin of /table-1",
    "/statistics.<ext>": "JSON and CSV twin of /statistics",
    "/legal-instruments.<ext>": "JSON and CSV twin of /legal-instruments",
    "/bibliography.<ext>": "JSON and CSV twin of /bibliography",
    "/search.json": "JSON twin of /search",
    "/dumps/<name>": "dumps of the store",
    "/healthz": "health (JSON)",
    "/metrics": "Prometheus metrics",
    "/labels": "labels for the query page's script (POST JSON)",
    "/network/actors.<extension>": "the network as JSON, GraphML, GEXF, CSV",
    "/network/measures.json": "network measures (JSON)",
    "/network/report.<extension>": "the report as JSON or Markdown (.html is /network/report)",
    "/ontology.<ext>": "the ontology's documents (.html is /ontology)",
    "/sparql/": "the same endpoint as /sparql",
    "/sparql/cancel": "stops a running query (POST, the query page's Cancel)",
    "/query/terms.json": "the query editor's typeahead list (JSON)",
    "/static/<path:filename>": "style sheet, scripts, icon",
    "/store": "Graph Store Protocol",
    "/store/<path:_rest>": "Graph Store Protocol (direct graph IRIs)",
}
#: Names and technical words that are the same in both languages.
ALLOWED_WORDS = {
    "sparql", "json", "ld", "csv", "tsv", "turtle", "triples", "rdf", "xml", "graphml", "gexf",
    "png", "svg", "void", "dcat", "describe", "select", "construct", "ask", "ilo", "pasb", "iri",
    "url", "ctrl", "enter", "esc", "cc", "markdown", "owl", "skos", "dataset", "metadata",
    "bappenas", "apindo", "sida", "ipec", "unicef", "kemnaker", "pestisida", "indonesia",
    "forceatlas", "gephi", "html", "id", "en", "n", "d", "t", "thn", "tahun", "x",
    "betweenness", "liaison",  # measures glossed by their published names
}
FUNCTION_WORDS = {
    "en": {"the", "of", "and", "to", "with", "for", "from", "by", "this", "is", "are", "all",
           "show", "loading", "click", "drag", "zoom", "nodes", "table", "page", "more"},
    "id": {"dan", "yang", "dari", "untuk", "dengan", "di", "ke", "ini", "tidak", "halaman",
           "semua", "lainnya"},
}
EXTRACT = """(pageLang) => {
  const skip = "script, style, noscript, textarea, pre, code, q, blockquote, " +
               "[translate=no], .snippet";
  const out = [];
  const langOf = (el) => {
    const at = el.closest("[lang]");
    return at ? at.getAttribute("lang") : "";
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
    if (!text || !el || el.closest(skip)) continue;
    const link = el.closest("a[href]");
    out.push({text, href: link ? link.getAttribute("href") : "", lang: langOf(el),
              switch: !!el.closest("nav.langs")});
  }
  for (const el of document.querySelectorAll("[title], [aria-label], [placeholder], [alt]")) {
    if (el.closest(skip)) continue;
    for (const name of ["title", "aria-label", "placeholder", "alt"]) {
      const value = el.getAttribute(name);
      if (value && value.trim()) out.push({text: value.trim(), href: "", attribute: name,
                                           lang: langOf(el)});
    }
  }
  return out;
}"""


#: What a sentence may hold that is not a word of either language: quoted wording (also
#: cut short by "…"), prefixed names and IRIs, paths of the site, query variables, file
#: names, a word cut short by "…", hyphenated and dotted names (kg.search), and numbers
#: such as "No. 182".
NOT_WORDS = re.compile(r"“[^”]*(”|$)|‘[^’]*(’|$)|\"[^\"]*(\"|$)|(?<!\w)'[^']+'(?!\w)|<[^>\s]*>|"
                       r"https?://\S+|\??[\w-]+:[\w./#()-]+|\?\w+|[\w-]+\.(?:md|ttl|rq|py)\b|"
                       r"(?<!\w)/[\w./<>-]*|\w+…|\w+(?:-\w+)+|\bNo\. ?\d+|\b\w+(?:\.\w+)+")


#: Names of things of the graph (set by the ``names`` fixture): a sentence of the site may
#: name an actor in its own language ("International Labour Organization berbagi …").
NAMES: list[re.Pattern[str]] = []


def _words(text: str) -> set[str]:
    """The words of ``text`` (two letters or more, not written in capitals: those are
    acronyms and SPARQL keywords), quotes, names of terms and of things left out."""
    text = NOT_WORDS.sub(" ", text)
    for names in NAMES:
        text = names.sub(" ", text)
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)
            if len(w) > 1 and not w.isupper()}


def catalogue() -> dict[str, tuple[str, str]]:
    """Every catalogue of the service's words (``service.i18n`` and any ``service.i18n_*``)."""
    found = dict(i18n.STRINGS)
    for path in Path(i18n.__file__).parent.glob("i18n_*.py"):
        module = __import__(f"service.{path.stem}", fromlist=["STRINGS"])
        found.update(getattr(module, "STRINGS", {}))
    return found


def markers() -> dict[str, tuple[set[str], set[str]]]:
    """For each language: the catalogue's strings in the *other* language (where they
    differ), and the words only the other language uses."""
    strings = catalogue()
    words = {lang: set().union(*(_words(v[i]) for v in strings.values()))
             for i, lang in enumerate(i18n.LANGUAGES)}
    out = {}
    for i, lang in enumerate(i18n.LANGUAGES):
        other = 1 - i
        foreign = {v[other].casefold() for v in strings.values() if v[0] != v[1]}
        own_other = i18n.LANGUAGES[other]
        only = (words[own_other] - words[lang] | FUNCTION_WORDS[own_other]) - ALLOWED_WORDS
        out[lang] = (foreign, only)
    return out


def app_rules() -> set[str]:
    """Every rule of the application (built without starting any worker)."""
    app = build_app(Settings.from_env({}), store=Executor(Path("/nonexistent")))
    return {rule.rule for rule in app.url_map.iter_rules()}


def test_every_route_is_walked_or_named_as_a_machine_endpoint() -> None:
    rules = app_rules()
    unknown = rules - set(WALKED) - set(MACHINE)
    assert not unknown, f"routes without a page test or a reason: {sorted(unknown)}"
    assert not (set(WALKED) | set(MACHINE)) - rules, "entries for routes that are gone"


@pytest.fixture(scope="module")
def literals(service: LiveService) -> dict[str, set[str]]:
    """Every literal of the store (whitespace collapsed) with its languages ("" untagged):
    data, not words of the site."""
    reply = service.session.get(service.sparql, params={
        "query": "SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER (isLiteral(?o)) }"},
        headers={"Accept": "application/sparql-results+json"}, timeout=60)
    found: dict[str, set[str]] = {}
    for binding in reply.json()["results"]["bindings"]:
        value = binding["o"]
        found.setdefault(" ".join(value["value"].split()), set()).add(value.get("xml:lang", ""))
    return found


@pytest.fixture(scope="module", autouse=True)
def names(service: LiveService) -> Iterator[None]:
    """The names (labels and other names of two words or more) of the graph's resources,
    left out of the sentences judged (:data:`NAMES`)."""
    reply = service.session.get(service.sparql, params={"query": (
        "SELECT DISTINCT ?name WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label>|"
        "<http://www.w3.org/2004/02/skos/core#altLabel> ?name "
        f'FILTER (STRSTARTS(STR(?s), "{RES}")) }}')},
        headers={"Accept": "application/sparql-results+json"}, timeout=60)
    found = {b["name"]["value"] for b in reply.json()["results"]["bindings"]}
    found = sorted((n for n in found if len(n.split()) > 1), key=len, reverse=True)
    NAMES[:] = [re.compile("|".join(map(re.escape, found)))] if found else []
    yield
    NAMES.clear()


def resource_pages(service: LiveService) -> list[str]:
    """One resource page for each class a resource of the graph belongs to."""
    reply = service.session.get(service.sparql, params={"query": (
        "SELECT ?type (MIN(STR(?s)) AS ?sample) WHERE { ?s a ?type "
        f'FILTER (STRSTARTS(STR(?s), "{RES}")) }} GROUP BY ?type')},
        headers={"Accept": "application/sparql-results+json"}, timeout=60)
    samples = {b["sample"]["value"] for b in reply.json()["results"]["bindings"]}
    assert len(samples) > 20
    return sorted(f"/resource/{s[len(RES):]}.html" for s in samples)


def all_pages(service: LiveService) -> list[str]:
    return [u for urls in WALKED.values() for u in urls] + resource_pages(service)


def with_lang(url: str, lang: str) -> str:
    return url + ("&" if "?" in url else "?") + f"lang={lang}"


def untranslated(found: list[dict[str, str]], lang: str, literals: dict[str, set[str]], *,
                 slug: str = "") -> list[str]:
    """The texts of a page in ``lang`` that are not in ``lang``: words of the site in the
    other language (whether or not marked with a ``lang`` of their own: a page must not be
    English in Indonesian, even when it says so), or data in the other language not
    marked with its ``lang``. Each found text has its ``lang`` ("" for the page's own)."""
    foreign, only = markers()[lang]
    problems = []
    for item in found:
        text = " ".join(item["text"].split())
        href, marked = item.get("href") or "", item.get("lang", lang) or lang
        if href.startswith(("/resource/", "/ontology", "http:", "https:")) and not item.get(
                "attribute"):
            continue  # the name of a thing, linked to it
        if item.get("switch") or (slug and text == slug.replace("-", " ")):
            continue  # the language switch; the name of a thing without a label
        if not re.search(r"[^\W\d_]{2}", text):
            continue  # numbers, years, signs
        data = literals.get(text) or literals.get(text.strip("“”\"'()·:;,.—– "))
        if data is not None:
            if marked in data or (marked == lang and "" in data):
                continue  # data, marked with its language (or in the page's)
            problems.append(f"data without its lang {text!r}")
            continue
        stray = sorted(_words(text) & only)
        if marked != lang and _words(text) - ALLOWED_WORDS:
            problems.append(f"site text marked {marked!r} {text!r}")
        elif text.casefold() in foreign or stray:
            problems.append(f"site text {text!r}" + (f" ({', '.join(stray)})" if stray else ""))
    return problems


@pytest.fixture(scope="module")
def phone(browser: Any, service: LiveService) -> Iterator[Any]:
    with recording_page(browser, timeout_ms=30_000, viewport=PHONE, is_mobile=True,
                        has_touch=True) as tab:
        yield tab


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_is_translated_fits_a_phone_and_has_the_search_box(
        phone: Any, service: LiveService, literals: dict[str, set[str]], lang: str) -> None:
    problems: dict[str, list[str]] = {}
    for url in all_pages(service):
        path = url.split("?")[0]
        phone.goto(service.url + with_lang(url, lang),
                   wait_until="networkidle" if path in SCRIPTED else "load")
        assert phone.evaluate("document.documentElement.lang") == lang, url
        found = phone.evaluate(EXTRACT, lang)
        trouble = untranslated(found, lang, literals,
                               slug=path.rsplit("/", 1)[-1].removesuffix(".html"))
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            trouble.append(f"page is {width} px wide on a {PHONE['width']} px phone")
        if phone.locator("form[role=search] input[name=q]").count() < 1:
            trouble.append("no search box")
        if trouble:
            problems[url] = trouble
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"
            phone.screenshot(path=str(ARTIFACTS / f"every-page-{lang}-{name}.png"),
                             full_page=True)
    assert not problems, "\n".join(f"{u}: {'; '.join(p)}" for u, p in problems.items())


def test_the_judge_catches_an_untranslated_string(literals: dict[str, set[str]]) -> None:
    """The walk fails on what it is meant to catch (and lets data through)."""
    english = i18n.STRINGS["browse_actors_intro"][0]
    assert untranslated([{"text": english}], "id", literals)
    assert untranslated([{"text": "Drag to pan"}], "id", literals)
    assert untranslated([{"text": i18n.STRINGS["search_hint"][1]}], "en", literals)
    assert not untranslated([{"text": i18n.STRINGS["search_hint"][1]}], "id", literals)
    assert not untranslated([{"text": "International Labour Organization",
                              "href": "/resource/ilo"}], "id", literals)
    assert not untranslated([{"text": "International Labour Organization"}], "id", literals)
    english_only = next(t for t, langs in literals.items() if langs == {"en"} and " the " in t)
    assert untranslated([{"text": english_only}], "id", literals)  # data, not marked en
    assert not untranslated([{"text": 'Disebut sebagai “member of” oleh pasb:x'}], "id",
                            literals)
    # English marked as English is still English on an Indonesian page, unless it is data.
    assert untranslated([{"text": "Actor network", "lang": "en"}], "id", literals)
    assert not untranslated([{"text": english_only, "lang": "en"}], "id", literals)
    assert not untranslated([{"text": "English", "lang": "en", "switch": True}], "id",
                            literals)
