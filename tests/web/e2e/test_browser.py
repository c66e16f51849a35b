"""End to end in headless Chromium: load → overview → worklist → child page, and axe-core.

Drives Debian's ``/usr/bin/chromium`` with Playwright against pytest-django's ``live_server``
(STACK-NOTES.md §4). Each test loads one small synthetic council (about 300 children in need):
the journey test through the upload page, the accessibility test through the same load
service. axe-core (``node_modules/axe-core``, from ``npm ci``) checks every page kind, as one
representative role per record scope that can see it, against WCAG 2.2 AA.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from oversight.core.ssd import write_ssd
from oversight.core.synth import ProfileName
from oversight.web.accounts.models import Role, TeamMembership, User
from oversight.web.imports.models import Child, Snapshot, SnapshotStatus
from oversight.web.imports.services import LoadRequest, load_now

pytestmark = pytest.mark.browser

playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "a-long-browser-password-1"
COUNCIL_JSON = {
    "code": "S998",
    "name": "Browserfield Council (synthetic)",
    "synthetic": True,
    "extract_date": "2026-03-31",
    "population_0_17": {str(year): 20000 for year in range(2016, 2027)},
}

if not CHROMIUM.exists() or not AXE.exists():  # pragma: no cover - depends on the machine
    pytest.skip(
        "needs /usr/bin/chromium (apt-get install chromium) and axe-core (npm ci)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an event loop in this thread; Django's ORM then refuses calls."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="module")
def browser(_allow_orm_beside_playwright: None) -> Iterator[Any]:
    """One headless Chromium for the module."""
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def council_folder(council_of: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small ``typical`` council as SSD CSV files with its council.json, made once."""
    folder = tmp_path_factory.mktemp("browser-council") / "extract"
    write_ssd(council_of(ProfileName.TYPICAL, size=300, seed=7), folder)
    (folder / "council.json").write_text(json.dumps(COUNCIL_JSON), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def council_zip(council_folder: Path) -> Path:
    """The council's folder as people zip it: one inner folder of CSV files."""
    target = council_folder.parent / "browserfield.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(council_folder.iterdir()):
            archive.write(path, f"extract/{path.name}")
    return target


@pytest.fixture
def site(live_server: Any, data_dir: Path) -> str:
    """The live server's address, with a fresh data directory (``data_dir``)."""
    return str(live_server.url)


def make_user(role: Role, *, professional_id: str = "", team_id: str = "") -> User:
    user = User.objects.create_user(
        username=f"browser-{role.value.replace('_', '-')}",
        password=PASSWORD,
        role=role,
        first_name="Browser",
        last_name=role.label,
        professional_id=professional_id,
    )
    if team_id:
        TeamMembership.objects.create(user=user, team_id=team_id)
    return user


def sign_in(page: Any, site: str, user: User) -> None:
    """Sign in through the form, as a person would."""
    page.goto(site + reverse("accounts:sign-in"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site + reverse("shell:home"))


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 AA violations on the page as it stands.

    The page's CSP refuses an injected script tag; ``evaluate`` is not subject to it.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(
            f"  {violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
        )
    return "\n".join(lines)


def test_an_analyst_loads_a_council_and_follows_it_to_a_child(
    site: str, browser: Any, council_zip: Path
) -> None:
    analyst = make_user(Role.PERFORMANCE_ANALYST)
    context = browser.new_context()
    page = context.new_page()
    try:
        sign_in(page, site, analyst)

        page.goto(site + reverse("imports:load-list"))
        page.get_by_label("Upload an SSD extract").set_input_files(str(council_zip))
        page.get_by_role("button", name="Load", exact=True).click()
        page.wait_for_url(f"{site}/loads/*/")
        snapshot = Snapshot.objects.get()
        assert snapshot.status == SnapshotStatus.COMPLETE, snapshot.message
        assert page.locator("#load-status").inner_text().strip() == "Complete"
        assert page.get_by_role("heading", name="Loaded").is_visible()
        people = Child.objects.filter(snapshot=snapshot).count()
        assert people > 100
        row = page.locator("table tr", has=page.get_by_text("ssd_person", exact=True))
        assert row.locator("td").nth(1).inner_text() == f"{people}"

        page.goto(site + reverse("overview:overview"))
        assert page.get_by_role("heading", level=1).inner_text() == "Service overview"
        assert page.locator("#indicators tbody tr").count() > 5

        page.goto(site + reverse("children:worklist"))
        assert page.get_by_role("heading", level=1).inner_text() == "Worklist"
        first = page.locator("#worklist tbody tr").first.get_by_role("link")
        name = first.inner_text()
        first.click()
        page.wait_for_url(f"{site}/children/*/")
        assert page.get_by_role("heading", level=1).inner_text() == name
        assert page.locator("#chronology tbody tr").count() > 0
    finally:
        context.close()


@dataclass(frozen=True)
class Visit:
    """One page kind, as one role (``None``: not signed in)."""

    role: Role | None
    page: str
    url: Callable[[World], str]
    width: int = 1280
    """The viewport's width in CSS pixels; 320 checks reflow (WCAG 1.4.10) on the widest pages."""


@dataclass(frozen=True)
class World:
    """What the accessibility walk reads its URLs from."""

    snapshot: Snapshot
    failed: Snapshot
    team_child: Child
    own_child: Child
    service_child: Child
    indicator: str


# fmt: off
VISITS = [
    Visit(None, "sign-in", lambda w: reverse("accounts:sign-in")),
    Visit(Role.PERFORMANCE_ANALYST, "home", lambda w: reverse("shell:home")),
    Visit(Role.PERFORMANCE_ANALYST, "load page", lambda w: reverse("imports:load-list")),
    Visit(Role.PERFORMANCE_ANALYST, "load report", lambda w: reverse("imports:load-detail",
                                                                     args=[w.snapshot.pk])),
    Visit(Role.PERFORMANCE_ANALYST, "load report (failed)",
          lambda w: reverse("imports:load-detail", args=[w.failed.pk])),
    Visit(Role.PERFORMANCE_ANALYST, "overview", lambda w: reverse("overview:overview")),
    Visit(Role.PERFORMANCE_ANALYST, "overview (one indicator's chart)",
          lambda w: reverse("overview:overview") + f"?indicator={w.indicator}"),
    Visit(Role.PERFORMANCE_ANALYST, "worklist", lambda w: reverse("children:worklist")),
    Visit(Role.PERFORMANCE_ANALYST, "child page",
          lambda w: reverse("children:child-detail", args=[w.service_child.person_id])),
    Visit(Role.PERFORMANCE_ANALYST, "overview", lambda w: reverse("overview:overview"), 320),
    Visit(Role.PERFORMANCE_ANALYST, "worklist", lambda w: reverse("children:worklist"), 320),
    Visit(Role.PERFORMANCE_ANALYST, "child page",
          lambda w: reverse("children:child-detail", args=[w.service_child.person_id]), 320),
    Visit(Role.TEAM_MANAGER, "home", lambda w: reverse("shell:home")),
    Visit(Role.TEAM_MANAGER, "overview", lambda w: reverse("overview:overview")),
    Visit(Role.TEAM_MANAGER, "worklist", lambda w: reverse("children:worklist")),
    Visit(Role.TEAM_MANAGER, "caseloads", lambda w: reverse("children:caseloads")),
    Visit(Role.TEAM_MANAGER, "unallocated", lambda w: reverse("children:unallocated")),
    Visit(Role.TEAM_MANAGER, "child page",
          lambda w: reverse("children:child-detail", args=[w.team_child.person_id])),
    Visit(Role.SOCIAL_WORKER, "home", lambda w: reverse("shell:home")),
    Visit(Role.SOCIAL_WORKER, "worklist", lambda w: reverse("children:worklist")),
    Visit(Role.SOCIAL_WORKER, "child page",
          lambda w: reverse("children:child-detail", args=[w.own_child.person_id])),
    Visit(Role.ELECTED_MEMBER, "home", lambda w: reverse("shell:home")),
    Visit(Role.ELECTED_MEMBER, "overview", lambda w: reverse("overview:overview")),
    Visit(Role.ADMINISTRATOR, "home", lambda w: reverse("shell:home")),
    Visit(Role.ADMINISTRATOR, "load page", lambda w: reverse("imports:load-list")),
    Visit(Role.ADMINISTRATOR, "access log", lambda w: reverse("accounts:access-log")),
    Visit(Role.DIRECTOR, "access log", lambda w: reverse("accounts:access-log")),
]
# fmt: on
"""The matrix: every page kind, as one role per record scope that can see it. The access log
comes last so that it lists the child pages the walk opened."""

PAGE_KINDS = {"sign-in", "home", "load page", "load report", "overview", "worklist",
              "child page", "access log"}  # fmt: skip


def test_the_matrix_covers_every_page_kind() -> None:
    assert {visit.page for visit in VISITS} >= PAGE_KINDS


def broken_copy(folder: Path, target: Path) -> Path:
    """``folder`` with one unreadable date in ``ssd_person.csv``: a load that fails."""
    target.mkdir()
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        if path.name == "ssd_person.csv":
            lines = text.splitlines(keepends=True)
            header = lines[0].rstrip("\n").split(",")
            cells = lines[2].rstrip("\n").split(",")
            cells[header.index("pers_dob")] = "not a date"
            lines[2] = ",".join(cells) + "\n"
            text = "".join(lines)
        (target / path.name).write_text(text, encoding="utf-8")
    return target


def test_every_page_kind_passes_axe_as_each_role_that_sees_it(
    site: str, browser: Any, council_folder: Path, tmp_path: Path
) -> None:
    snapshot = load_now(LoadRequest(path=council_folder, source_name="browserfield"))
    assert snapshot.status == SnapshotStatus.COMPLETE, snapshot.message
    failed = load_now(
        LoadRequest(path=broken_copy(council_folder, tmp_path / "broken"), source_name="broken")
    )
    assert failed.status == SnapshotStatus.FAILED
    allocated = Child.objects.filter(snapshot=snapshot).exclude(worker_id="").order_by("person_id")
    own_child = allocated[0]
    team_child = (
        allocated.exclude(worker_id=own_child.worker_id).filter(team_id=own_child.team_id).first()
        or own_child
    )
    service_child = allocated.exclude(team_id=own_child.team_id)[0]
    world = World(snapshot, failed, team_child, own_child, service_child,
                  indicator=snapshot.indicators.order_by("code")[0].code)  # fmt: skip
    users = {
        Role.SOCIAL_WORKER: make_user(
            Role.SOCIAL_WORKER, professional_id=own_child.worker_id, team_id=own_child.team_id
        ),
        Role.TEAM_MANAGER: make_user(Role.TEAM_MANAGER, team_id=own_child.team_id),
    }
    for role in {visit.role for visit in VISITS} - {None, *users}:
        assert role is not None
        users[role] = make_user(role)

    found: list[str] = []
    context = None
    current: tuple[Role | None, int] | None = None
    try:
        for visit in VISITS:
            if context is None or (visit.role, visit.width) != current:
                if context is not None:
                    context.close()
                context = browser.new_context(viewport={"width": visit.width, "height": 800})
                page = context.new_page()
                if visit.role is not None:
                    sign_in(page, site, users[visit.role])
                current = (visit.role, visit.width)
            response = page.goto(site + visit.url(world))
            assert response is not None and response.status == 200, (visit, response)
            violations = axe_violations(page)
            if violations:
                who = visit.role.label if visit.role else "not signed in"
                found.append(f"{visit.page} as {who}, {visit.width} px:\n{describe(violations)}")
    finally:
        if context is not None:
            context.close()
    assert not found, "axe-core found WCAG 2.2 AA violations:\n" + "\n".join(found)
