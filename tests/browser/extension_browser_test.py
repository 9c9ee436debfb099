"""The browser extension in headless Chromium, on fixture pages of x.com, bsky.app and Mastodon.

The sites are imitated by fixture pages served through request routing (no network); the
extension talks to a real `guard serve` started here on 127.0.0.1, which answers CORS for the
extension's origin only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import (
    SITES,
    closed_port,
    launch_with_extension,
    need_browser,
    route_sites,
    start_server,
)

need_browser()
from playwright.sync_api import expect  # noqa: E402 - after the skip when it is missing

LEAK = "Deploy key AKIAIOSFODNN7EXAMPLE for jane.doe@example.com"
EDITORS = {"x.com": '[data-testid="tweetTextarea_0"]', "bsky.app": ".ProseMirror",
           "mastodon.social": "textarea"}
POST = {"x.com": '[data-testid="tweetButton"]', "bsky.app": '[data-testid="composerPublishBtn"]',
        "mastodon.social": 'button[type="submit"]'}


@pytest.fixture(scope="module")
def context(playwright_driver: Any) -> Iterator[Any]:
    context = launch_with_extension(playwright_driver)
    route_sites(context)
    yield context
    context.close()


@pytest.fixture(scope="module")
def extension_id(context: Any) -> str:
    worker = (context.service_workers[0] if context.service_workers
              else context.wait_for_event("serviceworker", timeout=15_000))
    return worker.url.split("/")[2]


@pytest.fixture(scope="module")
def server(pack_path: Any, extension_id: str) -> Iterator[str]:
    with start_server(pack_path, token="s3cret",
                      cors_origins=(f"chrome-extension://{extension_id}",)) as url:
        yield url


def configure(context: Any, extension_id: str, **values: Any) -> None:
    """Set the extension's options by its own options page, as a user would."""
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id}/options.html")
    if "serverUrl" in values:
        page.fill("#serverUrl", values["serverUrl"])
    if "token" in values:
        page.fill("#token", values["token"])
    page.set_checked("#failOpen", values.get("failOpen", False))
    page.click("button[type=submit]")
    expect(page.locator("#status")).to_have_text("Saved.", timeout=10_000)
    page.close()


@pytest.fixture
def online(context: Any, extension_id: str, server: str) -> None:
    configure(context, extension_id, serverUrl=server, token="s3cret")


def compose(context: Any, host: str, text: str) -> Any:
    page = context.new_page()
    page.set_viewport_size({"width": 1000, "height": 640})
    page.goto(f"https://{host}/compose/post")
    page.click(EDITORS[host])
    page.keyboard.type(text)
    return page


def verdict(page: Any, kind: str) -> None:
    expect(page.locator(".tg-badge")).to_have_attribute("data-verdict", kind, timeout=10_000)


def typed_text(page: Any, host: str) -> str:
    locator = page.locator(EDITORS[host])
    return locator.input_value() if host == "mastodon.social" else locator.inner_text().strip()


@pytest.mark.parametrize("host", list(SITES))
def test_a_leak_is_underlined_badged_and_its_post_stopped(context, online, host, artifacts):
    page = compose(context, host, LEAK)
    verdict(page, "block")
    assert re.fullmatch(r"guard: BLOCK \d+", page.text_content(".tg-badge"))
    rules = page.eval_on_selector_all(".tg-underline", "bars => bars.map(b => b.dataset.rule)")
    assert set(rules) == {"secret.aws-access-key", "pii.email"}
    # The underline sits under the secret's words, inside the compose box.
    bar = page.eval_on_selector('.tg-underline[data-rule="secret.aws-access-key"]',
                                "b => b.getBoundingClientRect().toJSON()")
    box = page.eval_on_selector(EDITORS[host], "e => e.getBoundingClientRect().toJSON()")
    assert box["left"] < bar["left"] < box["right"] and box["top"] < bar["top"] < box["bottom"]
    assert 150 < bar["width"] < 320  # about the width of 20 capitals, not the whole line
    # The site's editor holds exactly what was typed, and the caret is still in it.
    assert typed_text(page, host) == LEAK
    assert page.evaluate(f"document.activeElement.matches({EDITORS[host]!r})")
    page.keyboard.press("Control+Enter")
    page.click(POST[host])
    page.wait_for_timeout(300)
    assert page.text_content("#posted") == ""
    panel = page.locator(".tg-panel")
    expect(panel).to_be_visible()
    assert panel.text_content().startswith("Blocked by tweet-guard: this draft would leak."
                                           "CRITICAL secret.aws-access-key: An AWS access key id")
    artifacts(page, f"extension-{host.split('.')[0]}-block")
    page.close()


@pytest.mark.parametrize("host", list(SITES))
def test_a_clean_draft_posts(context, online, host, artifacts):
    page = compose(context, host, "Lovely morning, coffee and a walk")
    verdict(page, "allow")
    assert page.text_content(".tg-badge") == "guard: ALLOW 0"
    assert page.eval_on_selector_all(".tg-underline", "bars => bars.length") == 0
    artifacts(page, f"extension-{host.split('.')[0]}-allow")
    page.click(POST[host])
    expect(page.locator("#posted")).to_have_text("POSTED: Lovely morning, coffee and a walk\n")
    page.close()


def test_post_pressed_before_the_check_answers_waits_for_it(context, online):
    page = compose(context, "x.com", "Falcon")
    page.click(POST["x.com"])  # within the debounce: the draft is checked first
    verdict(page, "block")
    assert page.text_content("#posted") == ""
    page.click(EDITORS["x.com"])
    page.keyboard.press("Control+a")
    page.keyboard.type("Good morning")
    page.keyboard.press("Control+Enter")  # checked now, then posted as asked
    expect(page.locator("#posted")).to_have_text("POSTED: Good morning\n", timeout=10_000)
    page.close()


def test_an_unreachable_server_fails_closed(context, extension_id, artifacts):
    configure(context, extension_id, serverUrl=f"http://127.0.0.1:{closed_port()}")
    page = compose(context, "mastodon.social", "Lovely morning")
    verdict(page, "error")
    assert page.text_content(".tg-badge") == "guard: NOT CHECKED"
    page.click(POST["mastodon.social"])
    page.wait_for_timeout(300)
    assert page.text_content("#posted") == ""
    assert "Not posted: tweet-guard could not check this draft." in page.text_content(".tg-panel")
    artifacts(page, "extension-unreachable")
    page.close()


def test_fail_open_turns_an_unreachable_server_into_a_warning(context, extension_id):
    configure(context, extension_id, serverUrl=f"http://127.0.0.1:{closed_port()}",
              failOpen=True)
    page = compose(context, "bsky.app", "Lovely morning")
    verdict(page, "warn")
    page.click(POST["bsky.app"])
    expect(page.locator("#posted")).to_have_text("POSTED: Lovely morning\n")
    page.close()


def test_a_wrong_token_is_not_an_allow(context, extension_id, server):
    configure(context, extension_id, serverUrl=server, token="wrong")
    page = compose(context, "x.com", "Lovely morning")
    verdict(page, "error")
    page.click(POST["x.com"])
    page.wait_for_timeout(300)
    assert page.text_content("#posted") == ""
    assert "the token was refused" in page.text_content(".tg-panel")
    page.close()


def test_the_popup_checks_a_text(context, extension_id, online):
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id}/popup.html")
    page.fill("#text", "Project Falcon ships Monday")
    page.click("#check")
    expect(page.locator("#verdict")).to_have_text(re.compile(r"^BLOCK · risk score \d+$"))
    assert page.text_content("#findings").startswith("critical codename.falcon: Internal project")
    page.close()
