"""Open built pages in headless Chromium and report what happened (run inside a network namespace).

Usage (tests/test_trainer_pack.py runs it under ``unshare -rn`` with only loopback up):
    python tests/offline_browser.py ROOT RESULT.json SHOT_DIR PATH[#fragment] ...

Serves ROOT with Python's http.server on 127.0.0.1 (a free port), opens each PATH, waits for
MathJax, the fonts and the images, then records: every request the page made (URL, status,
error), what the server saw, MathJax output elements, whether raw ``$$`` is left in the text,
whether Chinese text is present, reveal.js state and speaker notes, and a screenshot.
"""

from __future__ import annotations

import functools
import json
import socket
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from cdp import Browser  # noqa: E402

PROBE = r"""(() => {
  const text = document.body ? document.body.innerText : '';
  return {
    title: document.title,
    mathjax: document.querySelectorAll('mjx-container').length,
    raw_dollars: (text.match(/\$\$/g) || []).length,
    chinese: (text.match(/[\u4e00-\u9fff]/g) || []).length,
    images: document.images.length,
    broken_images: [...document.images].filter(i => i.complete && i.naturalWidth === 0).length,
    reveal_ready: !!(window.Reveal && Reveal.isReady && Reveal.isReady()),
    slides: window.Reveal && Reveal.getTotalSlides ? Reveal.getTotalSlides() : 0,
    notes: document.querySelectorAll('aside.notes').length,
    cjk_math_without_cjk_font: [...document.querySelectorAll('mjx-utext')].filter(u =>
      /[\u4e00-\u9fff]/.test(u.textContent) && !getComputedStyle(u).fontFamily.includes('CourseKit')).length,
    search_results: document.querySelectorAll('#search-results li, ul.search li').length,
    fonts: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family),
  };
})()"""


class _Quiet(SimpleHTTPRequestHandler):
    seen: list = []

    def log_request(self, code="-", size="-"):
        self.seen.append({"path": self.path, "status": int(code) if str(code).isdigit() else code})

    def log_message(self, *args):
        pass


def main(argv: list[str]) -> int:
    root, result_path, shots = Path(argv[0]), Path(argv[1]), Path(argv[2])
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    result = {"interfaces": [name for _, name in socket.if_nameindex()], "pages": []}
    try:
        with Browser(timeout=90) as browser:
            for i, path in enumerate(argv[3:]):
                page = browser.new_page(width=1280, height=900)
                page.goto(base + path)
                page.wait_until_ready(timeout=90)
                if "search.html" in path:
                    try:
                        page.wait_for("document.querySelectorAll('#search-results li, "
                                      "ul.search li').length > 0", timeout=30)
                    except Exception as exc:  # reported, the test decides
                        result.setdefault("errors", []).append(f"{path}: {exc}")
                browser.pump(1.0)
                info = page.evaluate(PROBE)
                info["path"] = path
                info["requests"] = page.requests()
                page.evaluate("(() => { if (window.Reveal) return 0; const m = document.querySelector("
                              "'mjx-container[display=\"true\"]'); if (m) m.scrollIntoView("
                              "{block: 'center'}); return 1; })()")
                shot = shots / f"{i:02d}-{Path(path.split('#')[0].split('?')[0]).stem}.png"
                page.screenshot(shot)
                info["screenshot"] = str(shot)
                result["pages"].append(info)
    finally:
        server.shutdown()
        result["server_log"] = _Quiet.seen
        result_path.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
