"""What a learner sees of a rendered case: assets, the post, the consent record. No key."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from safeshare.taxonomy.consent import (
    Capacity,
    ConsentForm,
    ConsentRecord,
    PatientStatus,
    Purpose,
)

__all__ = [
    "VIEW_SCHEMA",
    "AssetView",
    "CaseView",
    "MetaRow",
    "Post",
    "Profile",
    "Reply",
    "ThreadPost",
    "consent_from_dict",
    "consent_to_dict",
]

VIEW_SCHEMA = 1


@dataclass(frozen=True, slots=True)
class MetaRow:
    """One row of an EXIF or DICOM header table."""

    tag: str
    """EXIF tag name or DICOM keyword: what an answer names."""
    label: str
    """How a viewer shows it, e.g. '(0010,0010) Patient's Name'."""
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AssetView:
    """A file the learner sees: an image, a DICOM file, a rendered post or form."""

    id: str
    type: str
    """The renderer that made it, e.g. 'endoscopy_frame'."""
    file: str
    """File name inside the case folder."""
    media_type: str
    width: int = 0
    height: int = 0
    preview: str = ""
    """A PNG of a non-PNG asset (a DICOM's pixels), same pixel grid as its boxes."""
    caption: str = ""
    metadata: tuple[MetaRow, ...] = ()
    """Header rows a learner can tick (EXIF of a JPEG, a DICOM header)."""
    markable: bool = True
    """Whether boxes are drawn on this asset (not on a post card or form)."""

    @property
    def image_file(self) -> str:
        """The file to show as a picture (the preview for a DICOM)."""
        return self.preview or self.file

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "file": self.file,
            "media_type": self.media_type,
            "width": self.width,
            "height": self.height,
            "preview": self.preview,
            "caption": self.caption,
            "metadata": [[r.tag, r.label, r.value] for r in self.metadata],
            "markable": self.markable,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AssetView:
        return cls(
            id=data["id"],
            type=data["type"],
            file=data["file"],
            media_type=data["media_type"],
            width=int(data["width"]),
            height=int(data["height"]),
            preview=data.get("preview", ""),
            caption=data.get("caption", ""),
            metadata=tuple(MetaRow(*row) for row in data.get("metadata", [])),
            markable=bool(data.get("markable", True)),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """The author (or a replier) of a post."""

    display_name: str
    handle: str
    bio: str = ""
    location: str = ""
    verified: bool = False
    avatar_color: str = "#7a4b8c"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    author: Profile
    text: str
    posted_at: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ThreadPost:
    """An earlier post by the same author in the same thread or timeline."""

    text: str
    posted_at: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Post:
    """A social-media post, platform-neutral."""

    author: Profile
    text: str
    posted_at: str
    images: tuple[str, ...] = ()
    """Asset ids of the images embedded in the post."""
    alt_text: str = ""
    location_tag: str = ""
    replies: tuple[Reply, ...] = ()
    thread: tuple[ThreadPost, ...] = ()
    views: str = ""
    likes: str = ""

    def text_fields(self) -> dict[str, str]:
        """Every field a span can point into, by its name."""
        fields = {
            "text": self.text,
            "alt_text": self.alt_text,
            "location_tag": self.location_tag,
            "posted_at": self.posted_at,
            "author.display_name": self.author.display_name,
            "author.handle": self.author.handle,
            "author.bio": self.author.bio,
            "author.location": self.author.location,
        }
        for i, reply in enumerate(self.replies):
            fields[f"replies.{i}.text"] = reply.text
            fields[f"replies.{i}.author.display_name"] = reply.author.display_name
            fields[f"replies.{i}.author.handle"] = reply.author.handle
        for i, earlier in enumerate(self.thread):
            fields[f"thread.{i}.text"] = earlier.text
            fields[f"thread.{i}.posted_at"] = earlier.posted_at
        return fields

    def to_dict(self) -> dict[str, Any]:
        def profile(p: Profile) -> dict[str, Any]:
            return {
                "display_name": p.display_name,
                "handle": p.handle,
                "bio": p.bio,
                "location": p.location,
                "verified": p.verified,
                "avatar_color": p.avatar_color,
            }

        return {
            "author": profile(self.author),
            "text": self.text,
            "posted_at": self.posted_at,
            "images": list(self.images),
            "alt_text": self.alt_text,
            "location_tag": self.location_tag,
            "replies": [
                {"author": profile(r.author), "text": r.text, "posted_at": r.posted_at}
                for r in self.replies
            ],
            "thread": [{"text": t.text, "posted_at": t.posted_at} for t in self.thread],
            "views": self.views,
            "likes": self.likes,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Post:
        return cls(
            author=Profile(**data["author"]),
            text=data["text"],
            posted_at=data["posted_at"],
            images=tuple(data.get("images", [])),
            alt_text=data.get("alt_text", ""),
            location_tag=data.get("location_tag", ""),
            replies=tuple(
                Reply(author=Profile(**r["author"]), text=r["text"], posted_at=r["posted_at"])
                for r in data.get("replies", [])
            ),
            thread=tuple(ThreadPost(**t) for t in data.get("thread", [])),
            views=data.get("views", ""),
            likes=data.get("likes", ""),
        )


def consent_to_dict(record: ConsentRecord) -> dict[str, Any]:
    return {
        "form": record.form.value,
        "purposes": [p.value for p in record.purposes],
        "platforms": list(record.platforms),
        "public_visibility_explained": record.public_visibility_explained,
        "loss_of_control_explained": record.loss_of_control_explained,
        "capacity": record.capacity.value,
        "voluntary": record.voluntary,
        "withdrawn": record.withdrawn,
        "patient_status": record.patient_status.value,
        "consented_by": record.consented_by,
        "date": record.date,
        "notes": record.notes,
    }


def consent_from_dict(data: Mapping[str, Any]) -> ConsentRecord:
    return ConsentRecord(
        form=ConsentForm(data["form"]),
        purposes=tuple(Purpose(p) for p in data.get("purposes", [])),
        platforms=tuple(data.get("platforms", [])),
        public_visibility_explained=bool(data.get("public_visibility_explained", False)),
        loss_of_control_explained=bool(data.get("loss_of_control_explained", False)),
        capacity=Capacity(data.get("capacity", "assessed")),
        voluntary=bool(data.get("voluntary", True)),
        withdrawn=bool(data.get("withdrawn", False)),
        patient_status=PatientStatus(data.get("patient_status", "adult")),
        consented_by=str(data.get("consented_by", "patient")),
        date=str(data.get("date", "")),
        notes=str(data.get("notes", "")),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseView:
    """Everything a learner is shown of one rendered case, and nothing of its key."""

    case_id: str
    seed: int
    title: str
    kind: str
    difficulty: int
    objectives: tuple[str, ...]
    brief: str
    assets: tuple[AssetView, ...]
    post: Post | None = None
    consent: ConsentRecord | None = None
    consent_asset: str = ""
    """Asset id of the rendered consent form, if any."""
    post_asset: str = ""
    """Asset id of the rendered post card, if any."""
    extra: dict[str, Any] = field(default_factory=dict)

    def asset(self, asset_id: str) -> AssetView:
        for a in self.assets:
            if a.id == asset_id:
                return a
        raise KeyError(f"case {self.case_id} has no asset {asset_id!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": VIEW_SCHEMA,
            "case_id": self.case_id,
            "seed": self.seed,
            "title": self.title,
            "kind": self.kind,
            "difficulty": self.difficulty,
            "objectives": list(self.objectives),
            "brief": self.brief,
            "assets": [a.to_dict() for a in self.assets],
            "post": self.post.to_dict() if self.post else None,
            "consent": consent_to_dict(self.consent) if self.consent else None,
            "consent_asset": self.consent_asset,
            "post_asset": self.post_asset,
            "extra": self.extra,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CaseView:
        return cls(
            case_id=data["case_id"],
            seed=int(data["seed"]),
            title=data["title"],
            kind=data["kind"],
            difficulty=int(data["difficulty"]),
            objectives=tuple(data["objectives"]),
            brief=data["brief"],
            assets=tuple(AssetView.from_dict(a) for a in data["assets"]),
            post=Post.from_dict(data["post"]) if data.get("post") else None,
            consent=consent_from_dict(data["consent"]) if data.get("consent") else None,
            consent_asset=data.get("consent_asset", ""),
            post_asset=data.get("post_asset", ""),
            extra=dict(data.get("extra", {})),
        )
