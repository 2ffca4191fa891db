"""Render one case: spec + seed -> assets, the learner's view and the key.

Same spec and seed give byte-identical files. Output is written to a
temporary folder beside the target and renamed into place at the end, so an
interrupted render never leaves a half-written case.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from safeshare.atomic import write_json_atomic
from safeshare.cases.key_check import check_key
from safeshare.cases.spec import AuthorSpec, CaseSpec
from safeshare.cases.text_template import RenderedText, render_text
from safeshare.errors import RenderError, TemplateError
from safeshare.model.facts import Facts, make_facts
from safeshare.model.key import BenignText, Decoy, Finding, Key
from safeshare.model.locations import Span
from safeshare.model.seeds import DEFAULT_SEED
from safeshare.model.view import AssetView, CaseView, Post, Profile, Reply, ThreadPost
from safeshare.render.context import (
    DrawnBenign,
    DrawnDecoy,
    DrawnFinding,
    RenderContext,
    RenderedAsset,
)
from safeshare.render.registry import renderer_for
from safeshare.render.seeds import py_rng
from safeshare.taxonomy import category, gaps_in

__all__ = ["BuiltCase", "build_case", "render_case", "write_json"]

POST_ASSET = "post"
CONSENT_ASSET = "consent"
_AVATAR_COLOURS = ["#7a4b8c", "#2d6a8f", "#8f4b2d", "#3d7a4b", "#8c2d5a", "#4b5a8c"]


@dataclass(frozen=True, slots=True)
class BuiltCase:
    """A rendered case in memory: what the learner sees and the key."""

    view: CaseView
    key: Key


def _text(template: str, facts: Facts, spec: CaseSpec, seed: int, field: str) -> RenderedText:
    try:
        return render_text(template, facts, py_rng(seed, spec.id, "text", field))
    except TemplateError as exc:
        raise RenderError(f"post.{field}: {exc}", source=spec.source) from None


class _PostBuilder:
    """Fills in the post's templates and records each marked span as a finding."""

    def __init__(self, spec: CaseSpec, facts: Facts, seed: int) -> None:
        self.spec, self.facts, self.seed = spec, facts, seed
        self.findings: list[DrawnFinding] = []
        self.decoys: list[DrawnDecoy] = []

    def field(self, name: str, template: str) -> str:
        rendered = _text(template, self.facts, self.spec, self.seed, name)
        for mark in rendered.spans:
            location = Span(POST_ASSET, name, mark.start, mark.end)
            if mark.category:
                self.findings.append(DrawnFinding(mark.category, location, mark.evidence))
            else:
                self.decoys.append(DrawnDecoy(location, mark.safe_reason))
        return rendered.text

    def profile(self, prefix: str, author: AuthorSpec, colour_seed: str) -> Profile:
        colour = py_rng(self.seed, self.spec.id, "avatar", colour_seed).choice(_AVATAR_COLOURS)
        return Profile(
            display_name=self.field(f"{prefix}display_name", author.display_name),
            handle=self.field(f"{prefix}handle", author.handle),
            bio=self.field(f"{prefix}bio", author.bio) if prefix == "author." else "",
            location=self.field(f"{prefix}location", author.location)
            if prefix == "author."
            else "",
            verified=author.verified,
            avatar_color=colour,
        )

    def build(self) -> Post:
        spec = self.spec
        assert spec.post is not None
        p = spec.post
        posted = self.facts.posted_at
        rng = py_rng(self.seed, spec.id, "engagement")
        replies = []
        for i, reply in enumerate(p.replies):
            at = posted + dt.timedelta(minutes=reply.minutes_after)
            replies.append(
                Reply(
                    author=self.profile(f"replies.{i}.author.", reply.author, f"reply{i}"),
                    text=self.field(f"replies.{i}.text", reply.text),
                    posted_at=_display_time(at),
                )
            )
        thread = []
        for i, earlier in enumerate(p.thread):
            at = posted - dt.timedelta(days=earlier.days_before, hours=rng.randrange(1, 9))
            thread.append(
                ThreadPost(
                    text=self.field(f"thread.{i}.text", earlier.text),
                    posted_at=_display_time(at),
                )
            )
        return Post(
            author=self.profile("author.", p.author, "author"),
            text=self.field("text", p.text),
            posted_at=self.facts["post.display"],
            images=p.images,
            alt_text=self.field("alt_text", p.alt_text),
            location_tag=self.field("location_tag", p.location_tag),
            replies=tuple(replies),
            thread=tuple(thread),
            views=_count(rng, 800, 90_000),
            likes=_count(rng, 12, 2_400),
        )


def _display_time(at: dt.datetime) -> str:
    return f"{at:%-I:%M %p} · {at:%b %-d, %Y}"


def _count(rng: random.Random, lo: int, hi: int) -> str:
    n = rng.randrange(lo, hi)
    return f"{n / 1000:.1f}K" if n >= 1000 else str(n)


def _asset_order(spec: CaseSpec) -> list[int]:
    """Indexes of assets with every source rendered before the asset drawn from it."""
    by_id = {a.id: i for i, a in enumerate(spec.assets)}
    order: list[int] = []
    visiting: set[str] = set()

    def visit(i: int) -> None:
        asset = spec.assets[i]
        if i in order:
            return
        if asset.id in visiting:
            raise RenderError(f"assets.{asset.id}: its source chain loops", source=spec.source)
        visiting.add(asset.id)
        for source in renderer_for(asset.type).sources(asset.options):
            visit(by_id[source])
        order.append(i)

    for i in range(len(spec.assets)):
        visit(i)
    return order


@dataclass(slots=True)
class _Drawing:
    """What the renderers of one case have drawn so far, asset by asset, in drawing order."""

    spec: CaseSpec
    seed: int
    facts: Facts
    work_dir: Path
    rendered: dict[str, RenderedAsset] = field(default_factory=dict)
    findings: dict[str, list[DrawnFinding]] = field(default_factory=dict)
    decoys: dict[str, list[DrawnDecoy]] = field(default_factory=dict)
    benign: dict[str, list[DrawnBenign]] = field(default_factory=dict)
    views: dict[str, AssetView] = field(default_factory=dict)

    def draw(
        self,
        asset_id: str,
        kind: str,
        options: object,
        *,
        present: Mapping[str, float] | None = None,
        caption: str = "",
    ) -> None:
        """Render one asset through the registry and keep what it drew and how it is shown."""
        ctx = RenderContext(
            case_id=self.spec.id,
            asset_id=asset_id,
            seed=self.seed,
            facts=self.facts,
            work_dir=self.work_dir,
            present_chances=present or {},
            rendered=self.rendered,
            source_findings=self.findings,
            source_decoys=self.decoys,
            source_benign=self.benign,
        )
        try:
            result = renderer_for(kind).render(ctx, options)
        except (ValueError, KeyError, OSError) as exc:
            raise RenderError(
                f"assets.{asset_id} ({kind}): {exc}", source=self.spec.source
            ) from exc
        self.rendered[asset_id] = result
        self.findings[asset_id] = list(ctx.findings)
        self.decoys[asset_id] = list(ctx.decoys)
        self.benign[asset_id] = list(ctx.benign)
        self.views[asset_id] = AssetView(
            id=asset_id,
            type=kind,
            file=result.file,
            media_type=result.media_type,
            width=result.width,
            height=result.height,
            preview=result.preview,
            caption=caption,
            metadata=result.metadata,
            markable=result.markable,
        )


def _draw_assets(drawing: _Drawing) -> None:
    """The spec's assets, each after the assets it is drawn from."""
    for index in _asset_order(drawing.spec):
        asset = drawing.spec.assets[index]
        drawing.draw(
            asset.id, asset.type, asset.options, present=asset.present, caption=asset.caption
        )


def render_case(spec: CaseSpec, *, seed: int, work_dir: Path) -> BuiltCase:
    """Render every asset of the case into `work_dir` and assemble the view and the key."""
    from safeshare.render.consent.form import as_drawn
    from safeshare.render.post.renderer import PostCardOptions

    facts = make_facts(py_rng(seed, spec.id, "facts"), spec.facts)
    drawing = _Drawing(spec, seed, facts, work_dir)
    _draw_assets(drawing)
    asset_ids = [a.id for a in spec.assets]

    post = None
    text = _PostBuilder(spec, facts, seed)
    if spec.post is not None:
        post = text.build()
        drawing.draw(POST_ASSET, "post_card", PostCardOptions(post=post))
        asset_ids.append(POST_ASSET)

    consent_gaps: tuple[str, ...] = ()
    if spec.consent is not None:
        consent_gaps = gaps_in(spec.consent)
        drawing.draw(CONSENT_ASSET, "consent_form", spec.consent)
        asset_ids.append(CONSENT_ASSET)

    key = _assemble_key(
        spec,
        seed,
        [f for drawn in drawing.findings.values() for f in drawn] + text.findings,
        [d for drawn in drawing.decoys.values() for d in drawn] + text.decoys,
        consent_gaps,
        [b for drawn in drawing.benign.values() for b in drawn],
    )
    view = CaseView(
        case_id=spec.id,
        seed=seed,
        title=spec.title,
        kind=spec.kind,
        difficulty=spec.difficulty,
        objectives=spec.objectives,
        brief=spec.brief,
        assets=tuple(drawing.views[i] for i in asset_ids),
        post=post,
        consent=as_drawn(spec.consent, facts) if spec.consent is not None else None,
        consent_asset=CONSENT_ASSET if spec.consent is not None else "",
        post_asset=POST_ASSET if post is not None else "",
    )
    check_key(view, key, source=spec.source)
    return BuiltCase(view=view, key=key)


def _assemble_key(
    spec: CaseSpec,
    seed: int,
    drawn: list[DrawnFinding],
    decoys: list[DrawnDecoy],
    consent_gaps: tuple[str, ...],
    benign: list[DrawnBenign],
) -> Key:
    counters: dict[tuple[str, str], int] = {}
    findings = []
    for item in drawn:
        cat = category(item.category)
        n = counters.get((item.location.asset, item.category), 0) + 1
        counters[(item.location.asset, item.category)] = n
        findings.append(
            Finding(
                id=f"{item.location.asset}:{item.category}:{n}",
                category=item.category,
                location=item.location,
                severity=spec.severities.get(item.category, cat.severity.value),
                evidence=item.evidence,
                explanation=spec.explanations.get(item.category, cat.description),
                guidance=spec.guidance.get(item.category, cat.guidance),
                remedy=cat.remedy,
            )
        )
    return Key(
        case_id=spec.id,
        seed=seed,
        findings=tuple(findings),
        consent_gaps=consent_gaps,
        decision=spec.decision,
        decision_reason=spec.decision_reason,
        decoys=tuple(Decoy(location=d.location, explanation=d.explanation) for d in decoys),
        benign=tuple(BenignText(location=b.location, what=b.what) for b in benign),
    )


def write_json(path: Path, data: object) -> None:
    """Write JSON atomically (temp file in the same folder, then rename)."""
    write_json_atomic(path, data)


def build_case(spec: CaseSpec, *, seed: int = DEFAULT_SEED, out_dir: Path) -> BuiltCase:
    """Render a case into `out_dir/<case id>/` (assets, case.json, key.json), atomically.

    An existing folder for the case is replaced only once the new one is complete.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / spec.id
    work = Path(tempfile.mkdtemp(prefix=f".{spec.id}.", dir=out_dir))
    try:
        built = render_case(spec, seed=seed, work_dir=work)
        write_json(work / "case.json", built.view.to_dict())
        write_json(work / "key.json", built.key.to_dict())
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{spec.id}.old.", dir=out_dir))
            os.replace(target, old / spec.id)
            os.replace(work, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return built
