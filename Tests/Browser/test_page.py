"""Issue 12 acceptance, in a browser: sign in; Case Insights on the page equals the API's figures;
a view table lists the API's rows in the API's order; a note added on a case page is in the API's
timeline; a stage change on the page moves the case between views; a bulk case opened from the
denied-claims list has the API's totals; resolving with open work asks first. Each page's
screenshot goes to var/screenshots/."""
import urllib.parse

import pytest
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import SCREENSHOTS

WAIT = 20


def dollars(cents):
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents) // 100:,}.{abs(cents) % 100:02d}"


def ok(answer):
    status, body, _ = answer
    assert status in (200, 201), (status, body)
    return body


def wait_for(browser, condition, message):
    """Waits until `condition(browser)` is truthy; a re-render replacing elements mid-read just retries.
    On timeout the failure quotes what the page showed."""
    try:
        return WebDriverWait(browser, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(condition)
    except TimeoutException:
        shown = browser.find_element(By.TAG_NAME, "body").text[:800]
        raise AssertionError(f"{message}; the page showed:\n{shown}") from None


def eventually(browser, check):
    """Runs `check` (which asserts) until it passes — the page renders after its fetches — and
    once more at the deadline, so a lasting difference fails with the assertion's own message."""
    def passes(_):
        try:
            check()
            return True
        except (AssertionError, KeyError, IndexError, StaleElementReferenceException):
            return False
    try:
        WebDriverWait(browser, WAIT).until(passes)
    except TimeoutException:
        check()


def table_rows(browser, table_id):
    """{data-id: [cell texts]} and the data-ids in order, for the table with id `table_id`."""
    rows = browser.find_elements(By.CSS_SELECTOR, f"#{table_id} tbody tr[data-id]")
    cells = [(row.get_attribute("data-id"), [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]) for row in rows]
    return dict(cells), [key for key, _ in cells]


def go(browser, server, fragment, ready_css):
    """Opens the page at `fragment`, reloading when the browser is already there (a same-URL get keeps the old page)."""
    url = f"http://127.0.0.1:{server.port}/{fragment}"
    if browser.current_url == url:
        browser.refresh()
    else:
        browser.get(url)
    wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, ready_css), f"{fragment}: {ready_css} never appeared")


def shoot(browser, name):
    path = SCREENSHOTS / f"{name}.png"
    assert browser.save_screenshot(str(path)), path
    assert path.stat().st_size > 10_000, f"{path} looks empty"


@pytest.fixture(scope="module")
def signed_in(browser, server, api):
    browser.get(f"http://127.0.0.1:{server.port}/")
    token_box = wait_for(browser, lambda b: b.find_elements(By.ID, "token"), "no sign-in form")[0]
    shoot(browser, "sign-in")
    token_box.send_keys("not-a-token")
    browser.find_element(By.ID, "sign-in").click()
    wait_for(browser, lambda b: "not valid" in b.find_element(By.ID, "main").text, "a bad token was not refused")
    browser.find_element(By.ID, "token").send_keys(server.token)
    browser.find_element(By.ID, "sign-in").click()
    me = ok(api.get("/v1/me"))["user"]
    wait_for(browser, lambda b: me["name"] in b.find_element(By.ID, "who").text, "the signed-in user is not shown")
    assert browser.find_element(By.ID, "nav").is_displayed()
    return me


def key_of(row, drill):
    if drill == "owner":
        group = f"{row['owner']['type']}:{row['owner']['id']}|" if row["owner"] else "none|"
    elif drill == "carc_code":
        group = f"{row['carc_code'] or 'none'}|"
    else:
        group = ""
    return group


def check_insights(browser, api, drill):
    query = f"?drill_down={drill}" if drill else ""
    figures = ok(api.get(f"/v1/dashboards/case-insights{query}"))
    shown, _ = table_rows(browser, "open-by-subject")
    assert shown.keys() == {key_of(r, drill) + r["subject"] for r in figures["open_by_subject"]}
    for row in figures["open_by_subject"]:
        assert shown[key_of(row, drill) + row["subject"]][-1] == str(row["count"]), row
    shown, _ = table_rows(browser, "open-by-payer")
    assert shown.keys() == {key_of(r, drill) + r["payer"]["id"] for r in figures["open_by_payer"]}
    for row in figures["open_by_payer"]:
        assert shown[key_of(row, drill) + row["payer"]["id"]][-1] == str(row["count"]), row
    shown, _ = table_rows(browser, "outstanding-by-payer-subject")
    assert len(shown) == len(figures["outstanding_by_payer_subject"])
    for row in figures["outstanding_by_payer_subject"]:
        assert shown[f"{key_of(row, drill)}{row['payer']['id']}|{row['subject']}"][-1] == dollars(row["outstanding_cents"]), row
    shown, _ = table_rows(browser, "by-status")
    assert {k: v[-1] for k, v in shown.items()} == {key_of(r, drill) + r["status"]: str(r["count"]) for r in figures["by_status"]}
    cards = browser.find_elements(By.CSS_SELECTOR, "#insights-figures dl.cards[data-id]")
    assert len(cards) == len(figures["status_counts"])
    for card, row in zip(cards, figures["status_counts"]):
        for name, member in (("status-in-progress", "in_progress"), ("status-resolved", "resolved"), ("status-canceled", "canceled")):
            assert card.find_element(By.CSS_SELECTOR, f"[data-figure={name}] dd").text == str(row[member])
    appeals = figures["appeals_due"]
    for name, member in (("appeals-past-due", "past_due"), ("appeals-7", "due_within_7_days"), ("appeals-30", "due_within_30_days")):
        assert browser.find_element(By.CSS_SELECTOR, f"[data-figure={name}] dd").text == str(appeals[member])
    return figures


def test_case_insights_figures_equal_the_api(browser, server, api, signed_in):
    go(browser, server, "#/insights", "#open-by-subject tbody tr[data-id]")
    figures = check_insights(browser, api, None)
    assert figures["open_by_subject"], "the real denials opened no case: nothing to compare"
    shoot(browser, "case-insights")
    # The widget polls with If-None-Match: with nothing changed, the server confirms it with 304.
    figures_box = browser.find_element(By.ID, "insights-figures")
    wait_for(browser, lambda b: int(figures_box.get_attribute("data-not-modified") or 0) >= 1, "no 304 on the poll")
    # ...and the figures it shows carry the ETag the API gives them now (the gzip form, as sent to a browser).
    assert figures_box.get_attribute("data-etag").replace("-gzip", "") == api.get("/v1/dashboards/case-insights")[2]["etag"]
    for drill in ("owner", "carc_code"):
        Select(browser.find_element(By.NAME, "drill_down")).select_by_value(drill)
        wait_for(browser, lambda b: f"drill_down={drill}" in b.current_url, "the drill-down is not in the address")
        eventually(browser, lambda: check_insights(browser, api, drill))
        shoot(browser, f"case-insights-by-{drill.replace('_', '-')}")
    # A filter narrows the figures exactly as the API's filter does.
    Select(browser.find_element(By.NAME, "drill_down")).select_by_value("")
    payer = ok(api.get("/v1/dashboards/case-insights"))["open_by_payer"][0]["payer"]
    Select(browser.find_element(By.NAME, "payer_id")).select_by_value(payer["id"])
    figures = ok(api.get(f"/v1/dashboards/case-insights?payer_id={payer['id']}"))

    def filtered():
        assert set(table_rows(browser, "open-by-payer")[0]) == {payer["id"]}
        shown, _ = table_rows(browser, "open-by-subject")
        assert {k: v[-1] for k, v in shown.items()} == {r["subject"]: str(r["count"]) for r in figures["open_by_subject"]}
    eventually(browser, filtered)


def test_tier1_figures_equal_the_api(browser, server, api, signed_in):
    go(browser, server, "#/tier1", "#by-priority tbody tr[data-id]")
    figures = ok(api.get("/v1/dashboards/tier1"))
    shown, _ = table_rows(browser, "by-priority")
    assert {k: v[-1] for k, v in shown.items()} == {r["priority"]: str(r["count"]) for r in figures["by_priority"]}
    _, order = table_rows(browser, "active-cases")
    assert order == [item["id"] for item in figures["active_cases"]["items"]]
    assert f"({figures['active_cases']['total']})" in browser.find_element(By.CSS_SELECTOR, "#active-cases caption").text
    shoot(browser, "tier1")


def test_a_view_table_lists_the_apis_rows_in_its_order(browser, server, api, signed_in):
    go(browser, server, "#/views/open", "#view-table tbody tr[data-id]")
    Select(browser.find_element(By.NAME, "sort")).select_by_value("-total_outstanding")
    Select(browser.find_element(By.NAME, "limit")).select_by_value("25")
    first = ok(api.get("/v1/cases?view=open&sort=-total_outstanding&limit=25"))
    expected = [row["id"] for row in first["items"]]
    wait_for(browser, lambda b: table_rows(b, "view-table")[1] == expected, "the page's rows differ from the API's")
    shown, _ = table_rows(browser, "view-table")
    for row in first["items"]:
        cells = shown[row["id"]]
        assert cells[0] == row["number"] and cells[-2] == dollars(row["total_outstanding_cents"]), (row, cells)
    shoot(browser, "view-open")
    assert first["next_cursor"], "fewer than 26 open cases: the second page cannot be compared"
    browser.find_element(By.ID, "page-next").click()
    second = ok(api.get(f"/v1/cases?view=open&sort=-total_outstanding&limit=25&cursor={first['next_cursor']}"))
    wait_for(browser, lambda b: table_rows(b, "view-table")[1] == [row["id"] for row in second["items"]], "page two differs")
    browser.find_element(By.ID, "page-previous").click()
    wait_for(browser, lambda b: table_rows(b, "view-table")[1] == expected, "back to page one differs")


def open_case_in_stage(api, stage):
    rows = api.all_pages("/v1/cases?view=open")
    return next(row for row in rows if row["stage"] == stage and row["owner"])


def test_a_note_added_on_the_case_page_is_in_the_timeline(browser, server, api, signed_in):
    case = open_case_in_stage(api, "new")
    go(browser, server, f"#/cases/{case['id']}", "#timeline li")
    assert case["number"] in browser.find_element(By.ID, "case-title").text
    total = ok(api.get(f"/v1/cases/{case['id']}"))["totals"]["total_outstanding_cents"]
    assert browser.find_element(By.CSS_SELECTOR, "[data-figure=total-outstanding] dd").text == dollars(total)
    subject, body = "Called the payer about the denial", "Spoke to Jo at provider services; reference 55-1290.\nResubmit by Friday."
    browser.find_element(By.ID, "activity-subject").send_keys(subject)
    browser.find_element(By.ID, "activity-body").send_keys(body)
    browser.find_element(By.ID, "add-activity-submit").click()
    wait_for(browser, lambda b: any(subject in item.text for item in b.find_elements(By.CSS_SELECTOR, "#timeline li[data-kind=note]")),
             "the note never appeared on the page")
    notes = [item for item in ok(api.get(f"/v1/cases/{case['id']}/activities"))["items"] if item["kind"] == "note"]
    assert [(n["subject"], n["body"]) for n in notes] == [(subject, body)]
    shoot(browser, "case")


def case_ids(api, view, number):
    return [row["id"] for row in ok(api.get(f"/v1/cases?view={view}&q={urllib.parse.quote(number)}&limit=200"))["items"]]


def test_a_stage_change_on_the_page_moves_the_case_between_views(browser, server, api, signed_in):
    case = open_case_in_stage(api, "new")
    assert case["id"] not in case_ids(api, "in_progress", case["number"])
    go(browser, server, f"#/cases/{case['id']}", "#stage-in_progress")
    browser.find_element(By.ID, "stage-in_progress").click()
    wait_for(browser, lambda b: "stage In progress" in b.find_element(By.ID, "case-summary").text, "the stage did not change")
    assert ok(api.get(f"/v1/cases/{case['id']}"))["stage"] == "in_progress"
    assert case["id"] in case_ids(api, "in_progress", case["number"])
    go(browser, server, f"#/views/in_progress?q={case['number']}", "#view-table tbody tr")
    wait_for(browser, lambda b: case["id"] in table_rows(b, "view-table")[0], "the case is not in the In progress view")
    browser.find_element(By.CSS_SELECTOR, "[data-view=awaiting_payment]").click()
    wait_for(browser, lambda b: "awaiting_payment" in b.current_url and b.find_elements(By.CSS_SELECTOR, "#view-table"), "no view")
    assert case["id"] not in table_rows(browser, "view-table")[0]
    assert case["id"] not in case_ids(api, "awaiting_payment", case["number"])
    shoot(browser, "view-in-progress")


def test_a_bulk_case_opened_from_the_denied_claims_has_the_apis_totals(browser, server, api, signed_in):
    waiting = api.all_pages("/v1/claims?denied=true&has_active_case=false")
    by_payer = {}
    for claim in waiting:
        by_payer.setdefault(claim["payer_id"], []).append(claim)
    payer_id, claims = max(by_payer.items(), key=lambda item: len(item[1]))
    assert len(claims) >= 2, "no payer has two denied claims without a case"
    go(browser, server, "#/denied", "#denied-table")
    Select(browser.find_element(By.NAME, "payer_id")).select_by_value(payer_id)
    wait_for(browser, lambda b: set(table_rows(b, "denied-table")[0]) == {c["id"] for c in claims[:100]}, "the payer filter failed")
    chosen = claims[:2]
    for claim in chosen:
        browser.find_element(By.CSS_SELECTOR, f"input[data-claim='{claim['id']}']").click()
    outstanding = sum(claim["outstanding_cents"] for claim in chosen)
    assert f"2 claims chosen, {dollars(outstanding)} outstanding" in browser.find_element(By.ID, "chosen-count").text
    Select(browser.find_element(By.NAME, "priority")).select_by_value("high")
    shoot(browser, "denied-claims")
    browser.find_element(By.ID, "open-case").click()
    wait_for(browser, lambda b: "#/cases/case_" in b.current_url and b.find_elements(By.ID, "case-claims"), "no case page")
    case_id = browser.current_url.split("#/cases/")[1]
    case = ok(api.get(f"/v1/cases/{case_id}"))
    assert sorted(c["claim_id"] for c in case["claims"]) == sorted(c["id"] for c in chosen)
    assert case["priority"] == "high" and case["payer"]["id"] == payer_id
    assert set(case["carc_codes"]) == {code for claim in chosen for code in claim["denial_carc_codes"]}
    fresh = [ok(api.get(f"/v1/claims/{claim['id']}")) for claim in chosen]
    totals = case["totals"]
    assert totals["total_outstanding_cents"] == sum(c["outstanding_cents"] for c in fresh)
    assert totals["total_expected_cents"] == sum(c["expected_cents"] for c in fresh)
    assert totals["total_paid_cents"] == sum(c["paid_cents"] for c in fresh)
    for name, member in (("total-expected", "total_expected_cents"), ("total-paid", "total_paid_cents"),
                         ("total-outstanding", "total_outstanding_cents")):
        assert browser.find_element(By.CSS_SELECTOR, f"[data-figure={name}] dd").text == dollars(totals[member])
    shown, _ = table_rows(browser, "case-claims")
    for claim in fresh:
        assert shown[claim["id"]][6] == dollars(claim["outstanding_cents"])
        assert claim["denial"]["reasons"][0]["carc_code"] in shown[claim["id"]][7]
    shoot(browser, "bulk-case")


def test_resolving_with_open_work_asks_for_consent_first(browser, server, api, signed_in):
    case = open_case_in_stage(api, "new")
    ok(api.post(f"/v1/cases/{case['id']}/activities", {"kind": "task", "subject": "Send the corrected claim"}))
    go(browser, server, f"#/cases/{case['id']}", "#resolve")
    browser.find_element(By.ID, "close-note").send_keys("Paid after the corrected claim.")
    browser.find_element(By.ID, "resolve").click()
    consent = wait_for(browser, lambda b: b.find_elements(By.ID, "resolve-with-open-work"), "no consent asked")[0]
    assert "Send the corrected claim" in browser.find_element(By.ID, "close-consent").text
    assert ok(api.get(f"/v1/cases/{case['id']}"))["status"] == "active"
    shoot(browser, "resolve-consent")
    consent.click()
    wait_for(browser, lambda b: b.find_elements(By.ID, "reactivate"), "the case was not resolved")
    resolved = ok(api.get(f"/v1/cases/{case['id']}"))
    assert resolved["status"] == "resolved" and resolved["resolution_note"] == "Paid after the corrected claim."
    tasks = [a for a in ok(api.get(f"/v1/cases/{case['id']}/activities"))["items"] if a["kind"] == "task"]
    assert [t["state"] for t in tasks] == ["canceled"]


def test_a_viewer_reads_a_case_but_is_offered_no_changes(browser, server, api, signed_in):
    server.cli("users", "add", "--db", server.db, "--email", "vic@demo.test", "--name", "Vic Viewer", "--role", "viewer")
    viewer = server.cli("tokens", "create", "--db", server.db, "--email", "vic@demo.test")
    case = open_case_in_stage(api, "new")
    try:
        browser.find_element(By.ID, "sign-out").click()
        browser.find_element(By.ID, "token").send_keys(viewer)
        browser.find_element(By.ID, "sign-in").click()
        wait_for(browser, lambda b: "Vic Viewer" in b.find_element(By.ID, "who").text, "the viewer is not signed in")
        go(browser, server, f"#/cases/{case['id']}", "#timeline li")
        assert "needs the biller role" in browser.find_element(By.ID, "main").text
        for control in ("resolve", "cancel", "stage-in_progress", "add-activity", "save-case"):
            assert not browser.find_elements(By.ID, control), control
        assert browser.find_element(By.CSS_SELECTOR, "#case-fields fieldset").get_attribute("disabled") is not None
        go(browser, server, "#/denied", "#denied-table")
        assert not browser.find_element(By.ID, "open-case-form").is_displayed()
        assert not browser.find_elements(By.CSS_SELECTOR, "#denied-table input[type=checkbox]")
        go(browser, server, "#/views/open", "#view-table")
        assert not browser.find_element(By.ID, "export-csv").is_displayed()
    finally:
        browser.execute_script("sessionStorage.setItem('casework.token', arguments[0])", server.token)


def test_a_malformed_case_address_shows_the_apis_404(browser, server, signed_in):
    go(browser, server, "#/cases/%E0%A4%A", "#main .problem")
    assert "(404)" in browser.find_element(By.CSS_SELECTOR, "#main .problem").text


def test_the_page_logged_no_script_errors(browser, signed_in):
    # Refused requests (the bad token's 401, the open work's 409) are logged by the network layer as
    # failed loads; they are answers the page handled. Anything else severe is a script error.
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE" and entry["source"] != "network"]
    assert errors == [], errors
