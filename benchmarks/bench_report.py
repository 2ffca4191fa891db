"""Benchmark: the cohort report against nbgrader autograde, on the same submissions.

Builds a throwaway copy of the shipped course (assignments/) with a throwaway
secret, renders every variant, and synthesises 200 learners x 15 items of
answers (3 assignments x 5 items; deterministic: the same files every run) in
nbgrader's submitted/ layout, as a real cohort has them: about 1 in 20
hand-ins holds no answers file at all, about 1 in 10 skips some items, and a
few learners copy one answers file from a learner given the same variant.
Then it times

1. `safeshare report COURSE --out OUT` (every answer graded, tables, charts,
   heatmaps, HTML), and
2. real `nbgrader autograde` on a sample of the same submissions, scaled to the
   whole cohort (autograde runs a kernel per notebook),

and prints both and their ratio, then how many of the planted copies the
report's "answers that look alike" section lists, and how many pairs it lists
that were not planted. It measures; it asserts nothing.

    .venv/bin/python benchmarks/bench_report.py [--learners 200] [--sample 3] [--keep DIR]
        [--no-autograde]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SAFESHARE_SECRET_FILE"] = str(work / "educator" / "course.secret")
    env.setdefault("SAFESHARE_CACHE", str(work / "cache"))
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def _learner_answer(key: object, rng: random.Random, skill: float, learner: str) -> object:
    """A plausible answer: each finding found with chance `skill`, marks a little off."""
    from safeshare.grade import Answer, AnswerFinding, Point
    from safeshare.model.key import Key
    from safeshare.model.locations import Box
    from safeshare.taxonomy import CATEGORIES, DECISIONS

    assert isinstance(key, Key)
    categories = sorted(CATEGORIES)
    findings = []
    for finding in key.findings:
        if rng.random() > skill:
            continue
        category = finding.category if rng.random() < 0.85 else rng.choice(categories)
        loc = finding.location
        if isinstance(loc, Box):
            if rng.random() < 0.3:
                loc = Point(loc.asset, loc.x + loc.w * rng.random(), loc.y + loc.h * rng.random())
            else:
                dx, dy = rng.randint(-3, 3), rng.randint(-2, 2)
                loc = Box(loc.asset, loc.x + dx, loc.y + dy, loc.w + rng.randint(-3, 3), loc.h)
        findings.append(AnswerFinding(category, loc))
    boxes = [f.location for f in key.findings if isinstance(f.location, Box)]
    if boxes and rng.random() > skill:  # a false alarm somewhere on the same image
        b = rng.choice(boxes)
        findings.append(AnswerFinding("patient_name", Point(b.asset, b.x / 2 + 5, b.y / 2 + 300)))
    gaps = tuple(g for g in key.consent_gaps if rng.random() < skill)
    decision = key.decision if rng.random() < skill else rng.choice(sorted(DECISIONS))
    return Answer(
        case_id=key.case_id,
        seed=key.seed,
        findings=tuple(findings),
        consent_gaps=gaps,
        decision=decision,
        learner=learner,
    )


def build_course(work: Path, learners: int, source: Path) -> tuple[Path, list[str]]:
    """Copy the course, make a secret, render the variants, write every learner's answers."""
    from safeshare.assignments.definition import answers_file, load_definition
    from safeshare.assignments.nbgrader_course import load_course
    from safeshare.assignments.pool import learners_variant, variant_key
    from safeshare.assignments.release import release_pool
    from safeshare.assignments.secret import init_secret, load_secret
    from safeshare.grade import save_answer

    root = work / "course"
    shutil.copytree(
        source,
        root,
        ignore=shutil.ignore_patterns(
            "release", "submitted", "autograded", "feedback", "exchange", "gradebook.db"
        ),
    )
    course = load_course(root)
    init_secret(course.course_id, path=work / "educator" / "course.secret")
    secret = load_secret(course.course_id)
    names = sorted(p.name for p in course.source.iterdir() if (p / "assignment.yaml").is_file())
    ids = [f"learner{i:03d}" for i in range(learners)]
    rng = random.Random(20240611)
    skills = {learner: min(1.0, max(0.05, rng.betavariate(4, 2))) for learner in ids}
    planted: list[tuple[str, str, str]] = []
    for name in names:
        definition = load_definition(course.source / name)
        release_pool(
            definition,
            secret=secret,
            release_dir=course.release / name,
            course_root=root,
        )
        by_variant: dict[tuple[str, int], list[str]] = {}
        for learner in ids:
            folder = course.submitted / learner / name
            folder.mkdir(parents=True, exist_ok=True)  # a hand-in, answers or not
            if rng.random() < 0.05:
                continue  # the notebook handed in, no answer saved
            skips = rng.random() < 0.1
            for item in definition.items:
                if skips and rng.random() < 0.4:
                    continue
                variant = learners_variant(definition, item, learner, secret, course_root=root)
                key = variant_key(variant)
                answer = _learner_answer(key, rng, skills[learner], learner)
                save_answer(answer, folder / answers_file(item.id))  # type: ignore[arg-type]
                by_variant.setdefault((item.id, variant.index), []).append(learner)
        # a few copiers: one answers file taken from a learner given the same variant
        shared = sorted(k for k, v in by_variant.items() if len(v) >= 2)
        for item_id, index in rng.sample(shared, min(2, len(shared))):
            source, copier = rng.sample(by_variant[(item_id, index)], 2)
            path = course.submitted / source / name / answers_file(item_id)
            data = json.loads(path.read_text(encoding="utf-8"))
            data["learner"] = copier
            target = course.submitted / copier / name / answers_file(item_id)
            target.write_text(json.dumps(data), encoding="utf-8")
            planted.append((f"{name}/{item_id}", *sorted((source, copier))))
    (work / "planted.json").write_text(json.dumps(planted), encoding="utf-8")
    return root, names


def warm_cache(root: Path, names: list[str]) -> None:
    """Render every variant into the case cache, as generate_assignment leaves them."""
    from safeshare.assignments.definition import load_definition
    from safeshare.assignments.nbgrader_course import load_course
    from safeshare.assignments.pool import pool_of, render_variants
    from safeshare.assignments.secret import load_secret
    from safeshare.cases.render_many import default_jobs

    course = load_course(root)
    secret = load_secret(course.course_id)
    variants = []
    for name in names:
        definition = load_definition(course.source / name)
        for item in definition.items:
            variants += pool_of(definition, item, secret, course_root=root)
    render_variants(variants, jobs=default_jobs())


def time_report(root: Path, out: Path, env: dict[str, str]) -> float:
    code = (
        "import sys\n"
        "from safeshare.cli.parser import Parser\n"
        "from safeshare.cli.report_command import add_report_command\n"
        "p = Parser(prog='safeshare')\n"
        "add_report_command(p.add_subparsers(dest='command', required=True, parser_class=Parser))\n"
        "a = p.parse_args(sys.argv[1:]); sys.exit(a.run(a))\n"
    )
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, "report", str(root), "--out", str(out), "--quiet"],
        check=True,
        env=env,
    )
    return time.perf_counter() - start


def copies_found(work: Path, report: Path) -> None:
    """Print which planted copies the report lists, and how many other pairs."""
    planted = [tuple(p) for p in json.loads((work / "planted.json").read_text("utf-8"))]
    with (report / "alike.csv").open(encoding="utf-8") as handle:
        listed = {(r["item"], r["learner_a"], r["learner_b"]) for r in csv.DictReader(handle)}
    caught = [p for p in planted if p in listed]
    print(
        f"answers alike: {len(caught)} of {len(planted)} planted copies listed; "
        f"{len(listed - set(planted))} other pair(s) listed"
    )
    for item, a, b in planted:
        print(f"  copy {item} {a}/{b}: {'listed' if (item, a, b) in listed else 'not listed'}")


def time_parts(root: Path) -> None:
    """Grading and the answers-alike check timed apart, in this process (cache warm)."""
    from safeshare.report import alike_pairs, collect, grade_all

    start = time.perf_counter()
    cohort = grade_all(collect(root), progress=False)
    graded = time.perf_counter()
    likeness = alike_pairs(cohort)
    done = time.perf_counter()
    print(
        f"in-process: grading {graded - start:.2f} s; answers-alike check {done - graded:.2f} s "
        f"({likeness.compared} pairs of answers to the same variant compared)"
    )


def time_autograde(root: Path, name: str, sample: list[str], env: dict[str, str]) -> float:
    """Seconds per submission of real nbgrader autograde (generate first, untimed)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "nbgrader",
            "generate_assignment",
            name,
            "--force",
            "--log-level=ERROR",
        ],
        cwd=root,
        check=True,
        env=env,
    )
    notebook = next((root / "release" / name).glob("*.ipynb"))
    for learner in sample:
        shutil.copy(notebook, root / "submitted" / learner / name / notebook.name)
    start = time.perf_counter()
    for learner in sample:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "nbgrader",
                "autograde",
                name,
                f"--student={learner}",
                "--force",
                "--log-level=ERROR",
            ],
            cwd=root,
            check=True,
            env=env,
        )
    return (time.perf_counter() - start) / len(sample)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--sample", type=int, default=3, help="submissions autograded for real")
    parser.add_argument(
        "--keep", type=Path, default=None, help="build here and keep it (reused when run again)"
    )
    parser.add_argument(
        "--course", type=Path, default=REPO / "assignments", help="the course to copy"
    )
    parser.add_argument(
        "--no-autograde", action="store_true", help="time the report only, not nbgrader"
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="safeshare-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = _env(work)
    os.environ.update({k: env[k] for k in ("SAFESHARE_SECRET_FILE", "SAFESHARE_CACHE")})
    try:
        start = time.perf_counter()
        if args.keep is not None and (work / "course" / "submitted").is_dir():
            root = work / "course"  # built by an earlier run: reuse it
            names = sorted(p.name for p in (root / "source").iterdir() if p.is_dir())
        else:
            root, names = build_course(work, args.learners, args.course)
        print(
            f"setup: course, variants and {args.learners} learners' answers "
            f"in {time.perf_counter() - start:.1f} s"
        )
        start = time.perf_counter()
        warm_cache(root, names)
        print(
            f"case cache warmed (generate_assignment leaves it so) in "
            f"{time.perf_counter() - start:.1f} s"
        )
        files = sum(1 for _ in (root / "submitted").glob("*/*/answers/*.json"))
        learners = sum(1 for p in (root / "submitted").iterdir() if p.is_dir())
        report = time_report(root, work / "report", env)
        print(
            f"safeshare report: {learners} learners, {files} answers files "
            f"in {report:.2f} s (target < 10 s)"
        )
        copies_found(work, work / "report")
        time_parts(root)
        if args.no_autograde:
            print(f"report: {work / 'report' / 'index.html'}")
            return 0
        sample = [f"learner{i:03d}" for i in range(min(args.sample, args.learners))]
        per = time_autograde(root, names[0], sample, env)
        scaled = per * args.learners * len(names)
        print(
            f"nbgrader autograde: {per:.2f} s per submission ({len(sample)} sampled); "
            f"{args.learners} learners x {len(names)} assignments would take {scaled:.0f} s"
        )
        print(f"ratio: the report is {scaled / report:.0f}x faster (aim >= 100x)")
        print(f"report: {work / 'report' / 'index.html'}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
