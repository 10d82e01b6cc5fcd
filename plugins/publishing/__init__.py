"""Publishing: the checks and commands behind `invoke publish` (see publish.py)."""

from .publish import (
    PublishRefused,
    deploy_command,
    dry_run_command,
    ghp_branch_problem,
    refuse_reasons,
    rsync_target_problem,
    tool_problem,
)
from .schedule import (
    content_key,
    due_reasons,
    make_state,
    next_change,
    nothing_due_message,
    publish_now,
    read_state,
    stamp_changes_at,
    state_path,
    write_state,
)

__all__ = [
    "PublishRefused",
    "content_key",
    "deploy_command",
    "dry_run_command",
    "due_reasons",
    "ghp_branch_problem",
    "make_state",
    "next_change",
    "nothing_due_message",
    "publish_now",
    "read_state",
    "refuse_reasons",
    "rsync_target_problem",
    "stamp_changes_at",
    "state_path",
    "tool_problem",
    "write_state",
]
