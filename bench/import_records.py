#!/usr/bin/env python
"""Import benchmark: records per minute for generated record files in the Wilson text format.

Writes N record files shaped like the seed — the printed form of a ciphered
telegram (office, number, secrecy, receipt, series), a salutation, 1–3 KB of
Russian text naming known persons and places, a signature, the clerks' notes —
and an English translation passage for passage, then imports them all with
`import_files()`, as `manage.py import_records` does: each file read, segmented,
aligned, its persons matched, written in its own transaction, put in the edit
history and indexed for search. Then imports the same files again (nothing
changes: each is read and compared), and once more with each summary revised
(each record is updated: its parts replaced). Writing the files is not timed.

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
from archive.models import Document, Passage, Person, Role  # noqa: E402

TARGET_PER_MINUTE = 1000
CITIES = [("ПЕКИНА", "BEIJING"), ("ПХЕНЬЯНА", "PYONGYANG"), ("ВАШИНГТОНА", "WASHINGTON")]


def record_file(writer, rnd, record_id):
    """The text of one record file: a telegram between two of the corpus's figures."""
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
            f'"{title}", {date}, Wilson Center Digital Archive, APRF, f. 45, op. 1, '
            f"d. {rnd.randint(300, 400)}, l. {rnd.randint(1, 200)}.  ",
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/import-sqlite.json")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if Document.objects.exists():
        sys.exit("The benchmark needs an empty database (set DATABASE_URL to a new one).")
    call_command("loaddata", "vocabulary", "persons", verbosity=0)
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
        "megabytes_of_files": round(megabytes, 1),
        "passages": Passage.objects.count(),
        "roles": Role.objects.count(),
        "persons": Person.objects.count(),
        "indexed": Document.objects.published().filter(search_entry__isnull=False).count(),
        "target_records_per_minute": TARGET_PER_MINUTE,
        "runs": runs,
    }
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(f"Written {args.output}")


if __name__ == "__main__":
    main()
