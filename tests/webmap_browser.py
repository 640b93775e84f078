"""Debian's Chromium driven by Selenium, headless, with the network blocked and every request recorded."""

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import List

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
DESKTOP = (1280, 800)
PHONE = (390, 844)
# the files every web map holds
WEB_FILES = (
    "index.html",
    "data.js",
    "app.js",
    "app.css",
    "lib/leaflet/leaflet.js",
    "lib/leaflet/leaflet.css",
    "lib/leaflet/LICENSE.txt",
)
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    # no network: every connection goes to a closed port, every name fails to resolve (only this machine's
    # loopback address stays reachable, for a test of a local static web server)
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


def available() -> bool:
    """True when Chromium, chromedriver and Selenium are installed."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


class Browser:
    """One headless Chromium: open(url, size), run JS, list requests and console errors; quit() always."""

    def __init__(self, size=DESKTOP, mobile: bool = False):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="beltmap-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument("--user-data-dir={}".format(self.profile))
        options.add_argument("--window-size={},{}".format(*size))
        if mobile:
            options.add_experimental_option(
                "mobileEmulation",
                {
                    "deviceMetrics": {"width": size[0], "height": size[1], "pixelRatio": 2, "touch": True},
                    "userAgent": "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) "
                    "Chrome/120 Mobile Safari/537.36 MicroMessenger/8.0",
                },
            )
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        try:
            self.driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        except Exception:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise
        self.driver.set_page_load_timeout(30)
        if not mobile:
            self.driver.set_window_size(*size)
        self.driver.execute_cdp_cmd("Network.enable", {})

    def open(self, url: str, timeout: float = 20.0) -> None:
        """Load url and wait until the page says it is drawn."""
        self.driver.get(url)
        self.wait_for("return document.body && document.body.dataset.ready === '1'", timeout)

    def js(self, script: str, *args):
        """Run a script in the page and return its value."""
        return self.driver.execute_script(script, *args)

    def wait_for(self, script: str, timeout: float = 10.0):
        """Wait until the script returns a true value; fail with the page's console on timeout."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            value = self.js(script)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError("timed out waiting for: {}\nconsole: {}".format(script, self.console()))

    def requests(self) -> List[str]:
        """Every URL requested since the last call (from the DevTools Network events)."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                params = message["params"]
                # the browser's own start page (chrome://new-tab-page) is not the map's
                if not params.get("documentURL", "").startswith(("chrome://", "chrome-untrusted://")):
                    urls.append(params["request"]["url"])
        return urls

    def console(self) -> List[dict]:
        """The console messages since the last call."""
        return self.driver.get_log("browser")

    def errors(self) -> List[dict]:
        """The console errors (SEVERE: script errors, CSP violations, failed loads) since the last call."""
        return [entry for entry in self.console() if entry["level"] == "SEVERE"]

    def screenshot(self, path: Path) -> Path:
        """A PNG of the viewport."""
        self.driver.save_screenshot(str(path))
        return path

    def quit(self) -> None:
        """Close the browser and remove its profile."""
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
