"""The words of the HTML pages in English and Indonesian, and the reader's language.

The language is, in order: a ``lang=`` parameter (which a language switch link sets, and
which is remembered in a cookie), the cookie, the ``Accept-Language`` header, English.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import request

LANGUAGES = ("en", "id")
COOKIE = "pasb_lang"
LANGUAGE_NAMES = {"en": "English", "id": "Bahasa Indonesia"}

STRINGS: dict[str, tuple[str, str]] = {
    "skip": ("Skip to content", "Lewati ke konten"),
    "site": ("PASB knowledge graph", "Graf pengetahuan PASB"),
    "tagline": ("Indonesia–ILO cooperation against hazardous child labour, 2010–2013",
                "Kerja sama Indonesia–ILO menangani pekerja anak sektor berbahaya, 2010–2013"),
    "nav_query": ("Query", "Kueri"),
    "nav_network": ("Network", "Jaringan"),
    "nav_report": ("Cooperation report", "Laporan kerja sama"),
    "nav_ontology": ("Ontology", "Ontologi"),
    "nav_dataset": ("Dataset", "Dataset"),
    "language": ("Language", "Bahasa"),
    "type": ("Type", "Tipe"),
    "properties": ("Properties", "Properti"),
    "property": ("Property", "Properti"),
    "value": ("Value", "Nilai"),
    "incoming": ("Linked from", "Ditautkan dari"),
    "cited_as": ("Cited as “{}” by", "Disebut sebagai “{}” oleh"),
    "provenance": ("From the paper", "Dari artikel"),
    "section": ("Section", "Bagian"),
    "excerpt": ("the excerpt", "kutipan"),
    "sources": ("Cited source", "Sumber yang dikutip"),
    "notes": ("Data-quality notes", "Catatan kualitas data"),
    "as_written": ("As written", "Sebagaimana tertulis"),
    "note_kind": ("Kind", "Jenis"),
    "machine": ("This page as data", "Halaman ini sebagai data"),
    "query_this": ("Query this", "Kueri ini"),
    "describe": ("DESCRIBE in the query page", "DESCRIBE di halaman kueri"),
    "select_props": ("SELECT its properties", "SELECT propertinya"),
    "external": ("external link", "tautan eksternal"),
    "timeline": ("Timeline", "Linimasa"),
    "start": ("Start", "Mulai"),
    "end": ("End", "Selesai"),
    "period_written": ("Period as written", "Periode sebagaimana tertulis"),
    "funders": ("Funders", "Penyandang dana"),
    "funder": ("Funder", "Penyandang dana"),
    "grant": ("Grant", "Dana bantuan"),
    "amount": ("Amount", "Jumlah"),
    "shared_with": ("Shared with", "Dibagi dengan"),
    "not_stated": ("not stated", "tidak disebutkan"),
    "doubtful": ("doubtful figure, see the notes", "angka diragukan, lihat catatan"),
    "participants": ("Participants by actor type and role",
                     "Peserta menurut jenis aktor dan peran"),
    "actor_type": ("Actor type", "Jenis aktor"),
    "role": ("Role", "Peran"),
    "actors": ("Actors", "Aktor"),
    "network": ("Network of participants", "Jaringan peserta"),
    "network_desc": ("Each participant linked to the programme; colour by role.",
                     "Setiap peserta terhubung ke program; warna menurut peran."),
    "programmes": ("Programmes and roles", "Program dan peran"),
    "programme": ("Programme", "Program"),
    "table1": ("Table 1 of the paper: risks and consequences",
               "Tabel 1 artikel: risiko dan dampak"),
    "risks": ("Risks", "Risiko"),
    "consequences": ("Consequences", "Dampak"),
    "statistic": ("The figure", "Angka"),
    "unit": ("Unit", "Satuan"),
    "area": ("Area", "Wilayah"),
    "period": ("Period", "Periode"),
    "years": ("Years", "Tahun"),
    "ages": ("Ages", "Usia"),
    "quantity": ("What is counted", "Yang dihitung"),
    "source": ("Source", "Sumber"),
    "not_found": ("Not found", "Tidak ditemukan"),
    "no_resource": ("There is no resource “{}” in this knowledge graph.",
                    "Tidak ada sumber daya “{}” dalam graf pengetahuan ini."),
    "did_you_mean": ("Did you mean:", "Mungkin maksud Anda:"),
    "no_suggestion": ("No similar resource was found.", "Tidak ada sumber daya yang mirip."),
    "classes": ("Classes", "Kelas"),
    "object_properties": ("Properties", "Properti"),
    "domain": ("Domain", "Domain"),
    "range": ("Range", "Jangkauan"),
    "subproperty_of": ("Sub-property of", "Sub-properti dari"),
    "subclass_of": ("Sub-class of", "Sub-kelas dari"),
    "schemes": ("Concept schemes", "Skema konsep"),
    "version": ("Version", "Versi"),
    "editor": ("SPARQL query", "Kueri SPARQL"),
    "run": ("Run", "Jalankan"),
    "run_hint": ("Ctrl+Enter runs the query.", "Ctrl+Enter menjalankan kueri."),
    "add_prefixes": ("Add prefixes", "Tambah prefiks"),
    "examples": ("Example queries", "Contoh kueri"),
    "search_examples": ("Search the examples", "Cari contoh"),
    "group_research": ("Research questions", "Pertanyaan penelitian"),
    "group_network": ("Queries of the network analysis", "Kueri analisis jaringan"),
    "group_system": ("Queries of the service", "Kueri layanan"),
    "results": ("Results", "Hasil"),
    "download": ("Download", "Unduh"),
    "no_results": ("Run a query to see results here.",
                   "Jalankan kueri untuk melihat hasil di sini."),
    "browse": ("Browse", "Jelajahi"),
    "dataset_title": ("About the dataset", "Tentang dataset"),
    "distributions": ("Downloads", "Unduhan"),
    "endpoint": ("SPARQL endpoint", "Titik akhir SPARQL"),
    "metadata": ("Metadata", "Metadata"),
    "license": ("License", "Lisensi"),
    "js_running": ("Running…", "Menjalankan…"),
    "js_rows": ("{rows} rows in {ms} ms", "{rows} baris dalam {ms} md"),
    "js_triples": ("{rows} triples in {ms} ms", "{rows} tripel dalam {ms} md"),
    "js_boolean": ("Answer: {value} ({ms} ms)", "Jawaban: {value} ({ms} md)"),
    "js_truncated": ("The result was cut at the row limit.", "Hasil dipotong pada batas baris."),
    "js_error": ("Error", "Kesalahan"),
    "js_error_at": ("at line {line}, column {column}", "pada baris {line}, kolom {column}"),
    "js_prev": ("Previous page", "Halaman sebelumnya"),
    "js_next": ("Next page", "Halaman berikutnya"),
    "js_page": ("Page {page} of {pages}", "Halaman {page} dari {pages}"),
    "js_sort": ("Sort by {column}", "Urutkan menurut {column}"),
    "js_turtle": ("Turtle", "Turtle"),
    "js_graph": ("Graph preview (first {n} nodes)", "Pratinjau graf ({n} simpul pertama)"),
    "js_empty": ("No rows.", "Tidak ada baris."),
    "js_table_caption": ("Query results", "Hasil kueri"),
    "js_no_match": ("No example matches.", "Tidak ada contoh yang cocok."),
    "js_download": ("Download", "Unduh"),
}

#: The words the query page's script needs (passed to it as JSON).
SCRIPT_KEYS = tuple(k for k in STRINGS if k.startswith("js_"))


def choose_language() -> str:
    """The reader's language for this request."""
    wanted = request.args.get("lang")
    if wanted in LANGUAGES:
        return wanted
    cookie = request.cookies.get(COOKIE)
    if cookie in LANGUAGES:
        return cookie
    return request.accept_languages.best_match(LANGUAGES) or "en"


def translator(lang: str) -> Callable[..., str]:
    """``t(key, *args)`` in ``lang``."""
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0

    def t(key: str, *args: object) -> str:
        text = STRINGS[key][index]
        return text.format(*args) if args else text

    return t


def script_strings(lang: str) -> dict[str, str]:
    """The query page script's words in ``lang``."""
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    return {key.removeprefix("js_"): STRINGS[key][index] for key in SCRIPT_KEYS}
