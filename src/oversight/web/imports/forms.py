"""The upload form."""

from __future__ import annotations

import zipfile

from django import forms


class UploadForm(forms.Form):
    """An SSD extract as a zip of CSV or Parquet files, and the date it describes."""

    file = forms.FileField(
        label="Upload an SSD extract",
        help_text="A zip file of SSD tables (ssd_person.csv, … or .parquet), with council.json "
        "if you have one.",
    )
    as_of = forms.DateField(
        label="As of (optional)",
        required=False,
        help_text="The date the extract describes, for example 2026-03-31. Leave empty to use "
        "the extract date in council.json, or the latest contact or referral.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_file(self) -> object:
        """Refuse anything that is not a zip file before it is queued."""
        upload = self.cleaned_data["file"]
        if not zipfile.is_zipfile(upload):
            raise forms.ValidationError("The file must be a zip file of SSD tables.")
        upload.seek(0)
        return upload
