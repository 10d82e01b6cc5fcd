"""`invoke publish` applies the embargo's file rule to the built output itself."""

from test_publishing import git, invoke_publish, project  # noqa: F401 - fixture

PDF = b"%PDF-1.4\n% zqxdokumen: lampiran rilis yang belum boleh terbit\n%%EOF\n"


def test_invoke_publish_refuses_a_copy_of_a_held_file(project):  # noqa: F811
    root, _, log = project
    content = root / "content"
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "zqxdokumen.pdf").write_bytes(PDF)
    # Named by a full SITEURL URL: only the build's settings say it is ours.
    (content / "press-releases" / "rahasia.md").write_text(
        "Title: Rilis Rahasia\nDate: 2020-03-01\nEmbargo: 2099-01-01 08:00\n\n"
        "Isi rilis.\n\n[Lampiran](https://smartfestival.example.org/images/"
        "zqxdokumen.pdf)\n",
        encoding="utf-8",
    )
    # A stray copy under another name, which the build publishes as it is.
    (content / "extra" / "zqxsalinan.pdf").write_bytes(PDF)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "embargo")
    result = invoke_publish(project)
    assert result.returncode == 1, result.stderr[-2000:]
    assert (root / "output" / "index.html").is_file()
    assert not (root / "output" / "images" / "zqxdokumen.pdf").exists()
    assert (
        "extra/zqxsalinan.pdf: is content/images/zqxdokumen.pdf or made from it, "
        "used only by content/press-releases/rahasia.md, embargoed until "
        "2099-01-01T08:00+08:00"
    ) in result.stderr
    assert not log.exists()
