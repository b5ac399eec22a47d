"""A small Streamlit websocket client: one simulated browser tab, rerun by rerun.

It speaks the protocol Streamlit 1.67's frontend speaks (read from streamlit/static and
streamlit/web/server/starlette/starlette_websocket.py):

- an HTTP GET of the page first, as a browser loads the HTML; its Set-Cookie headers (a
  proxy's sticky cookie, Streamlit's `_streamlit_xsrf`) are kept and sent on the websocket,
  so one tab stays on one process behind a sticky proxy;
- `ws://HOST:PORT/_stcore/stream` with subprotocol `streamlit`, a same-origin `Origin`
  header and the tab's cookies (the portal's login JWT among them);
- a BackMsg `rerun_script` whose ClientState carries, on the tab's first run, `page_name`
  = the URL path after the base (e.g. "registry", "" for the root) and an empty
  `page_script_hash`; on every later run the `page_script_hash` of the page being shown (as
  the frontend's sendRerunBackMsg does), the query string, the browser context and the
  hashes of the messages this tab has cached;
- ForwardMsgs until `script_finished`; a run that ends FINISHED_EARLY_FOR_RERUN (a
  st.rerun or st.switch_page) is followed by another run, and the rerun counts until a run
  finishes for real, as a browser would wait for it.

ForwardMsg caching: a message whose metadata says `cacheable` is kept by its `hash`; the
server sends later copies as `ref_hash` references only when the client lists the hash in
`cached_message_hashes`, and the client resolves them from its cache (a reference it cannot
resolve is an error, counted in `RunResult.unresolved_refs`).

Acknowledgements: Streamlit 1.67 binds its listening socket with `socket.socket(family=…)`
(proto 0), so asyncio's TCP_NODELAY is never set on its connections (asyncio only sets it when
proto is IPPROTO_TCP). Nagle then holds every frame after a run's first until the client ACKs,
and a client that delays its ACK (Linux and browsers do, ~40 ms) adds a ~40 ms stall to a rerun
whenever the connection happens to be in delayed-ACK mode, which made single runs of the same
page 6 ms or 48 ms at random. By default the tab sets TCP_QUICKACK after each frame, so the
figures are server work, not that stall; `quick_acks=False` shows what a plain client sees.

Widget states: a rerun sends no widget values (as a browser would for a page whose widgets
the user has not touched); keyed widgets keep their values in session state on the server.
"""

from __future__ import annotations

import asyncio
import http.client
import socket
import time
import urllib.parse
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

FINISHED = ForwardMsg.ScriptFinishedStatus
ROOT_NAMES = {0: "main", 1: "sidebar", 2: "event", 3: "bottom"}
# Element fields whose `body`/`label` is text a user reads; used to check what was measured.
TEXT_FIELDS = ("body", "label", "text", "caption")


class ProtocolError(RuntimeError):
    pass


@dataclass
class RunResult:
    """One rerun as the tab saw it: from sending the BackMsg to the final script_finished."""

    seconds: float
    status: str
    page_script_hash: str
    runs: int  # script runs it took (more than 1 after st.rerun / st.switch_page)
    elements: list[tuple[str, str]] = field(default_factory=list)  # (root, element type)
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (root, block type)
    texts: list[tuple[str, str, str]] = field(default_factory=list)  # (root, type, text)
    page_not_found: bool = False
    exceptions: list[str] = field(default_factory=list)
    unresolved_refs: int = 0
    ref_hits: int = 0
    app_pages: list[dict[str, object]] = field(default_factory=list)

    def census(self) -> dict[str, object]:
        """Element and block types of the run, counted per root container (main, sidebar)."""
        return {
            "elements": sorted(
                [r, t, n] for (r, t), n in Counter(self.elements).items() if r != "event"
            ),
            "blocks": sorted([r, t, n] for (r, t), n in Counter(self.blocks).items()),
        }

    def headings(self, root: str = "main") -> list[str]:
        return [text for r, kind, text in self.texts if r == root and kind == "heading"]

    def all_text(self, root: str | None = None) -> str:
        return "\n".join(text for r, _, text in self.texts if root is None or r == root)


def http_cookies(url: str, headers: Mapping[str, str] | None = None) -> dict[str, str]:
    """GET `url` as a browser loads a page; return the cookies its Set-Cookie headers set."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    try:
        conn.request("GET", parts.path or "/", headers=dict(headers or {}))
        response = conn.getresponse()
        response.read()
        found: dict[str, str] = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                found[key.strip()] = val.strip()
        return found
    finally:
        conn.close()


class StreamlitTab:
    """One browser tab on a Streamlit server (or a proxy in front of several)."""

    def __init__(
        self,
        base_url: str,
        path: str = "",
        query_string: str = "",
        cookies: Mapping[str, str] | None = None,
        timeout: float = 120.0,
        quick_acks: bool = True,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.path = path.strip("/")
        self.query_string = query_string
        self.cookies = dict(cookies or {})
        self.timeout = timeout
        self.page_script_hash = ""
        self._cache: dict[str, ForwardMsg] = {}
        self._ws: ClientConnection | None = None
        self._socket: socket.socket | None = None
        self.quick_acks = quick_acks and hasattr(socket, "TCP_QUICKACK")
        self.proxy_cookies: dict[str, str] = {}

    @property
    def origin(self) -> str:
        parts = urllib.parse.urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def _cookie_header(self) -> str:
        merged = {**self.proxy_cookies, **self.cookies}
        return "; ".join(f"{k}={v}" for k, v in merged.items())

    async def connect(self) -> None:
        page_url = f"{self.base_url}/{self.path}"
        if self.query_string:
            page_url += f"?{self.query_string}"
        headers = {"Cookie": self._cookie_header()} if self.cookies else {}
        self.proxy_cookies = await asyncio.to_thread(http_cookies, page_url, headers)
        ws_url = self.base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
        self._ws = await connect(
            f"{ws_url}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=self.origin,  # type: ignore[arg-type]
            additional_headers={"Cookie": self._cookie_header()},
            max_size=None,
            open_timeout=self.timeout,
        )
        self._socket = self._ws.transport.get_extra_info("socket") if self.quick_acks else None

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def __aenter__(self) -> StreamlitTab:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _back_msg(self) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.widget_states.SetInParent()
        if self.page_script_hash:
            state.page_script_hash = self.page_script_hash
        else:
            state.page_name = self.path
        state.cached_message_hashes.extend(self._cache)
        info = state.context_info
        info.timezone = "Asia/Bangkok"
        info.timezone_offset = -420
        info.locale = "th-TH"
        info.url = f"{self.base_url}/{self.path}" + (
            f"?{self.query_string}" if self.query_string else ""
        )
        info.is_embedded = False
        info.color_scheme = "light"
        return msg.SerializeToString()

    async def rerun(self) -> RunResult:
        """Send one rerun and read until its final script_finished."""
        if self._ws is None:
            raise ProtocolError("not connected")
        ws = self._ws
        start = time.perf_counter()
        await ws.send(self._back_msg())
        result = RunResult(seconds=0.0, status="", page_script_hash="", runs=0)
        deadline = start + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise ProtocolError(f"no script_finished within {self.timeout:.0f} s")
            try:
                raw = await asyncio.wait_for(ws.recv(), remaining)
            except ConnectionClosed as error:
                raise ProtocolError(f"websocket closed: {error}") from error
            if self._socket is not None:  # ACK now: the server's next frames wait for it
                self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            if isinstance(raw, str):
                raise ProtocolError("text frame from server")
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if self._on_message(msg, result):
                result.seconds = time.perf_counter() - start
                return result

    def _resolve(self, msg: ForwardMsg, result: RunResult) -> ForwardMsg | None:
        if msg.WhichOneof("type") != "ref_hash":
            if msg.metadata.cacheable and msg.hash:
                self._cache[msg.hash] = msg
            return msg
        cached = self._cache.get(msg.ref_hash)
        if cached is None:
            result.unresolved_refs += 1
            return None
        result.ref_hits += 1
        full = ForwardMsg()
        full.CopyFrom(cached)
        full.metadata.CopyFrom(msg.metadata)  # the reference says where it goes this time
        return full

    def _on_message(self, raw: ForwardMsg, result: RunResult) -> bool:
        """Records one message; True when the rerun is over."""
        msg = self._resolve(raw, result)
        if msg is None:
            return False
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            result.page_script_hash = msg.new_session.page_script_hash
            self.page_script_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            result.page_script_hash = msg.navigation.page_script_hash or result.page_script_hash
            if msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
            result.app_pages = [
                {
                    "page_script_hash": p.page_script_hash,
                    "page_name": p.page_name,
                    "url_pathname": p.url_pathname,
                    "is_default": p.is_default,
                    "is_hidden": p.is_hidden,
                    "section_header": p.section_header,
                }
                for p in msg.navigation.app_pages
            ]
        elif kind == "page_not_found":
            result.page_not_found = True
        elif kind == "delta":
            self._on_delta(msg, result)
        elif kind == "script_finished":
            result.runs += 1
            status = FINISHED.Name(msg.script_finished)
            if msg.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                return False  # st.rerun / st.switch_page: another run follows
            result.status = status
            return True
        return False

    def _on_delta(self, msg: ForwardMsg, result: RunResult) -> None:
        path = list(msg.metadata.delta_path)
        root = ROOT_NAMES.get(path[0], str(path[0])) if path else "main"
        delta = msg.delta
        which = delta.WhichOneof("type")
        if which == "add_block":
            result.blocks.append((root, delta.add_block.WhichOneof("type") or "vertical"))
            label = getattr(delta.add_block, delta.add_block.WhichOneof("type") or "", None)
            text = getattr(label, "label", "") if label is not None else ""
            if text:
                result.texts.append((root, "block", text))
            return
        if which != "new_element":
            return
        element = delta.new_element
        etype = element.WhichOneof("type") or "unknown"
        inner = getattr(element, etype)
        if etype == "button" and inner.is_form_submitter:
            etype = "form_submit_button"  # needs a form around it on the floor page
        result.elements.append((root, etype))
        if etype == "exception":
            result.exceptions.append(f"{inner.type}: {inner.message}")
        for name in TEXT_FIELDS:
            value = getattr(inner, name, None)
            if isinstance(value, str) and value:
                result.texts.append((root, etype, value))
                break
