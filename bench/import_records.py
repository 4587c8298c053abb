#!/usr/bin/env python
"""Import benchmark: records per minute for generated record files in the Wilson text format.

Writes N record files of the shapes real collections hold, in turn: a ciphered
telegram like the seed (its printed form, a salutation, 1–3 KB of Russian naming
known persons and places, a signature, the clerks' notes, and an English translation
passage for passage); a Chinese original with its translation and footnotes; an
English original alone, with headings; a lost Korean original known from its Russian
and English translations; an English translation alone; and a Russian original
reprinted and credited. Their sources are written in every notation (Russian
references with commas or full stops, in Latin or Cyrillic letters, other archives'
shelfmarks, publications) with credits after them. Then it imports them all with
`import_files()`, as `manage.py import_records` does: each file read, cut into texts
and passages, aligned, its sources, credits, notes and persons read, written in its
own transaction, put in the edit history and indexed for search. Then it imports the
same files again (nothing changes: each is read and compared), and once more with each
summary revised (each record is updated: its parts replaced). Writing the files is not
timed.

    python bench/import_records.py --count 1000 --output bench/results/import-sqlite.json

Not part of the tests: it takes a minute or two.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

import serving  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from archive.corpus import FIGURES, CorpusWriter  # noqa: E402
from archive.dates import MONTHS  # noqa: E402
from archive.importing.batch import import_files  # noqa: E402
from archive.models import (  # noqa: E402
    Credit,
    Document,
    Note,
    Passage,
    Person,
    Role,
    Source,
    Text,
)
from archive.search import engine  # noqa: E402

TARGET_PER_MINUTE = 1000
CITIES = [("ПЕКИНА", "BEIJING"), ("ПХЕНЬЯНА", "PYONGYANG"), ("ВАШИНГТОНА", "WASHINGTON")]


def telegram(writer, rnd, record_id):
    """A ciphered telegram between two of the corpus's figures, as the seed is."""
    author, recipient = rnd.sample(FIGURES, 2)
    named = rnd.sample(FIGURES, 3)
    city_ru, city_en = rnd.choice(CITIES)
    day, month = rnd.randint(1, 28), rnd.randint(1, 12)
    number, outgoing = rnd.randint(1000, 99999), rnd.randint(100, 9999)
    pairs = writer._passages([ru for _n, ru, _a in named], [n.split()[-1] for n, _r, _a in named])
    title = f"Ciphered Telegram No. {number} from {author[0]} to {recipient[0]}"
    date = f"{MONTHS[month - 1]} {day}, 1951"
    original = [
        "ВТОРОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА СОВЕТСКОЙ АРМИИ",
        f"ШИФРТЕЛЕГРАММА № {number}",
        "СОВЕРШЕННО СЕКРЕТНО\nСнятие копий воспрещается",
        f'Из {city_ru} получена " {rnd.randint(0, 23)} " ч. " {rnd.randint(10, 59)} " м. '
        f'" {day} " {month} 195 I г. Экз. № 2',
        'СЕРИЯ "Г"',
        f"Товарищу {recipient[1].upper()}",
        *(ru for ru, _en in pairs),
        author[1].upper(),
        f"№ {outgoing}\n{day}.{month}",
        f"расш. Елезов\n{rnd.randint(10, 23)}.{rnd.randint(10, 59)} {day}.{month}",
    ]
    translation = [
        "## SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY",
        f"CIPHERED TELEGRAM No. {number}",
        f"From {city_en} Received {day}.{month}.1951",
        'SERIES "G"',
        f"To Comrade {recipient[0].upper()}",
        *(en for _ru, en in pairs),
        author[0],
        f"No. {outgoing} {day}.{month}",
    ]
    return "\n".join(
        [
            f"**{date}**  ",
            f"**{title}**",
            "",
            "**Citation:**",
            "",
            f'"{title}", {date}, Wilson Center Digital Archive, {russian_source(rnd)}  ',
            f"<https://digitalarchive.wilsoncenter.org/document/{record_id}>",
            "",
            "**Summary:**",
            "",
            f"{author[0]} writes to {recipient[0]}.",
            "",
            "**Original Language:**",
            "",
            "Russian",
            "",
            "**Contents:**",
            "",
            "Original Scan  ",
            "Translation - English  ",
            "",
            "\n\n".join(original),
            "",
            "\n\n".join(translation),
            "",
        ]
    )


# The notations of the Russian hierarchy a collection may use, and the credits after them.
def russian_source(rnd):
    delo, sheet = rnd.randint(300, 400), rnd.randint(1, 200)
    return rnd.choice(
        [
            f"APRF, f. 45, op. 1, d. {delo}, l. {sheet}.",
            f"АП РФ. Ф. 45. Оп. 1. Д. {delo}. Л. {sheet}.",
            f"APRF, Fond 45, Opis 1, Delo {delo}, List {sheet} and AVPRF, Fond 059a, Opis 5a, "
            f"Delo 5, Papka 11, List 13.",
            f"GARF. F.R-9478. Op.1. D {delo}. L.{sheet}-{sheet + 1}. Translated by Mark Kramer.",
            f"RGASPI, F. 558, Op. 11, D. {delo}, Ll. {sheet}, {sheet}ob. Obtained and "
            "translated for NKIDP by Sergey Radchenko.",
        ]
    )


CHINESE = [
    "关于停战谈判的问题，我们已经与朝鲜同志商量过。",
    "敌人在战俘问题上仍然坚持他们的立场。",
    "我们认为应当继续坚持我们的方案，同时准备必要的让步。",
    "请你们研究并告诉我们你们的意见。",
    "前线的情况比较稳定，我们的部队正在加强防御工事。",
]


def header(title, date, record_id, source, summary, language, contents):
    return [
        f"**{date}**  ",
        f"**{title}**",
        "",
        "**Citation:**",
        "",
        f'"{title}", {date}, Wilson Center Digital Archive, {source}  ',
        f"<https://digitalarchive.wilsoncenter.org/document/{record_id}>",
        "",
        "**Summary:**",
        "",
        summary,
        "",
        "**Original Language:**",
        "",
        language,
        "",
        "**Contents:**",
        "",
        *(f"{line}  " for line in contents),
        "",
    ]


def chinese_original(writer, rnd, record_id):
    """A Chinese original, its English translation, and a footnote in each."""
    (_n, _r, _a), (recipient, _ru, _al) = rnd.sample(FIGURES, 2)
    pairs = writer._passages([], [])
    chinese = ["".join(rnd.choice(CHINESE) for _ in range(rnd.randint(3, 8))) for _ in pairs]
    chinese[0] += "[1]"
    english = [en for _ru, en in pairs]
    english[0] += "[1]"
    title = f"Cable from Zhou Enlai to {recipient}"
    lines = header(
        title, f"{MONTHS[rnd.randint(0, 11)]} {rnd.randint(1, 28)}, 1953", record_id,
        f"PRC FMA 106-{rnd.randint(10000, 99999):05d}-04, {rnd.randint(1, 90)}-"
        f"{rnd.randint(91, 99)}. Translated by Caixia Lu.",
        "Zhou Enlai reports on the negotiations.", "Chinese",
        ["Original Scan", "Chinese Transcription", "English Translation"],
    )  # fmt: skip
    body = ["毛主席：", *chinese, "周恩来", "[1] 指板门店谈判。"]
    body += ["Chairman Mao:", *english, "Zhou Enlai", "[1] Referring to the Panmunjom talks."]
    return "\n".join([*lines, "\n\n".join(body), ""])


def english_original(writer, rnd, record_id):
    """An English original alone, with headings of its own."""
    pairs = writer._passages([], ["Ridgway"])
    title = "Letter from General Matthew B. Ridgway to Kim Il Sung and Peng Dehuai"
    lines = header(
        title, f"July {rnd.randint(1, 28)}, 1951", record_id,
        f"NARA, RG 59, Box {rnd.randint(1000, 9999)}, Folder 795.00/7-151. "
        "Contributed by Charles Kraus.",
        "Ridgway proposes a meeting.", "English", ["Original - English"],
    )  # fmt: skip
    half = len(pairs) // 2 or 1
    body = ["## Message", *(en for _ru, en in pairs[:half]), "## Proposal"]
    body += [*(en for _ru, en in pairs[half:]), "M. B. RIDGWAY"]
    return "\n".join([*lines, "\n\n".join(body), ""])


def lost_korean_original(writer, rnd, record_id):
    """A lost Korean original, known from its Russian and its English translations."""
    pairs = writer._passages(["Сталин"], ["Stalin"])
    title = "Letter from Kim Il Sung to Stalin [via Shtykov]"
    lines = header(
        title, f"March {rnd.randint(1, 28)}, 1949", record_id,
        f"АП РФ. Ф. 3. Оп. 65. Д. {rnd.randint(700, 800)}. Л. 1-3. Obtained and translated "
        "for NKIDP by Sergey Radchenko.",
        "Kim Il Sung asks Stalin for help.", "Korean",
        ["Translation - Russian", "Translation - English"],
    )  # fmt: skip
    russian = ["Дорогой товарищ Сталин!", *(ru for ru, _en in pairs), "С приветом", "Ким Ир Сен"]
    english = ["Dear Comrade Stalin!", *(en for _ru, en in pairs), "With greetings", "Kim Il Sung"]
    return "\n".join([*lines, "\n\n".join([*russian, *english]), ""])


def translation_alone(writer, rnd, record_id):
    """An English translation alone, from a published volume."""
    pairs = writer._passages([], ["Filippov"])
    title = "Cable from Mao Zedong to Filippov [Stalin]"
    lines = header(
        title, f"June {rnd.randint(1951, 1953)}", record_id,
        f"Mao wengao, vol. {rnd.randint(1, 13)}, p. {rnd.randint(1, 600)}. Translated for "
        "CWIHP by Chen Jian.",
        "Mao informs Stalin of the Chinese position.", "Chinese", ["Translation - English"],
    )  # fmt: skip
    body = ["Comrade Filippov:", *(en for _ru, en in pairs), "Mao Zedong"]
    return "\n".join([*lines, "\n\n".join(body), ""])


def reprinted(writer, rnd, record_id):
    """A Russian original and its translation, reprinted in a documentary volume."""
    text = telegram(writer, rnd, record_id)
    source = text.split("Wilson Center Digital Archive, ", 1)[1].split("  \n", 1)[0]
    reprint = (
        f"APRF: F. 39, Op. 1, D. {rnd.randint(30, 40)}, L. {rnd.randint(1, 90)}. Reprinted in "
        "Andrei Ledovskii, Raisa Mirovitskaia and Vladimir Miasnikov, Sovetsko-Kitaiskie "
        "Otnosheniia, Vol. 5, Book 1, 1946-February 1950 (Moscow: Pamiatniki Istoricheskoi "
        f"Mysli, 2005), p. {rnd.randint(1, 500)}. Translated for CWIHP from Russian by Sergey "
        "Radchenko. Published in CWIHP Bulletin #16."
    )
    return text.replace(source, reprint, 1)


SHAPES = [telegram, chinese_original, english_original, lost_korean_original,
          translation_alone, reprinted]  # fmt: skip


def record_file(writer, rnd, record_id):
    """The text of one record file, of the shapes in turn."""
    return SHAPES[record_id % len(SHAPES)](writer, rnd, record_id)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/import-sqlite.json")
    parser.add_argument(
        "--existing", type=int, default=0,
        help="synthetic documents the archive holds before the import (generate_corpus)",
    )  # fmt: skip
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    held = Document.objects.count()
    if held and not (args.existing and held == args.existing):
        sys.exit(
            "The benchmark needs an empty database, or with --existing N one that "
            "generate_corpus filled with N documents (set DATABASE_URL to it)."
        )
    if held:
        # A copy of an archive filled before (generating 100,000 documents takes minutes).
        print(f"The archive already holds {held} documents", flush=True)
    else:
        call_command("loaddata", "vocabulary", "persons", verbosity=0)
    if args.existing and not held:
        print(f"Filling the archive with {args.existing} documents first", flush=True)
        call_command("generate_corpus", args.existing, seed=7, verbosity=0)
    writer = CorpusWriter(seed=1951)
    writer.vocabulary()
    rnd = random.Random(1951)
    folder = Path(tempfile.mkdtemp(prefix="import-bench-"))
    files = []
    for n in range(args.count):
        path = folder / f"record-{n:05d}.txt"
        path.write_text(record_file(writer, rnd, 300000 + n), encoding="utf-8")
        files.append(path)
    megabytes = sum(path.stat().st_size for path in files) / 1e6

    runs = {}
    for label in ("first import", "import again, unchanged", "import again, changed"):
        if label == "import again, changed":
            # A revised summary: the record is written anew, texts, passages and all.
            for path in files:
                text = path.read_text(encoding="utf-8")
                path.write_text(text.replace("**Summary:**\n\n", "**Summary:**\n\nRevised. ", 1))
        started = time.perf_counter()
        summary = import_files(files, status="published")
        seconds = time.perf_counter() - started
        outcomes = {o: summary.count(o) for o in ("created", "updated", "unchanged", "failed")}
        runs[label] = {
            "seconds": round(seconds, 2),
            "records_per_minute": round(args.count / seconds * 60),
            "ms_per_record": round(seconds / args.count * 1000, 1),
            "outcomes": outcomes,
        }
        print(
            f"{label}: {args.count} records in {seconds:.1f} s, "
            f"{args.count / seconds * 60:.0f} per minute, {outcomes}"
        )
        failed = [item for item in summary.files if item.outcome == "failed"]
        if failed:
            sys.exit(f"{len(failed)} files failed, e.g. {failed[0].path}: {failed[0].error}")

    result = {
        "database": connection.vendor,
        "machine": serving.machine_summary(),
        "records": args.count,
        "documents_after": Document.objects.count(),
        "megabytes_of_files": round(megabytes, 1),
        "shapes": [shape.__name__ for shape in SHAPES],
        "passages": Passage.objects.count(),
        "notes": Note.objects.count(),
        "sources": dict(Counter(Source.objects.values_list("kind", flat=True))),
        "credits": Credit.objects.count(),
        "texts": dict(
            Counter(f"{k} ({lang})" for k, lang in Text.objects.values_list("kind", "language"))
        ),
        "roles": Role.objects.count(),
        "persons": Person.objects.count(),
        "existing_documents": args.existing,
        "indexed": len(
            engine.indexed_ids() & set(Document.objects.published().values_list("pk", flat=True))
        ),
        "target_records_per_minute": TARGET_PER_MINUTE,
        "runs": runs,
    }
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(f"Written {args.output}")


if __name__ == "__main__":
    main()
