"""The upload form."""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django import forms

from oversight.web.imports.returns import PEEK_BYTES, xml_root_of_bytes

XML_ROOTS = ("EXPSSDA903", "Message")
"""Roots of the XML returns that can be uploaded: SSDA903 and the CIN census."""


class UploadForm(forms.Form):
    """An SSD extract or a statutory return, the date it describes and a return's year."""

    suffix: str = ".zip"
    """How the upload is kept (``.zip``, ``.xml`` or ``.xlsx``), as ``clean_file`` found it."""

    file = forms.FileField(
        label="Upload an SSD extract or a statutory return",
        help_text="A zip file of SSD tables (ssd_person.csv, … or .parquet, with council.json "
        "if you have one); a zip of SSDA903 CSV files; an SSDA903 or CIN census XML file; or an "
        "Ofsted Annex A workbook (.xlsx).",
    )
    year = forms.IntegerField(
        label="Collection year (statutory returns)",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="The year the return's collection ends, for example 2026 for April 2025 to "
        "March 2026. An SSDA903 return needs it; a CIN census says it itself.",
    )
    as_of = forms.DateField(
        label="As of (optional)",
        required=False,
        help_text="The date the data describe, for example 2026-03-31. Leave empty to use the "
        "extract date in council.json, the end of a return's collection year, or the latest "
        "contact or referral.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_file(self) -> object:
        """Refuse anything that is not a zip or a return's XML before it is queued."""
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() == ".xlsx" and zipfile.is_zipfile(upload):
            upload.seek(0)
            self.suffix = ".xlsx"  # an Annex A workbook: a zip, but read as a workbook
            return upload
        if zipfile.is_zipfile(upload):
            upload.seek(0)
            self.suffix = ".zip"
            return upload
        upload.seek(0)
        head = upload.read(PEEK_BYTES)
        upload.seek(0)
        if PurePath(upload.name).suffix.lower() == ".xml" and xml_root_of_bytes(head) in XML_ROOTS:
            self.suffix = ".xml"
            return upload
        raise forms.ValidationError(
            "The file must be a zip file (of SSD tables or SSDA903 CSV files), an SSDA903 "
            "or CIN census XML file, or an Ofsted Annex A workbook (.xlsx)."
        )
