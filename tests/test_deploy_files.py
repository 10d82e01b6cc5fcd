"""The shipped schedulers run `invoke publish --when-due` every 5 minutes.

The systemd units are read as INI files, the GitHub Actions example line by
line (no YAML library in the project); `invoke publish --help` must offer
the options they and the README use.
"""

import configparser
import re
import subprocess
import sys

from conftest import ROOT

DEPLOY = ROOT / "deploy"
COMMAND = "invoke publish --when-due"


def unit(name):
    path = DEPLOY / "systemd" / name
    assert path.is_file(), path
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def test_the_systemd_timer_starts_the_service_every_five_minutes():
    timer = unit("bontang-newsroom-publish.timer")
    assert timer["Timer"]["OnCalendar"] == "*:0/5"
    assert timer["Timer"]["AccuracySec"] == "1s"
    assert timer["Timer"]["Unit"] == "bontang-newsroom-publish.service"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_systemd_service_publishes_when_due_from_the_checkout():
    service = unit("bontang-newsroom-publish.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["ExecStart"].endswith(f"/.venv/bin/{COMMAND}")
    assert service["ExecStart"].startswith(service["WorkingDirectory"] + "/")
    assert service["User"] != "root"
    env = DEPLOY / "systemd" / "publish.env.example"
    assert env.is_file()
    names = {
        line.split("=", 1)[0]
        for line in env.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    assert {"PUBLISH_METHOD", "PUBLISH_RSYNC_TARGET", "PUBLISH_WEBROOT"} <= names


def test_the_ci_example_runs_every_five_minutes_and_keeps_the_record():
    path = DEPLOY / "github-actions-publish.yml"
    assert path.is_file()
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    assert '- cron: "*/5 * * * *"' in lines
    assert f"run: .venv/bin/{COMMAND}" in lines
    assert lines.count("cache/publish-state.json") == 2  # restored, then saved
    assert not any("\t" in line for line in lines)


def test_publish_offers_the_options_the_schedulers_use():
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    options = set(re.findall(r"--[a-z-]+", result.stdout))
    assert {"--when-due", "--dry-run", "--force"} <= options
