//! End to end in a real headless Chromium: the server runs on a free loopback port over the
//! sample corpus; the browser loads pages, clicks an entity highlight through to its entity
//! page, and shows that a hostile article runs no script. Screenshots go to
//! `target/test-output/` as artefacts for people to look at; no assertion reads them.

use crate::cdp::Browser;
use crate::support::{HOSTILE_ID, app, corpus_store, get};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The server's base URL (`http://127.0.0.1:PORT`), started once on its own thread.
fn server() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let app = server::router(corpus_store()).expect("router");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
        listener.set_nonblocking(true).expect("a non-blocking listener");
        let base = format!("http://{}", listener.local_addr().expect("an address"));
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build();
            runtime.expect("a runtime").block_on(async {
                let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
                axum::serve(listener, app).await.expect("the server runs");
            });
        });
        base
    })
}

fn screenshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/test-output").join(name)
}

/// The content id of the first document matching `query`.
fn first_hit(query: &str) -> String {
    let found = get(&app(), &format!("/api/search?q={query}&limit=1")).json();
    found["documents"]["items"][0]["id"].as_str().expect("a hit").to_owned()
}

#[test]
fn document_highlights_lead_to_entity_pages_in_chromium() {
    let base = server();
    let mut browser = Browser::launch();

    browser.goto(&format!("{base}/"));
    browser.wait_for("document.querySelectorAll('ul.entities li').length > 5", "the overview's entities");
    browser.screenshot(&screenshot_path("overview.png"));

    let id = first_hit("Gerasimov");
    let mentions: usize = get(&app(), &format!("/api/documents/{id}")).json()["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|e| e["mentions"].as_array().map_or(0, Vec::len))
        .sum();
    browser.goto(&format!("{base}/documents/{id}"));
    // Every mention is at least one highlight (one crossing another is split in two).
    let shown = browser.eval("document.querySelectorAll('#doc-text .hl.entity').length").as_u64().expect("a count");
    assert!(mentions > 0 && shown as usize >= mentions, "{shown} highlights for {mentions} mentions");
    assert!(browser.eval("document.querySelectorAll('#doc-text .hl.claim-content').length").as_u64() > Some(0));
    // The stylesheet loaded under the CSP: highlights have a background.
    let background = browser.eval("getComputedStyle(document.querySelector('#doc-text .hl.entity')).backgroundColor");
    assert_ne!(background, "rgba(0, 0, 0, 0)", "the stylesheet applies");
    // The static script runs under the CSP: unticking a layer hides it.
    browser.click("input[data-layer=entity]");
    browser.wait_for("document.getElementById('doc-text').classList.contains('hide-entity')", "the layer toggle");
    browser.click("input[data-layer=entity]");
    browser.screenshot(&screenshot_path("document.png"));

    browser.click("#doc-text a.hl.entity[href='/entities/gpe:KP']");
    browser.wait_for("location.pathname === '/entities/gpe:KP'", "the entity page after the click");
    browser.wait_for("document.readyState === 'complete'", "the entity page to load");
    assert!(
        browser.eval("document.querySelector('h1').textContent").as_str().is_some_and(|h| h.contains("North Korea"))
    );
    assert!(browser.eval("document.querySelectorAll('figure.timeline circle').length").as_u64() > Some(0));
    browser.screenshot(&screenshot_path("entity.png"));

    browser.goto(&format!("{base}/search?q=casualties"));
    assert!(browser.eval("document.querySelectorAll('.hit mark').length").as_u64() > Some(0));
    assert!(browser.eval("document.querySelectorAll('#claims table.claims tbody tr').length").as_u64() > Some(0));
    browser.screenshot(&screenshot_path("search.png"));

    browser.goto(&format!("{base}/claims?stance=deny"));
    let stances = browser.eval("[...document.querySelectorAll('table.claims tbody .badge')].map(b => b.textContent)");
    let stances = stances.as_array().expect("badges");
    assert!(!stances.is_empty() && stances.iter().all(|s| s == "deny"), "{stances:?}");
    browser.screenshot(&screenshot_path("claims.png"));
}

#[test]
fn hostile_document_runs_no_script_in_chromium() {
    let base = server();
    let id = get(&app(), &format!("/api/documents/{HOSTILE_ID}")).json()["content_id"].as_str().expect("id").to_owned();
    let mut browser = Browser::launch();
    browser.goto(&format!("{base}/documents/{id}"));
    browser.wait_for("document.querySelectorAll('#doc-text p').length > 0", "the hostile document's text");
    assert_eq!(browser.eval("typeof window.__pwned"), "undefined", "no hostile script ran");
    let title = browser.eval("document.title");
    assert!(title.as_str().is_some_and(|t| t.starts_with("<script>window.__pwned = 1")), "the title is text: {title}");
    assert_eq!(browser.eval("document.scripts.length"), 1, "only app.js");
    assert_eq!(browser.eval("document.querySelectorAll('img, iframe, object, embed, #doc-text svg').length"), 0);
    let handlers =
        "[...document.querySelectorAll('*')].some(e => [...e.attributes].some(a => a.name.startsWith('on')))";
    assert_eq!(browser.eval(handlers), false, "no element has an event handler attribute");
    let links =
        "[...document.querySelectorAll('a[href]')].every(a => a.protocol === 'http:' || a.protocol === 'https:')";
    assert_eq!(browser.eval(links), true, "every link is http(s)");
    let text = browser.eval("document.getElementById('doc-text').innerText");
    let text = text.as_str().expect("the text");
    assert!(text.contains("\"<script>window.__pwned = 6</script> North Korea sent 3,000 troops\""), "{text}");
    assert!(text.contains("&lt;script&gt; &amp; &quot;quotes&quot;"), "entities show as typed: {text}");
    browser.screenshot(&screenshot_path("hostile.png"));

    browser.goto(&format!("{base}/search?q=pwned"));
    assert_eq!(browser.eval("typeof window.__pwned"), "undefined", "no script ran from the search page");
    browser.goto(&format!("{base}/claims?about=gpe:KP&since=2025-01-15&until=2025-01-16"));
    assert_eq!(browser.eval("typeof window.__pwned"), "undefined", "no script ran from the claims page");
}
