"""The page a development server shows while the build is broken.

`invoke livereload` serves it at every address in place of the site (it is
never written into the output) until a build succeeds again, so the author
sees in the browser what the terminal says: each problem as
`path:line: problem; fix`.
"""

from html import escape

from i18n import _, current, ngettext

# The HTTP status the page is served with: the site is not available.
STATUS = 503

TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
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
<h1>{title}</h1>
<p>{summary}</p>
<ol class="bsf-build-problems">
{items}
</ol>
<p>{after}</p>
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
    """Return the HTML page listing `problems` (strings `path:line: problem; fix`).

    In the language of the messages (the i18n plugin), which `lang` names.
    """
    items = "\n".join(f"<li><code>{escape(str(p))}</code></li>" for p in problems)
    count = len(problems)
    summary = ngettext(
        "{count} problem stopped the last build; fix it and save.",
        "{count} problems stopped the last build; fix them and save.",
        count,
    ).format(count=count)
    return TEMPLATE.format(
        lang=current(),
        title=escape(_("The site cannot be built yet")),
        summary=escape(summary),
        after=escape(
            _(
                "This page makes way for the site as soon as the files are fixed "
                "and saved."
            )
        ),
        items=items,
        status=STATUS,
    )
