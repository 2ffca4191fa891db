"""Identifying header fields read by tools nobody here wrote: exifread, pydicom and dcmdump.

A field is a hole when it is populated, identifies (an EXIF tag the taxonomy
has a category for; a DICOM attribute of PS3.15 Table E.1-1 that identifies),
and the key says nothing about it (no finding, no decoy on that tag).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import exifread
import pydicom
from pydicom.dataset import Dataset

from safeshare.model.key import Key
from safeshare.model.locations import MetaField
from safeshare.model.view import CaseView

EXIF_IDENTIFYING: dict[str, str] = {
    "DateTimeOriginal": "exif_timestamp",
    "DateTimeDigitized": "exif_timestamp",
    "DateTime": "exif_timestamp",
    "Artist": "exif_owner",
    "CameraOwnerName": "exif_owner",
    "Copyright": "exif_owner",
    "XPAuthor": "exif_owner",
    "BodySerialNumber": "exif_device_serial",
    "SerialNumber": "exif_device_serial",
    "LensSerialNumber": "exif_device_serial",
    "ImageUniqueID": "exif_device_serial",
    "ImageDescription": "exif_description",
    "UserComment": "exif_description",
    "XPComment": "exif_description",
    "XPTitle": "exif_description",
    "XPSubject": "exif_description",
    "GPSInfo": "exif_gps",
}
"""EXIF tags the taxonomy's exif_* categories describe; every GPS tag counts as GPSInfo."""

DICOM_IDENTIFYING: tuple[str, ...] = (
    # Patient (Table E.1-1 actions Z, D or X)
    "PatientName",
    "PatientID",
    "IssuerOfPatientID",
    "PatientBirthDate",
    "PatientBirthTime",
    "PatientSex",
    "PatientAge",
    "PatientSize",
    "PatientWeight",
    "PatientAddress",
    "OtherPatientIDs",
    "OtherPatientIDsSequence",
    "OtherPatientNames",
    "PatientBirthName",
    "PatientMotherBirthName",
    "PatientTelephoneNumbers",
    "PatientComments",
    "AdditionalPatientHistory",
    "Occupation",
    "EthnicGroup",
    "MilitaryRank",
    "MedicalRecordLocator",
    "ResponsiblePerson",
    "PatientInsurancePlanCodeSequence",
    # Institution, people and equipment
    "InstitutionName",
    "InstitutionAddress",
    "InstitutionalDepartmentName",
    "ReferringPhysicianName",
    "ReferringPhysicianAddress",
    "ReferringPhysicianTelephoneNumbers",
    "PerformingPhysicianName",
    "NameOfPhysiciansReadingStudy",
    "PhysiciansOfRecord",
    "RequestingPhysician",
    "OperatorsName",
    "StationName",
    "DeviceSerialNumber",
    "DetectorID",
    "GantryID",
    # Study numbers, dates and times
    "AccessionNumber",
    "StudyID",
    "PerformedProcedureStepID",
    "ScheduledProcedureStepID",
    "RequestedProcedureID",
    "StudyDate",
    "StudyTime",
    "SeriesDate",
    "SeriesTime",
    "AcquisitionDate",
    "AcquisitionTime",
    "AcquisitionDateTime",
    "ContentDate",
    "ContentTime",
    "InstanceCreationDate",
    "InstanceCreationTime",
    "PerformedProcedureStepStartDate",
    "PerformedProcedureStepStartTime",
    # Free text that carries identities in practice
    "StudyDescription",
    "SeriesDescription",
    "ImageComments",
    "ProtocolName",
    "DerivationDescription",
    "RequestedProcedureDescription",
    "PerformedProcedureStepDescription",
    "AdmittingDiagnosesDescription",
    "RequestAttributesSequence",
)
"""Attributes of DICOM PS3.15 Table E.1-1 that identify a patient, a place, a person, a time
or a machine. UIDs are left out: the renderer draws fresh ones per variant, which point to no
system (what the profile's U action does); private elements are checked apart."""


def private_tag(group: int, element: int) -> str:
    """How the header table and the key name a private element."""
    return f"Private ({group:04X},{element:04X})"


def keyed_tags(key: Key, asset_id: str) -> set[str]:
    """Header fields of this asset that the key has a finding or a decoy for."""
    locations = [f.location for f in key.findings] + [d.location for d in key.decoys]
    return {loc.tag for loc in locations if isinstance(loc, MetaField) and loc.asset == asset_id}


def exif_fields(path: Path) -> dict[str, str]:
    """Populated identifying EXIF fields, as exifread reads them (GPS tags folded to GPSInfo)."""
    with path.open("rb") as handle:
        tags = exifread.process_file(handle, details=False)
    found: dict[str, str] = {}
    for name, value in tags.items():
        ifd, _, tag = str(name).partition(" ")
        text = str(value).strip().strip("\x00")
        if ifd == "GPS":
            tag = "GPSInfo"
        elif tag == "GPSInfo":
            continue
        if tag in EXIF_IDENTIFYING and text:
            found.setdefault(tag, text)
    return found


def _populated(ds: Dataset, found: dict[str, str]) -> None:
    for element in ds:
        if element.VR == "SQ":
            if element.keyword in DICOM_IDENTIFYING and element.value:
                # The sequence is the field: what its items hold is keyed with it.
                found.setdefault(element.keyword, f"{len(element.value)} item(s)")
                continue
            for item in element.value:
                _populated(item, found)
            continue
        if element.tag.is_private:
            if element.tag.element >= 0x1000 and element.value not in (None, "", b""):
                found.setdefault(
                    private_tag(element.tag.group, element.tag.element), str(element.value)
                )
            continue
        if element.keyword in DICOM_IDENTIFYING and element.value not in (None, "", b""):
            found.setdefault(element.keyword, str(element.value))


def dicom_fields_pydicom(path: Path) -> dict[str, str]:
    """Populated identifying attributes (and private elements), as pydicom reads the file."""
    ds = pydicom.dcmread(path, stop_before_pixels=True)
    found: dict[str, str] = {}
    _populated(ds, found)
    return found


_DUMP_LINE = re.compile(
    r"^\s*\((?P<group>[0-9a-fA-F]{4}),(?P<element>[0-9a-fA-F]{4})\)\s+(?P<vr>\w\w)\s+"
    r"(?P<value>.*?)\s+#\s*\d+,\s*\d+\s+(?P<keyword>.+?)\s*$"
)


def dcmdump_available() -> bool:
    return shutil.which("dcmdump") is not None


def dicom_fields_dcmdump(path: Path) -> dict[str, str]:
    """Populated identifying attributes (and private elements), as DCMTK's dcmdump prints them."""
    out = subprocess.run(
        ["dcmdump", "-q", "+L", str(path)], capture_output=True, text=True, check=True
    ).stdout
    found: dict[str, str] = {}
    inside: int | None = None
    """Indent of an identifying sequence being skipped: its items are keyed with it."""
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip())
        if inside is not None:
            if indent > inside:
                continue
            inside = None
        match = _DUMP_LINE.match(line)
        if not match:
            continue
        group, element = int(match["group"], 16), int(match["element"], 16)
        keyword = match["keyword"].removeprefix("RETIRED_")
        value = match["value"]
        empty = value in ("(no value available)", "[]", "(Sequence with explicit length #=0)")
        empty = empty or (value.startswith("(Sequence with") and "#=0" in value)
        if group % 2 == 1:
            if element >= 0x1000 and not empty:
                found.setdefault(private_tag(group, element), value)
            continue
        if keyword in DICOM_IDENTIFYING and not empty:
            found.setdefault(keyword, value)
            if match["vr"] == "SQ":
                inside = indent
    return found


def header_holes(folder: Path, view: CaseView, key: Key, *, with_dcmdump: bool) -> list[str]:
    """'asset: field = value' for every identifying header field the key says nothing about."""
    problems: list[str] = []
    for asset in view.assets:
        path = folder / asset.file
        seen: dict[str, tuple[str, list[str]]] = {}
        readers: list[tuple[str, dict[str, str]]] = []
        if asset.media_type == "image/jpeg":
            readers.append(("exifread", exif_fields(path)))
        elif asset.media_type == "application/dicom":
            readers.append(("pydicom", dicom_fields_pydicom(path)))
            if with_dcmdump:
                readers.append(("dcmdump", dicom_fields_dcmdump(path)))
        for reader, fields in readers:
            for tag, value in fields.items():
                seen.setdefault(tag, (value, []))[1].append(reader)
        keyed = keyed_tags(key, asset.id)
        for tag, (value, by) in sorted(seen.items()):
            if tag not in keyed:
                problems.append(
                    f"{asset.id}: {tag} = {value[:60]!r} is populated but not keyed "
                    f"(read by {', '.join(by)})"
                )
    return problems


def dciodvfy_available() -> bool:
    return shutil.which("dciodvfy") is not None


def dciodvfy_errors(path: Path) -> list[str]:
    """The errors dicom3tools' dciodvfy reports for a file against its IOD."""
    run = subprocess.run(["dciodvfy", "-new", str(path)], capture_output=True, text=True)
    lines = (run.stdout + run.stderr).splitlines()
    return [line for line in lines if line.startswith("Error")]
