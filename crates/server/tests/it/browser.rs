//! End to end in a real headless Chromium: the server runs on a free loopback port over the
//! sample corpus; the browser loads pages, clicks an entity highlight through to its entity
//! page, clicks an attribution mark of the deployment story's picture through to its evidence
//! claim and on to its proposition, and shows that a hostile article runs no script, on its
//! document page or on the proposition and story pages that quote it. Screenshots go to
//! `target/test-output/` as artefacts for people to look at; no assertion reads them.

use crate::cdp::Browser;
use crate::support::{HOSTILE_ID, app, corpus_store, get};
use serde_json::{Value, json};
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
    let Some(mut browser) = Browser::launch_or_skip("document_highlights_lead_to_entity_pages_in_chromium") else {
        return;
    };

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

/// The sample corpus's North Korean deployment story: the one with the most voices among those
/// whose title names North Korea.
fn deployment_story() -> Value {
    let stories = get(&app(), "/api/stories?limit=200").json();
    let story = stories["items"]
        .as_array()
        .expect("stories")
        .iter()
        .find(|s| s["title"].as_str().is_some_and(|t| t.contains("North Korea")));
    let id = story.expect("a story about North Korea")["id"].as_str().expect("an id").to_owned();
    get(&app(), &format!("/api/stories/{id}")).json()
}

/// The propositions with an attribution in document `id`.
fn propositions_citing(id: &str) -> Vec<String> {
    let list = get(&app(), "/api/propositions?limit=200").json();
    let cites = |p: &&Value| p["attributions"].as_array().is_some_and(|a| a.iter().any(|a| a["document"] == id));
    list["items"]
        .as_array()
        .expect("propositions")
        .iter()
        .filter(cites)
        .map(|p| p["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn story_picture_marks_open_their_evidence_in_chromium() {
    let base = server();
    let story = deployment_story();
    let story_id = story["id"].as_str().expect("a story id");
    let main = story["propositions"][0]["id"].as_str().expect("a main proposition").to_owned();
    let proposition = get(&app(), &format!("/api/propositions/{main}")).json();
    let attributions = proposition["attributions"].as_array().expect("attributions");
    let dated = attributions.iter().filter(|a| !a["published"].is_null()).count();
    assert!(dated > 10, "the deployment proposition has many dated attributions: {dated}");

    let Some(mut browser) = Browser::launch_or_skip("story_picture_marks_open_their_evidence_in_chromium") else {
        return;
    };
    browser.goto(&format!("{base}/stories/{story_id}"));
    let figure = format!("figure.proposition-picture[data-proposition={}]", json!(main));
    let marks = format!("document.querySelectorAll({}).length", json!(format!("{figure} a.attribution")));
    assert_eq!(browser.eval(&marks).as_u64(), Some(dated as u64), "one mark per dated attribution");
    // The marks are drawn and styled: a visible size, and the stance colour from the stylesheet.
    let size = format!("document.querySelector({}).getBoundingClientRect().width", json!(format!("{figure} .shape")));
    assert!(browser.eval(&size).as_f64() > Some(4.0), "marks have a size");
    let fill = format!(
        "getComputedStyle(document.querySelector({})).fill",
        json!(format!("{figure} a.attribution.stance-support .shape"))
    );
    assert_eq!(browser.eval(&fill), "rgb(21, 128, 61)", "support marks are green");
    let transitions = proposition["lifecycle"].as_array().expect("lifecycle").len() as u64;
    let markers = format!("document.querySelectorAll({}).length", json!(format!("{figure} a.transition")));
    assert_eq!(browser.eval(&markers).as_u64(), Some(transitions), "one marker per transition");
    browser.screenshot(&screenshot_path("story.png"));

    // Pick a mark with a claim that no other mark covers at its centre, and click it.
    let pick = format!(
        "(() => {{ for (const a of document.querySelectorAll({})) {{
             a.scrollIntoView({{block: 'center'}}); const r = a.getClientRects()[0];
             const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
             if (hit && hit.closest('a') === a) {{ a.id = 'picked-mark'; return a.getAttribute('href'); }}
           }} return null; }})()",
        json!(format!("{figure} a.attribution[data-claim]"))
    );
    let href = browser.eval(&pick);
    let href = href.as_str().expect("an uncovered mark with a claim").to_owned();
    let (path, fragment) = href.split_once('#').expect("a link to a claim");
    assert!(fragment.starts_with("claim-"), "{href}");
    browser.click("#picked-mark");
    browser.wait_for(
        &format!("location.pathname === {} && location.hash === {}", json!(path), json!(format!("#{fragment}"))),
        "the evidence document after the click",
    );
    browser.wait_for("document.readyState === 'complete'", "the document page to load");
    let target = format!("document.getElementById({})", json!(fragment));
    assert_eq!(
        browser.eval(&format!("{target} !== null && {target}.matches(':target')")),
        true,
        "the claim is targeted"
    );
    let background = browser.eval(&format!("getComputedStyle({target}).backgroundColor"));
    assert_ne!(background, "rgba(0, 0, 0, 0)", "the targeted claim is highlighted");
    browser.screenshot(&screenshot_path("evidence.png"));

    // The evidence claim links to its proposition page.
    let link = format!("#{fragment} a.proposition");
    assert!(browser.eval(&format!("document.querySelector({}) !== null", json!(link))) == true, "{link}");
    browser.click(&link);
    browser.wait_for("location.pathname.startsWith('/propositions/')", "the proposition page after the click");
    browser.wait_for("document.readyState === 'complete'", "the proposition page to load");
    let shown = browser.eval("document.querySelector('figure.proposition-picture').dataset.proposition");
    let shown = shown.as_str().expect("a proposition picture").to_owned();
    let p = get(&app(), &format!("/api/propositions/{shown}")).json();
    let count =
        |pred: fn(&Value) -> bool| p["attributions"].as_array().map_or(0, |a| a.iter().filter(|a| pred(a)).count());
    assert_eq!(
        browser.eval("document.querySelectorAll('figure.proposition-picture a.attribution').length").as_u64(),
        Some(count(|a| !a["published"].is_null()) as u64)
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('table.attributions tbody tr').length").as_u64(),
        Some(count(|_| true) as u64)
    );
    browser.screenshot(&screenshot_path("proposition.png"));
}

#[test]
fn hostile_document_runs_no_script_in_chromium() {
    let base = server();
    let id = get(&app(), &format!("/api/documents/{HOSTILE_ID}")).json()["content_id"].as_str().expect("id").to_owned();
    let Some(mut browser) = Browser::launch_or_skip("hostile_document_runs_no_script_in_chromium") else { return };
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

    // Its claims join propositions, whose pages and story quote its text.
    let propositions = propositions_citing(&id);
    assert!(!propositions.is_empty(), "the hostile article counts in a proposition");
    for p in &propositions {
        browser.goto(&format!("{base}/propositions/{p}"));
        assert_eq!(browser.eval("typeof window.__pwned"), "undefined", "no script ran from proposition {p}");
        assert_eq!(browser.eval("document.scripts.length"), 1, "only app.js");
        assert_eq!(browser.eval(handlers), false, "no event handler attribute on proposition {p}");
    }
    let story = get(&app(), "/api/stories?limit=200").json();
    let story = story["items"]
        .as_array()
        .expect("stories")
        .iter()
        .find(|s| s["documents"].as_array().is_some_and(|d| d.iter().any(|d| d == id.as_str())));
    if let Some(story) = story {
        browser.goto(&format!("{base}/stories/{}", story["id"].as_str().unwrap_or_default()));
        assert_eq!(browser.eval("typeof window.__pwned"), "undefined", "no script ran from the story page");
        assert_eq!(browser.eval(handlers), false, "no event handler attribute on the story page");
    }
}
