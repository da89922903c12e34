"""A file to download: the one way the API and the pages answer with a document."""

from flask import Response


def attachment(data: bytes, content_type: str, filename: str) -> Response:
    """``data`` as a download named ``filename``. ``content_type`` is the whole header
    ("text/csv; charset=utf-8"): given as a mimetype, Werkzeug would add a second charset
    to a text/* one."""
    response = Response(data, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
