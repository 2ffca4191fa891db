"""Measure the checker against the bank's keys, and beside peers on the same files.

Prints (never asserts):
- recall and precision of identifiers found, per kind (burned-in text, faces,
  photo and DICOM metadata, the post), over every case of the bank for each seed,
  with the keys the renderers wrote as ground truth;
- time per file by kind, a photo checked on one core, and the DICOM header scan
  rate over the bank's DICOM files and pydicom's own test files;
- beside it, peers that install offline from PyPI: dicognito, deid and
  dicom-anonymizer on DICOM headers (recall = keyed attributes they remove or
  change), deid's pixel rules on burned-in text, and Presidio's pattern
  recognizers alone on post text (no spaCy model), each run only when importable.

    .venv/bin/python benchmarks/bench_checker.py --seeds 1 2 3
    PRESIDIO_PATH=/path/to/presidio/site-packages .venv/bin/python benchmarks/bench_checker.py

Presidio pulls spaCy and more; it runs in a subprocess with PRESIDIO_PATH on its
path, so the project's environment is left as it is.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safeshare.cases.bank import load_bank
from safeshare.cases.cache import load_rendered, rendered_spec
from safeshare.checker.check import check_file
from safeshare.checker.detection import Detection
from safeshare.checker.dicom_check import header_detections, is_dicom, read_dicom
from safeshare.checker.post_text import post_detections
from safeshare.errors import CheckInputError
from safeshare.model.key import Finding
from safeshare.model.locations import Box, MetaField, Span

_PIXEL_DETECTORS = ("ocr", "dicom_pixels")
_VISUAL = ("distinctive_mark", "rarity")
"""Keyed boxes that are not text (a tattoo, a ring, a pacemaker, rare anatomy): no detector
claims them; the report says they cannot be guaranteed. Counted apart from burned-in text."""


def overlaps(key: Box, box: Box) -> bool:
    if key.asset != box.asset:
        return False
    ix = max(0, min(key.x + key.w, box.x + box.w) - max(key.x, box.x))
    iy = max(0, min(key.y + key.h, box.y + box.h) - max(key.y, box.y))
    inter = ix * iy
    return inter >= 0.3 * key.area or (box.area > 0 and inter >= 0.5 * box.area)


def finds(finding: Finding, d: Detection) -> bool:
    a, b = finding.location, d.location
    if isinstance(a, Box) and isinstance(b, Box):
        return overlaps(a, b)
    if isinstance(a, Span) and isinstance(b, Span):
        return a.overlap(b) > 0
    if isinstance(a, MetaField) and isinstance(b, MetaField):
        return (a.asset, a.tag) == (b.asset, b.tag)
    return False


@dataclass
class Tally:
    keyed: int = 0
    found: int = 0
    flagged: int = 0
    correct: int = 0
    missed: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        recall = self.found / self.keyed if self.keyed else float("nan")
        precision = self.correct / self.flagged if self.flagged else float("nan")
        return (
            f"  {name:<34} recall {recall:6.3f} ({self.found}/{self.keyed})"
            f"   precision {precision:6.3f} ({self.correct}/{self.flagged})"
        )


def _kind(finding: Finding) -> str:
    loc = finding.location
    if isinstance(loc, Span):
        return "post text"
    if isinstance(loc, MetaField):
        return "metadata (EXIF, DICOM header)"
    if finding.category == "full_face":
        return "faces"
    if finding.category in _VISUAL:
        return "visual features (not text)"
    return "burned-in text"


def _det_kind(d: Detection) -> str | None:
    if d.detector == "post":
        return "post text"
    if d.detector in ("metadata", "dicom_header", "thumbnail"):
        return "metadata (EXIF, DICOM header)"
    if d.detector == "face":
        return "faces"
    if d.detector in _PIXEL_DETECTORS and d.category:
        return "burned-in text"
    return None  # unrecognised text: masked, but not counted as a claim


def bench_bank(
    seeds: list[int], case_ids: set[str] | None
) -> tuple[dict[str, Tally], dict[str, list[float]], list[Path]]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    uid_free = Tally()
    times: dict[str, list[float]] = defaultdict(list)
    dicoms: list[Path] = []
    any_box = Tally()
    for seed in seeds:
        for spec in load_bank():
            if case_ids and spec.id not in case_ids:
                continue
            folder = rendered_spec(spec, seed=seed)
            view, key = load_rendered(folder)
            assert key is not None
            found: list[Detection] = []
            for asset in view.assets:
                if not asset.markable and asset.media_type != "application/dicom":
                    continue
                path = folder / asset.file
                start, cpu = time.perf_counter(), time.process_time()
                result = check_file(path, asset=asset.id)
                times[result.kind].append(time.perf_counter() - start)
                times[f"{result.kind} cpu"].append(time.process_time() - cpu)
                if result.kind == "dicom":
                    dicoms.append(path)
                found += result.detections
            if view.post is not None:
                found += post_detections(view.post.text_fields())
            for finding in key.findings:
                kind = _kind(finding)
                t = tallies[kind]
                t.keyed += 1
                if any(finds(finding, d) for d in found if _det_kind(d) == kind):
                    t.found += 1
                else:
                    t.missed.append(f"{spec.id}/{seed} {finding.category}: {finding.evidence[:50]}")
                if kind == "burned-in text":
                    any_box.keyed += 1
                    boxes = [d for d in found if d.detector in _PIXEL_DETECTORS]
                    any_box.found += any(finds(finding, d) for d in boxes)
            for d in found:
                kind = _det_kind(d)
                if kind is None:
                    continue
                hit = any(finds(f, d) for f in key.findings if _kind(f) == kind)
                t = tallies[kind]
                t.flagged += 1
                t.correct += hit
                if kind.startswith("metadata") and not d.evidence.split(" = ")[0].endswith("UID"):
                    uid_free.flagged += 1
                    uid_free.correct += hit
    tallies["burned-in text, any box (masking)"] = any_box
    tallies["metadata without UIDs"] = Tally(
        keyed=tallies["metadata (EXIF, DICOM header)"].keyed,
        found=tallies["metadata (EXIF, DICOM header)"].found,
        flagged=uid_free.flagged,
        correct=uid_free.correct,
    )
    return tallies, times, dicoms


def pydicom_files() -> list[Path]:
    import pydicom

    folder = Path(pydicom.__file__).parent / "data" / "test_files"
    usable = []
    for path in sorted(folder.glob("*.dcm")):
        try:
            read_dicom(path.read_bytes(), source=path)
        except CheckInputError:
            continue
        usable.append(path)
    return usable


def bench_header_rate(paths: list[Path], rounds: int = 3) -> tuple[int, float, float]:
    """Files scanned, wall seconds and CPU seconds (the CPU figure holds on a busy machine)."""
    datas = [(p, p.read_bytes()) for p in paths]
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for path, data in datas:
            if is_dicom(data):
                header_detections(read_dicom(data, source=path), asset="a")
    return len(datas) * rounds, time.perf_counter() - start, time.process_time() - cpu


def _changed(before: Any, after: Any, tag_name: str) -> bool:
    """Whether an anonymizer removed or changed the keyed attribute."""
    if tag_name.startswith("Private ("):
        group, element = tag_name[9:-1].split(",")
        tag = (int(group, 16) << 16) | int(element, 16)
        return tag not in after or after[tag].value != before[tag].value
    if tag_name not in before:
        return True
    if tag_name not in after:
        return True
    return str(after.data_element(tag_name).value) != str(before.data_element(tag_name).value)


def _peer_anonymizers() -> dict[str, Callable[[Any, Path], Any]]:
    peers: dict[str, Callable[[Any, Path], Any]] = {}

    def ours(ds: Any, path: Path) -> Any:
        from safeshare.checker.deidentify import _apply_profile

        out = copy.deepcopy(ds)
        _apply_profile(out, set())
        return out

    peers["safeshare (basic profile)"] = ours
    try:
        from dicognito.anonymizer import Anonymizer

        def dicognito(ds: Any, path: Path) -> Any:
            out = copy.deepcopy(ds)
            Anonymizer().anonymize(out)
            return out

        peers["dicognito 0.19.0"] = dicognito
    except ImportError:
        pass
    try:
        from dicomanonymizer import anonymize_dataset

        def dicom_anonymizer(ds: Any, path: Path) -> Any:
            out = copy.deepcopy(ds)
            anonymize_dataset(out)
            return out

        peers["dicom-anonymizer 2.1.0"] = dicom_anonymizer
    except ImportError:
        pass
    try:
        from deid.config import DeidRecipe
        from deid.dicom import replace_identifiers

        recipe = DeidRecipe()

        def deid_header(ds: Any, path: Path) -> Any:
            (out,) = replace_identifiers(dicom_files=[str(path)], deid=recipe, save=False)
            return out

        peers["deid 0.4.13 (default recipe)"] = deid_header
    except ImportError:
        pass
    return peers


def bench_peers_headers(seeds: list[int], case_ids: set[str] | None) -> None:
    import logging

    import pydicom

    logging.disable(logging.WARNING)
    items: list[tuple[Path, Any, list[str]]] = []
    for seed in seeds:
        for spec in load_bank():
            if case_ids and spec.id not in case_ids:
                continue
            folder = rendered_spec(spec, seed=seed)
            view, key = load_rendered(folder)
            assert key is not None
            for asset in view.assets:
                if asset.media_type != "application/dicom":
                    continue
                path = folder / asset.file
                tags = [
                    f.location.tag
                    for f in key.findings
                    if isinstance(f.location, MetaField)
                    and f.location.asset == asset.id
                    and f.category != "dicom_burned_in"
                ]
                items.append((path, pydicom.dcmread(path), tags))
    print(f"\nDICOM headers, {len(items)} bank files: keyed attributes removed or changed")
    for name, run in _peer_anonymizers().items():
        keyed = changed = 0
        start = time.perf_counter()
        failed = 0
        for path, ds, tags in items:
            try:
                out = run(ds, path)
            except Exception:  # a peer that fails on a file scores nothing for it
                failed += 1
                keyed += len(tags)
                continue
            keyed += len(tags)
            changed += sum(_changed(ds, out, t) for t in tags)
        per_file = (time.perf_counter() - start) / max(len(items), 1) * 1000
        note = f", failed on {failed} files" if failed else ""
        print(
            f"  {name:<32} recall {changed / max(keyed, 1):6.3f} ({changed}/{keyed})"
            f"   {per_file:7.1f} ms/file{note}"
        )


def bench_deid_pixels(dicoms: list[Path]) -> None:
    try:
        from deid.dicom.pixels.detect import has_burned_pixels
    except ImportError:
        print("\ndeid pixel rules: deid not importable, not run")
        return
    flagged = with_boxes = 0
    for path in dicoms:
        result = has_burned_pixels(str(path))
        flagged += bool(result["flagged"])
        with_boxes += any(r.get("coordinates") for r in result["results"])
    print(
        f"\ndeid pixel rules on {len(dicoms)} bank DICOM files: flagged {flagged}, "
        f"with coordinates to clean {with_boxes} (its rules name devices and regions; "
        "the bank's fictional devices match none, so it masks no keyed text box)"
    )


_PRESIDIO = r"""
import json, sys
import tldextract
tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
from presidio_analyzer import PatternRecognizer, predefined_recognizers as pr
recognizers = []
for name in dir(pr):
    if not name.endswith("Recognizer"):
        continue
    try:
        r = getattr(pr, name)()
    except Exception:
        continue
    if isinstance(r, PatternRecognizer) and r.supported_language == "en":
        recognizers.append(r)
posts = json.load(sys.stdin)
out = []
for fields in posts:
    spans = []
    for field, text in fields.items():
        for r in recognizers:
            for res in r.analyze(text, r.supported_entities, None):
                if res.score >= 0.3:
                    spans.append([field, res.start, res.end, res.entity_type])
    out.append(spans)
print(json.dumps({"recognizers": sorted(r.name for r in recognizers), "spans": out}))
"""


def bench_presidio(seeds: list[int], case_ids: set[str] | None) -> None:
    path = os.environ.get("PRESIDIO_PATH")
    if not path:
        print("\nPresidio: PRESIDIO_PATH not set, not run")
        return
    posts, keys = [], []
    for seed in seeds:
        for spec in load_bank():
            if case_ids and spec.id not in case_ids:
                continue
            view, key = load_rendered(rendered_spec(spec, seed=seed))
            if view.post is None or key is None:
                continue
            fields = {
                k: v
                for k, v in view.post.text_fields().items()
                if not k.endswith(("posted_at", ".handle", ".display_name"))
            }
            posts.append(fields)
            keys.append([f for f in key.findings if isinstance(f.location, Span)])
    env = {**os.environ, "PYTHONPATH": path}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PRESIDIO],
        input=json.dumps(posts),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        print(f"\nPresidio: failed ({done.stderr.strip().splitlines()[-1:]})")
        return
    data = json.loads(done.stdout.strip().splitlines()[-1])
    keyed = found = flagged = correct = 0
    for spans, keyed_findings in zip(data["spans"], keys, strict=True):
        locs = [Span("post", f, s, e) for f, s, e, _ in spans]
        keyed += len(keyed_findings)
        found += sum(any(k.location.overlap(s) > 0 for s in locs) for k in keyed_findings)  # type: ignore[union-attr]
        flagged += len(locs)
        correct += sum(any(k.location.overlap(s) > 0 for k in keyed_findings) for s in locs)  # type: ignore[union-attr]
    ours = Tally()
    for fields, keyed_findings in zip(posts, keys, strict=True):
        dets = post_detections(fields)
        ours.keyed += len(keyed_findings)
        ours.found += sum(any(finds(k, d) for d in dets) for k in keyed_findings)
        ours.flagged += len(dets)
        ours.correct += sum(any(finds(k, d) for k in keyed_findings) for d in dets)
    print(f"\nPost text, {len(posts)} posts (display names and handles left out for both):")
    print(ours.line("safeshare post rules"))
    print(
        f"  {'Presidio pattern recognizers':<34}"
        f" recall {found / max(keyed, 1):6.3f} ({found}/{keyed})"
        f"   precision {correct / max(flagged, 1):6.3f} ({correct}/{flagged})"
        f"   [{len(data['recognizers'])} recognizers, {elapsed:.1f} s with start-up]"
    )


def bench_timing(seeds: list[int]) -> None:
    """A photo checked on one core (OCR and the cascades run single-threaded) and the
    header scan rate, without the accuracy run."""
    photos: list[Path] = []
    dicoms: list[Path] = []
    for seed in seeds:
        for spec in load_bank():
            folder = rendered_spec(spec, seed=seed)
            photos += sorted(folder.glob("*.jpg"))
            dicoms += sorted(folder.glob("*.dcm"))
    full, full_cpu, header_only = [], [], []
    for path in photos:
        start, cpu = time.perf_counter(), time.process_time()
        check_file(path)
        full.append(time.perf_counter() - start)
        full_cpu.append(time.process_time() - cpu)
        start = time.perf_counter()
        check_file(path, ocr=False, faces=False)
        header_only.append(time.perf_counter() - start)
    print(
        f"Photos (JPEG), n={len(full)}: full check median {statistics.median(full):.2f} s wall, "
        f"{statistics.median(full_cpu):.2f} s CPU (max {max(full):.2f} s wall, "
        f"{max(full_cpu):.2f} s CPU); metadata only median "
        f"{statistics.median(header_only) * 1000:.0f} ms"
    )
    real = pydicom_files()
    count, elapsed, cpu_s = bench_header_rate(dicoms + real)
    print(
        f"Header scan, {len(dicoms)} bank and {len(real)} pydicom files: "
        f"{count / elapsed:.0f} files/s wall, {count / cpu_s:.0f} files per CPU second"
    )
    print(_load())


def _load() -> str:
    """The machine's load while measuring: wall times on a busy machine say little, CPU does."""
    one, five, _ = os.getloadavg()
    return f"Load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--cases", nargs="*", default=None, help="case ids (default: all)")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--show-missed", action="store_true")
    parser.add_argument(
        "--timing-only", action="store_true", help="photo check time and header scan rate only"
    )
    args = parser.parse_args()
    case_ids = set(args.cases) if args.cases else None

    from PIL import Image

    from safeshare.checker.faces import find_faces
    from safeshare.checker.ocr import read_text

    start = time.perf_counter()
    read_text(Image.new("RGB", (64, 32)))
    find_faces(Image.new("RGB", (64, 32)))
    print(f"Engines loaded (OCR models, face cascades) in {time.perf_counter() - start:.2f} s")
    print(_load())
    if args.timing_only:
        bench_timing(args.seeds)
        return
    print(f"Bank, seeds {args.seeds}: identifiers found against the keys")
    tallies, times, dicoms = bench_bank(args.seeds, case_ids)
    for name, tally in sorted(tallies.items()):
        print(tally.line(name))
        if args.show_missed:
            for miss in tally.missed:
                print(f"      missed {miss}")
    print("\nTime per file (full check: metadata, OCR, faces; one thread), wall and CPU:")
    for kind, values in sorted(times.items()):
        print(
            f"  {kind:<10} n={len(values):3d}  median {statistics.median(values):6.2f} s"
            f"  max {max(values):6.2f} s"
        )
    real = pydicom_files()
    count, elapsed, cpu_s = bench_header_rate(sorted(set(dicoms)) + real)
    print(
        f"\nHeader scan (read + Table E.1-1 + private tags), {len(set(dicoms))} bank and "
        f"{len(real)} pydicom files: {count / elapsed:7.0f} files/s wall, "
        f"{count / cpu_s:7.0f} files per CPU second"
    )
    print(_load())
    if not args.no_peers:
        bench_peers_headers(args.seeds, case_ids)
        bench_deid_pixels(sorted(set(dicoms)))
        bench_presidio(args.seeds, case_ids)


if __name__ == "__main__":
    main()
