"""Where the room marked a case, drawn over its image with the cohort report's heatmap.

The picture is the report's (safeshare.report.heatmap): the image dimmed, a
wash as strong as the share of learners who marked each pixel, each key
finding outlined with its detection rate. A picture is drawn again only when
the marks or the number of learners changed since the last refresh.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from safeshare.dashboard.case_stats import CaseStats
from safeshare.model.locations import Box
from safeshare.report.heatmap import HeatmapJob, draw_heatmap

__all__ = ["HeatmapPainter"]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


@dataclass
class HeatmapPainter:
    """Draws (and re-draws when needed) each case's heatmaps into a folder of its own."""

    out_dir: Path
    _drawn: dict[Path, str] = field(default_factory=dict)

    def paint(self, stats: CaseStats) -> list[Path]:
        """One JPEG per markable image of the case with key boxes or marks on it."""
        case = stats.case
        label = f"{case.case_id} seed {case.seed}"
        paths = []
        for asset in case.view.assets:
            if not asset.markable or not asset.width:
                continue
            marks = tuple(tuple(m for m in ms if m.asset == asset.id) for ms in stats.marks)
            has_key = any(
                isinstance(f.location, Box) and f.location.asset == asset.id
                for f in case.key.findings
            )
            if not has_key and not any(marks):
                continue
            out = self.out_dir / f"{_slug(label)}--{_slug(asset.id)}.jpg"
            signature = hashlib.sha256(
                repr((stats.answered, marks, sorted(stats.found_by_id.items()))).encode()
            ).hexdigest()
            if self._drawn.get(out) != signature or not out.exists():
                draw_heatmap(
                    HeatmapJob(
                        label=label,
                        item=case.case_id,
                        asset=asset.id,
                        image=case.folder / asset.image_file,
                        key=case.key,
                        learners=stats.answered,
                        marks=marks,
                        found=stats.found_by_id,
                        out=out,
                    )
                )
                self._drawn[out] = signature
            paths.append(out)
        return paths
