"""The workshop's two pages, served on this computer only: the one to project, the one to lead.

The only module that talks to Starlette and uvicorn, imported by `pairkit atelier` alone.
Every address holds a random token: without it, or with a wrong one, nothing is answered but
« page introuvable ». Requests must name this computer (127.0.0.1 or localhost) as their host,
so that a page elsewhere cannot reach the workshop through a name that points here. Both pages
follow the workshop as server-sent events: each change, from either page or the terminal, is
on both screens at once; a page that lost its connection picks it up and resumes.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import socket
import threading
from collections.abc import AsyncIterator
from importlib.resources import files
from typing import Any

from pairkit.errors import PairkitError, ProjectFileError
from pairkit.workshop.session import Workshop

HOST = "127.0.0.1"
# How often the pages' stream looks for a change (a terminal's answers are seen within it).
POLL_SECONDS = 0.3
_ASSETS = {"atelier.css": "text/css; charset=utf-8", "atelier.js": "text/javascript; charset=utf-8"}
_NOT_FOUND = "Page introuvable."


def new_token() -> str:
    """The secret part of the workshop's address."""
    return secrets.token_urlsafe(18)


def free_port() -> int:
    """A port nobody uses on this computer now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _asset(name: str) -> str:
    return files("pairkit.workshop").joinpath("static").joinpath(name).read_text("utf-8")


def _error(exc: PairkitError) -> dict[str, str]:
    if isinstance(exc, ProjectFileError):
        return {"erreur": "; ".join(str(p) for p in exc.problems),
                "conseil": "Rien n'a été enregistré : corrigez la réponse."}
    return {"erreur": exc.message.splitlines()[0], "conseil": exc.hint or ""}


class _Pages:
    """The handlers of one workshop's addresses."""

    def __init__(self, workshop: Workshop, token: str, port: int) -> None:
        self.workshop = workshop
        self.token = token
        self.hosts = {f"{HOST}:{port}", f"localhost:{port}"}
        self.lock = threading.Lock()
        # Set when the workshop stops: each page's stream ends by itself, none is cut.
        self.closing = threading.Event()

    def allowed(self, request: Any) -> bool:
        """The right token, and this computer named as the host."""
        given = str(request.path_params.get("token", ""))
        return secrets.compare_digest(given.encode(), self.token.encode()) and \
            request.headers.get("host", "") in self.hosts

    def state(self, projected: bool) -> dict[str, Any]:
        """The workshop's state for one screen, or what keeps it from being read."""
        with self.lock:
            try:
                return self.workshop.state(projected)
            except PairkitError as exc:
                return {"version": "erreur", **_error(exc)}

    def version(self) -> str:
        """What changes with anything the screens show."""
        with self.lock:
            return self.workshop.version()

    async def page(self, request: Any) -> Any:
        """The page to project, or the consultant's."""
        from starlette.responses import HTMLResponse

        if not self.allowed(request):
            return _refused()
        role = "animation" if request.url.path.endswith("/animer") else "projection"
        html = _asset("atelier.html").replace("{{vue}}", role).replace("{{base}}", f"/atelier/{self.token}")
        return HTMLResponse(html, headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})

    async def asset(self, request: Any) -> Any:
        """The pages' own style and script, shipped in the package."""
        from starlette.responses import Response

        name = str(request.path_params.get("name", ""))
        if not self.allowed(request) or name not in _ASSETS:
            return _refused()
        return Response(_asset(name), media_type=_ASSETS[name])

    async def current(self, request: Any) -> Any:
        """The state, once (for a page that wants it without following)."""
        from starlette.responses import JSONResponse

        if not self.allowed(request):
            return _refused()
        return JSONResponse(await asyncio.to_thread(self.state, _projected(request)))

    async def stream(self, request: Any) -> Any:
        """The state each time it changes, as server-sent events."""
        from starlette.responses import StreamingResponse

        if not self.allowed(request):
            return _refused()
        return StreamingResponse(self._events(request, _projected(request)), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    async def _events(self, request: Any, projected: bool) -> AsyncIterator[str]:
        seen = None
        quiet = 0.0
        while not self.closing.is_set() and not await request.is_disconnected():
            version = await asyncio.to_thread(self.version)
            if version != seen:
                seen, quiet = version, 0.0
                shown = await asyncio.to_thread(self.state, projected)
                yield f"data: {json.dumps(shown, ensure_ascii=False)}\n\n"
            elif quiet > 15:
                quiet = 0.0
                yield ": toujours là\n\n"  # keeps a sleeping laptop's connection open
            await asyncio.sleep(POLL_SECONDS)
            quiet += POLL_SECONDS

    async def act(self, request: Any) -> Any:
        """One change asked by the consultant's page."""
        from starlette.responses import JSONResponse

        if not self.allowed(request):
            return _refused()
        try:
            action = await request.json()
        except ValueError:
            action = None
        if not isinstance(action, dict):
            return JSONResponse({"erreur": "Demande illisible.", "conseil": "Rechargez la page."},
                                status_code=400)
        said = await asyncio.to_thread(self._apply, action)
        return JSONResponse(said, status_code=400 if "erreur" in said else 200)

    def _apply(self, action: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            try:
                self.workshop.act(action)
            except PairkitError as exc:
                return _error(exc)
        return {"ok": True}

    async def anything(self, request: Any) -> Any:
        """Every other address."""
        return _refused()


def _refused() -> Any:
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(_NOT_FOUND, status_code=404)


def _projected(request: Any) -> bool:
    return bool(request.query_params.get("vue") != "animation")


def make_app(pages: _Pages) -> Any:
    """The ASGI application of one workshop's pages."""
    from starlette.applications import Starlette
    from starlette.routing import Route

    routes = [
        Route("/atelier/{token}/", pages.page),
        Route("/atelier/{token}/animer", pages.page),
        Route("/atelier/{token}/etat", pages.current),
        Route("/atelier/{token}/flux", pages.stream),
        Route("/atelier/{token}/action", pages.act, methods=["POST"]),
        Route("/atelier/{token}/static/{name}", pages.asset),
        Route("/{rest:path}", pages.anything, methods=["GET", "POST", "PUT", "DELETE", "HEAD"]),
    ]
    return Starlette(routes=routes)


class Server:
    """The workshop's server, run in a thread of the command: started, then stopped cleanly."""

    def __init__(self, workshop: Workshop, port: int | None = None) -> None:
        import uvicorn

        self.token = new_token()
        self.port = port or free_port()
        self._pages = _Pages(workshop, self.token, self.port)
        config = uvicorn.Config(make_app(self._pages), host=HOST, port=self.port,
                                log_level="warning", access_log=False, timeout_graceful_shutdown=3,
                                lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def address(self, lead: bool = False) -> str:
        """The page's address, with its token."""
        return f"http://{HOST}:{self.port}/atelier/{self.token}/" + ("animer" if lead else "")

    def start(self) -> None:
        """Serve in the background; return once the pages can be asked for."""
        self._thread.start()
        for _ in range(200):
            if self._server.started or not self._thread.is_alive():
                break
            threading.Event().wait(0.025)
        if not self._server.started:
            raise PairkitError(f"L'atelier n'a pas pu démarrer sur {HOST}:{self.port}.",
                               hint="Relancez « pairkit atelier » (un autre port sera pris), ou "
                               "indiquez-en un libre avec --port.")

    def stop(self) -> None:
        """Stop serving: open pages keep their last state and reconnect on the next start."""
        self._pages.closing.set()
        threading.Event().wait(2 * POLL_SECONDS)  # the streams see it and end
        self._server.should_exit = True
        self._thread.join(timeout=5)
