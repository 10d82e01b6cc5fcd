from .publish import (
    PublishRefused,
    deploy_command,
    ghp_branch_problem,
    refuse_reasons,
    rsync_target_problem,
)

__all__ = [
    "PublishRefused",
    "deploy_command",
    "ghp_branch_problem",
    "refuse_reasons",
    "rsync_target_problem",
]
