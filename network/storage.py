"""Where image renditions are linked from: a view that asks who may see them.

Renditions stay in MEDIA_ROOT/images/ as before, but their address is no longer a file
under MEDIA_URL: it is /images/<name>, served by network.private_files.serve_image, which
answers only those who may see a page using the image. Wagtail builds this storage while
its models load (WAGTAILIMAGES_RENDITION_STORAGE), so this module imports no models.
"""

from django.core.files.storage import FileSystemStorage
from django.urls import reverse

RENDITION_FOLDER = "images/"


class RenditionStorage(FileSystemStorage):
    def url(self, name):
        if not name.startswith(RENDITION_FOLDER):
            raise ValueError(f"Not a rendition: {name}")
        return reverse("image_file", args=[name.removeprefix(RENDITION_FOLDER)])
