"""Benchmark: load a default-size council into PostgreSQL, then 20 users on worklist and child pages.

Targets (issue 6): load under 30 s; p95 under 300 ms for worklist and child pages with 20
concurrent users over 60 s, headless, on PostgreSQL, loopback only, charts warm.

Run (PostgreSQL listening on 127.0.0.1:5432, user ``postgres`` may create databases)::

    .venv/bin/python bench/web_load.py [--users 20] [--seconds 60] [--port 8765]
        [--server postgres://postgres@127.0.0.1:5432] [--keep]

What it does, in order:

1. creates a bench database ``oversight_bench_<pid>`` on ``--server`` (never ``test``, which the
   test suite uses) and a temporary data directory, and migrates;
2. simulates a default-size ``typical`` council (about 3,000 children in need at 31 March 2026)
   as SSD CSV files and loads it with ``imports.services.load_now`` — the service the upload
   page's job runs — and prints the load time;
3. creates three bench users through ``accounts.services.create_user``: a performance analyst
   (every child), a team manager (one team) and a social worker (their caseload), linked as the
   demo links them (``accounts.demo.links_from_council``);
4. starts ``oversight serve`` (gunicorn, 2 workers × 4 threads, and the task worker) on
   127.0.0.1 with the dev profile and ``OVERSIGHT_DEBUG=false`` — the production profile sets
   ``Secure`` cookies, which a plain-http loopback client does not send back;
5. warms the server: signs in and requests the overview and every indicator's chart (cached per
   gunicorn worker), the worklists and some child pages, several times over;
6. runs locust headless (this file is also the locustfile): ``--users`` users, all started at
   once, each signing in as one of the bench users and then requesting its worklist (weight 1)
   and a child page in its scope (weight 3), waiting 0.5–1.5 s between requests, for
   ``--seconds``. The 20 sign-ins at once (password hashing) take a few seconds on two cores;
   their time is printed, and the statistics are reset once every user is signed in, so the
   figures are the steady state. Then it stops the server, drops the database (unless
   ``--keep``) and prints median, p95 and p99 latency per page.

The machine's load average is printed before and after: a busy machine overstates latency.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PASSWORD = "bench-password-long-enough-1"  # noqa: S105  (synthetic bench users, dropped after)
PLAN_ENV = "OVERSIGHT_BENCH_PLAN"
"""The locust users read the bench plan (users and child ids) from the JSON file named here."""


# --------------------------------------------------------------------------------------------
# The locust side: imported by locust as the locustfile, never by the driver below.
# --------------------------------------------------------------------------------------------

if os.environ.get(PLAN_ENV):
    from locust import HttpUser, between, task

    _PLAN: dict[str, Any] = json.loads(Path(os.environ[PLAN_ENV]).read_text(encoding="utf-8"))
    _SIGNED_IN: list[str] = []

    class Reader(HttpUser):
        """One person signed in as a bench user, reading their worklist and children."""

        wait_time = between(0.5, 1.5)

        def on_start(self) -> None:
            self.account = random.choice(_PLAN["users"])
            sign_in_with(self.client, self.account["username"])
            _SIGNED_IN.append(self.account["username"])
            if len(_SIGNED_IN) == self.environment.parsed_options.num_users:
                # Every user is signed in: report the sign-in burst, then measure from here.
                stats = self.environment.stats
                burst = stats.get("sign-in", "POST")
                print(
                    f"SIGN-IN: {burst.num_requests} sign-ins at once, median "
                    f"{burst.median_response_time:.0f} ms, max {burst.max_response_time:.0f} ms; "
                    "statistics reset to measure the pages from here",
                    flush=True,
                )
                stats.reset_all()

        @task(1)
        def worklist(self) -> None:
            self.client.get("/children/worklist/", name="worklist")

        @task(3)
        def child_page(self) -> None:
            person = random.choice(self.account["children"])
            self.client.get(f"/children/{person}/", name="child page")


def sign_in_with(session: Any, username: str) -> None:
    """Sign in through the form (a ``requests``-like session), or raise."""
    page = session.get("/accounts/sign-in/", name="sign-in")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if token is None:
        raise RuntimeError("The sign-in page has no CSRF token.")
    answer = session.post(
        "/accounts/sign-in/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]},
        name="sign-in",
        allow_redirects=False,
    )
    if answer.status_code != 302:
        raise RuntimeError(f"Signing in as {username} answered {answer.status_code}.")


# --------------------------------------------------------------------------------------------
# The driver.
# --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    args = parser.parse_args()

    database = f"oversight_bench_{os.getpid()}"
    work = Path(tempfile.mkdtemp(prefix="oversight-bench-"))
    print(f"load average before: {_load_average()}")
    _admin_sql(args.server, f'CREATE DATABASE "{database}"')
    try:
        env = _environment(f"{args.server}/{database}", work)
        os.environ.update(env)
        plan = _prepare(work)
        plan_file = work / "plan.json"
        plan_file.write_text(json.dumps(plan), encoding="utf-8")
        server = _start_server(args.port, env)
        try:
            base = f"http://127.0.0.1:{args.port}"
            _warm(base, plan)
            stats = _run_locust(base, args, env | {PLAN_ENV: str(plan_file)}, work)
        finally:
            _stop(server)
        print(f"load average after: {_load_average()}")
        _report(stats, args)
    finally:
        if not args.keep:
            _drop_database(args.server, database)
        shutil.rmtree(work, ignore_errors=True)


def _environment(database_url: str, work: Path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "oversight.web.settings.dev",
        "OVERSIGHT_DEBUG": "false",
        "OVERSIGHT_DATA_DIR": str(work / "data"),
        "DATABASE_URL": database_url,
        "OVERSIGHT_SYNTHETIC_DATA": "true",
        "OVERSIGHT_COUNCIL_NAME": "Benchfield Council (synthetic)",
    }


def _prepare(work: Path) -> dict[str, Any]:
    """Migrate, simulate, load (timed), and create the bench users; return the locust plan."""
    import django

    django.setup()
    from django.core.management import call_command

    from oversight.core.ssd import write_ssd
    from oversight.core.synth import CouncilSpec, Practice, ProfileName, simulate_council
    from oversight.web.accounts.demo import links_from_council
    from oversight.web.accounts.models import Role
    from oversight.web.accounts.services import create_user
    from oversight.web.imports.models import Child, SnapshotStatus
    from oversight.web.imports.services import LoadRequest, load_now

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    started = time.perf_counter()
    spec = CouncilSpec(index=0, children_in_need=3000, end=date(2026, 3, 31), years=6,
                       practice=Practice(ProfileName.TYPICAL, None), seed=1)  # fmt: skip
    council = simulate_council(spec)
    folder = work / "council"
    write_ssd(council.frames, folder)
    (folder / "council.json").write_text(json.dumps(council.description, default=str))
    print(f"simulated and wrote the council as CSV in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    snapshot = load_now(LoadRequest(path=folder, source_name="bench council"))
    loaded = time.perf_counter() - started
    if snapshot.status != SnapshotStatus.COMPLETE:
        raise SystemExit(f"The load failed: {snapshot.message}")
    children = Child.objects.filter(snapshot=snapshot)
    looked_after = children.filter(status="looked_after").count()
    print(
        f"LOAD: {loaded:.1f} s for {children.count():,} children ({looked_after:,} looked after), "
        f"{snapshot.events.count():,} events, {snapshot.flags.count():,} flags "
        "(load_now: read, check, measures, one transaction)"
    )

    links = links_from_council(council.frames)
    worker, manager = links[Role.SOCIAL_WORKER], links[Role.TEAM_MANAGER]
    everyone = list(children.order_by("person_id").values_list("person_id", flat=True))
    team = list(children.filter(team_id__in=manager.team_ids).values_list("person_id", flat=True))
    own = list(
        children.filter(worker_id=worker.professional_id).values_list("person_id", flat=True)
    )
    rng = random.Random(6)
    users = [
        (Role.PERFORMANCE_ANALYST, "", (), rng.sample(everyone, min(300, len(everyone)))),
        (Role.TEAM_MANAGER, manager.professional_id, manager.team_ids, team),
        (Role.SOCIAL_WORKER, worker.professional_id, worker.team_ids, own),
    ]
    plan = []
    for role, professional_id, team_ids, people in users:
        username = "bench-" + role.value.replace("_", "-")
        create_user(username, PASSWORD, role=role, professional_id=professional_id,
                    team_ids=tuple(team_ids))  # fmt: skip
        plan.append({"username": username, "role": role.value, "children": people})
        print(f"bench user {username}: {len(people)} children to open")
    codes = list(snapshot.indicators.order_by("code").values_list("code", flat=True))
    return {"users": plan, "indicators": codes}


def _start_server(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``oversight serve`` on loopback; returns once /health/ answers."""
    import requests

    log = (Path(env["OVERSIGHT_DATA_DIR"]).parent / "serve.log").open("wb")
    server = subprocess.Popen(  # noqa: S603
        [str(VENV_BIN / "oversight"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=os.environ | env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"oversight serve stopped; see {log.name}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/health/", timeout=10).ok:
                print(f"oversight serve is up on 127.0.0.1:{port} (log: {log.name})")
                return server
        except requests.RequestException:
            pass
        time.sleep(0.5)
    _stop(server)
    raise SystemExit("oversight serve did not answer within 60 s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Ask ``oversight serve`` to stop (it stops gunicorn and the worker), then wait."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


class _Session:
    """A ``requests`` session on the server that accepts locust's ``name=`` argument."""

    def __init__(self, base: str) -> None:
        import requests

        self.base = base
        self.session = requests.Session()

    def get(self, path: str, name: str = "", **kwargs: Any) -> Any:
        answer = self.session.get(self.base + path, timeout=60, **kwargs)
        answer.raise_for_status()
        return answer

    def post(self, path: str, name: str = "", **kwargs: Any) -> Any:
        return self.session.post(self.base + path, timeout=60, **kwargs)


def _warm(base: str, plan: dict[str, Any]) -> None:
    """Charts and code paths warm in both gunicorn workers: every page a few times over."""
    started = time.perf_counter()
    requests_made = 0
    for account in plan["users"]:
        session = _Session(base)
        sign_in_with(session, account["username"])
        for _ in range(4):  # gunicorn's workers take requests in turn, roughly
            session.get("/overview/")
            session.get("/children/worklist/")
            for person in account["children"][:5]:
                session.get(f"/children/{person}/")
            requests_made += 7
        if account["role"] == "performance_analyst":
            for code in plan["indicators"]:
                for _ in range(4):
                    session.get(f"/overview/?indicator={code}")
                    requests_made += 1
    print(f"warmed with {requests_made} requests in {time.perf_counter() - started:.1f} s")


def _run_locust(
    base: str, args: argparse.Namespace, env: dict[str, str], work: Path
) -> list[dict[str, str]]:
    prefix = work / "locust"
    command = [
        str(VENV_BIN / "locust"), "-f", str(Path(__file__).resolve()), "--headless",
        "--users", str(args.users), "--spawn-rate", str(args.users),
        "--run-time", f"{args.seconds}s", "--stop-timeout", "5", "--host", base,
        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--web-host", "127.0.0.1",
    ]  # fmt: skip
    print(f"locust: {args.users} users for {args.seconds} s against {base}")
    subprocess.run(command, env=os.environ | env, check=False)  # noqa: S603
    with Path(f"{prefix}_stats.csv").open(newline="", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def _report(stats: list[dict[str, str]], args: argparse.Namespace) -> None:
    print(
        f"\nRESULTS: {args.users} users, {args.seconds} s run, measured once all had signed in "
        "(locust; milliseconds)"
    )
    print(f"{'page':<17} {'requests':>9} {'failures':>9} {'median':>7} {'p95':>6} {'p99':>6} "
          f"{'mean':>6} {'req/s':>6}")  # fmt: skip
    for row in stats:
        if row["Request Count"] == "0":
            continue  # the sign-ins, reset once every user was signed in
        print(
            f"{(row['Type'] + ' ' + row['Name']).strip():<17} {row['Request Count']:>9} {row['Failure Count']:>9} "
            f"{row['50%']:>7} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Average Response Time']):>6.0f} {float(row['Requests/s']):>6.1f}"
        )


def _admin_sql(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _drop_database(server: str, database: str) -> None:
    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()
    _admin_sql(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    print(f"dropped the bench database {database}")


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
