"""The stylesheet is GOV.UK Frontend compiled for a council: no GDS Transport, no crest, no crown.

These read the files that ``npm run build`` writes and what ``collectstatic`` collects from them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

import oversight.web.shell

BUILT = Path(oversight.web.shell.__file__).parent / "static" / "oversight"
GOVUK_IDENTITY = re.compile(r"GDS Transport|crest|crown|govuk-logo", re.IGNORECASE)


def built(name: str) -> Path:
    path = BUILT / name
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `npm ci && npm run build` in the repository root.")
    return path


def test_the_built_css_carries_no_govuk_identity() -> None:
    css = built("oversight.css").read_text(encoding="utf-8")
    assert ".govuk-button" in css, "the GOV.UK components were not compiled in"
    assert "system-ui" in css, "the council's font stack is missing"
    assert GOVUK_IDENTITY.findall(css) == []
    assert "url(" not in css


def test_the_built_script_references_no_missing_source_map() -> None:
    script = built("govuk-frontend.min.js").read_text(encoding="utf-8")
    assert "initAll" in script
    assert "sourceMappingURL" not in script


@pytest.mark.slow
def test_collectstatic_succeeds_and_the_collected_css_is_clean(tmp_path: Path) -> None:
    """The production storage (hashed, compressed) fails on references to missing files."""
    built("oversight.css")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)

    stylesheets = list(tmp_path.rglob("*.css"))
    assert any(p.name.startswith("oversight.") and p.name != "oversight.css" for p in stylesheets)
    for path in stylesheets:
        assert GOVUK_IDENTITY.findall(path.read_text(encoding="utf-8")) == [], path
    assert (tmp_path / "staticfiles.json").is_file()
