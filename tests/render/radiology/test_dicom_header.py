"""DICOM headers: real files pydicom reads back, findings matching the rows, profiles, options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image
from pydicom.uid import (
    UID,
    DigitalXRayImageStorageForPresentation,
    ExplicitVRLittleEndian,
    MRImageStorage,
)

from safeshare.errors import SpecError
from safeshare.model.facts import make_facts
from safeshare.model.locations import MetaField
from safeshare.model.spec_reader import FieldReader
from safeshare.render.context import RenderContext, RenderedAsset
from safeshare.render.radiology.dicom_file import MonochromePixels, write_radiology_asset
from safeshare.render.radiology.dicom_header import (
    PRIVATE_CREATOR,
    PRIVATE_TAG,
    HeaderOptions,
    ImageInfo,
    parse_header_options,
)
from safeshare.render.seeds import py_rng

INFO = ImageInfo(
    modality="MR",
    sop_class_uid=MRImageStorage,
    body_part="ABDOMEN",
    study_description="MR LIVER",
    series_description="AX T1",
    manufacturer="Meridian Medical",
    model="Meridian Solace 1.5T",
    station="MR-TEST-1",
    rows=32,
    columns=48,
    pixel_spacing=(0.7, 0.7),
    slice_thickness=4.0,
    burned_in=True,
)


def _ctx(
    tmp_path: Path,
    seed: int = 1,
    present: Mapping[str, float] | None = None,
    facts: Mapping[str, object] | None = None,
) -> RenderContext:
    return RenderContext(
        case_id="T01",
        asset_id="scan",
        seed=seed,
        facts=make_facts(py_rng(seed, "T01", "facts"), facts),
        work_dir=tmp_path,
        present_chances=present or {},
    )


def _write(ctx: RenderContext, header: HeaderOptions, info: ImageInfo = INFO) -> RenderedAsset:
    values = (np.arange(32 * 48, dtype=np.uint16).reshape(32, 48) % 4096).astype(np.uint16)
    preview = Image.fromarray((values // 16).astype(np.uint8), "L")
    pixels = MonochromePixels(values, bits_stored=12, window=(2048, 4096))
    return write_radiology_asset(ctx, header=header, info=info, pixels=pixels, preview=preview)


def _no_burn(info: ImageInfo) -> ImageInfo:
    return replace(info, burned_in=False)


def _meta_findings(ctx: RenderContext) -> dict[str, str]:
    return {f.location.tag: f.category for f in ctx.findings if isinstance(f.location, MetaField)}


def test_full_header_round_trips_through_pydicom(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    asset = _write(ctx, HeaderOptions(profile="full"))
    assert asset.media_type == "application/dicom"
    assert asset.preview == "scan.png" and (tmp_path / "scan.png").exists()
    ds = pydicom.dcmread(tmp_path / asset.file)
    f = ctx.facts
    assert ds.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID
    assert str(ds.PatientName) == f["patient.dicom_name"]
    assert ds.PatientID == f["patient.hospital_number"]
    assert ds.PatientBirthDate == f["patient.dob_dicom"]
    assert ds.AccessionNumber == f["accession"]
    assert ds.InstitutionName == f["hospital.name"]
    assert ds.StudyDate == f["procedure.date_dicom"]
    assert ds.BurnedInAnnotation == "YES"
    block = ds.private_block(0x0009, PRIVATE_CREATOR)
    assert block[0x10].value == f["patient.overlay_name"]
    assert ds.pixel_array.shape == (32, 48)
    assert int(ds.pixel_array[1, 2]) == 50
    for uid in (ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID):
        assert UID(uid).is_valid


def test_every_finding_names_a_row_and_the_categories_are_right(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    asset = _write(ctx, HeaderOptions(profile="full"))
    tags = {row.tag for row in asset.metadata}
    found = _meta_findings(ctx)
    assert set(found) <= tags
    assert found["PatientName"] == "dicom_patient_identity"
    assert found["PatientBirthDate"] == "dicom_patient_identity"
    assert found["PatientAddress"] == "dicom_patient_identity"
    assert found["InstitutionName"] == "dicom_care_context"
    assert found["ReferringPhysicianName"] == "dicom_care_context"
    assert found["StudyTime"] == "dicom_care_context"
    assert found["AccessionNumber"] == "dicom_study_number"
    assert found["StudyID"] == "dicom_study_number"
    assert found["DeviceSerialNumber"] == "dicom_device_serial"
    assert found[PRIVATE_TAG] == "dicom_private_tag"
    assert found["BurnedInAnnotation"] == "dicom_burned_in"
    # Harmless rows are shown but not findings; some are decoys.
    assert {"Modality", "Rows", "Columns", "PixelSpacing", "SliceThickness", "Manufacturer"} <= tags
    assert "Modality" not in found and "Manufacturer" not in found
    decoys = {d.location.tag for d in ctx.decoys if isinstance(d.location, MetaField)}
    assert {"Manufacturer", "PatientSex"} <= decoys
    labels = {row.tag: row.label for row in asset.metadata}
    assert labels["PatientName"] == "(0010,0010) Patient's Name"
    assert labels[PRIVATE_TAG].startswith("(0009,1010)")


def test_rows_are_in_tag_order(tmp_path: Path) -> None:
    asset = _write(_ctx(tmp_path), HeaderOptions(profile="full"))
    labels = [row.label[:11] for row in asset.metadata]
    assert labels == sorted(labels)


def test_age_over_89_is_a_finding(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path, facts={"patient.age": 94})
    _write(ctx, HeaderOptions(profile="full"))
    assert _meta_findings(ctx)["PatientAge"] == "dicom_patient_identity"


def test_optional_header_parts_follow_present(tmp_path: Path) -> None:
    ctx = _ctx(
        tmp_path,
        present={
            "header_private_tag": 0.0,
            "header_address": 0.0,
            "header_other_ids": 0.0,
            "header_operator": 0.0,
        },
    )
    asset = _write(ctx, HeaderOptions(profile="full"))
    ds = pydicom.dcmread(tmp_path / asset.file)
    tags = {row.tag for row in asset.metadata}
    assert not {PRIVATE_TAG, "PatientAddress", "OtherPatientIDsSequence"} & tags
    assert "OperatorsName" not in tags
    assert not [e for e in ds if e.tag.is_private]
    assert "PatientAddress" not in ds


def test_basic_profile_is_a_control(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    asset = _write(ctx, HeaderOptions(profile="basic_profile"), _no_burn(INFO))
    ds = pydicom.dcmread(tmp_path / asset.file)
    assert ctx.findings == []
    assert ds.PatientIdentityRemoved == "YES"
    assert str(ds.PatientName).startswith("ANON") and ds.PatientID == str(ds.PatientName)
    assert ds.PatientBirthDate == "" and ds.StudyDate == "" and ds.AccessionNumber == ""
    for gone in (
        "InstitutionName",
        "PatientAddress",
        "OtherPatientIDsSequence",
        "StudyDescription",
        "SeriesDescription",
        "ContentDate",
        "DeviceSerialNumber",
        "OperatorsName",
    ):
        assert gone not in ds
    assert not [e for e in ds if e.tag.is_private]
    codes = [item.CodeValue for item in ds.DeidentificationMethodCodeSequence]
    assert codes == ["113100"]
    assert ds.BurnedInAnnotation == "NO"
    decoys = {d.location.tag for d in ctx.decoys if isinstance(d.location, MetaField)}
    assert {"PatientName", "PatientID", "PatientIdentityRemoved"} <= decoys


def test_retain_options_leave_findings_behind(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    asset = _write(
        ctx, HeaderOptions(profile="basic_profile", keep=("dates", "device")), _no_burn(INFO)
    )
    ds = pydicom.dcmread(tmp_path / asset.file)
    found = _meta_findings(ctx)
    assert found == {
        "StudyDate": "dicom_care_context",
        "StudyTime": "dicom_care_context",
        "SeriesDate": "dicom_care_context",
        "ContentDate": "dicom_care_context",
        "ContentTime": "dicom_care_context",
        "StationName": "dicom_device_serial",
        "DeviceSerialNumber": "dicom_device_serial",
    }
    assert ds.StudyDate == ctx.facts["procedure.date_dicom"]
    codes = [item.CodeValue for item in ds.DeidentificationMethodCodeSequence]
    assert codes == ["113100", "113106", "113109"]


def test_burned_in_text_keeps_its_finding_after_header_deidentification(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    _write(ctx, HeaderOptions(profile="basic_profile"))
    assert _meta_findings(ctx) == {"BurnedInAnnotation": "dicom_burned_in"}


def test_profile_none_writes_only_a_png(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path)
    asset = _write(ctx, HeaderOptions(profile="none"))
    assert asset.file == "scan.png" and asset.media_type == "image/png"
    assert asset.metadata == () and ctx.findings == []
    assert not list(tmp_path.glob("*.dcm"))


def test_same_seed_same_bytes_other_seed_other_uids(tmp_path: Path) -> None:
    paths = []
    for seed, folder in ((1, "a"), (1, "b"), (2, "c")):
        work = tmp_path / folder
        work.mkdir()
        asset = _write(_ctx(work, seed), HeaderOptions(profile="full"))
        paths.append(work / asset.file)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    a, c = pydicom.dcmread(paths[0]), pydicom.dcmread(paths[2])
    assert a.SOPInstanceUID != c.SOPInstanceUID and a.StudyInstanceUID != c.StudyInstanceUID


def _parse(options: Mapping[str, object]) -> HeaderOptions:
    reader = FieldReader(dict(options), source="spec.yaml", path="assets[0].options")
    parsed = parse_header_options(reader)
    reader.finish()
    return parsed


def test_header_options_parse_and_refuse() -> None:
    assert _parse({}) == HeaderOptions(profile="full", keep=())
    assert _parse({"header": "basic_profile", "keep": ["dates"]}).keep == ("dates",)
    with pytest.raises(SpecError, match="retain options only apply"):
        _parse({"header": "full", "keep": ["dates"]})
    with pytest.raises(SpecError, match="'hair_colour' is not one of"):
        _parse({"header": "basic_profile", "keep": ["hair_colour"]})
    with pytest.raises(SpecError, match="is not one of"):
        _parse({"header": "anonymous"})


def test_mr_file_carries_its_iod_modules(tmp_path: Path) -> None:
    asset = _write(_ctx(tmp_path), HeaderOptions(profile="full"))
    ds = pydicom.dcmread(tmp_path / asset.file)
    assert list(ds.ImageType) == ["ORIGINAL", "PRIMARY", "OTHER"]
    assert ds.ScanningSequence and ds.SequenceVariant and ds.PatientPosition == "HFS"
    assert len(ds.ImagePositionPatient) == 3 and len(ds.ImageOrientationPatient) == 6
    assert "OtherPatientIDs" not in ds


def test_dx_file_carries_its_iod_modules(tmp_path: Path) -> None:
    info = replace(
        INFO,
        modality="DX",
        sop_class_uid=DigitalXRayImageStorageForPresentation,
        body_part="CHEST",
        slice_thickness=None,
    )
    asset = _write(_ctx(tmp_path), HeaderOptions(profile="basic_profile"), _no_burn(info))
    ds = pydicom.dcmread(tmp_path / asset.file)
    assert ds.PresentationIntentType == "FOR PRESENTATION"
    assert [float(v) for v in ds.ImagerPixelSpacing] == [0.7, 0.7]
    assert (ds.RescaleSlope, ds.RescaleIntercept, ds.RescaleType) == ("1", "0", "US")
    assert ds.AnatomicRegionSequence[0].CodeMeaning == "Chest"
    assert "StudyDescription" not in ds and "SeriesDescription" not in ds
