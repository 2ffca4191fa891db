"""Benchmark: seconds per learner of `nbgrader autograde`, safeshare's step against stock.

Builds a throwaway copy of one shipped assignment (default `pixels`) with a
throwaway secret, runs the real `nbgrader generate_assignment`, and writes N
learners' submissions as `nbgrader collect` leaves them (the released folder
plus answers files: most items answered, some partly, some not at all). Then
it times real `nbgrader autograde` twice on the same submissions:

1. with the shipped nbgrader_config.py: GradeAnswersFiles grades each answers
   file in nbgrader's own process (no kernel), and writes the feedback;
2. with nbgrader's stock autograde steps (Execute first: a kernel per notebook
   runs every cell), as a course without safeshare's step would.

It prints seconds per learner for both, side by side, and their ratio. It
measures; it asserts nothing.

    .venv/bin/python benchmarks/bench_autograde.py [--learners 10] [--pool 3]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _stock_steps() -> str:
    """Config lines restoring nbgrader's own autograde steps (Execute first): the peer."""
    from nbgrader.converters.autograde import Autograde

    steps = Autograde.class_traits()["autograde_preprocessors"].default()
    names = ", ".join(f'"{step.__module__}.{step.__name__}"' for step in steps)
    return "\n# Stock nbgrader autograde steps: a kernel runs every cell.\n" + (
        f"c.Autograde.autograde_preprocessors = [{names}]\n"
    )


def _nbgrader(*args: str, cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    if run.returncode != 0:
        sys.exit(f"nbgrader {' '.join(args)} failed:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return time.perf_counter() - start


def _course(work: Path, assignment: str, pool: int) -> Path:
    course = work / "course"
    course.mkdir()
    shutil.copy(REPO / "assignments" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "assignments" / "source" / assignment, course / "source" / assignment)
    spec = course / "source" / assignment / "assignment.yaml"
    spec.write_text(re.sub(r"(?m)^pool: \d+$", f"pool: {pool}", spec.read_text()))
    return course


def _submissions(course: Path, assignment: str, learners: int) -> None:
    """Each learner's folder as collect leaves it: the release plus their answers files."""
    from safeshare.assignments.definition import answers_file, load_definition
    from safeshare.assignments.pool import learners_variant, variant_key
    from safeshare.assignments.secret import load_secret
    from safeshare.grade import Answer, answer_from_key, save_answer

    secret = load_secret("safeshare")
    definition = load_definition(course / "source" / assignment)
    rng = random.Random(7)
    for n in range(learners):
        learner = f"learner{n:03d}"
        folder = course / "submitted" / learner / assignment
        # As the README's submit command sends it: the notebook and answers, not cases/.
        shutil.copytree(
            course / "release" / assignment, folder, ignore=shutil.ignore_patterns("cases")
        )
        (folder / "timestamp.txt").write_text("2026-12-01 12:00:00.000000 UTC")
        for item in definition.items:
            if rng.random() < 0.1:
                continue  # not answered
            variant = learners_variant(definition, item, learner, secret, course_root=course)
            model = answer_from_key(variant_key(variant), learner=learner)
            kept = tuple(f for f in model.findings if rng.random() < 0.8)
            answer = Answer(
                case_id=model.case_id,
                seed=model.seed,
                findings=kept,
                consent_gaps=model.consent_gaps,
                decision=model.decision,
                learner=learner,
            )
            save_answer(answer, folder / answers_file(item.id))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--learners", type=int, default=10)
    parser.add_argument("--pool", type=int, default=3)
    parser.add_argument("--assignment", default="pixels")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-autograde-") as tmp:
        work = Path(tmp)
        secret = work / "educator" / "course.secret"
        secret.parent.mkdir()
        secret.write_text("be" * 32 + "\n")
        env = dict(os.environ)
        env["SAFESHARE_SECRET_FILE"] = str(secret)
        env.setdefault("SAFESHARE_CACHE", str(work / "cache"))
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        os.environ.update({k: env[k] for k in ("SAFESHARE_SECRET_FILE", "SAFESHARE_CACHE")})
        course = _course(work, args.assignment, args.pool)
        print(f"generate_assignment {args.assignment} (pool {args.pool}) ...", flush=True)
        _nbgrader("generate_assignment", args.assignment, cwd=course, env=env)
        _submissions(course, args.assignment, args.learners)
        stock = work / "stock"
        shutil.copytree(course, stock)
        with (stock / "nbgrader_config.py").open("a", encoding="utf-8") as handle:
            handle.write(_stock_steps())
        ours = _nbgrader("autograde", args.assignment, cwd=course, env=env) / args.learners
        theirs = _nbgrader("autograde", args.assignment, cwd=stock, env=env) / args.learners
    print(f"\nnbgrader autograde, {args.learners} learners x 5 items, seconds per learner:")
    print(f"  {'safeshare (GradeAnswersFiles, no kernel)':<44} {ours:6.2f} s")
    print(f"  {'stock nbgrader (Execute: a kernel per notebook)':<44} {theirs:6.2f} s")
    print(f"  safeshare is {theirs / ours:.1f}x faster per learner")


if __name__ == "__main__":
    main()
