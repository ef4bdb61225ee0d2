"""What the dashboard's download buttons hand over, seen from AppTest."""

from __future__ import annotations

from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage


class OfferedFiles:
    """Every file the app offers for download while it is alive, by the id its button carries.

    A download button's proto carries an id, never the file's name: of a file already in
    Streamlit's media store (``url`` ends ``/<id>.<ext>``), or of a function that writes the file
    when the button is clicked (``deferred_file_id``). AppTest drops both after each run, so they
    are recorded here as they are handed over, with the name the browser would save the file under.
    """

    def __init__(self, monkeypatch) -> None:
        self._files: dict[str, tuple] = {}
        store, defer = MemoryMediaFileStorage.load_and_get_id, MediaFileManager.add_deferred

        def load_and_get_id(storage, path_or_data, mimetype, kind, filename=None):
            file_id = store(storage, path_or_data, mimetype, kind, filename)
            self._files[file_id] = (filename, mimetype, path_or_data)
            return file_id

        def add_deferred(manager, data_callable, mimetype, coordinates, file_name=None, **kwargs):
            file_id = defer(manager, data_callable, mimetype, coordinates, file_name, **kwargs)
            self._files[file_id] = (file_name, mimetype, data_callable)
            return file_id

        monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
        monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)

    def click(self, button) -> tuple[str, str, bytes]:
        """(file name, mime type, bytes) a click on ``button`` downloads; a deferred file is written now."""
        proto = button.proto
        name, mime, data = self._files[proto.deferred_file_id or proto.url.rsplit("/", 1)[-1].split(".")[0]]
        return name, mime, data() if callable(data) else data
