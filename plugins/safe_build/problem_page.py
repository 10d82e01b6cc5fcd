"""The page a development server shows while the build is broken.

`invoke livereload` serves it at every address in place of the site (it is
never written into the output) until a build succeeds again, so the author
sees in the browser what the terminal says: each problem as
`path:line: problem; fix`.
"""

from html import escape

# The HTTP status the page is served with: the site is not available.
STATUS = 503

TEMPLATE = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Situs belum bisa dibangun</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem; }}
h1 {{ color: #a4000f; font-size: 1.6rem; }}
li {{ margin: 0 0 .75rem; }}
code {{ font-family: ui-monospace, monospace; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main id="main-content">
<h1>Situs belum bisa dibangun</h1>
<p>{summary}</p>
<ol class="bsf-build-problems">
{items}
</ol>
<p>Halaman ini diganti situs sendiri begitu berkas diperbaiki dan disimpan.</p>
</main>
<script>
(function poll() {{
  // Livereload skips a reload that comes soon after the last one: ask too.
  setTimeout(function () {{
    fetch(location.href, {{cache: "no-store"}}).then(function (answer) {{
      if (answer.status === {status}) {{ poll(); }} else {{ location.reload(); }}
    }}, poll);
  }}, 2000);
}})();
</script>
</body>
</html>
"""


def problem_page(problems):
    """Return the HTML page listing `problems` (strings `path:line: problem; fix`)."""
    items = "\n".join(f"<li><code>{escape(str(p))}</code></li>" for p in problems)
    summary = "{} masalah menghentikan build terakhir; perbaiki lalu simpan.".format(  # noqa: UP032
        len(problems)
    )
    return TEMPLATE.format(summary=summary, items=items, status=STATUS)
