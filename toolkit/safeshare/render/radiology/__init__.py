"""Radiology and ultrasound: real DICOM files, burned-in text, the viewer screenshot."""
