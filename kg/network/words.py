"""The words of the network report and its figures in English and Indonesian.

One catalogue for every reader: :mod:`kg.network.report` and :mod:`kg.network.figures`
write their sentences, headings, legends and captions from it; the CLI picks the language
with ``--lang``, the service with the page's language, and the network viewer's page
takes its actor-type names from :data:`TYPE_NAMES`. Numbers keep the decimal point in
both languages, as the measures' JSON and the viewer do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

LANGUAGES = ("en", "id")

#: Actor types and other node kinds (``res:actor-type-<key>``, node ``kind``).
TYPE_NAMES: dict[str, tuple[str, str]] = {
    "international-organisation": ("International organisation", "Organisasi internasional"),
    "state-government": ("State government", "Pemerintah negara"),
    "government-body": ("Government body", "Lembaga pemerintah"),
    "donor": ("Donor", "Donor"),
    "employers-organisation": ("Employers' organisation", "Organisasi pengusaha"),
    "workers-organisation": ("Workers' organisation", "Organisasi pekerja"),
    "ngo": ("NGO", "LSM"),
    "school": ("School", "Sekolah"),
    "network": ("Network", "Jejaring"),
    "statistical-agency": ("Statistical agency", "Badan statistik"),
    "programme": ("Programme", "Program"),
    "instrument": ("Legal instrument", "Instrumen hukum"),
    "place": ("Place", "Tempat"),
    "unclassified": ("Unclassified", "Tidak berkelas"),
}

WORDS: dict[str, tuple[str, str]] = {
    # page furniture
    "title": ("Cooperation structure of the ILO–Indonesia programmes ({period})",
              "Struktur kerja sama program ILO–Indonesia ({period})"),
    "all_years": ("all years", "semua tahun"),
    "indicator": ("Indicator", "Indikator"),
    "rule": ("Rule", "Aturan"),
    "verdict": ("Verdict", "Putusan"),
    "notes": ("Notes", "Catatan"),
    "figures": ("Figures", "Gambar"),
    "and": ("and", "dan"),
    "more": ("{n} more", "{n} lainnya"),
    # what the findings rest on (issue #11)
    "paper_only": ("On only what the paper states", "Hanya pada yang dinyatakan artikel"),
    "verdict_differs": ("the verdict differs: it rests on the modeller's interpretations or "
                        "outside context listed below.",
                        "putusannya berbeda: putusan di atas bertumpu pada tafsiran pemodel "
                        "atau konteks dari luar yang tercantum di bawah."),
    "verdict_same": ("the same verdict", "putusan yang sama"),
    "rests_on": ("What the findings rest on", "Dasar temuan"),
    "rests_on_intro": ("The findings above read more than the paper states. These inputs of the "
                       "network are the modeller's interpretations or outside context, not "
                       "statements of the paper; the paper-only verdicts leave them out.",
                       "Temuan di atas membaca lebih dari yang dinyatakan artikel. Masukan "
                       "jaringan berikut adalah tafsiran pemodel atau konteks dari luar, bukan "
                       "pernyataan artikel; putusan yang hanya memakai artikel tidak "
                       "menyertakannya."),
    "rests_on_none": ("none: the network is the same from the paper alone",
                      "tidak ada: jaringannya sama bila hanya memakai artikel"),
    "verdict_supported": ("supported", "didukung"),
    "verdict_partly": ("partly supported", "didukung sebagian"),
    "verdict_not_supported": ("not supported", "tidak didukung"),
    "support_supported": ("The structure supports the proposition.",
                          "Struktur jaringan mendukung proposisi ini."),
    "support_partly": ("The structure supports the proposition only in part.",
                       "Struktur jaringan hanya mendukung sebagian proposisi ini."),
    "support_not_supported": ("The structure does not support the proposition.",
                              "Struktur jaringan tidak mendukung proposisi ini."),
    # 1. hub and mediator
    "p1": ("The international organisation is the hub and mediator of cooperation.",
           "Organisasi internasional adalah pusat dan mediator kerja sama."),
    "i1": ("betweenness; donor→domestic mediation; liaison brokerage; centralisation",
           "keantaraan (betweenness); mediasi donor→domestik; perantaraan liaison; "
           "sentralisasi"),
    "r1": ("supported when an IO has the (joint) highest betweenness, the most liaison "
           "brokerage, and lies on at least half the donor→domestic geodesics",
           "didukung bila sebuah organisasi internasional memiliki keantaraan tertinggi "
           "(atau sama tinggi), perantaraan liaison terbanyak, dan berada pada sedikitnya "
           "separuh lintasan terpendek donor→domestik"),
    "no_io": ("No international organisation takes part in the programmes.",
              "Tidak ada organisasi internasional yang ikut serta dalam program."),
    "hub_highest": ("has the highest betweenness", "memiliki keantaraan tertinggi"),
    "hub_shares": ("shares the highest betweenness with {others}",
                   "berbagi keantaraan tertinggi dengan {others}"),
    "hub_not_one": ("does not have the highest betweenness ({leaders} does, {top})",
                    "tidak memiliki keantaraan tertinggi (tertinggi: {leaders}, {top})"),
    "hub_not_many": ("does not have the highest betweenness ({leaders} do, {top})",
                     "tidak memiliki keantaraan tertinggi (tertinggi: {leaders}, {top})"),
    "hub": ("{io} {where} in the co-participation network ({between}). In the delegation "
            "network it lies on {mediation} of the shortest paths from donors to domestic "
            "actors and brokers {liaison} liaison two-paths{z}{most}. Freeman betweenness "
            "centralisation is {cb} and degree centralisation {cd}. {support}",
            "{io} {where} dalam jaringan ko-partisipasi ({between}). Dalam jaringan delegasi "
            "aktor ini berada pada {mediation} lintasan terpendek dari donor ke aktor "
            "domestik dan menjadi perantara {liaison} dua-lintasan liaison{z}{most}. "
            "Sentralisasi keantaraan Freeman sebesar {cb} dan sentralisasi derajat {cd}. "
            "{support}"),
    "hub_most": (", more than any other actor", ", lebih banyak daripada aktor lain"),
    # 2. plurality
    "p2": ("States are the main but not the only actors: actors are plural.",
           "Negara adalah aktor utama tetapi bukan satu-satunya: aktornya plural."),
    "i2": ("share of non-state actors; Shannon and Blau diversity of actor types",
           "proporsi aktor non-negara; keragaman Shannon dan Blau atas jenis aktor"),
    "r2": ("supported when at least a third of the actors are non-state, state actors "
           "take part, and there are three or more actor types",
           "didukung bila sedikitnya sepertiga aktor adalah aktor non-negara, aktor negara "
           "ikut serta, dan terdapat tiga jenis aktor atau lebih"),
    "plurality": ("Of the {actors} actors, {non_state} ({share}) are non-state and {state} "
                  "are state actors, of {types} actor types (Shannon H = {shannon}, evenness "
                  "{evenness}; Blau index {blau}). {support}",
                  "Dari {actors} aktor, {non_state} ({share}) adalah aktor non-negara dan "
                  "{state} aktor negara, dari {types} jenis aktor (Shannon H = {shannon}, "
                  "kemerataan {evenness}; indeks Blau {blau}). {support}"),
    # 3. interdependence
    "p3": ("Actors are interdependent.", "Para aktor saling bergantung."),
    "i3": ("density; components; programme overlap (Jaccard); multiplexity",
           "kepadatan; komponen; tumpang-tindih program (Jaccard); multipleksitas"),
    "r3": ("supported when the network is connected, every pair of programmes shares a "
           "participant, and some ties are multiplex",
           "didukung bila jaringan terhubung, setiap pasangan program berbagi peserta, dan "
           "sebagian ikatan bersifat multipleks"),
    "components_one": ("{n} component", "{n} komponen"),
    "components_many": ("{n} components", "{n} komponen"),
    "overlap": ("programmes share on average {mean} of their participants (Jaccard; "
                "lowest pair {low})",
                "program rata-rata berbagi {mean} pesertanya (Jaccard; pasangan terendah "
                "{low})"),
    "overlap_none": ("there is only one programme, so no overlap can be measured",
                     "hanya ada satu program, sehingga tumpang-tindih tidak dapat diukur"),
    "interdependence": ("The co-participation network has density {density} in "
                        "{components}; {overlap}; {multiplex} of ties carry more than one "
                        "programme or instrument (mean {mean} per tie). {support}",
                        "Jaringan ko-partisipasi memiliki kepadatan {density} dalam "
                        "{components}; {overlap}; {multiplex} ikatan memuat lebih dari satu "
                        "program atau instrumen (rata-rata {mean} per ikatan). {support}"),
    # 4. functional cooperation
    "p4": ("Cooperation is functional: organised around shared tasks.",
           "Kerja sama bersifat fungsional: tersusun di sekitar tugas bersama."),
    "i4": ("Louvain communities and modularity; share of each community in one programme",
           "komunitas dan modularitas Louvain; proporsi tiap komunitas dalam satu program"),
    "r4": ("supported when there are two or more communities with positive modularity and "
           "on average 75% of a community's members share one programme",
           "didukung bila terdapat dua komunitas atau lebih dengan modularitas positif dan "
           "rata-rata 75% anggota sebuah komunitas berada dalam satu program"),
    "communities_one": ("{n} community", "{n} komunitas"),
    "communities_many": ("{n} communities", "{n} komunitas"),
    "community": ("community {c} ({size} actors) is {share} {programme}",
                  "komunitas {c} ({size} aktor) {share} berada di {programme}"),
    "functional": ("Louvain (seed 42) finds {communities} with modularity {q}{parts}. "
                   "{support}",
                   "Louvain (seed 42) menemukan {communities} dengan modularitas {q}{parts}. "
                   "{support}"),
    # 5. tripartism
    "p5": ("The ILO works tripartitely: government, employers and workers.",
           "ILO bekerja secara tripartit: pemerintah, pengusaha dan pekerja."),
    "i5": ("tripartite coverage of each programme", "cakupan tripartit setiap program"),
    "r5": ("supported when every programme has all three seats, partly when some do",
           "didukung bila setiap program memiliki ketiga kursi, didukung sebagian bila "
           "hanya beberapa"),
    "seat_government": ("government", "pemerintah"),
    "seat_employers": ("employers", "pengusaha"),
    "seat_workers": ("workers", "pekerja"),
    "lacks": ("{programme} lacks {seats}", "{programme} tidak memiliki {seats}"),
    "tripartism": ("{full} of {total} programmes seat government, employers and workers "
                   "together{gaps}. {support}",
                   "{full} dari {total} program mendudukkan pemerintah, pengusaha dan pekerja "
                   "bersama{gaps}. {support}"),
    # period notes (kg.network.extract.period_notes)
    "period_inherited_one": ("{programmes} has no dates of its own; the paper places all "
                             "{count} programmes of {cooperation} in {period}, so per-year "
                             "views use that period",
                             "{programmes} tidak memiliki tanggal sendiri; artikel "
                             "menempatkan semua {count} program {cooperation} pada {period}, "
                             "sehingga tampilan per tahun memakai periode itu"),
    "period_inherited_many": ("{programmes} have no dates of their own; the paper places "
                              "all {count} programmes of {cooperation} in {period}, so "
                              "per-year views use that period",
                              "{programmes} tidak memiliki tanggal sendiri; artikel "
                              "menempatkan semua {count} program {cooperation} pada "
                              "{period}, sehingga tampilan per tahun memakai periode itu"),
    "period_undated_one": ("{programmes} has no dates and no dated cooperation; per-year "
                           "views leave it out",
                           "{programmes} tidak memiliki tanggal maupun kerja sama bertanggal; "
                           "tampilan per tahun tidak memuatnya"),
    "period_undated_many": ("{programmes} have no dates and no dated cooperation; per-year "
                            "views leave them out",
                            "{programmes} tidak memiliki tanggal maupun kerja sama "
                            "bertanggal; tampilan per tahun tidak memuatnya"),
    # figures
    "fig_network_title": ("The actor network", "Jaringan aktor"),
    "fig_network_caption": (
        "The actor network. Each circle is an actor, coloured by its type and sized by its "
        "betweenness: how often it lies on the shortest path between two other actors. A "
        "line joins two actors that take part in the same programme; it is thicker when "
        "they share more programmes.",
        "Jaringan aktor. Setiap lingkaran adalah satu aktor, diwarnai menurut jenisnya dan "
        "diukur menurut keantaraannya: seberapa sering aktor itu berada pada lintasan "
        "terpendek di antara dua aktor lain. Garis menghubungkan dua aktor yang ikut dalam "
        "program yang sama; garis makin tebal bila mereka berbagi lebih banyak program."),
    "fig_affiliation_title": ("Who takes part in which programme",
                              "Siapa ikut serta dalam program mana"),
    "fig_affiliation_caption": (
        "Who takes part in which programme. One row per actor, grouped by actor type; one "
        "column per programme. A dark cell means the actor takes part in that programme, "
        "and its letters give the role: F funding, I implementing, P partner or "
        "participant.",
        "Siapa ikut serta dalam program mana. Satu baris untuk setiap aktor, dikelompokkan "
        "menurut jenis aktor; satu kolom untuk setiap program. Sel gelap berarti aktor itu "
        "ikut serta dalam program tersebut, dan hurufnya menunjukkan peran: F pendanaan, "
        "I pelaksana, P mitra atau peserta."),
    "fig_affiliation_key": ("F funding · I implementing · P partner or participant",
                            "F pendanaan · I pelaksana · P mitra atau peserta"),
    "fig_brokerage_title": ("Brokerage roles in the delegation network",
                            "Peran perantara dalam jaringan delegasi"),
    "fig_brokerage_caption": (
        "Brokerage roles in the delegation network (Gould and Fernandez 1989). For each "
        "actor that brokers at all, how many times it stands between two others along the "
        "chain from funders to implementers to partners, split by the kind of brokerage: "
        "coordinator, itinerant, representative, gatekeeper or liaison.",
        "Peran perantara dalam jaringan delegasi (Gould dan Fernandez 1989). Untuk setiap "
        "aktor yang menjadi perantara, berapa kali aktor itu berada di antara dua aktor "
        "lain sepanjang rantai dari penyandang dana ke pelaksana ke mitra, dipilah menurut "
        "jenis perantaraan: koordinator, itineran, perwakilan, penjaga gerbang atau "
        "penghubung (liaison)."),
    "fig_brokerage_axis": ("open two-paths brokered (delegation network)",
                           "dua-lintasan terbuka yang diperantarai (jaringan delegasi)"),
    "fig_brokerage_none": ("No actor brokers between two others.",
                           "Tidak ada aktor yang menjadi perantara di antara dua aktor lain."),
    "role_coordinator": ("coordinator", "koordinator"),
    "role_itinerant": ("itinerant", "itineran"),
    "role_representative": ("representative", "perwakilan"),
    "role_gatekeeper": ("gatekeeper", "penjaga gerbang"),
    "role_liaison": ("liaison", "penghubung (liaison)"),
    # differences between everything and only what the paper states (kg.network.scopes)
    "diff_tie": ("{where}: {layer} tie{detail} not stated by the paper",
                 "{where}: hubungan {layer}{detail} tidak dinyatakan artikel"),
    "diff_role_none": ("{where}: role {roles} (the paper names no role)",
                       "{where}: peran {roles} (artikel tidak menyebut peran)"),
    "diff_role": ("{where}: role {roles} (the paper: {said})",
                  "{where}: peran {roles} (artikel: {said})"),
    "diff_node": ("{label}: not in what the paper states",
                  "{label}: tidak ada dalam yang dinyatakan artikel"),
    "diff_attribute": ("{label}: {attribute} = {value} (from what the paper states: {stated})",
                       "{label}: {attribute} = {value} (menurut artikel: {stated})"),
    "diff_by_type": ("not stated, read from the actor type as {value}",
                     "tidak disebutkan, dibaca dari jenis aktor sebagai {value}"),
    "diff_not_stated": ("not stated", "tidak disebutkan"),
    "diff_yes": ("yes", "ya"),
    "diff_no": ("no", "tidak"),
    "attr_is_state": ("state actor", "aktor negara"),
    "attr_actor_type": ("actor type", "jenis aktor"),
    "attr_start": ("start", "mulai"),
    "attr_end": ("end", "selesai"),
    "attr_date": ("date", "tanggal"),
    # the names of layers, roles and relations in those sentences
    "layer_participation": ("participation", "partisipasi"),
    "layer_funding": ("funding", "pendanaan"),
    "layer_legal": ("legal", "hukum"),
    "layer_coverage": ("coverage", "cakupan"),
    "tie_funding": ("funding", "pendanaan"),
    "tie_accountable": ("accountable", "bertanggung jawab"),
    "tie_extending": ("extending", "perantara"),
    "tie_implementing": ("implementing", "pelaksana"),
    "tie_partner": ("partner", "mitra"),
    "tie_participant": ("participant", "peserta"),
    "tie_supporting": ("supporting", "pendukung"),
    "tie_adoptedBy": ("adopted by", "diadopsi oleh"),
    "tie_proclaimedBy": ("proclaimed by", "dideklarasikan oleh"),
    "tie_inLineWith": ("in line with", "sejalan dengan"),
    "tie_contributesTo": ("contributes to", "berkontribusi pada"),
    "tie_passed_by": ("passed by", "disahkan oleh"),
}


def check_language(lang: str) -> str:
    """``lang`` when it is one of :data:`LANGUAGES`; else :class:`ValueError` naming them."""
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: expected one of {'|'.join(LANGUAGES)}")
    return lang


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **values)``: the catalogue's text for ``key`` in ``lang``, formatted.

    Examples
    --------
    >>> translator("id")("components_many", n=2)
    '2 komponen'
    """
    index = LANGUAGES.index(check_language(lang))

    def t(key: str, **values: object) -> str:
        text = WORDS[key][index]
        return text.format(**values) if values else text

    return t


def type_name(type_: str, lang: str) -> str:
    """The name of an actor type or node kind in ``lang`` (the key itself if unknown)."""
    names = TYPE_NAMES.get(type_)
    return names[LANGUAGES.index(check_language(lang))] if names else type_


def joined(items: Sequence[str], lang: str, *, most: int | None = None) -> str:
    """``a``, ``a and b``, ``a, b and c`` (``dan`` in Indonesian); beyond ``most`` items
    the rest is counted ("… and 2 more").

    Examples
    --------
    >>> joined(["ILO", "Sida", "Bappenas"], "id")
    'ILO, Sida dan Bappenas'
    """
    t = translator(lang)
    shown = list(items)
    if most is not None and len(shown) > most:
        shown = [*shown[:most], t("more", n=len(items) - most)]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + f" {t('and')} " + shown[-1]
