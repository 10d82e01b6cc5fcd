"""Unit tests for newsroom.quotes: quote extraction from Indonesian prose."""

import dataclasses
import logging

import pytest

from newsroom.quotes import (
    ACTIVE_SPEECH_VERBS,
    SPEECH_VERBS,
    Person,
    Quote,
    build_name_index,
    extract_quotes,
    resolve_name,
)

DASUKI = Person("dasuki", "Dasuki", (), "Kepala Dinas Komunikasi dan Informatika")
NENI = Person(
    "neni-moerniaeni", "Neni Moerniaeni", ("Bunda Neni", "Neni"), "Wali Kota Bontang"
)
SRI = Person("sri-wahyuni", "Sri Wahyuni", ("Bu Sri",), "Ketua Relawan TIK")
PEOPLE = (DASUKI, NENI, SRI)

# Lines 1-11 of shared/seed/bontang-smart-festival-2020.txt, verbatim.
SEED = """PARADASE.ID. Bontang Smart Festival 2020 dijadikan wadah untuk mensosialisasikan Smart City oleh Pemkot Bontang melalui Dinas Komunikasi dan Informasi (Diskominfo) kepada seluruh lapisan masyarakat. Kegiatan ini dilaksanakan di Pendopo Rujab Walikota sejak 13 Maret Hingga 15 Maret.
Kadis Kominfo Dasuki menilai bahwa perwujudan Smart City tidak hanya dipandang dari pihak pemerintah saja tapi juga ada keterkaitan dari civil society.
“Saat kita gencar memberikan pelayanan digital, sedangkan masyarakat belum siap bahkan belum paham apa itu Smart City. Tentu ini juga menjadi persoalan,” ujar Dasuki, dihadapan awak media pada kegiatan Bontang Smart Festival, Jum’at pagi (13/03).
“Ibarat buka toko, tapi tak ada peminatnya, hanya karena pelanggan tidak paham jualan toko kita,” lanjutnya.
Kegiatan Bontang Smart Festival 2020, ditandai dengan pengukuhan Relawan Tekhnologi Informasi dan Komunikasi (RTIK). Relawan TIK akan menjadi mitra pemerintah untuk mengedukasi masyarakat, baik bicara secara konsep ataupun pelatihan literasi digital tentang Smart City.
“Kita berharap, setelah dibentuk dan dikukuhkan. Relawan TIK akan segera membuat program-program untuk mendukung smart City di Bontang, sehingga masyarakat bisa terbantukan guna memahami maksud dan tujuan Smart City,” ujar Dasuki.
Pada kegiatan Smart Festival ini, juga tersaji beberapa program-program Smart yang terkemas di stand halaman parkir gedung pendopo untuk masing-masing OPD yang ikut andil. Selain itu, Diskominfo Bontang pun menggelar lomba Aplikasi dan Games Player unknown batlleground(PUBG).
Bunda Neni–sapaan akrab Walikota Bontang berharap peserta lomba nanti bisa berprestasi pada tingkat provinsi dan pusat.
“Zaman ini adalah kemudahan mengakses semua informasi, dan tersosialisasi dengan baik,” kata Bunda Neni.
Kilas balik saat Pemkot Bontang mengawali dengan anggaran minim, namun mampu mencetuskan keberadaan Command Center.
“2016 lalu, saat kita berniat membangun command center. Disaat tingginya ego sektoral pada masing-masing OPD, karena merasa memiliki aplikasi masing-masing. Tapi tetap mampu kita laksanakan, walaupun dengan dana kurang lebih 200 juta.” ucap Neni dalam sambutannya. (Adv)
"""  # noqa: E501

SEED_QUOTES = [
    (
        3,
        "Dasuki",
        "dasuki",
        "Saat kita gencar memberikan pelayanan digital, sedangkan masyarakat belum "
        "siap bahkan belum paham apa itu Smart City. Tentu ini juga menjadi persoalan",
    ),
    (
        4,
        "Dasuki",
        "dasuki",
        "Ibarat buka toko, tapi tak ada peminatnya, hanya karena pelanggan tidak "
        "paham jualan toko kita",
    ),
    (
        6,
        "Dasuki",
        "dasuki",
        "Kita berharap, setelah dibentuk dan dikukuhkan. Relawan TIK akan segera "
        "membuat program-program untuk mendukung smart City di Bontang, sehingga "
        "masyarakat bisa terbantukan guna memahami maksud dan tujuan Smart City",
    ),
    (
        9,
        "Bunda Neni",
        "neni-moerniaeni",
        "Zaman ini adalah kemudahan mengakses semua informasi, dan tersosialisasi "
        "dengan baik",
    ),
    (
        11,
        "Neni",
        "neni-moerniaeni",
        "2016 lalu, saat kita berniat membangun command center. Disaat tingginya "
        "ego sektoral pada masing-masing OPD, karena merasa memiliki aplikasi "
        "masing-masing. Tapi tetap mampu kita laksanakan, walaupun dengan dana "
        "kurang lebih 200 juta.",
    ),
]


def found(text, people=PEOPLE):
    """Return (speaker, speaker_id, text) for each quote extracted from text."""
    return [(q.speaker, q.speaker_id, q.text) for q in extract_quotes(text, people)]


def test_seed_release_yields_its_five_quotes():
    quotes = extract_quotes(SEED, [DASUKI, NENI])
    got = [(q.line, q.speaker, q.speaker_id, q.text) for q in quotes]
    assert got == SEED_QUOTES


def test_seed_nickname_sentence_is_not_a_quote():
    assert found(SEED.splitlines()[7]) == []


@pytest.mark.parametrize("verb", SPEECH_VERBS)
def test_speech_verb_and_name_after_the_quote(verb):
    text = f"“Layanan digital harus merata,” {verb} Dasuki kepada wartawan."
    assert found(text) == [("Dasuki", "dasuki", "Layanan digital harus merata")]


@pytest.mark.parametrize("verb", SPEECH_VERBS)
def test_continuation_form_carries_the_last_named_speaker(verb):
    text = (
        "“Kami membuka stand setiap hari,” kata Bunda Neni.\n"
        f"“Silakan datang bersama keluarga,” {verb}nya."
    )
    assert found(text) == [
        ("Bunda Neni", "neni-moerniaeni", "Kami membuka stand setiap hari"),
        ("Bunda Neni", "neni-moerniaeni", "Silakan datang bersama keluarga"),
    ]


@pytest.mark.parametrize("verb", ACTIVE_SPEECH_VERBS)
def test_name_and_active_verb_before_the_quote(verb):
    text = f"Dasuki {verb}, “Data warga kini terpadu.”"
    assert found(text) == [("Dasuki", "dasuki", "Data warga kini terpadu.")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Menurut Neni, “Relawan TIK adalah mitra pemerintah.”",
            [("Neni", "neni-moerniaeni", "Relawan TIK adalah mitra pemerintah.")],
            id="menurut-name",
        ),
        pytest.param(
            "Kata Dasuki, “Command Center dibangun dengan dana minim.”",
            [("Dasuki", "dasuki", "Command Center dibangun dengan dana minim.")],
            id="kata-name-comma",
        ),
        pytest.param(
            "Dasuki mengatakan bahwa “warga harus paham Smart City.”",
            [("Dasuki", "dasuki", "warga harus paham Smart City.")],
            id="active-verb-bahwa",
        ),
        pytest.param(
            "Neni menjelaskan dalam sambutannya, “Lomba ini terbuka untuk umum.”",
            [("Neni", "neni-moerniaeni", "Lomba ini terbuka untuk umum.")],
            id="active-verb-then-clause",
        ),
        pytest.param(
            "Sementara itu, Kadis Kominfo Dasuki menegaskan, “Semua OPD ikut.”",
            [("Kadis Kominfo Dasuki", "dasuki", "Semua OPD ikut.")],
            id="title-before-name",
        ),
        pytest.param(
            "Selanjutnya Dasuki juga menambahkan, “Pendaftaran dibuka hari ini.”",
            [("Dasuki", "dasuki", "Pendaftaran dibuka hari ini.")],
            id="sentence-opener-trimmed",
        ),
        pytest.param(
            "Dasuki hadir di pendopo. Menurutnya, “Festival ini untuk warga.”",
            [("Dasuki", "dasuki", "Festival ini untuk warga.")],
            id="menurutnya-continuation",
        ),
        pytest.param(
            "Bu Sri memimpin relawan. Ia menambahkan, “Kami siap melatih warga.”",
            [("Bu Sri", "sri-wahyuni", "Kami siap melatih warga.")],
            id="pronoun-continuation-before",
        ),
    ],
)
def test_speaker_named_before_the_quote(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "“Semua OPD ikut andil,” ujar Kepala Dinas Kominfo Dasuki.",
            ("Kepala Dinas Kominfo Dasuki", "dasuki"),
            id="position-title",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” ujar Kepala Dinas Komunikasi dan Informatika "
            "Dasuki.",
            ("Kepala Dinas Komunikasi dan Informatika Dasuki", "dasuki"),
            id="title-with-dan",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” kata Wali Kota Bontang Neni Moerniaeni.",
            ("Wali Kota Bontang Neni Moerniaeni", "neni-moerniaeni"),
            id="full-name-after-title",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” kata Kepala Diskominfo Bontang, Dasuki.",
            ("Kepala Diskominfo Bontang, Dasuki", "dasuki"),
            id="appositive-name",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” ujar Pak Dasuki saat membuka acara.",
            ("Pak Dasuki", "dasuki"),
            id="honorific-pak",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” tutur Bu Neni di pendopo.",
            ("Bu Neni", "neni-moerniaeni"),
            id="honorific-bu",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” kata BUNDA NENI.",
            ("BUNDA NENI", "neni-moerniaeni"),
            id="case-insensitive",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” ujar Dr. H. Dasuki, M.Si.",
            ("Dr. H. Dasuki", "dasuki"),
            id="abbreviated-titles",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” ujar Dasuki Jumat (13/3).",
            ("Dasuki", "dasuki"),
            id="weekday-trimmed",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” ucap Neni pada pembukaan festival.",
            ("Neni", "neni-moerniaeni"),
            id="stops-at-pada",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” ujar Budi Santoso kepada wartawan.",
            ("Budi Santoso", None),
            id="unknown-speaker",
        ),
        pytest.param(
            "“Semua OPD ikut andil,” kata Kepala Bappeda, Andi.",
            ("Kepala Bappeda", None),
            id="unknown-appositive-not-joined",
        ),
    ],
)
def test_written_name_and_resolved_id(text, expected):
    assert found(text) == [(*expected, "Semua OPD ikut andil")]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("“Kami siap melayani,” ujar Dasuki.", id="curly-comma-inside"),
        pytest.param('"Kami siap melayani," ujar Dasuki.', id="straight"),
        pytest.param('“Kami siap melayani," ujar Dasuki.', id="mixed-marks"),
        pytest.param("“Kami siap melayani”, ujar Dasuki.", id="comma-outside"),
        pytest.param("“Kami siap melayani” ujar Dasuki.", id="no-comma"),
        pytest.param("&ldquo;Kami siap melayani,&rdquo; ujar Dasuki.", id="entities"),
        pytest.param("&quot;Kami siap melayani,&quot; ujar Dasuki.", id="quot"),
        pytest.param("&#8220;Kami siap melayani,&#8221; ujar Dasuki.", id="numeric"),
        pytest.param("**“Kami siap melayani,” ujar Dasuki.**", id="bold"),
        pytest.param("> “Kami siap melayani,” ujar Dasuki.", id="blockquote"),
        pytest.param(
            '“Kami [siap](https://bontangkota.go.id "Pemkot") melayani,” ujar Dasuki.',
            id="link-with-title",
        ),
        pytest.param(
            '<span class="x">“Kami siap melayani,”</span> ujar Dasuki.', id="html-tag"
        ),
    ],
)
def test_quote_marks_and_markup(text):
    assert found(text) == [("Dasuki", "dasuki", "Kami siap melayani")]


def test_full_stop_inside_the_quote_is_kept():
    text = "“Dana kami hanya 200 juta.” ucap Neni dalam sambutannya."
    assert found(text) == [("Neni", "neni-moerniaeni", "Dana kami hanya 200 juta.")]


def test_quote_may_hold_several_sentences():
    text = "“Warga belum paham. Tentu ini persoalan. Kami bantu,” tegas Dasuki."
    assert found(text) == [
        ("Dasuki", "dasuki", "Warga belum paham. Tentu ini persoalan. Kami bantu")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "“Stand dibuka pagi,” ujar Dasuki. “Lomba dimulai siang,” kata Neni.",
            [
                ("Dasuki", "dasuki", "Stand dibuka pagi"),
                ("Neni", "neni-moerniaeni", "Lomba dimulai siang"),
            ],
            id="two-speakers",
        ),
        pytest.param(
            "“Stand dibuka pagi,” kata Dasuki, “dan lomba dimulai siang.”",
            [
                ("Dasuki", "dasuki", "Stand dibuka pagi"),
                ("Dasuki", "dasuki", "dan lomba dimulai siang."),
            ],
            id="split-quote",
        ),
        pytest.param(
            "“Stand dibuka pagi,” ujar Dasuki kepada Bunda Neni. "
            "“Lomba dimulai siang,” lanjutnya.",
            [
                ("Dasuki", "dasuki", "Stand dibuka pagi"),
                ("Dasuki", "dasuki", "Lomba dimulai siang"),
            ],
            id="name-in-attribution-tail-ignored",
        ),
        pytest.param(
            "Aplikasi “Bontang Pintar” dipamerkan. “Unduh sekarang,” kata Bu Sri.",
            [("Bu Sri", "sri-wahyuni", "Unduh sekarang")],
            id="scare-quote-then-quote",
        ),
    ],
)
def test_several_quotes_in_one_paragraph(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Kadis Kominfo Dasuki menilai warga antusias.\n“Stand penuh,” ujarnya.",
            ("Dasuki", "dasuki"),
            id="known-name-in-prose",
        ),
        pytest.param(
            "“Stand penuh,” ujar Dasuki.\nBunda Neni lalu naik ke panggung.\n"
            "“Terima kasih,” katanya.",
            ("Bunda Neni", "neni-moerniaeni"),
            id="latest-mention-wins",
        ),
        pytest.param(
            "“Stand penuh,” ujar Budi.\n“Terima kasih,” katanya.",
            ("Budi", None),
            id="unknown-attributed-speaker",
        ),
        pytest.param(
            "Hal itu, menurut Budi, sudah lama direncanakan.\n“Terima kasih,” katanya.",
            ("Budi", None),
            id="unknown-menurut-in-prose",
        ),
        pytest.param(
            "Budi mengatakan stand penuh.\n“Terima kasih,” tambahnya.",
            ("Budi", None),
            id="unknown-indirect-speech",
        ),
        pytest.param(
            "“Stand penuh,” kata Neni.\n“Terima kasih,” ujar dia.",
            ("Neni", "neni-moerniaeni"),
            id="verb-and-pronoun",
        ),
        pytest.param(
            "“Stand penuh,” kata Neni.\n“Terima kasih,” demikian kata beliau.",
            ("Neni", "neni-moerniaeni"),
            id="demikian-verb-pronoun",
        ),
    ],
)
def test_continuation_speaker(text, expected):
    assert found(text)[-1][:2] == expected


def test_continuation_without_earlier_speaker_has_no_speaker():
    text = "Festival dibuka pagi ini.\n“Stand penuh,” lanjutnya."
    assert found(text) == [("", None, "Stand penuh")]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Program “Smart City” ini dimulai pada 2016.", id="scare-quote"),
        pytest.param(
            "Warga bisa mengunduh aplikasi “Bontang Pintar” di ponsel.", id="app"
        ),
        pytest.param(
            'Aplikasi "Bontang Pintar" sudah diunduh 5.000 kali.', id="app-straight"
        ),
        pytest.param(
            "Buku “Menuju Kota Cerdas” karya Dasuki dibagikan gratis.", id="book"
        ),
        pytest.param(
            "Film &ldquo;Laskar Pelangi&rdquo; diputar di stand Diskominfo.",
            id="film-entities",
        ),
        pytest.param("“Smart City” menjadi tema festival tahun ini.", id="non-verb"),
        pytest.param("“Bontang Pintar” adalah aplikasi layanan publik.", id="adalah"),
        pytest.param(
            "“Smart City” jelas membawa perubahan bagi warga.", id="jelas-adverb"
        ),
        pytest.param(
            "“Bontang Pintar” sebutan warga untuk aplikasi itu.", id="sebutan-noun"
        ),
        pytest.param(
            "Istilah “smart” kata Dasuki bukan sekadar tren.", id="mid-clause-term"
        ),
        pytest.param(
            "Dasuki memamerkan aplikasi “Bontang Pintar”, kata panitia.",
            id="term-with-indirect-attribution",
        ),
        pytest.param(
            "“Kami siap melayani,” ujar salah seorang warga.", id="no-named-speaker"
        ),
        pytest.param(
            "Menurut data BPS, “indeks” literasi digital naik.", id="menurut-data"
        ),
        pytest.param(
            "Bunda Neni–sapaan akrab Walikota Bontang berharap peserta berprestasi.",
            id="no-quote-marks",
        ),
        pytest.param(
            "“Kami siap\n\nmelayani warga,” ujar Dasuki.",
            id="no-span-across-paragraphs",
        ),
        pytest.param("```\n“Kami siap,” ujar Dasuki.\n```", id="code-fence"),
        pytest.param("“”, ujar Dasuki.", id="empty-quote"),
    ],
)
def test_not_a_quote(text):
    assert found(text) == []


def test_line_numbers_count_every_line_of_the_text():
    text = (
        "Paragraf pembuka.\n"
        "\n"
        "&ldquo;Stand dibuka pagi,&rdquo; ujar Dasuki.\n"
        "\n"
        "\n"
        "Aplikasi “Bontang Pintar” dipamerkan.\n"
        "“Lomba dimulai siang,” kata Neni. “Hadiahnya menarik,” lanjutnya.\n"
    )
    assert [q.line for q in extract_quotes(text, PEOPLE)] == [3, 7, 7]


def test_crlf_line_endings_keep_line_numbers():
    text = "Pembuka.\r\n\r\n“Stand dibuka pagi,” ujar Dasuki.\r\n"
    assert [q.line for q in extract_quotes(text, PEOPLE)] == [3]


def test_without_people_every_speaker_is_unresolved():
    assert found("“Stand dibuka pagi,” ujar Dasuki.", people=()) == [
        ("Dasuki", None, "Stand dibuka pagi")
    ]


def test_as_dict_has_exactly_the_json_feed_keys():
    quote = Quote("Stand dibuka pagi", "Bunda Neni", "neni-moerniaeni", 3)
    assert quote.as_dict() == {
        "speaker_id": "neni-moerniaeni",
        "speaker": "Bunda Neni",
        "text": "Stand dibuka pagi",
    }


def test_quote_and_person_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Quote("a", "b", None, 1).text = "c"
    with pytest.raises(dataclasses.FrozenInstanceError):
        DASUKI.name = "Budi"


def test_name_index_holds_full_names_and_aliases_case_insensitively():
    assert build_name_index([DASUKI, NENI]) == {
        "dasuki": "dasuki",
        "neni moerniaeni": "neni-moerniaeni",
        "bunda neni": "neni-moerniaeni",
        "neni": "neni-moerniaeni",
    }


def test_name_index_has_no_first_or_last_name_tokens():
    assert "moerniaeni" not in build_name_index([NENI])


def test_name_shared_by_two_people_resolves_to_nobody(caplog):
    other = Person("neni-lain", "Neni Lestari", ("Neni",))
    with caplog.at_level(logging.WARNING, logger="newsroom.quotes"):
        index = build_name_index([NENI, other])
    assert "neni" not in index
    assert index["neni lestari"] == "neni-lain"
    assert (
        "newsroom: name 'neni' is shared by neni-moerniaeni, neni-lain" in caplog.text
    )
    assert found("“Ayo ikut,” kata Neni.", [NENI, other]) == [
        ("Neni", None, "Ayo ikut")
    ]


def test_long_capitalised_paragraph_stays_linear():
    heading = " ".join(["Kominfo"] * 20000)
    text = f"{heading}.\n“Stand penuh,” ujar Kepala {heading} Dasuki."
    assert found(text)[0][1:] == ("dasuki", "Stand penuh")


def test_a_hard_wrapped_quote_is_one_paragraph_at_its_first_line():
    text = (
        "Pembuka.\n\n“Kita berharap Relawan TIK segera membuat\n"
        "program-program untuk mendukung Smart City,” ujar\nDasuki.\n\n"
        "- “Butir daftar,” kata Bunda Neni.\n- Butir lain tanpa kutipan.\n"
    )
    quotes = extract_quotes(text, PEOPLE)
    assert [(q.speaker_id, q.line) for q in quotes] == [
        ("dasuki", 3),
        ("neni-moerniaeni", 7),
    ]
    assert quotes[0].text == (
        "Kita berharap Relawan TIK segera membuat program-program untuk "
        "mendukung Smart City"
    )


# --- Precedence: each rule has a case that only it decides ------------------------

# A title that is also someone's alias, of the same length as a full name.
BASRI = Person("basri-rase", "Basri Rase", (), "Wakil Wali Kota Bontang")
WALI_KOTA = Person("neni-moerniaeni", "Neni Moerniaeni", ("Wali Kota",), "")


@pytest.mark.parametrize(
    ("text", "speaker", "speaker_id"),
    [
        # The example of the documented rule: a continuation form before, a
        # name after.
        ("Menurutnya, “Kami siap,” kata Dasuki.", "Dasuki", "dasuki"),
        # ... even when the paragraph named someone else first.
        ("Neni hadir. Menurutnya, “Kami siap,” kata Dasuki.", "Dasuki", "dasuki"),
        # A name before and a name after: the one after wins.
        ("Menurut Neni, “Kami siap,” kata Dasuki.", "Dasuki", "dasuki"),
        ("Kata Bunda Neni, “Kami siap,” ujar Dasuki.", "Dasuki", "dasuki"),
        (
            "Dasuki mengatakan, “Kami siap,” ujar Bunda Neni.",
            "Bunda Neni",
            "neni-moerniaeni",
        ),
        (
            "Ia menambahkan, “Kami siap,” tutur Sri Wahyuni.",
            "Sri Wahyuni",
            "sri-wahyuni",
        ),
    ],
)
def test_a_name_after_the_quote_beats_a_name_before_it(text, speaker, speaker_id):
    (quote,) = extract_quotes(text, PEOPLE)
    assert (quote.text, quote.speaker, quote.speaker_id) == (
        "Kami siap",
        speaker,
        speaker_id,
    )


@pytest.mark.parametrize(
    ("phrase", "matched", "person_id"),
    [
        # Two known names of two words each: the rightmost is the speaker,
        # the one before it is a title.
        ("Wali Kota Basri Rase", "Basri Rase", "basri-rase"),
        ("Basri Rase Wali Kota", "Wali Kota", "neni-moerniaeni"),
        # One word each.
        ("Dasuki Basri", "Dasuki", "dasuki"),
        ("Neni Dasuki", "Dasuki", "dasuki"),
        ("Dasuki Neni", "Neni", "neni-moerniaeni"),
    ],
)
def test_among_names_of_equal_length_the_rightmost_wins(phrase, matched, person_id):
    people = (
        DASUKI,
        BASRI,
        dataclasses.replace(WALI_KOTA, aliases=("Wali Kota", "Neni")),
    )
    found = resolve_name(phrase, build_name_index(people))
    assert found == ((matched, person_id) if matched else None)


@pytest.mark.parametrize(
    "text",
    [
        "“Kami siap,” kata Wali Kota Basri Rase.",
        "Kata Wali Kota Basri Rase, “Kami siap,”",
        "Menurut Wali Kota Basri Rase, “Kami siap,”",
    ],
)
def test_a_title_that_is_an_alias_does_not_take_the_quote(text):
    (quote,) = extract_quotes(text, (DASUKI, BASRI, WALI_KOTA))
    assert (quote.speaker, quote.speaker_id) == ("Wali Kota Basri Rase", "basri-rase")
