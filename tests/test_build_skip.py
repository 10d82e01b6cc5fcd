"""Skipped rebuilds: nothing changed costs almost nothing, and is never stale.

A build with the same inputs into an untouched output, before any embargo
lifts, is skipped; any change to content, theme, plugins, settings or the
output, and the clock passing a lift, gives a real build whose output shows
it. Each test builds a small real site (the repository's content) into tmp
folders; nothing is written inside the repository.
"""

import datetime as dt
import functools
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import newsroom.plugin
from conftest import FIXTURES, ROOT, copy_project, merged_content, soup_of
from newsroom.embargo import now_wita
from safe_build import BuildFailed, build_site, load_settings, stamps

SITEURL = "https://festival.example.org"
EMBARGO = FIXTURES / "newsroom" / "embargo"
RELEASE = "berita/2020/03/newsroom-embargo-zqxrilis7731/index.html"
FUTURE = "berita/2099/02/newsroom-tanggal-depan-zqxtanggal7731/index.html"
# The embargo fixture lifts at 2099-01-01 08:00 WITA; its other item is dated
# 2099-02-01 09:00 WITA.
LIFT = dt.datetime(2099, 1, 1, 0, 0, tzinfo=dt.UTC)
NEXT_LIFT = "2099-02-01T09:00:00+08:00"

PROBE_PLUGIN = textwrap.dedent(
    '''
    """Test-only plugin: writes MESSAGE into probe.txt of the output."""

    from pathlib import Path

    from pelican import signals

    MESSAGE = "{message}"


    def write_probe(pelican):
        Path(pelican.output_path, "probe.txt").write_text(MESSAGE, encoding="utf-8")


    def register():
        signals.finalized.connect(write_probe)
    '''
)
BUILD_SCRIPT = textwrap.dedent(
    """
    import json, sys
    sys.path.insert(0, sys.argv[1])
    from safe_build import build_site
    report = build_site(sys.argv[2], json.loads(sys.argv[3]))
    print(json.dumps({"skipped": report.skipped}))
    """
)


def overrides(output, content, **extra):
    return {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(Path(output).parent / "cache"),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "IMAGES_CACHE": False,
        "SITEURL": SITEURL,
        **extra,
    }


def run(output, content, force=False, conf="pelicanconf.py", **extra):
    """Build with our settings; return the BuildReport."""
    return build_site(ROOT / conf, overrides(output, content, **extra), force=force)


def snapshot(folder):
    """Every file of `folder`: its bytes and mtime_ns, by relative path."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    }


def stamp_of(output):
    return stamps.read_stamp(stamps.stamp_path(Path(output).parent / "cache", output))


def write_photo(content):
    """Write the small PNG the embargoed release shows."""
    from PIL import Image

    (content / "images").mkdir(exist_ok=True)
    Image.new("RGB", (16, 12), (11, 74, 125)).save(
        content / "images" / "newsroom-zqxrilis7731.png"
    )


@pytest.fixture
def content(tmp_path):
    return merged_content(tmp_path / "content", ROOT / "content")


@pytest.fixture
def built(tmp_path, content):
    """The small site built once; returns its output folder."""
    output = tmp_path / "site" / "output"
    report = run(output, content)
    assert not report.skipped
    return output


@pytest.fixture
def embargo_content(tmp_path):
    target = merged_content(tmp_path / "content", ROOT / "content", EMBARGO)
    write_photo(target)
    return target


# --- Nothing changed ------------------------------------------------------------------


def test_a_rebuild_with_nothing_changed_is_skipped_and_touches_nothing(built, content):
    before = snapshot(built)
    report = run(built, content)
    assert report.skipped
    assert report.output == built
    assert report.settings["OUTPUT_PATH"] == str(built)
    assert snapshot(built) == before
    # No staging folder was made, and the stamp lives in the cache, not the output.
    assert sorted(p.name for p in built.parent.iterdir()) == ["cache", "output"]
    assert not any("stamp" in name for name in before)


def test_a_skipped_build_reports_the_warnings_of_the_build_it_kept(
    tmp_path, embargo_content
):
    output = tmp_path / "site" / "output"
    first = run(output, embargo_content, conf="publishconf.py")
    again = run(output, embargo_content, conf="publishconf.py")
    assert again.skipped
    assert any("held back under embargo" in w for w in first.warnings)
    assert again.warnings == first.warnings


def test_force_always_builds(built, content):
    before = snapshot(built)
    report = run(built, content, force=True)
    assert not report.skipped
    after = snapshot(built)
    assert {name: data for name, (data, _) in after.items()} == {
        name: data for name, (data, _) in before.items()
    }
    # Every page was written again (static copies may keep their source's mtime).
    pages = [name for name in before if name.endswith(".html")]
    assert pages and all(after[name][1] != before[name][1] for name in pages)


# --- Each input changed ---------------------------------------------------------------


def test_editing_one_content_file_rebuilds_with_the_edit(built, content):
    page = content / "pages" / "tentang.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nParagraf zqxbaru ditambahkan redaksi.\n",
        encoding="utf-8",
    )
    report = run(built, content)
    assert not report.skipped
    text = soup_of(built / "tentang" / "index.html").select_one("main").get_text()
    assert "Paragraf zqxbaru ditambahkan redaksi." in text


def test_a_static_file_changed_under_the_same_size_and_mtime_rebuilds(built, content):
    icon = content / "extra" / "favicon.ico"
    old = icon.read_bytes()
    stat = icon.stat()
    # Still an icon (the content checks verify it): the reserved byte of the
    # first directory entry changes, which no reader uses.
    new = bytearray(old)
    new[6 + 3] ^= 0xFF
    new = bytes(new)
    icon.write_bytes(new)
    os.utime(icon, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert run(built, content).skipped is False
    assert (built / "favicon.ico").read_bytes() == new


def test_editing_a_theme_template_rebuilds_with_the_edit(tmp_path, content):
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    output = tmp_path / "site" / "output"
    run(output, content, THEME=str(theme))
    assert run(output, content, THEME=str(theme)).skipped
    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace(
            "</head>", '<meta name="bsf-uji" content="tema-baru">\n</head>', 1
        ),
        encoding="utf-8",
    )
    assert not run(output, content, THEME=str(theme)).skipped
    meta = soup_of(output / "index.html").select_one('meta[name="bsf-uji"]')
    assert meta["content"] == "tema-baru"


def build_in_process(output, content, plugin_dir):
    """Build in a fresh interpreter (an edited plugin is loaded anew)."""
    plugins = load_settings(ROOT / "pelicanconf.py")["PLUGINS"]
    settings = overrides(
        output,
        content,
        PLUGIN_PATHS=[str(ROOT / "plugins"), str(plugin_dir)],
        PLUGINS=[*plugins, "stamp_probe"],
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            BUILD_SCRIPT,
            str(ROOT / "plugins"),
            str(ROOT / "pelicanconf.py"),
            json.dumps(settings),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_editing_a_plugin_file_rebuilds_with_the_edit(tmp_path, content):
    plugin_dir = tmp_path / "plugins"
    (plugin_dir / "stamp_probe").mkdir(parents=True)
    source = plugin_dir / "stamp_probe" / "__init__.py"
    source.write_text(PROBE_PLUGIN.format(message="versi satu"), encoding="utf-8")
    output = tmp_path / "site" / "output"
    assert build_in_process(output, content, plugin_dir) == {"skipped": False}
    # A new process with nothing changed skips too: that is `invoke build`.
    assert build_in_process(output, content, plugin_dir) == {"skipped": True}
    source.write_text(PROBE_PLUGIN.format(message="versi dua"), encoding="utf-8")
    assert build_in_process(output, content, plugin_dir) == {"skipped": False}
    assert (output / "probe.txt").read_text(encoding="utf-8") == "versi dua"


def test_changing_a_setting_override_rebuilds_with_it(built, content):
    report = run(built, content, SITEURL="https://baru.example.org")
    assert not report.skipped
    canonical = soup_of(built / "index.html").select_one('link[rel="canonical"]')
    assert canonical["href"].startswith("https://baru.example.org/")
    # And back: the stamp is of the last build, so the first settings build again.
    assert not run(built, content).skipped
    canonical = soup_of(built / "index.html").select_one('link[rel="canonical"]')
    assert canonical["href"].startswith(f"{SITEURL}/")


def test_a_variable_that_publishconf_reads_rebuilds_with_it(
    tmp_path, content, monkeypatch
):
    output = tmp_path / "site" / "output"
    settings = overrides(output, content)
    del settings["SITEURL"]
    monkeypatch.setenv("SITEURL", "https://satu.example.org")
    build_site(ROOT / "publishconf.py", settings)
    assert build_site(ROOT / "publishconf.py", settings).skipped
    monkeypatch.setenv("SITEURL", "https://dua.example.org")
    assert not build_site(ROOT / "publishconf.py", settings).skipped
    canonical = soup_of(output / "index.html").select_one('link[rel="canonical"]')
    assert canonical["href"].startswith("https://dua.example.org/")


@pytest.mark.parametrize("damage", ["delete", "edit"])
def test_a_changed_output_is_rebuilt(built, content, damage):
    page = built / "tentang" / "index.html"
    good = page.read_bytes()
    if damage == "delete":
        page.unlink()
    else:
        page.write_bytes(good.replace(b"Tentang Festival", b"Diubah di output"))
    assert not run(built, content).skipped
    assert page.read_bytes() == good


# --- The clock ------------------------------------------------------------------------


def test_a_later_build_moment_rebuilds_with_the_lifted_item(tmp_path, embargo_content):
    output = tmp_path / "site" / "output"
    before = "2098-12-31 08:00"
    after = "2099-01-01 08:00"
    assert not run(output, embargo_content, NEWSROOM_NOW=before).skipped
    assert not (output / RELEASE).exists()
    assert run(output, embargo_content, NEWSROOM_NOW=before).skipped
    assert not run(output, embargo_content, NEWSROOM_NOW=after).skipped
    title = soup_of(output / RELEASE).select_one("h1").get_text()
    assert "Zqxrilis7731" in title
    assert not (output / FUTURE).exists()


def test_the_clock_passing_an_embargo_lift_rebuilds(
    tmp_path, embargo_content, monkeypatch
):
    output = tmp_path / "site" / "output"
    assert not run(output, embargo_content).skipped
    assert not (output / RELEASE).exists()
    assert stamp_of(output)["changes_at"] == "2099-01-01T08:00:00+08:00"
    # Before the lift, nothing changes.
    assert run(output, embargo_content).skipped

    # One minute after the lift, for safe_build and for the newsroom alike.
    later = LIFT + dt.timedelta(minutes=1)
    monkeypatch.setattr(stamps, "utc_now", lambda: later)
    monkeypatch.setattr(
        newsroom.plugin,
        "now_wita",
        lambda setting=None: now_wita(setting) if setting else later,
    )
    assert not run(output, embargo_content).skipped
    assert soup_of(output / RELEASE).select_one("h1") is not None
    assert not (output / FUTURE).exists()
    assert dt.datetime.fromisoformat(stamp_of(output)["changes_at"]) == (
        dt.datetime.fromisoformat(NEXT_LIFT)
    )
    assert run(output, embargo_content).skipped


# --- Failures -------------------------------------------------------------------------


def test_a_failed_build_keeps_the_previous_stamp_and_output_valid(built, content):
    stamp_file = stamps.stamp_path(built.parent / "cache", built)
    stamp_before = stamp_file.read_bytes()
    before = snapshot(built)
    bad = content / "press-releases" / "rusak.md"
    bad.write_text("Title: Rusak\nDate: 13 Maret 2020\n\nIsi.\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        run(built, content)
    assert stamp_file.read_bytes() == stamp_before
    assert snapshot(built) == before
    # Content back as the good build saw it: that build's output still stands.
    bad.unlink()
    assert run(built, content).skipped
    assert snapshot(built) == before


# --- The key --------------------------------------------------------------------------


def small_settings(tmp_path):
    content = tmp_path / "content"
    plugins = tmp_path / "plugins"
    for folder in (content, plugins / "uji", tmp_path / "conf"):
        folder.mkdir(parents=True, exist_ok=True)
    (content / "a.md").write_text("Title: A\n", encoding="utf-8")
    (plugins / "uji" / "__init__.py").write_text(
        'import os\nFLAG = os.environ.get("NEWSROOM_UJI_FLAG")\n', encoding="utf-8"
    )
    conf = tmp_path / "conf" / "pelicanconf.py"
    conf.write_text('SITENAME = "Uji"\n', encoding="utf-8")
    settings = {
        "PATH": str(content),
        "OUTPUT_PATH": str(content / "output"),
        "CACHE_PATH": str(content / "cache"),
        "THEME": str(tmp_path / "no-theme"),
        "PLUGIN_PATHS": [str(plugins)],
    }
    return conf, settings


def key_of(conf, settings, environ=None):
    output = Path(settings["OUTPUT_PATH"])
    cache = Path(settings["CACHE_PATH"])
    return stamps.build_key(
        conf,
        settings,
        skip=lambda path: Path(path) in (output, cache),
        environ=environ or {},
        cwd=conf.parent,
        locale_dir=conf.parent.parent / "locale",
    )[0]


def test_the_key_covers_variables_that_plugins_read(tmp_path):
    conf, settings = small_settings(tmp_path)
    plain = key_of(conf, settings)
    assert key_of(conf, settings, {"UNRELATED_UJI": "1"}) == plain
    assert key_of(conf, settings, {"NEWSROOM_UJI_FLAG": "1"}) != plain
    assert key_of(conf, settings, {"SOURCE_DATE_EPOCH": "1584288000"}) != plain
    assert key_of(conf, settings, {"PAGEFIND_BINARY_PATH": "/x"}) != plain


def test_the_key_ignores_mtimes_bytecode_output_and_cache(tmp_path):
    conf, settings = small_settings(tmp_path)
    plain = key_of(conf, settings)
    os.utime(Path(settings["PATH"]) / "a.md", (1, 1))
    cache = Path(settings["PLUGIN_PATHS"][0]) / "uji" / "__pycache__"
    cache.mkdir()
    (cache / "__init__.cpython-311.pyc").write_bytes(b"\0")
    for name in ("OUTPUT_PATH", "CACHE_PATH"):
        Path(settings[name]).mkdir()
        (Path(settings[name]) / "x.html").write_text("x", encoding="utf-8")
    assert key_of(conf, settings) == plain


def write(path, text):
    Path(path).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        lambda c, s: write(Path(s["PATH"]) / "b.md", "Title: B\n"),
        lambda c, s: write(Path(s["PATH"]) / "a.md", "Title: A2\n"),
        lambda c, s: write(Path(s["PLUGIN_PATHS"][0]) / "uji" / "x.py", "X = 1\n"),
        lambda c, s: write(c.parent / "publishconf.py", "from pelicanconf import *\n"),
        lambda c, s: s.update(SITENAME="Lain"),
        lambda c, s: write(s["IMAGES_CARD_FONT"], "huruf lain"),
        lambda c, s: write(c.parent.parent / "locale" / "messages.po", "msgstr 2"),
    ],
    ids=[
        "new-content",
        "content",
        "plugin",
        "beside-settings",
        "setting",
        "font",
        "translation",
    ],
)
def test_the_key_changes_with_each_input(tmp_path, change):
    conf, settings = small_settings(tmp_path)
    # A file that a setting names, outside every hashed folder.
    write(tmp_path / "font.ttf", "huruf")
    settings["IMAGES_CARD_FONT"] = str(tmp_path / "font.ttf")
    (tmp_path / "locale").mkdir()
    write(tmp_path / "locale" / "messages.po", "msgstr 1")
    plain = key_of(conf, settings)
    change(conf, settings)
    assert key_of(conf, settings) != plain


def test_settings_serialise_the_same_in_every_process():
    def local():
        pass

    value = {
        "f": local,
        "p": functools.partial(print, "x"),
        "o": object(),
        "s": {"b", "a"},
    }
    text = stamps.stable_repr(value)
    assert " at 0x" not in text
    assert "test_settings_serialise_the_same_in_every_process.<locals>.local" in text
    assert stamps.stable_repr({"s": {"a", "b"}, "x": 1}) == stamps.stable_repr(
        {"x": 1, "s": {"b", "a"}}
    )


def test_stamps_are_never_written_inside_the_output(tmp_path):
    output = tmp_path / "output"
    assert stamps.stamp_path(output / "cache", output) is None
    path = stamps.stamp_path(tmp_path / "cache", output)
    assert path.parent == tmp_path / "cache" / "build-stamps"


# --- invoke ---------------------------------------------------------------------------


def test_invoke_build_skips_and_invoke_rebuild_forces(tmp_path):
    root = copy_project(tmp_path / "proyek")

    def invoke(task):
        result = subprocess.run(
            [sys.executable, "-m", "invoke", task],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout.strip().splitlines()[-1]

    assert invoke("build").startswith("Built ")
    assert invoke("build").startswith("Nothing changed; ")
    assert invoke("rebuild").startswith("Built ")
    assert (root / "output" / "index.html").is_file()
