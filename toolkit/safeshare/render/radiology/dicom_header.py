"""The DICOM header of a radiology asset: who, where, when and which machine.

A spec picks a header profile. `full` carries everything a scanner writes
(name, ID, date of birth, address, hospital, physicians, study, series and
content dates, accession number, device serial, a private tag copying the
name). `basic_profile` is the header after de-identification with DICOM PS3.15
Annex E's Basic Application Level Confidentiality Profile: names and IDs
replaced by dummy values, dates and numbers emptied, the rest removed (the
study and series descriptions too, as no spec applies the Clean Descriptors
option), PatientIdentityRemoved = YES. `keep`
names the Annex E retain options a de-identifier was told to apply (each one
leaves identifying attributes behind). `none` means no DICOM file travels.

Every attribute a learner could tick is a row of the header table; the
identifying ones are recorded as findings, the harmless look-alikes as decoys.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydicom.datadict import dictionary_description, tag_for_keyword
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from pydicom.uid import generate_uid

from safeshare.model.spec_reader import FieldReader
from safeshare.model.view import MetaRow
from safeshare.render.context import RenderContext
from safeshare.render.seeds import py_rng

__all__ = [
    "HEADER_PARTS",
    "KEEP_OPTIONS",
    "PRIVATE_TAG",
    "PROFILES",
    "Header",
    "HeaderOptions",
    "ImageInfo",
    "build_header",
    "parse_header_options",
    "station_name",
]

PROFILES = ("full", "basic_profile", "none")
KEEP_OPTIONS = {
    "dates": ("113106", "Retain Longitudinal Temporal Information Full Dates Option"),
    "device": ("113109", "Retain Device Identity Option"),
    "institution": ("113112", "Retain Institution Identity Option"),
    "patient_characteristics": ("113108", "Retain Patient Characteristics Option"),
}
"""Annex E retain options a spec may ask for, with their DCM code and meaning."""
HEADER_PARTS = ("header_address", "header_other_ids", "header_operator", "header_private_tag")
"""Optional identifiers of a full header, gated by the spec's `present:` chances."""

PRIVATE_GROUP = 0x0009
PRIVATE_CREATOR = "HALDEN PACS 2"
PRIVATE_TAG = "Private (0009,1010)"
"""How the private element holding the patient's name is named in the header table."""
_PRIVATE_LABEL = f"(0009,1010) Private tag [{PRIVATE_CREATOR}]"

_OPERATORS = [
    "HOLT^K",
    "MBEKI^T",
    "FARRANT^J",
    "OYELOWO^A",
    "LISTER^P",
    "KAUR^H",
    "DUNMORE^S",
    "ASHBY^R",
    "PEARCE^L",
    "NOVAK^M",
]
_INSTITUTION_STREETS = ["Infirmary Road", "Hospital Lane", "Vale Road", "College Street"]


@dataclass(frozen=True, slots=True, kw_only=True)
class HeaderOptions:
    """A spec's choice of header."""

    profile: str = "full"
    """full | basic_profile | none (no DICOM file: the image travels as a PNG export)."""
    keep: tuple[str, ...] = ()
    """Annex E retain options applied with basic_profile (see KEEP_OPTIONS)."""


def parse_header_options(reader: FieldReader, *, default: str = "full") -> HeaderOptions:
    """Read `header:` and `keep:` from a renderer's options (the caller calls finish())."""
    profile = reader.choice("header", PROFILES, default)
    keep = reader.strings("keep")
    for item in keep:
        if item not in KEEP_OPTIONS:
            raise reader.error("keep", f"{item!r} is not one of: {', '.join(sorted(KEEP_OPTIONS))}")
    if keep and profile != "basic_profile":
        raise reader.error("keep", "retain options only apply with header: basic_profile")
    return HeaderOptions(profile=profile, keep=keep)


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageInfo:
    """What the renderer knows about the image it made, for the header."""

    modality: str
    sop_class_uid: str
    body_part: str
    study_description: str
    series_description: str
    manufacturer: str
    model: str
    station: str
    """Station name as the site configured it, e.g. 'XR-ROOM2'."""
    rows: int
    columns: int
    pixel_spacing: tuple[float, float] | None = None
    slice_thickness: float | None = None
    burned_in: bool = False
    """Identifying text is burned into the pixels."""
    recognizable_face: bool = False
    """The pixels show a face (a volume rendering)."""
    image_type: tuple[str, ...] = ("ORIGINAL", "PRIMARY")


@dataclass(frozen=True, slots=True)
class Header:
    """A dataset without pixels, and the rows of the header table a learner sees."""

    dataset: Dataset
    rows: tuple[MetaRow, ...]


def station_name(prefix: str, ctx: RenderContext) -> str:
    """A station name as a site configures it: modality, site, room (SH: at most 16 characters)."""
    site = ctx.facts["hospital.hashtag"].upper()[:8]
    return f"{prefix}-{site}-{ctx.rng('station').randrange(1, 6)}"[:16]


def _label(keyword: str) -> str:
    tag = tag_for_keyword(keyword)
    if tag is None:
        raise ValueError(f"{keyword!r} is not a DICOM keyword")
    return f"({tag >> 16:04X},{tag & 0xFFFF:04X}) {dictionary_description(tag)}"


def _sort_key(row: MetaRow) -> str:
    return row.label[:11]


def _shown(value: object) -> str:
    """A value as a header viewer prints it (multiple values joined by a backslash)."""
    if value is None or value == "":
        return ""
    if isinstance(value, (list, tuple, MultiValue)):
        return "\\".join(str(v) for v in value)
    return str(value)


def _dicom_person(family: str, given: str) -> str:
    return f"{family.upper()}^{given.upper()}"


class _Writer:
    """Sets attributes and records each as a finding, a decoy or a plain row."""

    def __init__(self, ctx: RenderContext, ds: Dataset) -> None:
        self.ctx = ctx
        self.ds = ds
        self.rows: list[MetaRow] = []

    def put(
        self, keyword: str, value: object, *, category: str = "", decoy: str = "", show: bool = True
    ) -> None:
        setattr(self.ds, keyword, value)
        if not show:
            return
        shown = _shown(self.ds[keyword].value)
        self.rows.append(MetaRow(keyword, _label(keyword), shown))
        if category:
            self.ctx.meta(category, keyword, f"{keyword} = {shown}")
        elif decoy:
            self.ctx.decoy_meta(keyword, decoy)


def _uids(ctx: RenderContext, ds: Dataset, info: ImageInfo, *, salt: str) -> None:
    """Deterministic UIDs: the study's from the case, the series and instance from the asset."""
    study = py_rng(ctx.seed, ctx.case_id, "dicom-study-uid", salt)
    own = ctx.rng("dicom-uid", salt)
    ds.StudyInstanceUID = generate_uid(entropy_srcs=[f"{study.getrandbits(128):032x}"])
    ds.SeriesInstanceUID = generate_uid(entropy_srcs=[f"{own.getrandbits(128):032x}", "series"])
    ds.SOPInstanceUID = generate_uid(entropy_srcs=[f"{own.getrandbits(128):032x}", "instance"])
    ds.SOPClassUID = info.sop_class_uid
    ds.FrameOfReferenceUID = generate_uid(entropy_srcs=[f"{own.getrandbits(128):032x}", "frame"])


def _image_rows(w: _Writer, info: ImageInfo, *, describe: bool) -> None:
    """The harmless attributes: what the image is, not whose.

    `describe` keeps the study and series descriptions: a full header has them;
    the basic profile removes them (action X) unless the Clean Descriptors
    option is applied, which no spec asks for.
    """
    w.put("Modality", info.modality)
    w.put(
        "BodyPartExamined",
        info.body_part,
        decoy="The body part examined says what was scanned, not whose body it is.",
    )
    if describe:
        w.put(
            "StudyDescription",
            info.study_description,
            decoy="Names the examination, not the patient: no name or number in it.",
        )
        w.put(
            "SeriesDescription",
            info.series_description,
            decoy="Names the series (view or sequence), not the patient.",
        )
    w.put("ImageType", list(info.image_type), show=False)
    w.put("Rows", info.rows)
    w.put("Columns", info.columns)
    if info.pixel_spacing is not None:
        w.put("PixelSpacing", [f"{info.pixel_spacing[0]:.4g}", f"{info.pixel_spacing[1]:.4g}"])
    if info.slice_thickness is not None:
        w.put("SliceThickness", f"{info.slice_thickness:.4g}")
    if info.recognizable_face:
        w.put("RecognizableVisualFeatures", "YES")
    w.put(
        "Manufacturer",
        info.manufacturer,
        decoy="The maker of the scanner: a brand, not a person; no profile removes it.",
    )
    w.put("ManufacturerModelName", info.model)


def _burned_in(w: _Writer, info: ImageInfo) -> None:
    if info.burned_in:
        w.put("BurnedInAnnotation", "YES", category="dicom_burned_in")
    else:
        w.put("BurnedInAnnotation", "NO")


def _content_date_time(w: _Writer, ctx: RenderContext) -> None:
    """When the pixels were made: the procedure's date and time, shown and keyed.

    The basic profile empties or removes them (Z/D), so only a full header or the
    Retain Longitudinal Temporal Information option leaves them behind.
    """
    f = ctx.facts
    w.put("ContentDate", f["procedure.date_dicom"], category="dicom_care_context")
    w.put("ContentTime", f["procedure.time_dicom"], category="dicom_care_context")


def _other_ids(w: _Writer, nhs_number: str) -> None:
    """The NHS number as an Other Patient IDs Sequence item (OtherPatientIDs is retired)."""
    item = Dataset()
    item.PatientID = nhs_number
    item.IssuerOfPatientID = "NHS"
    item.TypeOfPatientID = "TEXT"
    w.ds.OtherPatientIDsSequence = [item]
    keyword = "OtherPatientIDsSequence"
    w.rows.append(MetaRow(keyword, _label(keyword), nhs_number))
    w.ctx.meta("dicom_patient_identity", keyword, f"{keyword} > PatientID = {nhs_number}")


def _full(ctx: RenderContext, w: _Writer, info: ImageInfo) -> None:
    f = ctx.facts
    rng = ctx.rng("dicom-header")
    identity = "dicom_patient_identity"
    care = "dicom_care_context"
    age = int(f["patient.age"])
    w.put("PatientName", f["patient.dicom_name"], category=identity)
    w.put("PatientID", f["patient.hospital_number"], category=identity)
    w.put("PatientBirthDate", f["patient.dob_dicom"], category=identity)
    w.put("PatientSex", f["patient.sex"], decoy="Sex alone does not single anyone out.")
    if age > 89:
        w.put("PatientAge", f"{age:03d}Y", category=identity)
    else:
        w.put(
            "PatientAge",
            f"{age:03d}Y",
            decoy=(
                "An age under 90 is not one of HIPAA Safe Harbor's identifiers (ages over 89 "
                "are); with a date and place it can still narrow who this is."
            ),
        )
    if ctx.present("header_other_ids"):
        _other_ids(w, f["patient.nhs_number"])
    if ctx.present("header_address"):
        w.put(
            "PatientAddress", f"{f['patient.address']} {f['patient.postcode']}", category=identity
        )
    street = rng.choice(_INSTITUTION_STREETS)
    w.put("InstitutionName", f["hospital.name"], category=care)
    w.put("InstitutionAddress", f"{street}, {f['town']}", category=care)
    w.put("ReferringPhysicianName", f["colleague.dicom"], category=care)
    w.put(
        "PerformingPhysicianName",
        _dicom_person(f["clinician.family"], f["clinician.given"]),
        category=care,
    )
    if ctx.present("header_operator"):
        w.put("OperatorsName", rng.choice(_OPERATORS), category=care)
    w.put("StationName", info.station, category="dicom_device_serial")
    w.put("DeviceSerialNumber", f"{rng.randrange(10**7, 10**8)}", category="dicom_device_serial")
    w.put("AccessionNumber", f["accession"], category="dicom_study_number")
    w.put("StudyID", f"{rng.randrange(1000, 99999)}", category="dicom_study_number")
    w.put("StudyDate", f["procedure.date_dicom"], category=care)
    w.put("StudyTime", f["procedure.time_dicom"], category=care)
    w.put("SeriesDate", f["procedure.date_dicom"], category=care)
    _content_date_time(w, ctx)
    if ctx.present("header_private_tag"):
        block = w.ds.private_block(PRIVATE_GROUP, PRIVATE_CREATOR, create=True)
        block.add_new(0x10, "LO", f["patient.overlay_name"])
        w.rows.append(MetaRow(PRIVATE_TAG, _PRIVATE_LABEL, f["patient.overlay_name"]))
        ctx.meta("dicom_private_tag", PRIVATE_TAG, f"{PRIVATE_TAG} = {f['patient.overlay_name']}")


def _basic(ctx: RenderContext, w: _Writer, info: ImageInfo, keep: tuple[str, ...]) -> None:
    """Annex E basic profile: Z attributes emptied or dummied, X attributes removed."""
    f = ctx.facts
    rng = ctx.rng("dicom-header")
    code = f"ANON{rng.randrange(10000, 99999)}"
    dummy = "A dummy value the de-identifier put in place of the real one: it points to no one."
    emptied = "Emptied by the de-identification (zero length): nothing left to identify."
    w.put("PatientName", code, decoy=dummy)
    w.put("PatientID", code, decoy=dummy)
    w.put("PatientBirthDate", "", decoy=emptied)
    if "patient_characteristics" in keep:
        age = int(f["patient.age"])
        w.put(
            "PatientSex",
            f["patient.sex"],
            decoy="Kept on purpose (Retain Patient Characteristics): sex alone does not identify.",
        )
        if age > 89:
            w.put("PatientAge", f"{age:03d}Y", category="dicom_patient_identity")
        else:
            w.put(
                "PatientAge",
                f"{age:03d}Y",
                decoy="Kept on purpose: an age under 90 alone does not identify.",
            )
    else:
        w.put("PatientSex", "")
    if "institution" in keep:
        w.put("InstitutionName", f["hospital.name"], category="dicom_care_context")
    w.put("ReferringPhysicianName", "")
    if "device" in keep:
        w.put("StationName", info.station, category="dicom_device_serial")
        w.put(
            "DeviceSerialNumber", f"{rng.randrange(10**7, 10**8)}", category="dicom_device_serial"
        )
    w.put("AccessionNumber", "", decoy=emptied)
    w.put("StudyID", "")
    if "dates" in keep:
        w.put("StudyDate", f["procedure.date_dicom"], category="dicom_care_context")
        w.put("StudyTime", f["procedure.time_dicom"], category="dicom_care_context")
        w.put("SeriesDate", f["procedure.date_dicom"], category="dicom_care_context")
        _content_date_time(w, ctx)
    else:
        w.put("StudyDate", "", decoy=emptied)
        w.put("StudyTime", "")
    w.put(
        "PatientIdentityRemoved",
        "YES",
        decoy="Says the identity was removed: reassuring, not identifying.",
    )
    methods = ["PS 3.15 E.1.1 Basic Application Level Confidentiality Profile"]
    codes = [("113100", "Basic Application Confidentiality Profile")]
    for item in keep:
        code_value, meaning = KEEP_OPTIONS[item]
        codes.append((code_value, meaning))
        methods.append(meaning)
    w.put("DeidentificationMethod", methods[0] if len(methods) == 1 else methods)
    sequence = []
    for value, meaning in codes:
        item_ds = Dataset()
        item_ds.CodeValue = value
        item_ds.CodingSchemeDesignator = "DCM"
        item_ds.CodeMeaning = meaning[:64]
        sequence.append(item_ds)
    w.put("DeidentificationMethodCodeSequence", sequence, show=False)
    if "dates" not in keep:
        w.put("LongitudinalTemporalInformationModified", "REMOVED", show=False)


def build_header(ctx: RenderContext, options: HeaderOptions, info: ImageInfo) -> Header:
    """Build the dataset (no pixels yet) and record its identifying attributes in the key."""
    if options.profile == "none":
        raise ValueError("header profile 'none' has no DICOM header to build")
    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 100"
    w = _Writer(ctx, ds)
    _uids(ctx, ds, info, salt=options.profile)
    if options.profile == "full":
        _full(ctx, w, info)
    else:
        _basic(ctx, w, info, options.keep)
    _image_rows(w, info, describe=options.profile == "full")
    _burned_in(w, info)
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    rows = tuple(sorted(w.rows, key=_sort_key))
    return Header(ds, rows)
