"""Problems as `invoke check` and the build print them: sorted, one line each."""

import re

from i18n import _, ngettext

from ..model import Problem
from .shared import QUOTE_CHARS, printable

MAX_PROBLEMS_PER_FILE = 30
LONG_WORD = re.compile(rf"[^\s;']{{{QUOTE_CHARS * 2},}}")


def at_most(problems, path, limit=MAX_PROBLEMS_PER_FILE):
    """Return a file's problems, the first `limit` and a count of the rest."""
    if len(problems) <= limit:
        return problems
    ordered = sorted(problems, key=lambda p: p.line)
    rest = ordered[limit:]
    errors = sum(1 for p in rest if p.severity == "error")
    return [
        *ordered[:limit],
        Problem(
            path,
            rest[0].line,
            ngettext(
                "{count} more problem in this file from here on; fix the ones "
                "above and check again",
                "{count} more problems in this file from here on; fix the ones "
                "above and check again",
                len(rest),
            ).format(count=len(rest)),
            "error" if errors else "warning",
        ),
    ]


def clean_problem(problem):
    """Make a problem one printable line; shorten long words (slugs, paths)."""
    message = printable(problem.message)
    message = LONG_WORD.sub(lambda m: f"{m.group()[:QUOTE_CHARS]}…", message)
    return Problem(printable(problem.path), problem.line, message, problem.severity)


def sort_problems(problems):
    """Return clean problems in file and line order (stable for equal places)."""
    cleaned = [clean_problem(p) for p in problems]
    return sorted(cleaned, key=lambda p: (p.path, p.line))


def format_problem(problem):
    """Return one line of `invoke check`: `path:line: [warning: ]problem; fix`."""
    if problem.severity == "error":
        return str(problem)
    return _("{path}:{line}: warning: {message}").format(
        path=problem.path, line=problem.line, message=problem.message
    )


def totals(problems):
    """Return the closing line of `invoke check`."""
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if not problems:
        return _("No problems found.")
    # Both counts in one sentence: "(s)" stands for the plural in English.
    return _("{errors} error(s), {warnings} warning(s).").format(
        errors=errors, warnings=warnings
    )
