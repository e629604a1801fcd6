"""Media storage on the local disk that never leaves a half-written file behind."""

import contextlib
import os

from django.core.files.storage import FileSystemStorage


class SiteFileSystemStorage(FileSystemStorage):
    """`FileSystemStorage` that removes a partly written file when writing it fails.

    Django's storage leaves the file it had started (for example when the disk fills up in the
    middle of an upload); the model row is not created, so that file would be an orphan that
    nothing links to. The file is removed only when nothing was at its path before this call
    (`Storage.save` chose a free name), so that a failure never deletes another upload.
    """

    def _save(self, name: str, content) -> str:
        path = self.path(name)
        was_free = not os.path.lexists(path)
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError:
            if was_free:
                with contextlib.suppress(OSError):
                    os.remove(path)
            raise
