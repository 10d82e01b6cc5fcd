"""Publishing: what `invoke publish` checks before deploying, and the deploy command.

Not a Pelican plugin (it is not in PLUGINS): plain functions for tasks.py.
`invoke publish` refuses (`refuse_reasons`: tools, target, address, clock,
uncommitted content) before building, builds with publishconf.py through
safe_build, and deploys that fresh output only (`deploy_command`), never an
older folder; `--dry-run` runs `dry_run_command` instead. When a publish is
due is decided in schedule.py.

Settings (publishconf.py, each overridable by the environment there):
    PUBLISH_METHOD        "rsync" or "ghp-import"  ("rsync")
    PUBLISH_RSYNC_TARGET  rsync destination, "user@host:/abs/path/to/site/"
                          or an absolute local folder; never empty  ("")
    PUBLISH_GHP_BRANCH    branch that ghp-import replaces with the site
                          ("gh-pages")
    PUBLISH_WEBROOT       when set, the only folder rsync may deploy into (or
                          below): "/var/www/" or "deploy@web:/var/www/"  ("")
"""

import ipaddress
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from i18n import N_, _

from .schedule import clock_problem

DEFAULTS = {
    "PUBLISH_METHOD": "rsync",
    "PUBLISH_RSYNC_TARGET": "",
    "PUBLISH_GHP_BRANCH": "gh-pages",
    "PUBLISH_WEBROOT": "",
}
METHODS = ("rsync", "ghp-import")
CONTENT_FOLDER = "content"
# rsync options: recurse, keep links and times, world-readable files whatever
# the local umask, compare by checksum (builds are reproducible, times are not
# a change), and delete what the site no longer has (only inside the target,
# and only after everything new arrived, so the live site is never half-empty).
RSYNC_OPTIONS = (
    "--recursive",
    "--links",
    "--times",
    "--compress",
    "--checksum",
    "--chmod=D755,F644",
    "--delete",
    "--delete-after",
)
# Absolute folders that hold more than one site: rsync --delete into one of
# them would delete what is not ours. Folders inside them are fine.
SHARED_FOLDERS = {
    "/home",
    "/media",
    "/mnt",
    "/opt",
    "/srv",
    "/srv/http",
    "/srv/www",
    "/tmp",
    "/var/www",
    "/Users",
}
# Folders of the system and of secrets: neither they nor anything inside them
# is a web root (/usr/bin, /etc/nginx, /root/.ssh ...).
SYSTEM_FOLDERS = (
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/lib",
    "/lost+found",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/snap",
    "/sys",
    "/usr",
    "/var",
    "/Library",
    "/System",
    "/private",
)
# /lib32, /lib64, /libx32 ... are system folders too.
SYSTEM_PREFIXES = ("/lib",)
# ... except the web roots under /var/www (and /var/www itself is shared).
SYSTEM_EXCEPTIONS = ("/var/www",)
# Folders that hold keys and credentials, wherever they are.
SECRET_FOLDERS = frozenset(
    {".ssh", ".gnupg", ".aws", ".azure", ".kube", ".docker", ".password-store"}
)
HOME_ROOTS = ("/home", "/Users")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")
PROTECTED_BRANCHES = ("main", "master", "trunk", "develop")
REMOTE = re.compile(
    r"^(?:(?P<user>[^@/:\s]+)@)?(?P<host>[A-Za-z0-9.\-\[\]]+):(?P<path>.*)$"
)
CLIMBS_OUT = N_("{where} climbs out with '..'; write the folder's full path; {fix}")
BRANCH = re.compile(r"^(?!-)(?!.*\.\.)(?!.*//)[A-Za-z0-9._/-]+(?<![./])$")


class PublishRefused(ValueError):
    """Publishing would be unsafe; the message says why and how to fix it."""


def plugin_settings(settings):
    """Return the publishing settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def uncommitted_content(root, folder=CONTENT_FOLDER):
    """Return `git status --porcelain` lines for changes under `folder`.

    Raise PublishRefused when `root` is not a git checkout or git is missing.
    """
    try:
        result = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "status",
                "--porcelain",
                "--untracked-files=all",
                "--",
                folder,
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PublishRefused(
            _(
                "git could not be run ({reason}); publish from a git checkout, or "
                "use --force"
            ).format(reason=error)
        ) from None
    if result.returncode != 0:
        raise PublishRefused(
            _(
                "{root} is not a git checkout, so unpublished changes cannot be "
                "ruled out; publish from a clone of the repository, or use --force"
            ).format(root=root)
        )
    return [line for line in result.stdout.splitlines() if line.strip()]


def split_target(text):
    """Return (user@host or "", path) of an rsync target written as text.

    A target starting with "/", "~" or "." is local; "user@host:path" and
    "host:path" are remote (ssh).
    """
    if text.startswith(("/", "~", ".")):
        return "", text
    remote = REMOTE.match(text)
    if remote is None:
        return "", text
    login = f"{remote['user']}@{remote['host']}" if remote["user"] else remote["host"]
    return login, remote["path"]


def normal_path(path):
    """Return `path` with ".", "..", repeated and trailing slashes resolved."""
    normal = posixpath.normpath(path) if path else path
    if normal.startswith("//"):
        normal = "/" + normal.lstrip("/")
    return normal


def system_folder(normal):
    """Return the system or secret folder that `normal` is or is inside, or ""."""
    parts = [p for p in normal.split("/") if p]
    for index, part in enumerate(parts):
        if part in SECRET_FOLDERS:
            return "/" + "/".join(parts[: index + 1])
    if any(normal == e or normal.startswith(e + "/") for e in SYSTEM_EXCEPTIONS):
        return ""
    for folder in SYSTEM_FOLDERS:
        if normal == folder or normal.startswith(folder + "/"):
            return folder
    if parts and parts[0].startswith(tuple(p[1:] for p in SYSTEM_PREFIXES)):
        return f"/{parts[0]}"
    return ""


def home_problem(where, path, fix):
    """Return why a home-relative target ("~/...", "~user/...") is unsafe, or ""."""
    home, _slash, rest = path.partition("/")
    parts = [p for p in rest.split("/") if p and p != "."]
    if not parts:
        return _("{where} is a home folder itself ({home}); {fix}").format(
            where=where, home=home, fix=fix
        )
    if parts[0].startswith(".") or any(p in SECRET_FOLDERS for p in parts):
        return _(
            "{where} is inside {folder}, a hidden folder of keys or settings; {fix}"
        ).format(where=where, folder=f"{home}/{parts[0]}", fix=fix)
    return ""


def webroot_problem(where, login, path, webroot, fix):
    """Return why a target is outside the configured web root, or ""."""
    root_login, root_path = split_target(str(webroot).strip())
    root = normal_path(root_path)
    inside = path.startswith("/") and (
        normal_path(path) == root
        or normal_path(path).startswith(root.rstrip("/") + "/")
    )
    if inside and (not root_login or root_login == login):
        return ""
    return _(
        "{where} is outside PUBLISH_WEBROOT {webroot}; deploy only into the "
        "web root or a folder inside it, or change PUBLISH_WEBROOT; {fix}"
    ).format(where=where, webroot=repr(webroot), fix=fix)


def rsync_target_problem(target, webroot=""):
    """Return why an rsync target is unsafe for `--delete`, or "" when it is fine.

    Refused whatever the web root: system and secret folders (and anything in
    them), folders shared by several sites, home folders themselves, relative
    paths, "..", daemon modules and option-like or multi-word text. When
    `webroot` is set, only targets inside it are accepted.
    """
    text = str(target or "")
    fix = _("set PUBLISH_RSYNC_TARGET to the site's own folder, e.g. {example}").format(
        example="deploy@server:/var/www/smartfestival/"
    )
    where = f"PUBLISH_RSYNC_TARGET {text!r}"
    if not text.strip():
        return _("PUBLISH_RSYNC_TARGET is empty; {fix}").format(fix=fix)
    if text != text.strip() or any(c.isspace() or not c.isprintable() for c in text):
        return _("{where} has spaces or control characters; {fix}").format(
            where=where, fix=fix
        )
    if text.startswith("-"):
        return _(
            "{where} starts with '-', which rsync reads as an option; {fix}"
        ).format(where=where, fix=fix)
    if "::" in text or text.startswith("rsync://"):
        return _(
            "{where} names an rsync daemon module; use ssh (host:/path) instead; {fix}"
        ).format(where=where, fix=fix)
    login, path = split_target(text)
    if not path or path in (".", "./"):
        return _(
            "{where} names no folder (the login's home folder itself); {fix}"
        ).format(where=where, fix=fix)
    if path.startswith("~"):
        problem = home_problem(where, path, fix)
        if not problem and ".." in path.split("/"):
            problem = _(CLIMBS_OUT).format(where=where, fix=fix)
        if not problem and str(webroot or "").strip():
            problem = webroot_problem(where, login, path, webroot, fix)
        return problem
    if not path.startswith("/"):
        return _(
            "{where} is a relative path, so where files are deleted depends on "
            "the current or login folder; write the full path from '/'; {fix}"
        ).format(where=where, fix=fix)
    normal = normal_path(path)
    parts = [p for p in normal.split("/") if p]
    if not parts:
        return _("{where} is the root folder '/'; {fix}").format(where=where, fix=fix)
    system = system_folder(normal)
    if system == normal:
        return _(
            "{where} is {folder}, a folder of the system or of secrets; never "
            "deploy there; {fix}"
        ).format(where=where, folder=normal, fix=fix)
    if system:
        return _(
            "{where} is {folder}, inside {system}, a folder of the system or of "
            "secrets; never deploy there; {fix}"
        ).format(where=where, folder=normal, system=system, fix=fix)
    if normal in SHARED_FOLDERS or len(parts) < 2:
        return _(
            "{where} is {folder}, a folder shared with other sites or the "
            "system; rsync --delete would remove what is not ours; {fix}"
        ).format(where=where, folder=normal, fix=fix)
    if f"/{parts[0]}" in HOME_ROOTS and len(parts) == 2:
        return _("{where} is the home folder {folder} itself; {fix}").format(
            where=where, folder=normal, fix=fix
        )
    if ".." in path.split("/"):
        # Even when it resolves to a fine folder: what a symlink on the way
        # points to decides where rsync really lands.
        return _(CLIMBS_OUT).format(where=where, fix=fix)
    if str(webroot or "").strip():
        return webroot_problem(where, login, path, webroot, fix)
    return ""


def ghp_branch_problem(branch, current=None):
    """Return why ghp-import must not write `branch`, or "" when it may."""
    name = str(branch or "").strip()
    fix = _(
        "set PUBLISH_GHP_BRANCH to a branch that holds only the site, e.g. gh-pages"
    )
    if not name:
        return _("PUBLISH_GHP_BRANCH is empty; {fix}").format(fix=fix)
    if not BRANCH.match(name):
        return _(
            "PUBLISH_GHP_BRANCH {branch} is not a valid branch name; {fix}"
        ).format(branch=repr(name), fix=fix)
    if name in PROTECTED_BRANCHES or (current and name == current):
        return _(
            "PUBLISH_GHP_BRANCH {branch} holds the project's sources, and "
            "ghp-import replaces a branch's whole tree with the site; {fix}"
        ).format(branch=repr(name), fix=fix)
    return ""


def current_branch(root):
    """Return the checked-out branch of `root`, or None."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--abbrev-ref", "HEAD"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def siteurl_problem(siteurl):
    """Return why SITEURL is no address to publish under, or ""."""
    parts = urlsplit(str(siteurl or ""))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return _(
            "SITEURL {siteurl} is not a web address; set it in publishconf.py "
            "(or the SITEURL environment variable)"
        ).format(siteurl=repr(siteurl))
    if local_host(parts.hostname):
        return _(
            "SITEURL {siteurl} is a local address, so every link of the "
            "published site would point at the reader's own computer; set the "
            "live address in publishconf.py"
        ).format(siteurl=repr(siteurl))
    return ""


def local_host(hostname):
    """Return whether `hostname` is this computer (loopback, *.localhost)."""
    host = (hostname or "").rstrip(".").lower()
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def tool_problem(method, which=None):
    """Return why the deploy tool of `method` cannot run here, or ""."""
    which = which or shutil.which
    if method == "rsync" and not which("rsync"):
        return _(
            "rsync is not installed (not found on PATH); install it (Debian: "
            "apt install rsync) or set PUBLISH_METHOD=ghp-import"
        )
    if method == "ghp-import":
        beside = Path(sys.executable).with_name("ghp-import")
        if not (beside.exists() or which("ghp-import")):
            return _(
                "ghp-import is not installed; run .venv/bin/pip install -r "
                "requirements.txt, or set PUBLISH_METHOD=rsync"
            )
        if not which("git"):
            return _("git is not installed, and ghp-import needs it; install git")
    return ""


def load_publish_settings(root):
    """Read publishconf.py of the project at `root`."""
    from safe_build import load_settings

    return load_settings(Path(root) / "publishconf.py")


def refuse_reasons(root, force=False, settings=None):
    """Return every reason not to publish now; an empty list means go ahead.

    `force` skips only the uncommitted-content check; an unsafe deploy target,
    a missing deploy tool or a publish clock ahead of the real one is refused
    whatever the flags. Nothing here builds: `invoke publish` runs it first.
    `settings` defaults to publishconf.py.
    """
    reasons = []
    if not force:
        try:
            changes = uncommitted_content(root)
        except PublishRefused as error:
            reasons.append(str(error))
        else:
            if changes:
                shown = ", ".join(line[3:] for line in changes[:10])
                if len(changes) > 10:
                    shown = _("{files} and {count} more").format(
                        files=shown, count=len(changes) - 10
                    )
                reasons.append(
                    _(
                        "content has uncommitted changes ({files}); commit them "
                        "so the published site matches the repository, or use "
                        "--force"
                    ).format(files=shown)
                )
    if settings is None:
        settings = load_publish_settings(root)
    conf = plugin_settings(settings)
    problem = siteurl_problem(settings.get("SITEURL"))
    if problem:
        reasons.append(problem)
    problem = clock_problem(settings)
    if problem:
        reasons.append(problem)
    method = conf["PUBLISH_METHOD"]
    problem = tool_problem(method)
    if problem:
        reasons.append(problem)
    if method == "rsync":
        problem = rsync_target_problem(
            conf["PUBLISH_RSYNC_TARGET"], conf["PUBLISH_WEBROOT"]
        )
    elif method == "ghp-import":
        problem = ghp_branch_problem(conf["PUBLISH_GHP_BRANCH"], current_branch(root))
    else:
        problem = unknown_method(method)
    if problem:
        reasons.append(problem)
    return reasons


def unknown_method(method):
    """Return the message of a PUBLISH_METHOD that is neither method."""
    return _("PUBLISH_METHOD {method} is unknown; use one of {methods}").format(
        method=repr(method), methods=", ".join(METHODS)
    )


def ghp_import_executable():
    """Return the ghp-import of this virtualenv, else the one on PATH."""
    beside = Path(sys.executable).with_name("ghp-import")
    return (
        str(beside) if beside.exists() else shutil.which("ghp-import") or "ghp-import"
    )


def dry_run_command(command):
    """Return the deploy argv as a rehearsal: rsync --dry-run, or None.

    rsync lists what it would change and changes nothing; ghp-import has no
    dry run (it commits before it pushes), so it is only shown.
    """
    if command and command[0] == "rsync":
        return [command[0], "--dry-run", "--itemize-changes", *command[1:]]
    return None


def site_folder(settings):
    """Return the built output folder; raise PublishRefused if it is no site."""
    output = Path(settings["OUTPUT_PATH"])
    if not (output / "index.html").is_file():
        raise PublishRefused(
            _("{output} holds no built site (no index.html); build it first").format(
                output=output
            )
        )
    return output


def deploy_command(settings):
    """Return the argv that deploys OUTPUT_PATH; raise PublishRefused if unsafe."""
    conf = plugin_settings(settings)
    output = site_folder(settings)
    method = conf["PUBLISH_METHOD"]
    if method == "rsync":
        target = conf["PUBLISH_RSYNC_TARGET"]
        problem = rsync_target_problem(target, conf["PUBLISH_WEBROOT"])
        if problem:
            raise PublishRefused(problem)
        # Trailing slashes: the folder's contents go into the target folder.
        return [
            "rsync",
            *RSYNC_OPTIONS,
            "--",
            f"{output}/",
            target if target.endswith("/") else f"{target}/",
        ]
    if method == "ghp-import":
        branch = conf["PUBLISH_GHP_BRANCH"]
        problem = ghp_branch_problem(branch)
        if problem:
            raise PublishRefused(problem)
        return [
            ghp_import_executable(),
            "--no-jekyll",
            "--push",
            "--branch",
            branch,
            "--message",
            "Publish the newsroom",
            str(output),
        ]
    raise PublishRefused(unknown_method(method))
