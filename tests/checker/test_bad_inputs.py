"""Bad input: one line on stderr, exit status 2, nothing written."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from pydicom.data import get_testdata_file

from safeshare.cli.main import main


def truncated_jpeg(folder: Path) -> Path:
    whole = folder / "whole.jpg"
    Image.effect_noise((400, 300), 60).convert("RGB").save(whole, "JPEG")
    path = folder / "truncated.jpg"
    path.write_bytes(whole.read_bytes()[:4000])
    return path


def decompression_bomb(folder: Path) -> Path:
    """A PNG of a few hundred bytes that declares 100,000 x 100,000 pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    data += chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b"")
    path = folder / "bomb.png"
    path.write_bytes(data)
    return path


def not_an_image(folder: Path) -> Path:
    path = folder / "notes.jpg"
    path.write_text("Patient seen in clinic today.\n", encoding="utf-8")
    return path


def malformed_dicom(folder: Path) -> Path:
    whole = Path(str(get_testdata_file("CT_small.dcm", download=False))).read_bytes()
    path = folder / "cut.dcm"
    path.write_bytes(whole[:1500])
    return path


def huge_post(folder: Path) -> Path:
    path = folder / "post.txt"
    path.write_text("Lovely case. " * 20_000, encoding="utf-8")
    return path


MAKERS = [truncated_jpeg, decompression_bomb, not_an_image, malformed_dicom]


@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__)
def test_check_refuses_in_one_line_with_status_2(
    make: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert callable(make)
    path = make(tmp_path)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"safeshare: error: {path}: ")


@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__)
def test_deidentify_refuses_and_writes_nothing(
    make: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert callable(make)
    path = make(tmp_path)
    out = tmp_path / "out"
    target = out / ("clean.dcm" if path.suffix == ".dcm" else "clean.png")
    assert main(["deidentify", str(path), "--out", str(target)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not out.exists() or list(out.iterdir()) == []


def test_a_huge_post_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--post", str(huge_post(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "characters" in err
