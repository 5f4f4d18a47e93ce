"""Benchmark: Hangul syllables Tesseract *consistently* reads as another syllable on clean, well-sized text.

    .venv/bin/python bench/confusions.py [--passes 4] [--seed 7] [--jobs 2] [--write PATH] [--dump PATH]

Every syllable the Korean model can output (``src/pgdocs/data/hangul_kor_syllables.txt``) is drawn, black on
white, in every font of :func:`pgdocs.samples.render.all_fonts`, at two glyph heights: 26 px (the height the
pipeline scales pages to, ``pgdocs.ocr.preprocess.TARGET_GLYPH_PX``) and 18 px. Each pass shuffles the syllables
(a fixed seed per font and size) and cuts them into "words" of 2-4 syllables, like business and person names, 18
words to a line, so each syllable appears once per pass, in a new context each time.

Each line is read twice, the way pgdocs reads: by the page model (``Hangul``) and by the crop model (``kor``),
both ``--psm 7``. The read is aligned with the truth per line (spaces removed, ``Levenshtein.editops``) and every
substitution of a Hangul syllable S by another Hangul syllable A is counted.

A pair S→A is **stable** when, in at least ``--min-fonts`` (2) fonts at 26 px, BOTH models read S as A in more
than half of S's occurrences: a re-read with the other model agrees on the wrong syllable. The script prints the
stable pairs as a markdown table, a held-out check (pairs stable within one half of the fonts, and whether they
recur in the other half), and with ``--write`` writes them as TOML. The verifier keeps no such table: see
docs/ocr.md#stable-confusions for what this measured and why.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = ROOT / "src" / "pgdocs" / "data" / "hangul_kor_syllables.txt"
SURNAMES = ROOT / "src" / "pgdocs" / "data" / "surnames.txt"
MODELS = ("Hangul", "kor")  #: page model, crop model
SMALL_GLYPH_PX = 18.0
WORDS_PER_LINE = 18
WORD_LEN = (2, 4)
#: held-out split: pairs found stable in one set are looked for in the other
SET_A = ("NanumGothic", "NanumMyeongjo", "NotoSansCJK", "UnDotum", "BaekmukGulim", "NanumSquare")
#: a syllable string whose ink spans the full height of Hangul glyphs (tall initials, double finals)
_HEIGHT_PROBE = "한빛푸드각밟흙읽뷁쌓똥"
_H0, _HZ = 0xAC00, 0xD7A3

#: (font, glyph px) -> model -> source -> read -> count; and source -> occurrences
Subs = dict[str, dict[str, Counter[str]]]


def is_syllable(ch: str) -> bool:
    return len(ch) == 1 and _H0 <= ord(ch) <= _HZ


def read_list(path: Path) -> list[str]:
    """One item per line; ``#`` lines are comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]


@dataclass
class Task:
    font: str
    path: str
    index: int
    glyph_px: float
    passes: int
    seed: int


@dataclass
class Result:
    font: str
    glyph_px: float
    occurrences: Counter[str] = field(default_factory=Counter)  #: source -> times drawn
    subs: Subs = field(default_factory=dict)  #: model -> source -> Counter(read)
    lines: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  #: model -> lines too garbled to align
    seconds: float = 0.0


def font_for_glyph(path: str, index: int, glyph_px: float) -> ImageFont.FreeTypeFont:
    """The font at the size whose Hangul ink is ``glyph_px`` high (what ``preprocess.glyph_height`` measures)."""
    probe = ImageFont.truetype(path, 200, index=index)
    _l, top, _r, bottom = probe.getbbox(_HEIGHT_PROBE)
    return ImageFont.truetype(path, max(6, round(200 * glyph_px / (bottom - top))), index=index)


def make_lines(syllables: list[str], passes: int, rng: random.Random) -> list[list[str]]:
    """``passes`` shuffles of all syllables cut into words of 2-4 syllables, grouped into lines of words."""
    words: list[str] = []
    for _ in range(passes):
        order = syllables[:]
        rng.shuffle(order)
        i = 0
        while i < len(order):
            n = rng.randint(*WORD_LEN)
            if len(order) - (i + n) == 1:  # never leave a one-syllable word at the end of a pass
                n += 1
            words.append("".join(order[i:i + n]))
            i += n
    return [words[i:i + WORDS_PER_LINE] for i in range(0, len(words), WORDS_PER_LINE)]


def draw_line(text: str, font: ImageFont.FreeTypeFont, glyph_px: float) -> Image.Image:
    """``text`` black on white, with a margin of about two glyphs left and right and one above and below."""
    margin_x, margin_y = round(2 * glyph_px), round(glyph_px)
    _l, top, right, bottom = font.getbbox(text, anchor="ls")
    img = Image.new("L", (round(right) + 2 * margin_x, round(bottom - top) + 2 * margin_y), 255)
    ImageDraw.Draw(img).text((margin_x, margin_y - top), text, font=font, fill=0, anchor="ls")
    return img


def substitutions(truth: str, read: str) -> list[tuple[str, str]] | None:
    """(truth syllable, read syllable) for each Hangul-for-Hangul substitution; None if the read is too far off
    to align (less than half of the line's characters match)."""
    from rapidfuzz.distance import Levenshtein

    if Levenshtein.normalized_similarity(truth, read) < 0.5:
        return None
    out = []
    for op in Levenshtein.editops(truth, read):
        if op.tag != "replace":
            continue
        s, a = truth[op.src_pos], read[op.dest_pos]
        if is_syllable(s) and is_syllable(a) and s != a:
            out.append((s, a))
    return out


def run_task(task: Task, syllables: list[str]) -> Result:
    from pgdocs.ocr.tesseract import image_to_data

    t0 = time.perf_counter()
    res = Result(task.font, task.glyph_px, subs={m: defaultdict(Counter) for m in MODELS},
                 skipped=dict.fromkeys(MODELS, 0))
    font = font_for_glyph(task.path, task.index, task.glyph_px)
    rng = random.Random(f"{task.seed}:{task.font}:{task.glyph_px}")
    for words in make_lines(syllables, task.passes, rng):
        text = " ".join(words)
        truth = "".join(words)
        res.occurrences.update(truth)
        res.lines += 1
        img = draw_line(text, font, task.glyph_px)
        for model in MODELS:
            read = "".join(w.text for w in image_to_data(img, lang=model, psm=7)).replace(" ", "")
            pairs = substitutions(truth, read)
            if pairs is None:
                res.skipped[model] += 1
                continue
            for s, a in pairs:
                res.subs[model][s][a] += 1
    res.subs = {m: dict(v) for m, v in res.subs.items()}
    res.seconds = time.perf_counter() - t0
    return res


def _run_task_star(args: tuple[Task, list[str]]) -> Result:
    return run_task(*args)


def majority_pairs(res: Result, models: Iterable[str] = MODELS) -> set[tuple[str, str]]:
    """(S, A) such that every model in ``models`` read S as A in more than half of S's occurrences."""
    found: set[tuple[str, str]] | None = None
    for model in models:
        pairs = {(s, a) for s, reads in res.subs[model].items() for a, n in reads.items()
                 if n * 2 > res.occurrences[s]}
        found = pairs if found is None else found & pairs
    return found or set()


def stable_fonts(results: dict[str, Result], fonts: Iterable[str],
                 models: Iterable[str] = MODELS) -> dict[tuple[str, str], list[str]]:
    """(S, A) -> fonts (of ``fonts``) in which all ``models`` read S as A in the majority of occurrences."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    models = tuple(models)
    for f in fonts:
        if f in results:
            for pair in majority_pairs(results[f], models):
                out[pair].append(f)
    return dict(out)


def stable(by_fonts: dict[tuple[str, str], list[str]], min_fonts: int) -> dict[tuple[str, str], list[str]]:
    return {p: fs for p, fs in by_fonts.items() if len(fs) >= min_fonts}


def held_out(results: dict[str, Result], train: list[str], test: list[str], min_fonts: int) -> tuple[int, int]:
    """Pairs stable within ``train`` (>= min_fonts fonts), and how many of them are majority-read by both models
    in at least one font of ``test``."""
    found = stable(stable_fonts(results, train), min_fonts)
    seen = stable_fonts(results, test)
    return len(found), sum(1 for p in found if p in seen)


def toml_text(pairs: list[tuple[str, str, int]], n_fonts: int, header: list[str]) -> str:
    out = [f"# {h}".rstrip() for h in header]
    for s, a, k in pairs:
        out += ["", "[[pair]]", f"source = {json.dumps(s, ensure_ascii=False)}",
                f"read = {json.dumps(a, ensure_ascii=False)}", f"fonts = {k}", f"of = {n_fonts}"]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=4, help="times each syllable is drawn per font and size")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--min-fonts", type=int, default=2, help="fonts a pair must be stable in")
    ap.add_argument("--fonts", help="comma-separated font keys (default: all)")
    ap.add_argument("--write", type=Path, help="write the stable pairs as TOML here")
    ap.add_argument("--dump", type=Path, help="write the raw counts (per font, size, model) as JSON here")
    ap.add_argument("--date", default=datetime.date.today().isoformat(), help="date for the TOML header")
    args = ap.parse_args(argv)

    from pgdocs.ocr.preprocess import TARGET_GLYPH_PX
    from pgdocs.ocr.tesseract import probe
    from pgdocs.samples.render import all_fonts

    syllables = read_list(SYLLABLES)
    fonts = all_fonts()
    if args.fonts:
        fonts = {k: v for k, v in fonts.items() if k in args.fonts.split(",")}
    sizes = (TARGET_GLYPH_PX, SMALL_GLYPH_PX)
    tasks = [Task(k, f.regular[0], f.regular[1], px, args.passes, args.seed) for px in sizes for k, f in fonts.items()]
    t0 = time.perf_counter()
    print(f"{len(syllables)} syllables × {args.passes} passes, {len(fonts)} fonts, glyphs {sizes} px, "
          f"models {MODELS}, {len(tasks)} tasks on {args.jobs} jobs", file=sys.stderr)
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as ex:
            results = list(ex.map(_run_task_star, [(t, syllables) for t in tasks]))
    else:
        results = [run_task(t, syllables) for t in tasks]
    wall = time.perf_counter() - t0
    for r in results:
        print(f"  {r.font:18s} {r.glyph_px:4.0f} px: {r.lines} lines, {r.seconds:5.1f} s, "
              f"subs {', '.join(f'{m} {sum(sum(c.values()) for c in r.subs[m].values())}' for m in MODELS)}, "
              f"unaligned lines {r.skipped}", file=sys.stderr)

    if args.dump:
        raw = [{"font": r.font, "glyph_px": r.glyph_px, "occurrences": dict(r.occurrences),
                "subs": {m: {s: dict(c) for s, c in r.subs[m].items()} for m in MODELS}} for r in results]
        args.dump.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")

    by_size: dict[float, dict[str, Result]] = defaultdict(dict)
    for r in results:
        by_size[r.glyph_px][r.font] = r
    main_res, small_res = by_size[TARGET_GLYPH_PX], by_size[SMALL_GLYPH_PX]
    names = list(fonts)
    found = stable(stable_fonts(main_res, names), args.min_fonts)
    small = stable_fonts(small_res, names)

    def occ(pair: tuple[str, str]) -> tuple[int, int]:
        s, a = pair
        return (sum(r.subs[m].get(s, Counter())[a] for r in main_res.values() for m in MODELS),
                sum(r.occurrences[s] for r in main_res.values()) * len(MODELS))

    rows = sorted(found.items(), key=lambda kv: (-len(kv[1]), -occ(kv[0])[0], kv[0]))
    surnames = set(read_list(SURNAMES))
    print(f"\n## Stable confusions ({len(rows)} pairs; both models, majority of reads, ≥{args.min_fonts} fonts "
          f"at {TARGET_GLYPH_PX:g} px)\n")
    print(f"| source | read | fonts ({TARGET_GLYPH_PX:g} px) | which | fonts ({SMALL_GLYPH_PX:g} px) "
          f"| reads S→A / reads of S ({TARGET_GLYPH_PX:g} px, both models) |")
    print("|---|---|---|---|---|---|")
    for (s, a), fs in rows:
        n, d = occ((s, a))
        print(f"| {s} | {a} | {len(fs)} | {', '.join(fs)} | {len(small.get((s, a), []))} | {n}/{d} |")

    attractors = Counter(a for (_s, a), _fs in rows)
    print(f"\nDistinct sources: {len({s for s, _a in found})}; distinct read syllables (attractors): "
          f"{len(attractors)}: {', '.join(f'{a}×{n}' for a, n in attractors.most_common())}")
    print(f"Attractors that are surnames (src/pgdocs/data/surnames.txt): "
          f"{', '.join(a for a in attractors if a in surnames) or 'none'}; "
          f"sources that are surnames: {', '.join(sorted({s for s, _a in found if s in surnames})) or 'none'}")
    for model in MODELS:
        one = stable(stable_fonts(main_res, names, (model,)), args.min_fonts)
        print(f"Pairs stable for {model} alone (majority in ≥{args.min_fonts} fonts): {len(one)}")
    small_stable = stable(small, args.min_fonts)
    print(f"Pairs stable at {SMALL_GLYPH_PX:g} px: {len(small_stable)}, of which stable at {TARGET_GLYPH_PX:g} px "
          f"too: {sum(1 for p in small_stable if p in found)}")
    set_a = [f for f in names if f in SET_A]
    set_b = [f for f in names if f not in SET_A]
    n_ab, hit_ab = held_out(main_res, set_a, set_b, args.min_fonts)
    n_ba, hit_ba = held_out(main_res, set_b, set_a, args.min_fonts)
    print(f"\nHeld-out ({TARGET_GLYPH_PX:g} px): stable in set A ({', '.join(set_a)}): {n_ab}, "
          f"of which read S→A by both models in ≥1 font of set B: {hit_ab}")
    print(f"Held-out ({TARGET_GLYPH_PX:g} px): stable in set B ({', '.join(set_b)}): {n_ba}, "
          f"of which read S→A by both models in ≥1 font of set A: {hit_ba}")
    print(f"\nWall time {wall:.0f} s ({sum(r.seconds for r in results):.0f} s of work), tesseract {probe().version}")

    if args.write:
        header = [
            "Hangul syllables Tesseract reads as another syllable on clean text (stable confusions).",
            f"Measured on {args.date} by: bench/confusions.py --passes {args.passes} --seed {args.seed} "
            f"--min-fonts {args.min_fonts}{f' --fonts {args.fonts}' if args.fonts else ''} --write PATH",
            f"tesseract {probe().version}, models {' and '.join(MODELS)} (--psm 7, one line per read); every "
            f"syllable of hangul_kor_syllables.txt",
            f"drawn {args.passes} times per font and size in shuffled words of 2-4 syllables, {WORDS_PER_LINE} "
            f"words a line, black on white, seed {args.seed};",
            f"glyphs {TARGET_GLYPH_PX:g} px (the list) and {SMALL_GLYPH_PX:g} px (reported only). Fonts "
            f"({len(names)}):",
            ", ".join(names),
            f"A pair is listed when, in at least {args.min_fonts} fonts at {TARGET_GLYPH_PX:g} px, BOTH models "
            "read `source` as `read` in more than half",
            "of its occurrences. fonts: in how many fonts that held; of: fonts measured.",
        ]
        pairs = [(s, a, len(fs)) for (s, a), fs in rows]
        args.write.write_text(toml_text(pairs, len(names), header), encoding="utf-8")
        print(f"wrote {len(pairs)} pairs to {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
