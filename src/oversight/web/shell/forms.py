"""GOV.UK Frontend for every Django form, wrapped once.

``settings.FORM_RENDERER`` points at ``GovukFormRenderer``, so ``{{ form }}`` renders each field
as a GOV.UK form group (``components/field.html``): label, hint, error message and an input with
GOV.UK's classes. The ids follow Django's (``<id>_helptext``, ``<id>_error``), which Django already
names in the input's ``aria-describedby``. Text inputs, text areas and selects are covered;
radios, checkboxes and dates arrive with the first form that needs them.
"""

from __future__ import annotations

from typing import Any

from django.forms import BoundField, Select, Textarea, Widget
from django.forms.renderers import TemplatesSetting


class GovukBoundField(BoundField):
    """A bound field whose widget carries GOV.UK's classes, with the error modifier when invalid."""

    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: Widget | None = None
    ) -> dict[str, Any]:
        """Add ``govuk-input`` (or ``-textarea``, ``-select``) and its ``--error`` modifier."""
        built: dict[str, Any] = super().build_widget_attrs(attrs, widget)
        base = govuk_class(widget or self.field.widget)
        if base is not None:
            classes = [str(built.get("class", "")), base]
            if self.errors:
                classes.append(f"{base}--error")
            built["class"] = " ".join(c for c in classes if c)
        return built


def govuk_class(widget: Widget) -> str | None:
    """The GOV.UK class for ``widget``, or ``None`` for a hidden input."""
    if widget.is_hidden:
        return None
    if isinstance(widget, Textarea):
        return "govuk-textarea"
    if isinstance(widget, Select):
        return "govuk-select"
    return "govuk-input"


class GovukFormRenderer(TemplatesSetting):
    """Renders forms and fields with the templates in ``shell/templates/components/``."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
    bound_field_class = GovukBoundField
