"""Facts about picture files that several plugins need."""

from PIL import Image


def image_size(path):
    """Return (width, height) of a picture file, or None when unreadable."""
    try:
        with Image.open(path) as picture:
            return picture.size
    except (OSError, ValueError):
        return None
