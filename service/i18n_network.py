"""The words of the network viewer (``/network``) and the report page, in English and
Indonesian. Part of :data:`service.i18n.STRINGS`; keys starting ``netjs_`` go to the
viewer's script (:func:`service.i18n.network_script_strings`)."""

from __future__ import annotations

from kg.network.words import TYPE_NAMES

NETWORK_STRINGS: dict[str, tuple[str, str]] = {
    # page
    "net_title": ("Actor network", "Jaringan aktor"),
    "net_loading": ("Loading the network…", "Memuat jaringan…"),
    "net_controls": ("Network controls", "Kontrol jaringan"),
    "net_open_controls": ("Filters and settings", "Filter dan pengaturan"),
    "net_close_controls": ("Close the controls", "Tutup kontrol"),
    "net_view": ("View", "Tampilan"),
    "net_network": ("Network", "Jaringan"),
    "net_proj_actors": ("Actor network", "Jaringan aktor"),
    "net_proj_affiliation": ("Actor × programme", "Aktor × program"),
    "net_proj_multiplex": ("All ties (multiplex)", "Semua ikatan (multipleks)"),
    "net_proj_delegation": ("Delegation chain", "Rantai delegasi"),
    "net_all_years": ("All years", "Semua tahun"),
    "net_year": ("Year", "Tahun"),
    "net_filters": ("Filters", "Filter"),
    "net_actor_types": ("Actor types shown", "Jenis aktor yang ditampilkan"),
    "net_programme": ("Programme", "Program"),
    "net_all_programmes": ("All programmes", "Semua program"),
    "net_ties": ("Ties shown", "Ikatan yang ditampilkan"),
    "net_nodes": ("Nodes", "Simpul"),
    "net_size_by": ("Size by", "Ukuran menurut"),
    "net_labels": ("Labels", "Label"),
    "net_find": ("Find a node", "Cari simpul"),
    "net_find_placeholder": ("e.g. ILO, Tenaga Kerja, Sida", "mis. ILO, Tenaga Kerja, Sida"),
    "net_find_hint": ("English, Indonesian or other names; Enter selects.",
                      "Nama Inggris, Indonesia atau lainnya; Enter memilih."),
    "net_export": ("Export", "Ekspor"),
    "net_export_hint": ("The view as drawn; the files hold the nodes and ties shown.",
                        "Tampilan seperti digambar; berkas berisi simpul dan ikatan yang "
                        "ditampilkan."),
    "net_zoom": ("Zoom and layout", "Perbesaran dan tata letak"),
    "net_zoom_in": ("Zoom in", "Perbesar"),
    "net_zoom_out": ("Zoom out", "Perkecil"),
    "net_fit": ("Fit", "Paskan"),
    "net_fit_title": ("Fit the drawing to the canvas (key 0)",
                      "Paskan gambar ke kanvas (tombol 0)"),
    "net_relayout": ("Lay out again", "Tata ulang"),
    "net_relayout_title": ("Run ForceAtlas2 again from the current positions",
                           "Jalankan ForceAtlas2 lagi dari posisi sekarang"),
    "net_reset_layout": ("Original layout", "Tata letak awal"),
    "net_keys": ("Drag to pan, wheel or pinch to zoom, click a node for its ego network; "
                 "keys: arrows, + −, 0, Esc",
                 "Seret untuk menggeser, roda atau cubit untuk memperbesar, klik simpul untuk "
                 "jaringan egonya; tombol: panah, + −, 0, Esc"),
    "net_drawing": ("Network drawing; the same nodes are listed in the table below",
                    "Gambar jaringan; simpul yang sama tercantum dalam tabel di bawah"),
    "net_legend": ("Legend", "Keterangan"),
    "net_close_panel": ("Close the node panel", "Tutup panel simpul"),
    "net_table": ("Table of the nodes and their measures", "Tabel simpul dan ukurannya"),
    "net_machine": ("Machine-readable", "Terbaca mesin"),
    "net_all_measures": ("all measures", "semua ukuran"),
    "net_report_link": ("cooperation-structure report", "laporan struktur kerja sama"),
    "net_layout_note": ("Layout: ForceAtlas2-style forces computed on the server, the same on "
                        "every visit; drawn with sigma.js.",
                        "Tata letak: gaya ala ForceAtlas2 dihitung di server, sama pada setiap "
                        "kunjungan; digambar dengan sigma.js."),
    # the report page
    "rep_title": ("Cooperation structure", "Struktur kerja sama"),
    "rep_period": ("Period", "Periode"),
    "rep_lead": ("Each proposition the paper takes from neoliberal institutionalism, the "
                 "indicator that tests it on the actor network, the decision rule and what "
                 "the measured structure says.",
                 "Setiap proposisi yang diambil artikel dari institusionalisme neoliberal, "
                 "indikator yang mengujinya pada jaringan aktor, aturan keputusannya, dan apa "
                 "yang dikatakan struktur yang terukur."),
    "rep_explore": ("Explore the network", "Jelajahi jaringan"),
    # the script's words
    "netjs_loading": ("Loading the network…", "Memuat jaringan…"),
    "netjs_running": ("Running the query…", "Menjalankan kueri…"),
    "netjs_failed": ("Could not draw the network: {message}",
                     "Jaringan tidak dapat digambar: {message}"),
    "netjs_summary": ("{nodes} nodes and {edges} ties drawn ({what}).",
                      "{nodes} simpul dan {edges} ikatan digambar ({what})."),
    "netjs_all_years": ("all years", "semua tahun"),
    "netjs_query_result": ("query result", "hasil kueri"),
    "netjs_query_title": ("Query result as a network", "Hasil kueri sebagai jaringan"),
    "netjs_found": ("Found {count}: {label}.", "Ditemukan {count}: {label}."),
    "netjs_found_more": ("Found {count}: {label} (and {more} more).",
                         "Ditemukan {count}: {label} (dan {more} lainnya)."),
    "netjs_not_found": ("No node called “{query}”.", "Tidak ada simpul bernama “{query}”."),
    "netjs_no_layer": ("No tie of this layer in this view", "Tidak ada ikatan lapisan ini"),
    "netjs_legend_colour": ("Colour: actor type", "Warna: jenis aktor"),
    "netjs_legend_colour_kind": ("Colour: kind of node", "Warna: jenis simpul"),
    "netjs_legend_size": ("Size: {measure}", "Ukuran: {measure}"),
    "netjs_legend_size_range": ("from {low} (small) to {high} (large)",
                                "dari {low} (kecil) sampai {high} (besar)"),
    "netjs_legend_ties": ("Lines: ties by layer; thicker = more shared programmes",
                          "Garis: ikatan menurut lapisan; makin tebal = makin banyak program "
                          "bersama"),
    "netjs_legend_arrows": ("Arrows point along the delegation chain (funder → implementer "
                            "→ partner)",
                            "Panah mengikuti rantai delegasi (penyandang dana → pelaksana → "
                            "mitra)"),
    "netjs_measured_on": ("Sizes and measures are those of the co-participation network, as "
                          "in the report.",
                          "Ukuran simpul dan nilai ukuran berasal dari jaringan ko-partisipasi, "
                          "seperti dalam laporan."),
    "netjs_ego": ("Ego network of {label}: {count} neighbours.",
                  "Jaringan ego {label}: {count} tetangga."),
    "netjs_show_all": ("Show the whole network", "Tampilkan seluruh jaringan"),
    "netjs_indonesian": ("Indonesian", "Bahasa Indonesia"),
    "netjs_english": ("English", "Bahasa Inggris"),
    "netjs_other_names": ("Other names", "Nama lain"),
    "netjs_type": ("Type", "Jenis"),
    "netjs_neighbours": ("Neighbours", "Tetangga"),
    "netjs_programmes_roles": ("Programmes and roles", "Program dan peran"),
    "netjs_resource_page": ("Resource page", "Halaman sumber daya"),
    "netjs_node": ("Node", "Simpul"),
    "netjs_table_caption": ("{count} nodes of the network as drawn",
                            "{count} simpul jaringan seperti digambar"),
    "netjs_layout_running": ("Laying out… {percent}%", "Menata letak… {percent}%"),
    "netjs_layout_done": ("Laid out again with ForceAtlas2.",
                          "Ditata ulang dengan ForceAtlas2."),
    "netjs_select_needs": ("a SELECT needs ?source and ?target columns (optional ?label, "
                           "?type, ?weight)",
                           "SELECT memerlukan kolom ?source dan ?target (opsional ?label, "
                           "?type, ?weight)"),
    "netjs_note_brokerage_only": ("brokerage is measured on the actor and delegation "
                                  "networks only",
                                  "perantaraan hanya diukur pada jaringan aktor dan jaringan "
                                  "delegasi"),
    "netjs_note_estimated": ("{n} nodes: betweenness estimated from {pivots} sources; "
                             "brokerage and coreness are not computed above {limit} nodes "
                             "(use pasb-kg network measures)",
                             "{n} simpul: keantaraan diperkirakan dari {pivots} sumber; "
                             "perantaraan dan keintian tidak dihitung di atas {limit} simpul "
                             "(gunakan pasb-kg network measures)"),
    # measures
    "netjs_m_degree": ("Degree", "Derajat"),
    "netjs_m_betweenness": ("Betweenness", "Keantaraan"),
    "netjs_m_brokerage": ("Brokerage", "Perantaraan"),
    "netjs_m_coreness": ("Coreness", "Keintian"),
    # layers
    "netjs_l_participation": ("Participation", "Partisipasi"),
    "netjs_l_funding": ("Funding", "Pendanaan"),
    "netjs_l_legal": ("Legal", "Hukum"),
    "netjs_l_coverage": ("Coverage", "Cakupan"),
    "netjs_l_tie": ("Ties", "Ikatan"),
    # roles
    "netjs_r_funding": ("funding", "pendanaan"),
    "netjs_r_accountable": ("accountable", "bertanggung jawab"),
    "netjs_r_extending": ("extending", "perantara"),
    "netjs_r_implementing": ("implementing", "pelaksana"),
    "netjs_r_partner": ("partner", "mitra"),
    "netjs_r_participant": ("participant", "peserta"),
}

# The node types' names are the report's (one catalogue, kg.network.words).
NETWORK_STRINGS.update({f"netjs_t_{key}": names for key, names in TYPE_NAMES.items()})
