"""A small Chrome DevTools Protocol client: drive headless Chromium to print PDFs and to test pages.

Used by tools/build_handouts.py (HTML → A4 PDF, after MathJax and the fonts are ready) and by
tests/test_trainer_pack.py (record every request a page makes, read the DOM, take screenshots).
Only a websocket client is needed (``websocket-client``, already installed with Jupyter).

>>> # with Browser() as b:                      # doctest: +SKIP
>>> #     page = b.new_page(); page.goto("http://127.0.0.1:8000/"); page.pdf("out.pdf")
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps", "--disable-extensions", "--mute-audio",
                  "--hide-scrollbars", "--remote-allow-origins=*", "--remote-debugging-port=0"]


class CDPError(RuntimeError):
    pass


class Browser:
    """One headless Chromium process and a websocket to it (pages share the connection)."""

    def __init__(self, executable: str | None = None, *, timeout: float = 60.0,
                 extra_args: list[str] | None = None):
        import websocket  # websocket-client (a dependency of jupyter-server)

        if executable is None:
            from trainer_common import find_chromium
            executable = find_chromium()
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="coursekit-chromium-")
        args = [executable, *CHROMIUM_FLAGS, f"--user-data-dir={self._profile}",
                *(extra_args or []), "about:blank"]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True, errors="replace")
        url = self._devtools_url()
        self.ws = websocket.create_connection(url, timeout=timeout, suppress_origin=True,
                                              enable_multithread=True)
        self._next_id = 0
        self._events: list[dict] = []
        self._lock = threading.Lock()

    def _devtools_url(self) -> str:
        deadline = time.monotonic() + self.timeout
        lines = []
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                if self.proc.poll() is not None:
                    break
                continue
            lines.append(line)
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                threading.Thread(target=self._drain, daemon=True).start()
                return m.group(1)
        self.close()
        raise CDPError("Chromium did not start: " + "".join(lines[-10:]).strip())

    def _drain(self) -> None:
        for _ in iter(self.proc.stderr.readline, ""):
            pass

    # -- protocol ---------------------------------------------------------------------------
    def send(self, method: str, params: dict | None = None, *, session: str | None = None,
             timeout: float | None = None) -> dict:
        with self._lock:
            self._next_id += 1
            msg_id = self._next_id
        msg = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            if time.monotonic() > deadline:
                raise CDPError(f"no answer to {method} within {timeout or self.timeout:.0f} s")
            reply = json.loads(self.ws.recv())
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def pump(self, seconds: float) -> None:
        """Read events for a while (e.g. requests still being made after load)."""
        import websocket
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.ws.settimeout(max(0.05, end - time.monotonic()))
            try:
                reply = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                break
            finally:
                self.ws.settimeout(self.timeout)
            if "method" in reply:
                self._events.append(reply)

    def events(self, session: str, method: str | None = None) -> list[dict]:
        return [e for e in self._events if e.get("sessionId") == session
                and (method is None or e["method"] == method)]

    def new_page(self, *, width: int = 1280, height: int = 900) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, target)
        page.call("Page.enable")
        page.call("Network.enable")
        page.call("Runtime.enable")
        page.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        return page

    def close(self) -> None:
        try:
            if getattr(self, "ws", None):
                self.ws.close()
        finally:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Page:
    """One tab: navigate, wait for a condition, evaluate, print to PDF, screenshot, requests."""

    def __init__(self, browser: Browser, session: str, target: str):
        self.browser, self.session, self.target = browser, session, target

    def call(self, method: str, params: dict | None = None, *, timeout: float | None = None) -> dict:
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def goto(self, url: str, *, timeout: float = 60.0) -> None:
        start = len(self.browser._events)
        self.call("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(e["method"] == "Page.loadEventFired" and e.get("sessionId") == self.session
                   for e in self.browser._events[start:]):
                return
            self.browser.pump(0.2)
        raise CDPError(f"{url} did not finish loading within {timeout:.0f} s")

    def evaluate(self, expression: str, *, await_promise: bool = True, timeout: float | None = None):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": await_promise}, timeout=timeout)
        if "exceptionDetails" in result:
            raise CDPError(f"{expression[:60]}…: {result['exceptionDetails'].get('text')}"
                           f" {result['exceptionDetails'].get('exception', {}).get('description', '')}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, *, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return
            self.browser.pump(0.2)
        raise CDPError(f"timed out after {timeout:.0f} s waiting for: {expression}")

    def wait_until_ready(self, *, timeout: float = 60.0) -> None:
        """Wait for MathJax (if the page has it), the web fonts and every image."""
        self.wait_for("document.readyState === 'complete'", timeout=timeout)
        self.evaluate("""(async () => {
            if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
                await MathJax.startup.promise; }
            await document.fonts.ready;
            await Promise.all([...document.images].map(i => i.complete ? 0 :
                new Promise(r => { i.onload = i.onerror = r; })));
            return true; })()""", timeout=timeout)

    def pdf(self, path: Path) -> Path:
        data = self.call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True,
                                             "displayHeaderFooter": False,
                                             "generateDocumentOutline": True}, timeout=180)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def screenshot(self, path: Path, *, full_page: bool = False) -> Path:
        params = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def requests(self) -> list[dict]:
        """Every request of this page: url, status (None if it failed) and error text."""
        out: dict[str, dict] = {}
        for e in self.browser.events(self.session):
            p = e["params"]
            if e["method"] == "Network.requestWillBeSent":
                out[p["requestId"]] = {"url": p["request"]["url"], "status": None, "error": None}
            elif e["method"] == "Network.responseReceived" and p["requestId"] in out:
                out[p["requestId"]]["status"] = p["response"]["status"]
            elif e["method"] == "Network.loadingFailed" and p["requestId"] in out:
                out[p["requestId"]]["error"] = p.get("errorText")
        return list(out.values())


def loopback_only(url: str) -> bool:
    """True for URLs that do not leave the machine (loopback, data:, blob:, about:, file:)."""
    if re.match(r"^(data|blob|about|file|chrome|devtools):", url):
        return True
    m = re.match(r"^[a-z]+://(\[[^\]]+\]|[^/:]+)", url)
    host = m.group(1) if m else ""
    return host in ("localhost", "[::1]") or host.startswith("127.")


if __name__ == "__main__":  # quick manual check: python tools/cdp.py URL OUT.png
    import sys
    sys.path.insert(0, os.path.dirname(__file__))
    with Browser() as b:
        pg = b.new_page()
        pg.goto(sys.argv[1])
        pg.wait_until_ready()
        pg.screenshot(Path(sys.argv[2]))
        for r in pg.requests():
            print(r["status"], r["error"] or "", r["url"][:100])
