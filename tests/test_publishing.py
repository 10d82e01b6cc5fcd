"""Safe publishing: `invoke publish` deploys a fresh good build, or nothing.

Unit tests of the refusal rules, refuse_reasons over a temporary git
repository, and `invoke publish` end to end in a copy of the project with a
fake rsync on PATH (no network, no real deploy).
"""

import datetime as dt
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from feeds.websub import ping_hub, ping_refusal
from publishing import (
    PublishRefused,
    deploy_command,
    due_reasons,
    ghp_branch_problem,
    make_state,
    refuse_reasons,
    rsync_target_problem,
    tool_problem,
)
from test_websub import Hub

GOOD_TARGET = "deploy@web.bontangkota.go.id:/var/www/smartfestival/"
SETTINGS = {
    "SITEURL": "https://smartfestival.bontangkota.go.id",
    "PUBLISH_METHOD": "rsync",
    "PUBLISH_RSYNC_TARGET": GOOD_TARGET,
    "PUBLISH_GHP_BRANCH": "gh-pages",
}


def git(root, *args):
    return subprocess.run(
        ["git", "-c", "user.name=Uji", "-c", "user.email=uji@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )


def git_repo(root, files):
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "awal")
    return root


def fake_tools(folder, *names):
    """A folder holding a do-nothing executable for each name."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        tool = folder / name
        tool.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        tool.chmod(0o755)
    return folder


@pytest.fixture
def repo(tmp_path, monkeypatch):
    # rsync may be missing on a test machine: refuse_reasons checks for it.
    rsync = fake_tools(tmp_path / "tools", "rsync")
    monkeypatch.setenv("PATH", f"{rsync}{os.pathsep}{os.environ['PATH']}")
    return git_repo(
        tmp_path / "repo",
        {
            "content/press-releases/rilis.md": "Title: Rilis\nDate: 2020-03-13\n",
            "README.md": "Ruang berita\n",
        },
    )


@pytest.fixture
def built(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    return output


# --- rsync targets -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("web:", "names no folder"),
        ("web:.", "names no folder"),
        ("deploy@web:~", "is a home folder itself"),
        ("deploy@web:~/", "is a home folder itself"),
        ("deploy@web:~budi", "is a home folder itself"),
        ("deploy@web:/", "is the root folder"),
        ("deploy@web://", "is the root folder"),
        ("deploy@web:/home/budi", "is the home folder /home/budi itself"),
        ("deploy@web:/home/budi/", "is the home folder /home/budi itself"),
        ("deploy@web:/var/www", "shared with other sites"),
        ("deploy@web:/var/www/", "shared with other sites"),
        ("deploy@web:/srv", "shared with other sites"),
        ("/root", "is /root, a folder of the system or of secrets"),
        ("deploy@web:public_html", "is a relative path"),
        ("situs", "is a relative path"),
        ("deploy@web:/var/www/situs/../..", "is /var, a folder of the system"),
        ("deploy@web:/var/www/situs/../lain", "climbs out with '..'"),
        ("-e sh web:/var/www/situs", "spaces or control characters"),
        ("--rsh=sh", "starts with '-'"),
        ("web:/var/www/situs baru", "spaces or control characters"),
        ("web:/var/www/situs\n", "spaces or control characters"),
        ("web::modul/situs", "rsync daemon module"),
        ("rsync://web/modul/situs", "rsync daemon module"),
    ],
)
def test_dangerous_rsync_targets_are_refused(target, words, built):
    problem = rsync_target_problem(target)
    assert words in problem
    assert "; set PUBLISH_RSYNC_TARGET to the site's own folder" in problem
    with pytest.raises(PublishRefused) as refused:
        deploy_command(
            {**SETTINGS, "PUBLISH_RSYNC_TARGET": target, "OUTPUT_PATH": str(built)}
        )
    assert str(refused.value) == problem


SYSTEM = "a folder of the system or of secrets; never deploy there"


@pytest.mark.parametrize(
    ("target", "folder"),
    [
        # Every form: a local path, host:path, user@host:path, "..", "." and
        # repeated or trailing slashes all name the same folder.
        ("/", None),
        ("/etc", "/etc"),
        ("/etc/", "/etc"),
        ("host:/etc/nginx", "/etc"),
        ("deploy@web:/etc/nginx/sites-enabled/", "/etc"),
        ("/usr", "/usr"),
        ("/usr/bin", "/usr"),
        ("web:/usr/share/nginx/html", "/usr"),
        ("/bin", "/bin"),
        ("/sbin/", "/sbin"),
        ("/lib", "/lib"),
        ("/lib64/x86_64-linux-gnu", "/lib64"),
        ("web:/lib32", "/lib32"),
        ("/boot", "/boot"),
        ("deploy@web:/boot/efi", "/boot"),
        ("/root", "/root"),
        ("/root/situs", "/root"),
        ("/root/.ssh", "/root/.ssh"),
        ("/var", "/var"),
        ("/var/lib/nginx", "/var"),
        ("/var/log/", "/var"),
        ("deploy@web:/var/wwwdata/situs", "/var"),
        ("/proc", "/proc"),
        ("/proc/self", "/proc"),
        ("/sys/kernel", "/sys"),
        ("/dev", "/dev"),
        ("/dev/shm/situs", "/dev"),
        ("deploy@web:/home/budi/.ssh", "/home/budi/.ssh"),
        ("/home/budi/.ssh/", "/home/budi/.ssh"),
        ("/home/budi/.gnupg/kunci", "/home/budi/.gnupg"),
        ("/srv/www/situs/.ssh", "/srv/www/situs/.ssh"),
        ("web:/var/www/situs/.gnupg", "/var/www/situs/.gnupg"),
        # ".." and "." are resolved before the check, never trusted.
        ("/var/www/situs/../../../etc", "/etc"),
        ("deploy@web:/var/www/./situs/../../../usr/bin/", "/usr"),
        ("//etc//nginx//", "/etc"),
        ("/srv/www/../../etc/ssh", "/etc"),
    ],
)
def test_system_and_secret_folders_are_refused(target, folder, built):
    problem = rsync_target_problem(target)
    if folder is None:
        assert "is the root folder '/'" in problem
    else:
        assert SYSTEM in problem
        assert f"{folder}, a folder" in problem or f"inside {folder}, a" in problem
    assert problem.endswith(
        "; set PUBLISH_RSYNC_TARGET to the site's own folder, e.g. "
        "deploy@server:/var/www/smartfestival/"
    )
    with pytest.raises(PublishRefused) as refused:
        deploy_command(
            {**SETTINGS, "PUBLISH_RSYNC_TARGET": target, "OUTPUT_PATH": str(built)}
        )
    assert str(refused.value) == problem


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("~/.ssh", "is inside ~/.ssh, a hidden folder of keys or settings"),
        ("deploy@web:~/.ssh/", "is inside ~/.ssh, a hidden folder"),
        ("web:~/.gnupg", "is inside ~/.gnupg, a hidden folder"),
        ("~budi/.ssh/authorized_keys", "is inside ~budi/.ssh, a hidden folder"),
        ("deploy@web:~/.config/situs", "is inside ~/.config, a hidden folder"),
        ("deploy@web:~/public_html/.ssh", "is inside ~/public_html, a hidden"),
        ("deploy@web:~/public_html/../../etc", "climbs out with '..'"),
        ("~", "is a home folder itself (~)"),
        ("deploy@web:~/./", "is a home folder itself (~)"),
        ("/home/budi", "is the home folder /home/budi itself"),
        ("web:/home/budi/./", "is the home folder /home/budi itself"),
        ("/home/budi/situs/..", "is the home folder /home/budi itself"),
        ("/Users/budi/", "is the home folder /Users/budi itself"),
        ("/home", "shared with other sites"),
        ("/var/www", "shared with other sites"),
        ("web:/var/www/situs/..", "shared with other sites"),
        ("web::situs", "names an rsync daemon module"),
        ("deploy@web::situs/berita", "names an rsync daemon module"),
    ],
)
def test_home_and_secret_folders_are_refused_in_every_form(target, words):
    assert words in rsync_target_problem(target)


@pytest.mark.parametrize(
    ("target", "webroot"),
    [
        ("/var/www/smartfestival/", "/var/www/"),
        ("deploy@web:/var/www/smartfestival", "/var/www"),
        ("deploy@web:/var/www/smartfestival/", "deploy@web:/var/www/"),
        ("deploy@web:/var/www/smartfestival", "deploy@web:/var/www/smartfestival/"),
        ("web:/srv/www/festival/berita/", "/srv/www/festival"),
    ],
)
def test_a_target_inside_the_configured_web_root_is_accepted(target, webroot):
    assert rsync_target_problem(target, webroot) == ""


@pytest.mark.parametrize(
    ("target", "webroot"),
    [
        ("/srv/www/smartfestival/", "/var/www/"),
        ("deploy@web:/srv/www-lama/situs", "/srv/www"),
        ("deploy@web:/var/www/smartfestival-lama/", "/var/www/smartfestival"),
        ("deploy@lain:/var/www/smartfestival/", "deploy@web:/var/www/"),
        ("web:/var/www/smartfestival/", "deploy@web:/var/www/"),
        ("deploy@web:~/public_html/festival/", "/var/www/"),
        ("/home/budi/situs", "/var/www"),
    ],
)
def test_a_target_outside_the_configured_web_root_is_refused(target, webroot, built):
    problem = rsync_target_problem(target, webroot)
    assert f"is outside PUBLISH_WEBROOT {webroot!r}" in problem
    settings = {**SETTINGS, "PUBLISH_RSYNC_TARGET": target}
    with pytest.raises(PublishRefused, match="is outside PUBLISH_WEBROOT"):
        deploy_command(
            {**settings, "PUBLISH_WEBROOT": webroot, "OUTPUT_PATH": str(built)}
        )


def test_a_web_root_never_lets_a_system_folder_through():
    assert SYSTEM in rsync_target_problem("/etc/nginx", "/")
    assert SYSTEM in rsync_target_problem("web:/var/www/x/.ssh", "web:/var/www")


@pytest.mark.parametrize(
    "target",
    [
        GOOD_TARGET,
        "web:/var/www/smartfestival",
        "deploy@10.0.0.5:/srv/www/smartfestival/",
        "deploy@web:~/public_html/festival/",
        "/srv/www/smartfestival/",
        "/var/www/html",
        "/var/www/./smartfestival//",
        "deploy@web:/var/www/smartfestival/berita/",
        "/home/budi/public_html/festival",
        "deploy@web:/opt/situs/festival/",
        "/tmp/uji-situs",
    ],
)
def test_a_sites_own_folder_is_accepted(target):
    assert rsync_target_problem(target) == ""


def test_rsync_deletes_only_inside_the_target_folder(built):
    command = deploy_command({**SETTINGS, "OUTPUT_PATH": str(built)})
    assert command[0] == "rsync"
    assert "--delete" in command and "--delete-after" in command
    # The options end before the paths, and both paths end in "/": the site's
    # files go into the target folder, and deletions stay inside it.
    assert command[-3:] == ["--", f"{built}/", GOOD_TARGET]
    no_slash = {**SETTINGS, "OUTPUT_PATH": str(built)}
    no_slash["PUBLISH_RSYNC_TARGET"] = GOOD_TARGET.rstrip("/")
    assert deploy_command(no_slash)[-1] == GOOD_TARGET


def test_an_empty_output_folder_is_never_deployed(tmp_path):
    with pytest.raises(PublishRefused, match="holds no built site"):
        deploy_command({**SETTINGS, "OUTPUT_PATH": str(tmp_path)})


def test_ghp_import_writes_only_the_pages_branch(built):
    settings = {**SETTINGS, "PUBLISH_METHOD": "ghp-import", "OUTPUT_PATH": str(built)}
    command = deploy_command(settings)
    assert Path(command[0]).name == "ghp-import"
    assert command[command.index("--branch") + 1] == "gh-pages"
    assert command[-1] == str(built)
    for branch in ("main", "master", "", "-f", "a..b"):
        with pytest.raises(PublishRefused):
            deploy_command({**settings, "PUBLISH_GHP_BRANCH": branch})
    assert "holds the project's sources" in ghp_branch_problem("rilis", "rilis")


def test_an_unknown_method_is_refused(built):
    settings = {**SETTINGS, "PUBLISH_METHOD": "ftp", "OUTPUT_PATH": str(built)}
    with pytest.raises(PublishRefused, match="PUBLISH_METHOD 'ftp' is unknown"):
        deploy_command(settings)


# --- refuse_reasons over a git repository ------------------------------------------


def test_a_clean_repository_may_publish(repo):
    assert refuse_reasons(repo, settings=SETTINGS) == []


def test_uncommitted_content_is_refused_unless_forced(repo):
    (repo / "content/press-releases/rilis.md").write_text("Title: Ubah\n", "utf-8")
    (repo / "content/press-releases/baru.md").write_text("Title: Baru\n", "utf-8")
    (reason,) = refuse_reasons(repo, settings=SETTINGS)
    assert "content has uncommitted changes" in reason
    assert "content/press-releases/rilis.md" in reason
    assert "content/press-releases/baru.md" in reason
    assert "--force" in reason
    assert refuse_reasons(repo, force=True, settings=SETTINGS) == []


def test_changes_outside_content_do_not_block_publishing(repo):
    (repo / "README.md").write_text("Diubah\n", encoding="utf-8")
    assert refuse_reasons(repo, settings=SETTINGS) == []


def test_a_folder_outside_git_is_refused_unless_forced(tmp_path, monkeypatch):
    rsync = fake_tools(tmp_path / "tools", "rsync")
    monkeypatch.setenv("PATH", f"{rsync}{os.pathsep}{os.environ['PATH']}")
    (reason,) = refuse_reasons(tmp_path, settings=SETTINGS)
    assert "is not a git checkout" in reason
    assert refuse_reasons(tmp_path, force=True, settings=SETTINGS) == []


def test_force_never_overrides_an_unsafe_target_or_address(repo):
    settings = {**SETTINGS, "PUBLISH_RSYNC_TARGET": "", "SITEURL": "http://127.0.0.1"}
    reasons = refuse_reasons(repo, force=True, settings=settings)
    assert len(reasons) == 2
    assert "SITEURL 'http://127.0.0.1' is a local address" in reasons[0]
    assert "PUBLISH_RSYNC_TARGET is empty" in reasons[1]


def test_ghp_import_may_not_overwrite_the_checked_out_branch(repo):
    settings = {
        **SETTINGS,
        "PUBLISH_METHOD": "ghp-import",
        "PUBLISH_GHP_BRANCH": "main",
    }
    (reason,) = refuse_reasons(repo, settings=settings)
    assert "PUBLISH_GHP_BRANCH 'main' holds the project's sources" in reason


# --- invoke publish, end to end ---------------------------------------------------

FAKE_RSYNC = """#!{python}
import json, os, sys
from pathlib import Path
source = Path(sys.argv[-2])
files = [p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()]
record = {{"argv": sys.argv[1:], "files": sorted(files)}}
Path(os.environ["FAKE_RSYNC_LOG"]).write_text(json.dumps(record))
"""


@pytest.fixture
def project(tmp_path):
    """A committed copy of the project, and a fake rsync first on PATH."""
    root = copy_project(tmp_path / "proyek")
    (root / ".gitignore").write_text("/output/\n/cache/\n/.output-*/\n", "utf-8")
    git_repo(root, {})
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    rsync = bin_dir / "rsync"
    rsync.write_text(FAKE_RSYNC.format(python=sys.executable), encoding="utf-8")
    rsync.chmod(0o755)
    log = tmp_path / "rsync.json"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "FAKE_RSYNC_LOG": str(log),
        "PUBLISH_METHOD": "rsync",
        "PUBLISH_RSYNC_TARGET": GOOD_TARGET,
        "SITEURL": "https://smartfestival.example.org",
        # Never the public hub from a test: each test that pings starts its own.
        "WEBSUB_HUB": "",
    }
    return root, env, log


def invoke_publish(project, *args, **env):
    root, base_env, _ = project
    return subprocess.run(
        [sys.executable, "-m", "invoke", "publish", *args],
        cwd=root,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_invoke_publish_deploys_the_fresh_build_with_rsync(project):
    root, _, log = project
    (root / "output").mkdir()
    (root / "output" / "basi.html").write_text("build lama", encoding="utf-8")
    result = invoke_publish(project)
    assert result.returncode == 0, result.stderr[-2000:]
    deployed = json.loads(log.read_text())
    assert deployed["argv"][-3:] == ["--", f"{root / 'output'}/", GOOD_TARGET]
    assert "--delete" in deployed["argv"]
    # What was deployed is this build only, made with publishconf.py.
    assert "basi.html" not in deployed["files"]
    assert "index.html" in deployed["files"]
    home = (root / "output" / "index.html").read_text(encoding="utf-8")
    assert "https://smartfestival.example.org/" in home
    assert "127.0.0.1" not in home


def test_invoke_publish_refuses_uncommitted_content(project):
    root, _, log = project
    (root / "content" / "pages" / "baru.md").write_text(
        "Title: Baru\n\nIsi.\n", "utf-8"
    )
    result = invoke_publish(project)
    assert result.returncode == 1
    assert "Not publishing: content has uncommitted changes" in result.stderr
    assert "content/pages/baru.md" in result.stderr
    assert not log.exists()
    assert not (root / "output").exists()


def test_invoke_publish_never_deploys_a_failed_build(project):
    root, _, log = project
    bad = root / "content" / "press-releases" / "rusak.md"
    bad.write_text("Title: Rusak\nDate: kemarin\n\nIsi.\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "rusak")
    result = invoke_publish(project)
    assert result.returncode == 1
    assert "press-releases/rusak.md:2: Date: 'kemarin' is not a date" in result.stderr
    assert "Traceback" not in result.stderr
    assert not log.exists()


def test_invoke_publish_refuses_an_empty_target(project):
    _, _, log = project
    result = invoke_publish(project, "--force", PUBLISH_RSYNC_TARGET="")
    assert result.returncode == 1
    assert "Not publishing: PUBLISH_RSYNC_TARGET is empty" in result.stderr
    assert not log.exists()


def test_invoke_publish_pings_the_hub_for_changed_feeds_only(project):
    root, _, log = project
    with Hub() as hub:
        first = invoke_publish(project, WEBSUB_HUB=hub.url)
        assert first.returncode == 0, first.stderr[-2000:]
        pinged = [r["form"]["hub.url"][0] for r in hub.requests]
        assert "https://smartfestival.example.org/feeds/rss.xml" in pinged
        assert all(r["form"]["hub.mode"] == ["publish"] for r in hub.requests)
        hub.requests.clear()
        again = invoke_publish(project, WEBSUB_HUB=hub.url)
        assert again.returncode == 0, again.stderr[-2000:]
        # Publishing always builds afresh, even with nothing changed.
        assert "Built " in again.stdout
        assert hub.requests == []
        assert "no feed changed" in again.stdout


def test_a_failed_ping_is_reported_and_the_deploy_stands(project):
    _, _, log = project
    with Hub(status=500) as hub:
        result = invoke_publish(project, WEBSUB_HUB=hub.url)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(log.read_text())["files"]
    assert "the site is deployed; the hub was not told" in result.stderr


def test_invoke_publish_refuses_when_embargoed_text_is_in_the_files(project):
    root, _, log = project
    held = root / "content" / "press-releases" / "rahasia.md"
    held.write_text(
        "Title: Peluncuran Zqxrahasia Bontang\nDate: 2020-03-01\n"
        "Embargo: 2099-01-01 08:00\n\nIsi yang belum boleh terbit.\n",
        encoding="utf-8",
    )
    # A stray copy of the text in a static file: Pelican's state knows nothing.
    # (A PDF: a .txt file is not a type the site publishes at all.)
    extra = root / "content" / "extra" / "catatan.pdf"
    extra.write_bytes(b"%PDF-1.4\n% Draf: Peluncuran Zqxrahasia Bontang\n%%EOF\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "embargo")
    result = invoke_publish(project)
    assert result.returncode == 1
    assert "Not publishing: embargoed text found: extra/catatan.pdf" in result.stderr
    assert not log.exists()


# --- Tools and target before building; no ping from a local site or a dry run -----


def only_git_on_path(tmp_path):
    """A PATH with git and nothing else (no rsync, whatever the machine has)."""
    folder = tmp_path / "hanya-git"
    folder.mkdir()
    (folder / "git").symlink_to(shutil.which("git"))
    return str(folder)


def test_a_missing_rsync_is_refused_before_anything_is_built(project, tmp_path):
    root, _, log = project
    result = invoke_publish(project, PATH=only_git_on_path(tmp_path))
    assert result.returncode == 1
    assert "Not publishing: rsync is not installed (not found on PATH)" in (
        result.stderr
    )
    assert "Built " not in result.stdout
    assert not (root / "output").exists()
    assert not log.exists()


def test_an_unsafe_target_is_refused_before_anything_is_built(project):
    root, _, log = project
    result = invoke_publish(project, PUBLISH_RSYNC_TARGET="deploy@web:/etc/nginx")
    assert result.returncode == 1
    assert "is /etc/nginx, inside /etc, a folder of the system" in result.stderr
    assert "Built " not in result.stdout
    assert not (root / "output").exists()
    assert not log.exists()


def test_tool_problem_names_the_missing_tool(tmp_path, monkeypatch):
    assert "rsync is not installed" in tool_problem("rsync", which=lambda name: None)
    assert tool_problem("rsync", which=lambda name: f"/usr/bin/{name}") == ""
    # ghp-import: neither beside this Python nor on PATH.
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    assert "ghp-import is not installed" in tool_problem(
        "ghp-import", which=lambda name: None
    )
    assert "git is not installed" in tool_problem(
        "ghp-import", which=lambda name: None if name == "git" else f"/bin/{name}"
    )


def test_a_dry_run_builds_checks_and_rehearses_rsync_and_pings_nothing(project):
    root, _, log = project
    with Hub() as hub:
        result = invoke_publish(project, "--dry-run", WEBSUB_HUB=hub.url)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Built " in result.stdout
    # rsync ran with its own --dry-run: it lists, and changes nothing.
    argv = json.loads(log.read_text())["argv"]
    assert argv[:2] == ["--dry-run", "--itemize-changes"]
    assert argv[-3:] == ["--", f"{root / 'output'}/", GOOD_TARGET]
    assert "Dry run; nothing is deployed: rsync --dry-run" in result.stdout
    assert hub.requests == []
    # Nothing counts as published: the next --when-due still publishes.
    assert not (root / "cache" / "publish-state.json").exists()
    assert not (root / "cache" / "websub-published.json").exists()


def test_a_dry_run_with_ghp_import_only_shows_the_command(project):
    root, _, log = project
    result = invoke_publish(project, "--dry-run", PUBLISH_METHOD="ghp-import")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Dry run; would deploy with:" in result.stdout
    assert "--branch gh-pages" in result.stdout
    branches = git(root, "branch", "--list", "gh-pages").stdout
    assert branches.strip() == ""


@pytest.mark.parametrize(
    "siteurl",
    [
        "http://127.0.0.1:8000",
        "http://127.1.2.3",
        "http://localhost:8000",
        "http://LOCALHOST.",
        "http://festival.localhost:8000",
        "http://[::1]:8000",
        "http://0.0.0.0",
        "http://192.168.1.20",
        "http://10.0.0.5/situs",
        "http://[fe80::1]/",
        "file:///home/budi/output",
        "",
        None,
        "/relatif",
    ],
)
def test_nothing_is_pinged_for_a_local_site(siteurl):
    assert "no hub pinged" in ping_refusal(siteurl)
    feed = f"{siteurl or ''}/feeds/rss.xml"
    with Hub() as hub:
        results = ping_hub(hub.url, [feed], timeout=2)
    assert hub.requests == []
    assert [r.ok for r in results] == [False]
    assert "not pinged" in results[0].message


@pytest.mark.parametrize(
    "siteurl",
    ["https://smartfestival.bontangkota.go.id", "https://festival.example.org/"],
)
def test_a_public_site_may_be_pinged_unless_it_is_a_dry_run(siteurl):
    assert ping_refusal(siteurl) == ""
    assert ping_refusal(siteurl, dry_run=True) == "websub: a dry run; no hub pinged"


@pytest.mark.parametrize(
    "siteurl",
    ["http://festival.localhost:8000", "http://127.0.0.2", "file:///tmp/situs"],
)
def test_a_publish_with_a_local_site_url_is_refused_and_pings_nothing(project, siteurl):
    root, _, log = project
    with Hub() as hub:
        result = invoke_publish(project, SITEURL=siteurl, WEBSUB_HUB=hub.url)
    assert result.returncode == 1
    assert f"SITEURL {siteurl!r}" in result.stderr
    assert hub.requests == []
    assert not (root / "output").exists()
    assert not log.exists()


def load_tasks():
    spec = importlib.util.spec_from_file_location("tasks_under_test", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_announcing_feeds_of_a_local_build_pings_nothing(tmp_path, capsys):
    (tmp_path / "output" / "feeds").mkdir(parents=True)
    (tmp_path / "output" / "feeds" / "rss.xml").write_text("<rss/>", "utf-8")
    tasks = load_tasks()
    with Hub() as hub:
        for siteurl in ("http://127.0.0.1:8000", "http://situs.localhost"):
            settings = {
                "WEBSUB_HUB": hub.url,
                "SITEURL": siteurl,
                "CACHE_PATH": str(tmp_path / "cache"),
            }
            tasks.announce_feeds(settings, tmp_path / "output")
        assert hub.requests == []
        # The same call with a public address does ping: the test can fail.
        public = {**settings, "SITEURL": "https://festival.example.org"}
        tasks.announce_feeds(public, tmp_path / "output")
        assert [r["form"]["hub.url"] for r in hub.requests] == [
            ["https://festival.example.org/feeds/rss.xml"]
        ]
    assert "is a local address, which no hub can fetch" in capsys.readouterr().out


# --- Publishing on time: --when-due with a simulated clock --------------------------

WITA = dt.timezone(dt.timedelta(hours=8))
LIFT = dt.datetime(2020, 3, 20, 10, 0, tzinfo=WITA)
PERIOD = dt.timedelta(minutes=5)
HELD_TITLE = "Peluncuran Aplikasi Zqxtepatwaktu Bontang"
HELD_PAGE = "berita/2020/03/tepat-waktu/index.html"


def clock(moment):
    return moment.strftime("%Y-%m-%d %H:%M")


def test_clock_ahead_of_the_real_one_is_refused(repo):
    settings = {**SETTINGS, "NEWSROOM_NOW": "2999-01-01 00:00"}
    (reason,) = refuse_reasons(repo, settings=settings)
    assert "NEWSROOM_NOW '2999-01-01 00:00' is later than the real clock" in reason
    assert (
        refuse_reasons(repo, settings={**SETTINGS, "NEWSROOM_NOW": clock(LIFT)}) == []
    )


def test_an_embargoed_release_goes_live_within_one_period_and_never_early(project):
    """A timer runs `invoke publish --when-due` every 5 minutes around a lift."""
    root, _, log = project
    (root / "content" / "press-releases" / "tepat-waktu.md").write_text(
        f"Title: {HELD_TITLE}\nDate: 2020-03-19 09:00\n"
        f"Embargo: {clock(LIFT)}\nOPD: diskominfo\n\n"
        "Aplikasi Zqxtepatwaktu diluncurkan hari ini di Pendopo.\n",
        encoding="utf-8",
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "embargo")
    # Ticks every PERIOD, the lift falling between two of them.
    ticks = [
        LIFT + offset * PERIOD - dt.timedelta(minutes=2) for offset in range(-3, 3)
    ]
    live_at = None
    for tick in ticks:
        log.unlink(missing_ok=True)
        result = invoke_publish(project, "--when-due", NEWSROOM_NOW=clock(tick))
        assert result.returncode == 0, (tick, result.stderr[-2000:])
        deployed = json.loads(log.read_text())["files"] if log.exists() else None
        if tick == ticks[0]:
            # The first run from this checkout publishes, without the release.
            assert "nothing was published from this checkout yet" in result.stdout
            assert deployed is not None and "index.html" in deployed
            assert HELD_PAGE not in deployed
            assert f"Next embargo lifts at {LIFT.isoformat()}" in result.stdout
        elif tick < LIFT:
            # Nothing due, nothing built, nothing deployed: never early.
            assert deployed is None, tick
            assert "Built " not in result.stdout
            assert "Nothing due" in result.stdout
            assert f"the next embargo lifts at {LIFT.isoformat()}" in result.stdout
        elif live_at is None:
            assert deployed is not None, tick
            assert f"an embargo lifted at {LIFT.isoformat()}" in result.stdout
            assert HELD_PAGE in deployed
            page = (root / "output" / HELD_PAGE).read_text(encoding="utf-8")
            assert HELD_TITLE in page
            live_at = tick
        else:
            assert deployed is None, tick
            assert "Nothing due" in result.stdout
            assert "no embargo is waiting to lift" in result.stdout
    assert live_at is not None and LIFT <= live_at < LIFT + PERIOD
    # A change to content is due at the next tick, embargo or not.
    (root / "content" / "pages" / "kontak-baru.md").write_text(
        "Title: Kontak Baru\n\nIsi.\n", encoding="utf-8"
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "halaman baru")
    log.unlink(missing_ok=True)
    result = invoke_publish(
        project, "--when-due", NEWSROOM_NOW=clock(ticks[-1] + PERIOD)
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "content, theme, plugins or settings changed since" in result.stdout
    assert "kontak-baru/index.html" in json.loads(log.read_text())["files"]


def test_a_lift_is_due_at_its_moment_and_not_a_second_before():
    state = make_state("kunci", LIFT - PERIOD, LIFT)
    assert due_reasons(state, "kunci", LIFT - dt.timedelta(seconds=1)) == []
    (reason,) = due_reasons(state, "kunci", LIFT)
    assert reason.startswith(f"an embargo lifted at {LIFT.isoformat()}")
    (reason,) = due_reasons(state, "lain", LIFT - PERIOD)
    assert reason.startswith("content, theme, plugins or settings changed")
    assert due_reasons(None, "kunci", LIFT) == [
        "nothing was published from this checkout yet"
    ]
    assert due_reasons(make_state("kunci", LIFT, None), "kunci", LIFT + PERIOD) == []
