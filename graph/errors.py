"""The project's own exceptions. Driver errors are translated into these in `graph.runner` only,
with messages a user can act on (what failed, and what to do about it)."""

from __future__ import annotations


class JSSError(Exception):
    """Base class of every error JSS Graph raises on purpose."""


class DatabaseUnavailable(JSSError):
    """Neo4j cannot be reached."""


class AuthenticationFailed(JSSError):
    """Neo4j refused the user name or password."""


class QueryTimeout(JSSError):
    """A query ran past its time limit and was stopped by the server."""


class QuerySyntaxError(JSSError):
    """Neo4j could not parse or plan the Cypher text."""


class ReadOnlyViolation(JSSError):
    """A write was attempted in a read-only transaction."""


class QueryRefused(JSSError):
    """A query was refused before it ran (for example by the console's read-only check)."""


class QueryFailed(JSSError):
    """Any other error Neo4j reported for a query."""


class TransientFailure(QueryFailed):
    """Neo4j reported a transient error (`Neo.TransientError.*`: a deadlock, a lock wait that
    timed out, a terminated transaction): running the same statement again may succeed."""


class ServerError(JSSError):
    """The local Neo4j server could not be installed, started or stopped."""


class CatalogueError(JSSError):
    """A `.cypher` file's header is missing, malformed, or disagrees with the query text."""
