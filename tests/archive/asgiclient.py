"""A synchronous client that calls an ASGI application in-process through httpx.

httpx's ``ASGITransport`` hands the request body to the application chunk by chunk, as a
server would, so uploads exercise the streaming path. The calls run on an anyio event loop in
a helper thread, so the tests stay plain functions.
"""

from __future__ import annotations

import contextlib
from functools import partial
from typing import TYPE_CHECKING, Any

import httpx
from anyio.from_thread import start_blocking_portal

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Iterator

    from anyio.from_thread import BlockingPortal

__all__ = ["AsgiClient", "asgi_client"]


class AsgiClient:
    """``get``/``head``/``put``/``delete``/``request`` against one application."""

    def __init__(self, portal: BlockingPortal, client: httpx.AsyncClient) -> None:
        self._portal = portal
        self._client = client
        self.headers = client.headers
        """Sent with every request (a test signs in by setting ``authorization``)."""

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        content = kwargs.get("content")
        if content is not None and not isinstance(content, bytes | str):
            kwargs["content"] = _async(content)
        call = partial(self._client.request, method, url, **kwargs)
        return self._portal.call(call)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def head(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("HEAD", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)


async def _async(chunks: Iterable[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


@contextlib.contextmanager
def asgi_client(app: Any) -> Iterator[AsgiClient]:
    """A client of ``app`` for the length of the block."""
    with start_blocking_portal() as portal:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        client = httpx.AsyncClient(transport=transport, base_url="http://arsip.test")
        try:
            yield AsgiClient(portal, client)
        finally:
            portal.call(client.aclose)
