"""Screenshots of a running Odoo for the README: log in, open a URL, save a PNG.

    .venv/bin/python tools/screenshot.py http://127.0.0.1:8069 DB LOGIN PASSWORD \
        /odoo/action-customer_centricity.customer_centricity_dashboard_client_action \
        customer_centricity/static/description/dashboard.png [--width 1400]

Drives Debian's headless Chromium over the DevTools protocol (websocket-client,
already a test dependency); nothing else to install.
"""

import argparse
import base64
import json
import subprocess
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar

import websocket


def login(base, db, login, password):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = json.dumps(
        {"params": {"db": db, "login": login, "password": password}}
    ).encode()
    request = urllib.request.Request(
        f"{base}/web/session/authenticate",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    answer = json.load(opener.open(request))
    if answer.get("error"):
        raise SystemExit(answer["error"]["data"]["message"])
    return next(cookie.value for cookie in jar if cookie.name == "session_id")


class Browser:
    def __init__(self, width, height):
        self.profile = tempfile.TemporaryDirectory()
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--remote-debugging-port=9333",
                f"--window-size={width},{height}",
                f"--user-data-dir={self.profile.name}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                pages = json.load(urllib.request.urlopen("http://127.0.0.1:9333/json"))
                page = next(p for p in pages if p["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.2)
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"])
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        self.socket.send(json.dumps(message))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait()
        self.profile.cleanup()


def main():
    parser = argparse.ArgumentParser()
    for name in ("base", "db", "login", "password", "path", "output"):
        parser.add_argument(name)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--wait", type=float, default=4.0, help="seconds to render")
    parser.add_argument(
        "--click", action="append", default=[], help="CSS selector to click first"
    )
    args = parser.parse_args()
    session = login(args.base, args.db, args.login, args.password)
    browser = Browser(args.width, args.height)
    try:
        browser.call(
            "Network.setCookie", name="session_id", value=session, url=args.base
        )
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            width=args.width,
            height=args.height,
            deviceScaleFactor=1,
            mobile=args.width < 600,
        )
        browser.call("Page.navigate", url=args.base + args.path)
        time.sleep(args.wait)
        for selector in args.click:
            browser.call(
                "Runtime.evaluate",
                expression=f"document.querySelector({json.dumps(selector)}).click()",
            )
            time.sleep(2)
        shot = browser.call("Page.captureScreenshot", format="png")
        with open(args.output, "wb") as output:
            output.write(base64.b64decode(shot["data"]))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
