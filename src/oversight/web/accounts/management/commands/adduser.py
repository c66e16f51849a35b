"""``oversight manage adduser USERNAME --role ROLE``: add a person who can sign in.

The password is asked for twice at the terminal, or read from standard input with
``--password-stdin`` for provisioning scripts; it is never an argument, where it would be seen in
the process list and the shell's history.
"""

from __future__ import annotations

import getpass
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from oversight.web.accounts.models import Role
from oversight.web.accounts.services import UserNotCreatedError, create_user


class Command(BaseCommand):
    help = "Add a user with a role, and optionally their SSD professional id and teams."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[role.value for role in Role])
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--professional-id", default="", help="The user's prof_professional_id in the SSD."
        )
        parser.add_argument(
            "--team",
            action="append",
            default=[],
            dest="teams",
            help="An SSD dept_team_id the user belongs to; repeat for several.",
        )
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = self._password(read_stdin=options["password_stdin"])
        try:
            user = create_user(
                options["username"],
                password,
                role=Role(options["role"]),
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
                professional_id=options["professional_id"],
                team_ids=tuple(options["teams"]),
            )
        except UserNotCreatedError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Added {user.username} ({Role(user.role).label}).")

    def _password(self, *, read_stdin: bool) -> str:
        if read_stdin:
            return sys.stdin.readline().rstrip("\n")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was added.")
        return first
