"""The worklist's filters: choices come from the user's own worklist, so none leaks."""

from __future__ import annotations

from typing import Any

from django import forms

from oversight.web.children.queries import SORTS, WorklistFilter


def measure_label(code: str) -> str:
    """A measure's code as a short label: ``looked_after_visit`` → ``Looked after visit``."""
    return code.replace("_", " ").capitalize()


class WorklistFilterForm(forms.Form):
    """Team, worker, measure, status and sort, all optional."""

    area = forms.ChoiceField(label="Service area", required=False)
    team = forms.ChoiceField(label="Team", required=False)
    worker = forms.ChoiceField(label="Worker", required=False)
    measure = forms.ChoiceField(label="Measure", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Overdue and due soon"), ("overdue", "Overdue"), ("due_soon", "Due soon")],
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("overdue", "Most overdue"),
            ("due", "Due date"),
            ("measure", "Measure"),
            ("child", "Child"),
            ("worker", "Worker"),
            ("team", "Team"),
        ],
    )

    def __init__(
        self,
        *args: Any,
        choices: dict[str, list[str]],
        workers: dict[str, str],
        teams: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "All service areas")] + [  # type: ignore[attr-defined]
            (a, teams.get(a) or a) for a in choices.get("area", [])
        ]
        self.fields["team"].choices = [("", "All teams")] + [  # type: ignore[attr-defined]
            (t, teams.get(t) or t) for t in choices["team_id"]
        ]
        self.fields["worker"].choices = [("", "All workers")] + [  # type: ignore[attr-defined]
            (w, workers.get(w) or w) for w in choices["worker_id"]
        ]
        self.fields["measure"].choices = [("", "All measures")] + [  # type: ignore[attr-defined]
            (m, measure_label(m)) for m in choices["measure"]
        ]

    def chosen(self) -> WorklistFilter:
        """The filter asked for; anything invalid falls back to everything."""
        if not self.is_valid():
            return WorklistFilter()
        data = self.cleaned_data
        sort = data["sort"] if data["sort"] in SORTS else "overdue"
        return WorklistFilter(
            area=data["area"], team=data["team"], worker=data["worker"], measure=data["measure"],
            status=data["status"], sort=sort,
        )  # fmt: skip
