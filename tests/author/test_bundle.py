"""Bundles: an educator's carries the spec and shares the case; a learner's carries no key.

Import refuses a member escaping its folder (zip slip), a symbolic link, an
oversized member, a file the manifest does not list or whose hash differs,
and writes nothing when it does.
"""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from pathlib import Path

import pytest

from safeshare.author.bundle import MANIFEST, export_bundle, import_bundle, read_bundle
from safeshare.cases.bank import find_case
from safeshare.cases.cache import load_key, rendered_spec
from safeshare.errors import BundleError


def _case(bank: Path) -> Path:
    return next(p for p in bank.iterdir() if p.is_dir() and not p.name.startswith("."))


@pytest.fixture(scope="module")
def educator_zip(saved_bank: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_bundle(_case(saved_bank), tmp_path_factory.mktemp("zips") / "A01.zip")


def test_an_educators_bundle_moves_the_case_to_another_bank(
    educator_zip: Path, saved_bank: Path, tmp_path: Path
) -> None:
    folder = import_bundle(educator_zip, bank=tmp_path / "colleague")
    assert folder.name == _case(saved_bank).name
    theirs = load_key(rendered_spec(find_case("A01", tmp_path / "colleague"), seed=2))
    ours = load_key(rendered_spec(find_case("A01", saved_bank), seed=2))
    assert theirs.to_dict() == ours.to_dict()


def test_a_learners_bundle_has_variants_and_no_key(saved_bank: Path, tmp_path: Path) -> None:
    path = export_bundle(
        _case(saved_bank), tmp_path / "learner.zip", audience="learner", seeds=(1, 2)
    )
    names = zipfile.ZipFile(path).namelist()
    assert any(n.endswith("seed-1/case.json") for n in names)
    assert any(n.endswith("seed-2/case.json") for n in names)
    assert not [n for n in names if n.endswith(("key.json", ".yaml", "draft.json", "guard.json"))]
    with pytest.raises(BundleError, match="learner's bundle"):
        import_bundle(path, bank=tmp_path / "bank")
    assert not (tmp_path / "bank").exists() or not list((tmp_path / "bank").iterdir())


def _forge(path: Path, members: dict[str, bytes], *, links: tuple[str, ...] = ()) -> Path:
    folder = "A09-forged"
    files = [
        {"name": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
        for n, d in members.items()
    ]
    manifest = {
        "schema": 1,
        "format": "safeshare-case-bundle",
        "audience": "educator",
        "folder": folder,
        "files": files,
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(MANIFEST, json.dumps(manifest))
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return path


@pytest.mark.parametrize(
    ("members", "links", "problem"),
    [
        ({"A09-forged/../../evil.txt": b"x"}, (), "escapes"),
        ({"../evil.txt": b"x"}, (), "escapes"),
        ({"/tmp/evil.txt": b"x"}, (), "absolute path"),
        ({"A09-forged/C:evil.txt": b"x", "C:/evil.txt": b"x"}, (), "absolute path"),
        ({"A09-forged\\..\\evil.txt": b"x"}, (), "unsafe name"),
        ({"A09-forged/link.yaml": b"/etc/passwd"}, ("A09-forged/link.yaml",), "symbolic link"),
        ({"elsewhere/spec.yaml": b"x"}, (), "outside the case folder"),
    ],
)
def test_an_unsafe_member_is_refused_and_nothing_written(
    tmp_path: Path, members: dict[str, bytes], links: tuple[str, ...], problem: str
) -> None:
    bundle = _forge(tmp_path / "bad.zip", members, links=links)
    bank = tmp_path / "bank"
    with pytest.raises(BundleError, match=problem) as caught:
        import_bundle(bundle, bank=bank)
    assert "bad.zip" in str(caught.value) and "\n" not in str(caught.value)
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()
    assert not bank.exists() or list(bank.iterdir()) == []


def test_an_oversized_member_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import safeshare.author.bundle as bundle_module

    monkeypatch.setattr(bundle_module, "MAX_MEMBER_BYTES", 1000)
    bundle = _forge(tmp_path / "big.zip", {"A09-forged/big.png": b"\0" * 5000})
    with pytest.raises(BundleError, match="more than 1,000"):
        read_bundle(bundle)


def test_a_member_larger_than_its_manifest_says_is_refused(
    educator_zip: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(educator_zip) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        members = {n: archive.read(n) for n in archive.namelist() if n != MANIFEST}
    for entry in manifest["files"]:
        entry["size"] = 10  # the member is bigger: reading stops at the declared size
    lying = tmp_path / "lying.zip"
    with zipfile.ZipFile(lying, "w") as archive:
        archive.writestr(MANIFEST, json.dumps(manifest))
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(BundleError, match="larger than 10 bytes"):
        import_bundle(lying, bank=tmp_path / "bank")


def test_unlisted_or_altered_members_are_refused(educator_zip: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(educator_zip) as archive:
        manifest = archive.read(MANIFEST)
        members = {n: archive.read(n) for n in archive.namelist() if n != MANIFEST}
    extra = tmp_path / "extra.zip"
    with zipfile.ZipFile(extra, "w") as archive:
        archive.writestr(MANIFEST, manifest)
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr(f"{next(iter(members)).split('/')[0]}/extra.py", b"print('hi')")
    with pytest.raises(BundleError, match="not listed"):
        import_bundle(extra, bank=tmp_path / "bank")
    altered = tmp_path / "altered.zip"
    with zipfile.ZipFile(altered, "w") as archive:
        archive.writestr(MANIFEST, manifest)
        for name, data in members.items():
            archive.writestr(
                name, data.replace(b"Ward", b"Word") if name.endswith(".yaml") else data
            )
    with pytest.raises(BundleError, match="SHA-256"):
        import_bundle(altered, bank=tmp_path / "bank")


def test_not_a_zip_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "case.zip"
    path.write_text("hello")
    with pytest.raises(BundleError, match="not a readable zip") as caught:
        import_bundle(path, bank=tmp_path / "bank")
    assert str(path) in str(caught.value)


def test_a_folder_naming_another_case_is_refused(educator_zip: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(educator_zip) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        members = {n: archive.read(n) for n in archive.namelist() if n != MANIFEST}
    old = manifest["folder"]
    manifest["folder"] = "E01-polyp-with-overlay"
    for entry in manifest["files"]:
        entry["name"] = entry["name"].replace(old, manifest["folder"], 1)
    renamed = tmp_path / "renamed.zip"
    with zipfile.ZipFile(renamed, "w") as archive:
        archive.writestr(MANIFEST, json.dumps(manifest))
        for name, data in members.items():
            archive.writestr(name.replace(old, manifest["folder"], 1), data)
    with pytest.raises(BundleError, match="does not hold case A01"):
        import_bundle(renamed, bank=tmp_path / "bank")
    assert list((tmp_path / "bank").iterdir()) == []
