"""The evidence browser (``sitrep serve``): a read-only FastAPI app over the store."""

from sitrep.deliver.web.app import create_app

__all__ = ["create_app"]
