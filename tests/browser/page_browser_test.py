"""The check page of `guard serve` in headless Chromium: typing, underlines, verdict, fix, token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, FLAGS, need_browser, start_server

need_browser()
from playwright.sync_api import expect  # noqa: E402 - after the skip when it is missing

LEAK = "Ship it: key AKIAIOSFODNN7EXAMPLE, mail jane.doe@example.com"


@pytest.fixture(scope="module")
def browser(playwright_driver: Any) -> Iterator[Any]:
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS,
                                                headless=True)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def server(pack_path: Any, browser: Any) -> Iterator[str]:
    with start_server(pack_path) as url:
        yield url


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 820})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    # Anything but the server that served the page is refused: the draft goes nowhere else.
    outside: list[str] = []
    page.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(server)
                                      else (outside.append(route.request.url), route.abort())))
    page.goto(server + "/")
    yield page
    assert problems == [], problems  # no CSP violation, no script error
    assert outside == [], outside
    context.close()


def wait_text(page: Any, selector: str, pattern: str) -> None:
    """Wait until the element's text matches (without eval: the page's CSP forbids it)."""
    expect(page.locator(selector)).to_have_text(re.compile(pattern), timeout=10_000)


def type_draft(page: Any, text: str) -> None:
    page.click("#draft")
    page.keyboard.type(text)


def test_a_leak_typed_is_underlined_in_place_and_blocked(page, artifacts):
    type_draft(page, LEAK)
    page.wait_for_selector("#backdrop mark.sev-critical")
    wait_text(page, "#verdict", r"^BLOCK")
    marks = page.eval_on_selector_all("#backdrop mark", "ms => ms.map(m => [m.textContent, "
                                      "m.className, getComputedStyle(m).textDecorationLine])")
    assert marks == [["AKIAIOSFODNN7EXAMPLE", "sev-critical", "underline"],
                     ["jane.doe@example.com", "sev-medium", "underline"]]
    # The typed text is untouched and the caret is where the typing left it.
    assert page.input_value("#draft") == LEAK
    assert page.evaluate("document.getElementById('draft').selectionStart") == len(LEAK)
    assert page.text_content("#backdrop") == LEAK
    # The underline lies under the words: the mark's box and the textarea's text line up.
    box = page.eval_on_selector("#backdrop mark", "m => m.getBoundingClientRect().toJSON()")
    area = page.eval_on_selector("#draft", "a => a.getBoundingClientRect().toJSON()")
    assert area["left"] < box["left"] < area["right"] and area["top"] < box["top"] < area["bottom"]
    verdict = page.text_content("#verdict")
    assert verdict.startswith("BLOCK · risk score ") and verdict.endswith(" · 2 findings")
    assert page.get_attribute("#verdict", "aria-live") == "polite"
    assert page.text_content("#count") == f"{len(LEAK)} / 280"
    artifacts(page, "page-block")


def test_findings_are_focusable_and_say_what_to_do(page, artifacts):
    type_draft(page, LEAK)
    page.wait_for_selector("#findings button")
    page.keyboard.press("Tab")  # from the draft to the first control after it
    page.focus("#findings button")
    label = page.get_attribute("#findings button", "aria-label")
    assert label == ("critical secret.aws-access-key, “********************”: An AWS access key "
                     "id. Suggestion: remove the key and rotate it; it may already be exposed")
    assert page.eval_on_selector("#backdrop mark", "m => m.classList.contains('active')")
    # Hovering the underlined words shows the message and the suggestion.
    box = page.eval_on_selector("#backdrop mark", "m => m.getBoundingClientRect().toJSON()")
    page.mouse.move(box["x"] + 4, box["y"] + box["height"] / 2)
    page.wait_for_selector("#tooltip:not([hidden])")
    assert page.text_content("#tooltip") == (
        "CRITICAL · secret.aws-access-keyAn AWS access key id. Suggestion: remove the key and "
        "rotate it; it may already be exposed")
    artifacts(page, "page-hover")


def test_one_click_fix_rewrites_checks_again_and_says_what_is_left(page, artifacts):
    type_draft(page, "Project Falcon ships Monday, key AKIAIOSFODNN7EXAMPLE, jane.doe@example.com")
    wait_text(page, "#verdict", r"^BLOCK")
    page.click("#fix")
    wait_text(page, "#fix-status", r".")
    assert page.input_value("#draft") == "Our next release ships Monday, key, jane.doe@example.com"
    assert page.text_content("#fix-status") == (
        "Fixed 2 spans. 1 left to rewrite by hand: the rule has no approved wording (replace_with) "
        "nor remove: rewrite it by hand.")
    assert page.text_content("#verdict").startswith("WARN")
    assert page.eval_on_selector_all("#backdrop mark", "ms => ms.map(m => m.textContent)") == [
        "jane.doe@example.com"]
    # The fix went through the browser's editing: Ctrl+Z brings the draft back.
    page.keyboard.press("Control+z")
    assert page.input_value("#draft").startswith("Project Falcon ships Monday")
    artifacts(page, "page-fixed")


def test_length_counts_as_the_platform_does_and_turns_red(page, artifacts):
    text = "Plain words 🚀 " + "a" * 280
    page.fill("#draft", text)
    page.dispatch_event("#draft", "input")
    page.wait_for_selector(".length.over")
    assert page.text_content("#count") == "295 / 280"  # 294 code points; the emoji counts 2 on X
    assert page.eval_on_selector_all("#backdrop mark.overflow", "ms => ms.length") == 1
    page.select_option("#platform", "mastodon")
    wait_text(page, "#count", r"^294 / 500$")
    assert not page.eval_on_selector(".length", "e => e.classList.contains('over')")
    artifacts(page, "page-length")


def test_offsets_survive_emoji_and_accents(page):
    type_draft(page, "🚀🚀 déjà vu: Falcon ships")
    page.wait_for_selector("#backdrop mark")
    assert page.eval_on_selector_all("#backdrop mark", "ms => ms.map(m => m.textContent)") == [
        "Falcon"]


def test_a_thread_is_checked_post_by_post_in_one_box(page, artifacts):
    type_draft(page, "Good morning 🚀\n---\nThe deploy key is AKIAIOSFODNN7EXAMPLE\n---\n")
    wait_text(page, "#verdict", r"^BLOCK")
    assert page.eval_on_selector_all("#backdrop mark", "ms => ms.map(m => m.textContent)") == [
        "AKIAIOSFODNN7EXAMPLE"]
    assert page.text_content("#count") == "38 / 280 · 2 posts"  # the longest post
    page.click("#draft")
    page.keyboard.press("Control+End")
    page.keyboard.type("a" * 290)
    wait_text(page, "#count", r"^290 / 280 · 3 posts$")
    assert page.eval_on_selector_all("#backdrop mark.overflow", "ms => ms.map(m => m.textContent)"
                                      ) == ["a" * 10]
    artifacts(page, "page-thread")


def test_a_clean_draft_is_allowed(page):
    type_draft(page, "Lovely morning, coffee and a walk")
    wait_text(page, "#verdict", r"^ALLOW")
    assert page.eval_on_selector_all("#backdrop mark", "ms => ms.length") == 0
    assert page.is_disabled("#fix")


def test_with_a_token_the_page_asks_once_and_keeps_it_for_the_tab(browser, pack_path, artifacts):
    with start_server(pack_path, token="s3cret") as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/")
        type_draft(page, "Falcon ships")
        page.wait_for_selector("#token-form:not([hidden])")
        artifacts(page, "page-token")
        page.fill("#token", "s3cret")
        page.press("#token", "Enter")
        wait_text(page, "#verdict", r"^BLOCK")
        assert page.evaluate("sessionStorage.getItem('guard-token')") == "s3cret"
        page.click("#draft")
        page.keyboard.type(" soon")
        wait_text(page, "#verdict", r"^BLOCK")
        assert page.is_hidden("#token-form")
        context.close()


def test_a_server_that_stops_answering_is_not_an_allow(browser, pack_path):
    with start_server(pack_path) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/")
    type_draft(page, "Lovely morning")
    wait_text(page, "#verdict", r"^NOT")
    assert "do not post it yet" in page.text_content("#verdict")
    context.close()
