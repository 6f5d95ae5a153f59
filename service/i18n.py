"""The words of the HTML pages in English and Indonesian, and the reader's language.

The language is, in order: a ``lang=`` parameter (which a language switch link sets, and
which is remembered in a cookie), the cookie, the ``Accept-Language`` header, English.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import request

from service.i18n_network import NETWORK_STRINGS

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
    "datatypes": ("Datatypes", "Tipe data"),
    "domain": ("Domain", "Domain"),
    "range": ("Range", "Jangkauan"),
    "subproperty_of": ("Sub-property of", "Sub-properti dari"),
    "subclass_of": ("Sub-class of", "Sub-kelas dari"),
    "schemes": ("Concept schemes", "Skema konsep"),
    "version": ("Version", "Versi"),
    "editor": ("SPARQL query", "Kueri SPARQL"),
    "run": ("Run", "Jalankan"),
    "cancel": ("Cancel", "Batalkan"),
    "scope": ("Statements", "Pernyataan"),
    "scope_all": ("All statements", "Semua pernyataan"),
    "scope_paper": ("Only what the paper states", "Hanya yang dinyatakan artikel"),
    "scope_interpretation": ("The paper and its interpretation",
                             "Artikel dan interpretasinya"),
    "params_drop": ("Run without parameters", "Jalankan tanpa parameter"),
    "has_params": ("parameters", "parameter"),
    "history": ("History of this session", "Riwayat sesi ini"),
    "history_empty": ("The queries you run appear here; Back and Forward move between them.",
                      "Kueri yang Anda jalankan muncul di sini; Kembali dan Maju berpindah "
                      "di antaranya."),
    "history_clear": ("Clear the history", "Hapus riwayat"),
    "views": ("Views of the result", "Tampilan hasil"),
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
    "js_running": ("Running… {s} s", "Menjalankan… {s} dtk"),
    "js_cancelled": ("Cancelled after {s} s; the service stopped the query.",
                     "Dibatalkan setelah {s} dtk; layanan menghentikan kueri."),
    "js_failed": ("Failed ({status}) after {s} s.", "Gagal ({status}) setelah {s} dtk."),
    "js_rows": ("{rows} rows in {s} s", "{rows} baris dalam {s} dtk"),
    "js_row": ("{rows} row in {s} s", "{rows} baris dalam {s} dtk"),
    "js_triples": ("{rows} triples in {s} s", "{rows} tripel dalam {s} dtk"),
    "js_triple": ("{rows} triple in {s} s", "{rows} tripel dalam {s} dtk"),
    "js_boolean": ("Answer: {value} ({s} s)", "Jawaban: {value} ({s} dtk)"),
    "js_yes": ("yes", "ya"),
    "js_no": ("no", "tidak"),
    "js_no_results": ("Run a query to see results here.",
                      "Jalankan kueri untuk melihat hasil di sini."),
    "js_truncated": ("The result was cut at the row limit.", "Hasil dipotong pada batas baris."),
    "js_error": ("Error", "Kesalahan"),
    "js_error_at": ("at line {line}, column {column}", "pada baris {line}, kolom {column}"),
    "js_add_line": ("Add “{line}”", "Tambahkan “{line}”"),
    "js_add_prefix": ("Add the PREFIX line", "Tambahkan baris PREFIX"),
    "js_editor_label": ("SPARQL query editor", "Editor kueri SPARQL"),
    "js_prev": ("Previous page", "Halaman sebelumnya"),
    "js_next": ("Next page", "Halaman berikutnya"),
    "js_page": ("Page {page} of {pages}", "Halaman {page} dari {pages}"),
    "js_pages": ("Pages of the result", "Halaman hasil"),
    "js_sort": ("Sort by {column}", "Urutkan menurut {column}"),
    "js_empty": ("No rows.", "Tidak ada baris."),
    "js_table_caption": ("Query results", "Hasil kueri"),
    "js_no_match": ("No example matches.", "Tidak ada contoh yang cocok."),
    "js_download": ("Download", "Unduh"),
    "js_show_network": ("Show as network", "Tampilkan sebagai jaringan"),
    "js_view_table": ("Table", "Tabel"),
    "js_view_chart": ("Chart", "Grafik"),
    "js_view_timeline": ("Timeline", "Linimasa"),
    "js_view_map": ("Map", "Peta"),
    "js_view_graph": ("Graph", "Graf"),
    "js_view_triples": ("Triples", "Tripel"),
    "js_view_turtle": ("Turtle", "Turtle"),
    "js_drawing": ("Drawing…", "Menggambar…"),
    "js_views_failed": ("The drawing code could not be loaded.",
                        "Kode penggambar tidak dapat dimuat."),
    "js_chart_bar": ("{value} by {by}", "{value} menurut {by}"),
    "js_chart_line": ("{value} over {by}", "{value} sepanjang {by}"),
    "js_chart_rows": ("{rows} rows with a value", "{rows} baris bernilai"),
    "js_chart_cut": ("Only the first {max} of {rows} rows are drawn; the table has them all.",
                     "Hanya {max} dari {rows} baris pertama yang digambar; tabel memuat "
                     "semuanya."),
    "js_timeline_title": ("Timeline of {n} date ranges", "Linimasa {n} rentang tanggal"),
    "js_timeline_undated": ("Without dates: {names}.", "Tanpa tanggal: {names}."),
    "js_map_title": ("Map: {points} places, {countries} countries",
                     "Peta: {points} tempat, {countries} negara"),
    "js_map_source": ("Base map: Natural Earth, 1:50m.", "Peta dasar: Natural Earth, 1:50m."),
    "js_graph_summary": ("{nodes} resources, {edges} links", "{nodes} sumber daya, {edges} tautan"),
    "js_graph_cut": ("Only the first {max} resources are drawn; the Triples view has them all.",
                     "Hanya {max} sumber daya pertama yang digambar; tampilan Tripel "
                     "memuat semuanya."),
    "js_graph_hint": ("Choose a resource to see its values.",
                      "Pilih sumber daya untuk melihat nilainya."),
    "js_params_of": ("Parameters of “{title}”", "Parameter “{title}”"),
    "js_param_any": ("(any)", "(semua)"),
    "js_param_choose": ("Choose…", "Pilih…"),
    "js_param_bad": ("?{name}: “{value}” is not a prefixed name (res:ilo) or an IRI.",
                     "?{name}: “{value}” bukan nama berprefiks (res:ilo) atau IRI."),
    "js_param_missing": ("?{name} needs a value.", "?{name} memerlukan nilai."),
    # -- kinds of statement (issue #11) --------------------------------------------------
    "kind_paper": ("paper", "artikel"),
    "kind_interpretation": ("interpretation", "tafsiran"),
    "kind_context": ("context", "konteks"),
    "kind_ontology": ("ontology", "ontologi"),
    "kind_paper_help": ("Stated by the paper, with the quoted sentence.",
                        "Dinyatakan artikel, dengan kalimat yang dikutip."),
    "kind_interpretation_help": ("The modeller's reading of the paper, not stated by it.",
                                 "Bacaan pemodel atas artikel, tidak dinyatakan artikel."),
    "kind_context_help": ("Outside knowledge, with its outside source; not from the paper.",
                          "Pengetahuan dari luar, dengan sumbernya; bukan dari artikel."),
    "kind_ontology_help": ("Part of the model.", "Bagian dari model."),
    "kinds_legend": ("Each value is marked with its kind of statement:",
                     "Setiap nilai ditandai dengan jenis pernyataannya:"),
    "page_scope_paper": ("Show only what the paper states",
                         "Tampilkan hanya yang dinyatakan artikel"),
    "page_scope_all": ("Show readings and outside context too",
                  "Tampilkan juga tafsiran dan konteks dari luar"),
    "scope_is_paper": ("Only what the paper states is shown.",
                       "Hanya yang dinyatakan artikel yang ditampilkan."),
    "readings": ("Readings and outside context on this page",
                 "Tafsiran dan konteks dari luar di halaman ini"),
    "role_read": ("* the role is the modeller's reading", "* peran adalah bacaan pemodel"),
    "supported": ("helped by (\"dibantu oleh\"), no money named",
                  "dibantu oleh, tanpa disebut dana"),
    # -- search (/search, /search.json, the box on every page) -----------------------
    "search": ("Search", "Cari"),
    "search_label": ("Search the knowledge graph", "Cari di graf pengetahuan"),
    "search_placeholder": ("ILO, Kemnaker, pesticides…", "ILO, Kemnaker, pestisida…"),
    "search_title": ("Search", "Pencarian"),
    "search_hint": ("Names and descriptions in English and Indonesian; accents and capitals "
                    "do not matter; every word must match the start of a word.",
                    "Nama dan deskripsi dalam bahasa Inggris dan Indonesia; aksen dan huruf "
                    "besar tidak berpengaruh; setiap kata harus cocok dengan awal sebuah kata."),
    "search_results": ("{} results for “{}”", "{} hasil untuk “{}”"),
    "search_result_one": ("1 result for “{}”", "1 hasil untuk “{}”"),
    "search_showing": ("showing {} to {}", "menampilkan {} sampai {}"),
    "search_none": ("Nothing matches “{}”.", "Tidak ada yang cocok dengan “{}”."),
    "search_suggest": ("Did you mean", "Mungkin maksud Anda"),
    "search_tips": ("Try fewer words, another spelling, or the other language; or browse:",
                    "Coba kata yang lebih sedikit, ejaan lain, atau bahasa lain; atau jelajahi:"),
    "search_empty": ("Type a name, a word of a description, or a prefixed name such as "
                     "res:ilo.",
                     "Ketik nama, kata dari sebuah deskripsi, atau nama berprefiks seperti "
                     "res:ilo."),
    "search_facets": ("Kind of thing", "Jenis"),
    "search_all": ("All kinds", "Semua jenis"),
    "search_matched": ("matched in", "cocok pada"),
    "search_matched_iri": ("its identifier", "pengenalnya"),
    "search_previous": ("Previous results", "Hasil sebelumnya"),
    "search_next": ("More results", "Hasil berikutnya"),
    "search_error": ("The search could not run", "Pencarian tidak dapat dijalankan"),
    "search_score": ("score", "skor"),
    "search_err_q_missing": ("Parameter q is missing: type the words to search for.",
                             "Parameter q tidak ada: ketik kata yang dicari."),
    "search_err_q_too_long": ("The search text is {length} characters long; at most {limit} "
                              "are allowed.",
                              "Teks pencarian sepanjang {length} karakter; paling banyak "
                              "{limit} yang diizinkan."),
    "search_err_q_too_many_words": ("The search text has {words} words; at most {limit} are "
                                    "allowed.",
                                    "Teks pencarian berisi {words} kata; paling banyak {limit} "
                                    "yang diizinkan."),
    "search_err_repeated": ("Parameter {name} is given {times} times; give it once.",
                            "Parameter {name} diberikan {times} kali; berikan sekali saja."),
    "search_err_facet": ("Parameter type={value} is not a kind of thing this search knows; "
                         "use one of: {allowed}.",
                         "Parameter type={value} bukan jenis yang dikenal pencarian ini; "
                         "gunakan salah satu dari: {allowed}."),
    "search_err_lang": ("Parameter lang={value} is not a language of this site; use one of: "
                        "{allowed}.",
                        "Parameter lang={value} bukan bahasa situs ini; gunakan salah satu "
                        "dari: {allowed}."),
    "search_err_number": ("Parameter {name}={value} is not allowed: give a whole number from "
                          "{low} to {high}.",
                          "Parameter {name}={value} tidak diizinkan: berikan bilangan bulat "
                          "dari {low} sampai {high}."),
    "search_err_number_open": ("Parameter {name}={value} is not allowed: give a whole number "
                               "from {low} up.",
                               "Parameter {name}={value} tidak diizinkan: berikan bilangan "
                               "bulat mulai dari {low}."),
    "facet_programme": ("Programme", "Program"),
    "facet_actor": ("Actor", "Aktor"),
    "facet_sector": ("Sector", "Sektor"),
    "facet_statistic": ("Statistic", "Statistik"),
    "facet_instrument": ("Legal instrument", "Instrumen hukum"),
    "facet_reference": ("Reference", "Referensi"),
    "facet_hazard": ("Hazard", "Bahaya"),
    "facet_cause": ("Cause", "Penyebab"),
    "facet_place": ("Place", "Tempat"),
    "facet_funding": ("Participation or funding", "Partisipasi atau pendanaan"),
    "facet_outcome": ("Outcome or claim", "Hasil atau klaim"),
    "facet_excerpt": ("Excerpt of the paper", "Kutipan artikel"),
    "facet_note": ("Data-quality note", "Catatan kualitas data"),
    "facet_reading": ("Modeller's reading", "Tafsiran pemodel"),
    "facet_link": ("Link out", "Tautan keluar"),
    "facet_graph": ("Named graph", "Graf bernama"),
    "facet_period": ("Period", "Periode"),
    "facet_concept": ("Concept", "Konsep"),
    "facet_ontology": ("Ontology term", "Istilah ontologi"),
    "facet_other": ("Other", "Lainnya"),
    "facets_programme": ("Programmes", "Program"),
    "facets_actor": ("Actors", "Aktor"),
    "facets_sector": ("Sectors", "Sektor"),
    "facets_statistic": ("Statistics", "Statistik"),
    "facets_instrument": ("Legal instruments", "Instrumen hukum"),
    "facets_reference": ("References", "Referensi"),
    "facets_hazard": ("Hazards", "Bahaya"),
    "facets_cause": ("Causes", "Penyebab"),
    "facets_place": ("Places", "Tempat"),
    "facets_funding": ("Participation and funding", "Partisipasi dan pendanaan"),
    "facets_outcome": ("Outcomes and claims", "Hasil dan klaim"),
    "facets_excerpt": ("Excerpts of the paper", "Kutipan artikel"),
    "facets_note": ("Data-quality notes", "Catatan kualitas data"),
    "facets_reading": ("Modeller's readings", "Tafsiran pemodel"),
    "facets_link": ("Links out", "Tautan keluar"),
    "facets_graph": ("Named graphs", "Graf bernama"),
    "facets_period": ("Periods", "Periode"),
    "facets_concept": ("Concepts", "Konsep"),
    "facets_ontology": ("Ontology terms", "Istilah ontologi"),
    "facets_other": ("Other", "Lainnya"),
    # -- browse pages (/actors, /programmes, /table-1, /statistics, …) ----------------
    "browse_actors": ("Actors", "Aktor"),
    "browse_actors_intro": ("Every actor the paper names, grouped by actor type, with the "
                            "programmes it takes part in and its role in each.",
                            "Setiap aktor yang disebut artikel, dikelompokkan menurut jenis "
                            "aktor, dengan program yang diikutinya dan perannya di sana."),
    "browse_programmes": ("Programmes", "Program"),
    "browse_programmes_intro": ("The three ILO–Indonesia programmes on one time axis, with the "
                                "periods as the paper states them.",
                                "Tiga program ILO–Indonesia pada satu sumbu waktu, dengan "
                                "periode sebagaimana dinyatakan artikel."),
    "browse_table1": ("Table 1", "Tabel 1"),
    "browse_table1_intro": ("Table 1 of the paper as it prints it: for each sector, its risks "
                            "and its possible consequences; each bullet links to what the "
                            "graph reads from it.",
                            "Tabel 1 artikel sebagaimana tercetak: untuk setiap sektor, "
                            "risikonya dan kemungkinan akibatnya; setiap butir tertaut ke "
                            "apa yang dibaca graf darinya."),
    "browse_statistics": ("Statistics", "Statistik"),
    "browse_statistics_intro": ("Every figure the paper reports, with its unit, place, "
                                "period, age range, wording and source.",
                                "Setiap angka yang dilaporkan artikel, dengan satuan, tempat, "
                                "periode, rentang usia, penulisan dan sumbernya."),
    "browse_law": ("Legal instruments", "Instrumen hukum"),
    "browse_law_intro": ("The conventions, declarations, laws and plans the paper invokes, "
                         "with their articles and what each provides.",
                         "Konvensi, deklarasi, undang-undang dan rencana yang dirujuk artikel, "
                         "dengan pasal-pasalnya dan apa yang ditetapkan masing-masing."),
    "browse_bibliography": ("Bibliography", "Daftar pustaka"),
    "browse_bibliography_intro": ("The works the paper cites, as its reference list prints "
                                  "them, with what in the graph cites each.",
                                  "Karya yang dikutip artikel, sebagaimana tercetak di daftar "
                                  "referensinya, dengan apa dalam graf yang mengutip "
                                  "masing-masing."),
    "browse_same_query": ("The same question in SPARQL:", "Pertanyaan yang sama dalam SPARQL:"),
    "browse_kinds": ("Everything here is what the paper states, except what is marked as the "
                     "modeller's reading",
                     "Semua di sini dinyatakan artikel, kecuali yang ditandai sebagai bacaan "
                     "pemodel"),
    "browse_kinds_or": ("or as outside context", "atau sebagai konteks dari luar"),
    "supported_by": ("Helped by (as the paper says)", "Dibantu oleh (sebagaimana kata artikel)"),
    "browse_as_data": ("This page as data", "Halaman ini sebagai data"),
    "other_names": ("Other names", "Nama lain"),
    "state_actor": ("State actor", "Aktor negara"),
    "yes": ("yes", "ya"),
    "no": ("no", "tidak"),
    "in_no_programme": ("in none of the programmes", "tidak dalam program mana pun"),
    "programme_n": ("Programme {}", "Program {}"),
    "actor_count": ("{} actors", "{} aktor"),
    "actor_count_one": ("1 actor", "1 aktor"),
    "aims": ("Aims", "Tujuan"),
    "dates": ("Dates", "Tanggal"),
    "from_to": ("{} to {}", "{} sampai {}"),
    "undated": ("No dates of its own in the paper; drawn across the period of {}.",
                "Tidak ada tanggal sendiri dalam artikel; digambar sepanjang periode {}."),
    "undated_short": ("dates not stated", "tanggal tidak disebutkan"),
    "timeline_axis": ("Years", "Tahun"),
    "cooperation_period": ("Period of the cooperation", "Periode kerja sama"),
    "table1_caption": ("Table 1 Possible consequences of hazardous child labour",
                       "Tabel 1 Kemungkinan Akibat dari PASB"),
    "table1_sector": ("Sector of work", "Sektor Pekerjaan"),
    "table1_risks": ("Risks", "Resiko"),
    "table1_consequences": ("Possible consequences for safety and health",
                            "Kemungkinan kejadian dari keselamatan dan kesehatan"),
    "table1_source": ("Source", "Sumber"),
    "table1_reading": ("The two cells of a row are separate lists: risk n does not cause "
                       "consequence n.",
                       "Dua sel dalam satu baris adalah daftar terpisah: risiko ke-n tidak "
                       "menyebabkan akibat ke-n."),
    "as_printed": ("as printed", "sebagaimana tercetak"),
    "attributed_to": ("Attributed to", "Diatribusikan kepada"),
    "flagged": ("doubtful, see the note", "diragukan, lihat catatan"),
    "statistics_of_dataset": ("The statistics of this data set",
                              "Statistik dalam kumpulan data ini"),
    "articles": ("Articles", "Pasal"),
    "provides": ("Provides", "Menetapkan"),
    "corresponds": ("What of the paper corresponds to it (outside context)",
                    "Yang sepadan dengannya dalam artikel (konteks luar)"),
    "adopted_by": ("Adopted or proclaimed by", "Diadopsi atau dideklarasikan oleh"),
    "date": ("Date", "Tanggal"),
    "applies_to": ("Applies to", "Berlaku di"),
    "followed_by": ("In line with it", "Sejalan dengannya"),
    "reference_list": ("Reference list of the paper", "Daftar referensi artikel"),
    "text_only": ("Cited in the text only", "Hanya dikutip dalam teks"),
    "cited_in_text": ("Cited in the text as", "Dikutip dalam teks sebagai"),
    "cited_by_n": ("The source of {} resources of the graph", "Sumber bagi {} sumber daya graf"),
    "cited_by_one": ("The source of 1 resource of the graph", "Sumber bagi 1 sumber daya graf"),
    "cited_by_none": ("No resource of the graph cites it.",
                      "Tidak ada sumber daya graf yang mengutipnya."),
    "related": ("Related", "Terkait"),
    "no_year": ("n.d.", "t.thn."),
    "dataset_name": ("Its title in the metadata (VoID, DCAT, schema.org)",
                     "Judulnya dalam metadata (VoID, DCAT, schema.org)"),
    # -- the /sparql form ------------------------------------------------------------
    "sparql_title": ("SPARQL endpoint", "Titik akhir SPARQL"),
    "sparql_intro": ("Query the knowledge graph with the SPARQL 1.1 Protocol at",
                     "Kueri graf pengetahuan dengan Protokol SPARQL 1.1 di"),
    "sparql_description": ("service description (formats and dataset)",
                           "deskripsi layanan (format dan dataset)"),
    "sparql_full_editor": ("the query page with examples", "halaman kueri dengan contoh"),
    "sparql_format": ("Result format", "Format hasil"),
    "sparql_graphs": ("CONSTRUCT/DESCRIBE", "CONSTRUCT/DESCRIBE"),
}

STRINGS.update(NETWORK_STRINGS)

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
    """``t(key, *args, **named)`` in ``lang`` (the catalogue's ``{}`` and ``{name}``
    fields filled in)."""
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0

    def t(key: str, *args: object, **named: object) -> str:
        text = STRINGS[key][index]
        return text.format(*args, **named) if args or named else text

    return t


def script_strings(lang: str) -> dict[str, str]:
    """The query page script's words in ``lang``."""
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    return {key.removeprefix("js_"): STRINGS[key][index] for key in SCRIPT_KEYS}


def network_script_strings(lang: str) -> dict[str, str]:
    """The network viewer script's words in ``lang`` (keys without ``netjs_``)."""
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    return {key.removeprefix("netjs_"): text[index] for key, text in STRINGS.items()
            if key.startswith("netjs_")}
