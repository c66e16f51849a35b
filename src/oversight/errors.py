"""The root of every error Oversight raises on purpose.

Catching ``OversightError`` separates "the input or the request was wrong" (reported to the
user, exit status 1 or 2) from a bug (a traceback). Each layer subclasses it::

    OversightError
     ├── SsdError                  oversight.core.ssd
     │    ├── SsdReadError         a folder of SSD tables was read but has problems
     │    ├── SsdUnreadableError   the folder cannot be read at all
     │    └── SsdSchemaError       frames handed to the writer do not match the schema
     ├── CalendarError             oversight.core.calendar: e.g. overlapping school terms
     ├── MeasuresError             oversight.core.measures: a bad timescales file or request
     ├── ReturnError               oversight.core.returns: a return unreadable, or not mappable
     └── DemoUsersNotAllowedError  oversight.web.accounts: demo users outside dev and test
"""


class OversightError(Exception):
    """An error Oversight raises on purpose, with a message meant for a person."""
