"""Write a deterministic benchmark corpus in the newsroom's content format.

`write_corpus(target, n)` writes `n` press releases of Indonesian-like prose
(400-700 words, headings, attributed quotes in the forms the quote extractor
knows), plus the agencies, people, programs, a few remarks, events and the two
static pages they refer to. The same `n` and `seed` always give the same bytes,
and item `i` does not depend on `n` (a corpus of 500 is the first 500 releases
of a corpus of 2000).

    python bench/corpus.py 2000 bench/corpus/2000
"""

import argparse
import datetime as dt
import hashlib
import random
import shutil
import sys
from pathlib import Path

SEED = "bsf-bench-1"
BASE_DATE = dt.datetime(2019, 1, 1, 8, 0)
# One release every 7 hours: 8000 releases span about six years, all past.
STEP = dt.timedelta(hours=7)

AGENCIES = [
    ("diskominfo", "Diskominfo", "Dinas Komunikasi dan Informatika Kota Bontang"),
    ("bappeda", "Bappeda", "Badan Perencanaan Pembangunan Daerah Kota Bontang"),
    ("dinkes", "Dinkes", "Dinas Kesehatan Kota Bontang"),
    ("disdikbud", "Disdikbud", "Dinas Pendidikan dan Kebudayaan Kota Bontang"),
    ("dispar", "Dispar", "Dinas Pariwisata Kota Bontang"),
    ("dlh", "DLH", "Dinas Lingkungan Hidup Kota Bontang"),
    ("dpmptsp", "DPMPTSP", "Dinas Penanaman Modal dan PTSP Kota Bontang"),
    ("disdukcapil", "Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("dishub", "Dishub", "Dinas Perhubungan Kota Bontang"),
    ("diskop", "Diskop UKM", "Dinas Koperasi dan UKM Kota Bontang"),
    ("bpbd", "BPBD", "Badan Penanggulangan Bencana Daerah Kota Bontang"),
    ("satpolpp", "Satpol PP", "Satuan Polisi Pamong Praja Kota Bontang"),
]
# slug, full name, role, aliases (the names quotes use), agency
PEOPLE = [
    ("neni-moerniaeni", "Neni Moerniaeni", "Wali Kota Bontang", "Bunda Neni, Neni", ""),
    ("basri-rase", "Basri Rase", "Wakil Wali Kota Bontang", "Basri", ""),
    (
        "dasuki",
        "Dasuki",
        "Kepala Dinas Komunikasi dan Informatika",
        "Kadis Kominfo Dasuki",
        "diskominfo",
    ),
    ("amiruddin", "Amiruddin", "Kepala Bappeda", "Kepala Bappeda Amiruddin", "bappeda"),
    (
        "bahauddin",
        "Bahauddin",
        "Kepala Dinas Kesehatan",
        "Kadinkes Bahauddin",
        "dinkes",
    ),
    (
        "saparudin",
        "Saparudin",
        "Kepala Disdikbud",
        "Kadisdikbud Saparudin",
        "disdikbud",
    ),
    ("nur-hidayati", "Nur Hidayati", "Kepala Dinas Pariwisata", "Hidayati", "dispar"),
    ("heru-triatmojo", "Heru Triatmojo", "Kepala DLH", "Heru", "dlh"),
    ("sudi-priyanto", "Sudi Priyanto", "Kepala DPMPTSP", "Sudi", "dpmptsp"),
    ("dadang-kurnia", "Dadang Kurnia", "Kepala Dishub", "Dadang", "dishub"),
]
AUTHORS = [
    "Tim Humas Diskominfo",
    "Rina Marlina",
    "Agus Salim",
    "Dewi Lestari",
    "Fajar Nugroho",
    "Sri Wahyuni",
    "Bambang Irawan",
    "Yuliana Putri",
    "Hendra Saputra",
    "Maya Anggraini",
]
CATEGORIES = [
    "Berita",
    "Pemerintahan",
    "Ekonomi",
    "Kesehatan",
    "Pendidikan",
    "Teknologi",
]
TAG_WORDS = [
    "Smart City",
    "Relawan TIK",
    "Command Center",
    "Literasi Digital",
    "UMKM",
    "Pariwisata",
    "Stunting",
    "Vaksinasi",
    "Banjir",
    "Mangrove",
    "Pelabuhan",
    "Pajak Daerah",
    "Investasi",
    "Festival",
    "Sekolah",
    "Beasiswa",
    "Posyandu",
    "Pasar Rakyat",
    "Transportasi",
    "Jalan",
    "Air Bersih",
    "Sampah",
    "Bank Sampah",
    "Perizinan",
    "KTP Elektronik",
    "Aplikasi",
    "Internet Desa",
    "Wifi Publik",
    "CCTV",
    "Keamanan",
    "Kebakaran",
    "Bencana",
    "Musrenbang",
    "APBD",
    "Inflasi",
    "Nelayan",
    "Pertanian Kota",
    "Kuliner",
    "Budaya",
    "Olahraga",
    "Pemuda",
    "Perempuan",
    "Anak",
    "Lansia",
    "Disabilitas",
    "Kesehatan Ibu",
    "Puskesmas",
    "Rumah Sakit",
    "BPJS",
    "Koperasi",
    "Ekspor",
    "Industri",
    "Energi",
    "Lingkungan",
    "Hutan Kota",
    "Taman",
    "Perpustakaan",
    "Data Terbuka",
    "Pelayanan Publik",
    "Reformasi Birokrasi",
]
DIMENSIONS = ["governance", "branding", "economy", "living", "society", "environment"]
PROGRAMS = [
    ("command-center", "Command Center", "diskominfo", "governance"),
    ("relawan-tik", "Relawan TIK", "diskominfo", "society"),
    ("bontang-pintar", "Bontang Pintar", "diskominfo", "governance"),
    ("sipandu", "SiPandu", "dinkes", "living"),
    ("kampung-mangrove", "Kampung Mangrove", "dlh", "environment"),
    ("bontang-kuliner", "Bontang Kuliner", "diskop", "economy"),
    ("visit-bontang", "Visit Bontang", "dispar", "branding"),
    ("sekolah-digital", "Sekolah Digital", "disdikbud", "society"),
    ("izin-kilat", "Izin Kilat", "dpmptsp", "economy"),
    ("bus-kota", "Bus Kota Pintar", "dishub", "living"),
    ("siaga-bencana", "Siaga Bencana", "bpbd", "environment"),
    ("data-bontang", "Satu Data Bontang", "bappeda", "governance"),
]
PLACES = [
    "Pendopo Rujab Walikota",
    "Auditorium Taman Tiga Dimensi",
    "Gedung Kantor Wali Kota",
    "Lapangan Bessai Berinta",
    "Balai Pertemuan Umum",
    "Stadion Bessai Berinta",
    "Kelurahan Berbas Pantai",
    "Kelurahan Guntung",
]
OCCASIONS = [
    "Pembukaan Bontang Smart Festival",
    "Rapat Koordinasi Smart City",
    "Musyawarah Perencanaan Pembangunan",
    "Peringatan Hari Jadi Kota Bontang",
    "Peluncuran Aplikasi Layanan Publik",
    "Pengukuhan Relawan TIK",
]

# Indonesian vocabulary, grouped so that sentences read roughly like news.
SUBJECTS = [
    "Pemerintah Kota Bontang",
    "Pemkot Bontang",
    "Dinas terkait",
    "Masyarakat Bontang",
    "Para pelaku usaha",
    "Warga kelurahan",
    "Tim teknis",
    "Relawan TIK",
    "Organisasi perangkat daerah",
    "Para pelajar",
    "Kader posyandu",
    "Pengelola pasar",
]
VERBS = [
    "menggelar",
    "meluncurkan",
    "menyosialisasikan",
    "mendukung",
    "memperkuat",
    "meningkatkan",
    "mempercepat",
    "mengevaluasi",
    "menyiapkan",
    "mengembangkan",
    "memantau",
    "menata",
]
OBJECTS = [
    "layanan publik berbasis digital",
    "program kota cerdas",
    "pelatihan literasi digital",
    "pembangunan infrastruktur jaringan",
    "pendataan penduduk",
    "penanganan sampah rumah tangga",
    "pemberdayaan usaha mikro",
    "promosi wisata daerah",
    "pelayanan kesehatan dasar",
    "kualitas pendidikan",
    "transparansi anggaran",
    "kesiapsiagaan bencana",
    "penataan kawasan pesisir",
    "ketersediaan air bersih",
]
ADVERBIALS = [
    "sejak awal tahun",
    "secara bertahap",
    "bersama seluruh pemangku kepentingan",
    "di setiap kelurahan",
    "dengan anggaran yang terbatas",
    "melalui kolaborasi lintas sektor",
    "dalam beberapa bulan terakhir",
    "sesuai arahan wali kota",
    "pada pekan ini",
    "tanpa memungut biaya",
]
CLAUSES = [
    "agar manfaatnya dirasakan langsung oleh warga",
    "sehingga pelayanan menjadi lebih cepat dan mudah",
    "karena kebutuhan masyarakat terus meningkat",
    "meskipun masih ada sejumlah kendala di lapangan",
    "supaya data yang digunakan lebih akurat",
    "dengan melibatkan komunitas dan dunia usaha",
    "sebagai bagian dari rencana pembangunan daerah",
    "untuk menekan biaya dan waktu pelayanan",
]
QUOTE_OPENERS = [
    "Kita ingin",
    "Kami berharap",
    "Yang terpenting adalah",
    "Ini bukan hanya soal",
    "Pemerintah tidak bisa bekerja sendiri, perlu",
    "Tahun ini kita fokus pada",
    "Saya minta semua pihak mendukung",
    "Kita sudah mulai",
]
HEADINGS = [
    "Latar belakang",
    "Kolaborasi lintas sektor",
    "Tanggapan masyarakat",
    "Rencana ke depan",
    "Anggaran dan pelaksanaan",
    "Dampak bagi warga",
    "Tantangan di lapangan",
    "Langkah berikutnya",
]
TITLE_PATTERNS = [
    "{subject} {verb} {object}",
    "{tag}: {subject} {verb} {object}",
    "{object_cap} jadi prioritas {agency}",
    "{agency} {verb} {object} di Bontang",
]


def rng_for(seed, *parts):
    """Return a Random seeded by the corpus seed and an item's identity."""
    return random.Random(":".join([seed, *map(str, parts)]))


def sentence(rng):
    """Return one declarative news sentence."""
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.7:
        parts.append(rng.choice(ADVERBIALS))
    if rng.random() < 0.5:
        parts.append(rng.choice(CLAUSES))
    return " ".join(parts) + "."


def quote_body(rng):
    """Return the words of a quotation (no marks)."""
    words = [rng.choice(QUOTE_OPENERS), rng.choice(OBJECTS)]
    if rng.random() < 0.6:
        words.append(rng.choice(CLAUSES))
    return " ".join(words)


def speaker_name(rng, person):
    """Return a name the quote extractor resolves to `person`."""
    _slug, name, _role, aliases, _agency = person
    return rng.choice([name, *[a.strip() for a in aliases.split(",")]])


def quote_paragraph(rng, person, form):
    """Return a paragraph with one attributed quotation in a known form."""
    name = speaker_name(rng, person)
    text = quote_body(rng)
    if form == "ujar":
        return f"“{text},” ujar {name}."
    if form == "kata":
        return f"“{text},” kata {name} kepada wartawan."
    if form == "menurut":
        return f"Menurut {name}, “{text}.”"
    if form == "mengatakan":
        return f"{name} mengatakan, “{text}.”"
    return f"“{text},” lanjutnya."


def prose_paragraph(rng, words):
    """Return a paragraph of about `words` words."""
    sentences = []
    count = 0
    while count < words:
        text = sentence(rng)
        sentences.append(text[0].upper() + text[1:])
        count += len(text.split())
    return " ".join(sentences)


def body(rng, words, people):
    """Return a Markdown body of about `words` words with headings and quotes."""
    speakers = rng.sample(people, k=min(2, len(people)))
    blocks = [prose_paragraph(rng, 45)]
    blocks.append(quote_paragraph(rng, speakers[0], rng.choice(["ujar", "kata"])))
    blocks.append(quote_paragraph(rng, speakers[0], "lanjutnya"))
    count = sum(len(b.split()) for b in blocks)
    # Two or three sections, each opened by a heading, split the body evenly.
    headings = rng.sample(HEADINGS, k=rng.choice([2, 3]))
    marks = [words * (k + 1) // (len(headings) + 1) for k in range(len(headings))]
    while count < words:
        if headings and count >= marks[0]:
            blocks.append(f"## {headings.pop(0)}")
            marks.pop(0)
        kind = rng.random()
        if kind < 0.2:
            form = rng.choice(["ujar", "kata", "menurut", "mengatakan"])
            blocks.append(quote_paragraph(rng, rng.choice(speakers), form))
        elif kind < 0.28:
            items = [rng.choice(OBJECTS) for _ in range(3)]
            blocks.append("\n".join(f"- {item.capitalize()}" for item in items))
        else:
            size = min(rng.randint(40, 80), max(12, words - count))
            blocks.append(prose_paragraph(rng, size))
        count += len(blocks[-1].split())
    return "\n\n".join(blocks) + "\n"


def title_for(rng, tags, agency):
    """Return a headline; `i` keeps headlines distinct enough to read."""
    pattern = rng.choice(TITLE_PATTERNS)
    obj = rng.choice(OBJECTS)
    return pattern.format(
        subject=rng.choice(SUBJECTS),
        verb=rng.choice(VERBS),
        object=obj,
        object_cap=obj[0].upper() + obj[1:],
        tag=tags[0],
        agency=agency[1],
    )


def header(pairs):
    """Return a `Key: value` header block followed by a blank line."""
    return "".join(f"{key}: {value}\n" for key, value in pairs if value) + "\n"


def release(i, seed=SEED):
    """Return (file name, text) of release number `i`."""
    rng = rng_for(seed, "release", i)
    tags = rng.sample(TAG_WORDS, k=rng.randint(2, 4))
    agencies = rng.sample(AGENCIES, k=rng.choice([1, 1, 1, 2]))
    date = BASE_DATE + STEP * i
    title = title_for(rng, tags, agencies[0])
    summary = prose_paragraph(rng, 18)
    # Paragraphs end on a full sentence, so aim a little under 700 words.
    words = rng.randint(400, 670)
    name = f"rilis-{i:05d}"
    # Headlines repeat; plain Pelican slugs titles, so give every file its slug.
    pairs = [
        ("Title", title),
        ("Slug", name),
        ("Date", date.strftime("%Y-%m-%d %H:%M")),
        ("Category", rng.choice(CATEGORIES)),
        ("Tags", ", ".join(tags)),
        ("Authors", rng.choice(AUTHORS)),
        ("OPD", ", ".join(a[0] for a in agencies)),
        ("Summary", summary),
    ]
    if rng.random() < 0.15:
        pairs.append(("Programs", rng.choice(PROGRAMS)[0]))
    if i % 10 == 9:
        pairs.append(("Advertorial", "yes"))
    if rng.random() < 0.1:
        modified = date + dt.timedelta(days=rng.randint(1, 5))
        pairs.append(("Modified", modified.strftime("%Y-%m-%d %H:%M")))
    return f"{name}.md", header(pairs) + body(rng, words, PEOPLE)


def remarks(i, seed=SEED):
    """Return (file name, text) of remarks number `i`."""
    rng = rng_for(seed, "remarks", i)
    person = PEOPLE[i % 2]  # the mayor and her deputy give the speeches
    occasion = rng.choice(OCCASIONS)
    date = BASE_DATE + dt.timedelta(days=11 * i, hours=2)
    pairs = [
        ("Title", f"Sambutan {person[2]} pada {occasion}"),
        ("Slug", f"sambutan-{i:04d}"),
        ("Date", date.strftime("%Y-%m-%d %H:%M")),
        ("Speaker", person[0]),
        ("Occasion", occasion),
        ("Location", rng.choice(PLACES)),
        ("Delivery", rng.choice(["transcript", "excerpt", "notes"])),
        ("OPD", rng.choice(AGENCIES)[0]),
        ("Tags", ", ".join(rng.sample(TAG_WORDS, k=2))),
    ]
    text = header(pairs) + body(rng, rng.randint(400, 670), [person])
    return f"sambutan-{i:04d}.md", text


def event(i, seed=SEED):
    """Return (file name, text) of event number `i`."""
    rng = rng_for(seed, "event", i)
    start = BASE_DATE + dt.timedelta(days=17 * i, hours=1)
    end = start + dt.timedelta(hours=rng.choice([2, 3, 8, 50]))
    occasion = rng.choice(OCCASIONS)
    pairs = [
        ("Title", f"{occasion} {start.year} #{i + 1}"),
        ("Start", start.strftime("%Y-%m-%d %H:%M")),
        ("End", end.strftime("%Y-%m-%d %H:%M")),
        ("Location", rng.choice(PLACES)),
        ("OPD", rng.choice(AGENCIES)[0]),
        ("Summary", prose_paragraph(rng, 15)),
    ]
    return f"agenda-{i:04d}.md", header(pairs) + prose_paragraph(rng, 80) + "\n"


def agency_file(index, agency, seed=SEED):
    rng = rng_for(seed, "agency", index)
    slug, acronym, title = agency
    head = next((p[0] for p in PEOPLE if p[4] == slug), "")
    pairs = [
        ("Title", title),
        ("Acronym", acronym),
        ("Head", head),
        ("Address", f"Jalan Moh. Roem No. {index + 1}, Bontang"),
        ("Email", f"{slug}@bontangkota.go.id"),
    ]
    return f"{slug}.md", header(pairs) + prose_paragraph(rng, 60) + "\n"


def person_file(index, person, seed=SEED):
    rng = rng_for(seed, "person", index)
    slug, name, role, aliases, agency = person
    pairs = [("Title", name), ("Role", role), ("Aliases", aliases), ("OPD", agency)]
    return f"{slug}.md", header(pairs) + prose_paragraph(rng, 40) + "\n"


def program_file(index, program, seed=SEED):
    rng = rng_for(seed, "program", index)
    slug, title, agency, dimension = program
    pairs = [
        ("Title", title),
        ("OPD", agency),
        ("Dimension", dimension),
        ("Summary", prose_paragraph(rng, 12)),
    ]
    return f"{slug}.md", header(pairs) + prose_paragraph(rng, 60) + "\n"


PAGES = {
    "tentang.md": header(
        [
            ("Title", "Tentang Festival"),
            ("Slug", "tentang"),
            ("Summary", "Korpus uji kecepatan ruang berita."),
        ]
    )
    + "Korpus ini dibuat otomatis untuk mengukur kecepatan pembangunan situs.\n",
    "kontak-media.md": header([("Title", "Kontak Media"), ("Slug", "kontak-media")])
    + "Hubungi Diskominfo Kota Bontang untuk permintaan wawancara.\n",
}


def side_count(n):
    """Return how many remarks and events go with `n` releases ("a few")."""
    return max(3, n // 100)


def corpus_files(n, seed=SEED):
    """Yield (relative path, text) of every file of a corpus of `n` releases."""
    for index, agency in enumerate(AGENCIES):
        name, text = agency_file(index, agency, seed)
        yield f"agencies/{name}", text
    for index, person in enumerate(PEOPLE):
        name, text = person_file(index, person, seed)
        yield f"people/{name}", text
    for index, program in enumerate(PROGRAMS):
        name, text = program_file(index, program, seed)
        yield f"programs/{name}", text
    for name, text in PAGES.items():
        yield f"pages/{name}", text
    for i in range(side_count(n)):
        name, text = remarks(i, seed)
        yield f"remarks/{name}", text
        name, text = event(i, seed)
        yield f"events/{name}", text
    for i in range(n):
        name, text = release(i, seed)
        yield f"press-releases/{name}", text


def corpus_digest(n, seed=SEED):
    """Return a hash of every path and byte of the corpus (without writing it)."""
    digest = hashlib.sha256()
    for path, text in corpus_files(n, seed):
        digest.update(path.encode() + b"\0" + text.encode("utf-8") + b"\0")
    return digest.hexdigest()


def write_corpus(target, n, seed=SEED):
    """Write a fresh corpus of `n` releases into `target`; return its path."""
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    for path, text in corpus_files(n, seed):
        file = target / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8", newline="\n")
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of press releases")
    parser.add_argument("target", type=Path, help="folder to write (replaced)")
    parser.add_argument("--seed", default=SEED)
    args = parser.parse_args(argv)
    write_corpus(args.target, args.n, args.seed)
    print(f"Wrote {args.n} releases to {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
