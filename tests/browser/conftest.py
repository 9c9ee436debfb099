"""A real browser for the page and the extension: Debian's Chromium driven by Playwright.

Nothing is downloaded: Playwright drives the Chromium that `apt-get install chromium` put in
/usr/bin (or $GUARD_CHROMIUM). Without it the tests skip and say why; `.ci/run` sets
GUARD_BROWSER_REQUIRED=1, which turns that skip into a failure. Screenshots of each state go to
$GUARD_TEST_ARTIFACTS (default tests/artifacts/, ignored by git).
"""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.scripts import ROOT

CHROMIUM = Path(os.environ.get("GUARD_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
EXTENSION = ROOT / "extension"
FIXTURES = Path(__file__).with_name("fixtures")
ARTIFACTS = Path(os.environ.get("GUARD_TEST_ARTIFACTS", ROOT / "tests" / "artifacts"))
# Each site's fixture page, served by request routing in place of the real site (no network).
SITES = {"x.com": "x.html", "bsky.app": "bsky.html", "mastodon.social": "mastodon.html"}
PACK = """\
version: 1
name: acme
extends: [default]
rules:
  - id: codename.falcon
    category: codename
    severity: critical
    terms: ["Project Falcon", "Falcon"]
    allow: ["Falcon Heavy"]
    replace_with: our next release
    message: Internal project codename
    suggestion: say "our next release"
"""


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed: pip install -e '.[test]'"
    if not CHROMIUM.exists():
        return f"Chromium is not at {CHROMIUM}: apt-get install -y chromium (or set GUARD_CHROMIUM)"
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return "guard serve's extra is not installed: pip install -e '.[test]'"
    return None


def need_browser() -> None:
    """Skip (or fail, when CI requires the browser) if Chromium or Playwright is missing."""
    problem = _missing()
    if problem is None:
        return
    if os.environ.get("GUARD_BROWSER_REQUIRED"):
        pytest.fail(f"browser tests are required here: {problem}")
    pytest.skip(problem, allow_module_level=True)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """One Playwright driver for the session."""
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def artifacts() -> Callable[[Any, str], Path]:
    """Save a screenshot of a page as a test artefact; returns its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def shot(page: Any, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return shot


@pytest.fixture(scope="session")
def pack_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default pack plus a codename with an approved wording."""
    path = tmp_path_factory.mktemp("pack") / "acme.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def start_server(pack: Path, **config: Any) -> Any:
    """guard serve's app over the pack, run on 127.0.0.1 on a free port (a context manager)."""
    from guard.engine import Guard
    from guard.serve.app import PackWatcher, ServerConfig, create_app
    from tests.serve.server_test import serving

    def build() -> Guard:
        return Guard.from_files([str(pack)], nlp=False)

    guard = build()
    guard.check("warm up")
    app = create_app(PackWatcher(guard, build), ServerConfig(**config), watch=False)
    return serving(app)


def closed_port() -> int:
    """A loopback port nothing listens on (for the unreachable-server case)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch_with_extension(driver: Any) -> Any:
    """A persistent Chromium profile with the unpacked extension loaded (headless=new)."""
    profile = tempfile.mkdtemp(prefix="guard-chromium-")
    return driver.chromium.launch_persistent_context(
        profile, executable_path=str(CHROMIUM), headless=True,
        args=[*FLAGS, f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}"])


def route_sites(context: Any) -> None:
    """Serve each site's fixture page through request routing: nothing reaches the network."""
    def answer_with(body: str) -> Callable[[Any], None]:
        # One argument: Playwright passes the request too to a handler that takes two.
        def answer(route: Any) -> None:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)

        return answer

    for host, name in SITES.items():
        context.route(f"https://{host}/**",
                      answer_with((FIXTURES / name).read_text(encoding="utf-8")))
