"""Helpers shared by several plugins: a library package, not a plugin.

It has no `register()` and is not listed in PLUGINS; plugins import from it
(`from common.urls import absolute_url`). Each module holds one kind of helper:

- `files`: `atomic_write`, the one way to replace a file so that a killed
  build leaves the old file or the new one, never half of one.
  `write_output`, a file of the site written under the output folder.
- `context_keys`: the names of what our plugins share through Pelican's
  context.
- `urls`: `absolute_url`, an output-relative URL made absolute.
- `images`: `image_size`, the pixel size of a picture file.
- `paths`: `display_path`, a file's path as authors know it.

Pure functions only: no Pelican imports, no module-level mutable state.
"""
