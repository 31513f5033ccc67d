//! The web pages in-process: each renders what it should, escapes what it shows, and links by
//! stable paths.

use crate::support::{HOSTILE_ID, app, get};
use axum::http::StatusCode;

/// The hostile article's content id, found through the API.
fn hostile_id(app: &axum::Router) -> String {
    get(app, &format!("/api/documents/{HOSTILE_ID}")).json()["content_id"].as_str().unwrap().to_owned()
}

#[test]
fn overview_shows_figures_search_and_entities() {
    let page = get(&app(), "/");
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(page.body.contains("action=\"/search\""));
    assert!(page.body.contains("href=\"/entities/gpe:KP\""));
    assert!(page.body.contains("documents"));
}

#[test]
fn document_page_highlights_every_kind_of_item() {
    let app = app();
    let found = get(&app, "/api/search?q=Gerasimov&limit=1").json();
    let id = found["documents"]["items"][0]["id"].as_str().unwrap().to_owned();
    let doc = get(&app, &format!("/api/documents/{id}")).json();
    let page = get(&app, &format!("/documents/{id}"));
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("class=\"hl entity type-gpe\" href=\"/entities/gpe:KP\""), "entity links");
    assert!(body.contains("class=\"hl time\""), "times");
    let claims = doc["claims"].as_array().unwrap().len();
    assert!(claims > 0);
    for i in 0..claims {
        assert!(body.contains(&format!("id=\"claim-{i}\"")), "claim {i} in the list");
        assert!(body.contains(&format!("id=\"text-claim-{i}\"")), "claim {i} in the text");
        assert_eq!(body.matches(&format!("id=\"text-claim-{i}\"")).count(), 1, "anchors are unique");
        assert!(body.contains(&format!("href=\"#claim-{i}\"")), "cue {i} links to its claim");
    }
    assert_eq!(body.matches("<a ").count(), body.matches("</a>").count());
    assert_eq!(body.matches("<span").count(), body.matches("</span>").count());
}

#[test]
fn entity_page_draws_a_timeline_of_its_claims() {
    let app = app();
    let page = get(&app, "/entities/gpe:RU");
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg"));
    let by = get(&app, "/api/claims?speaker=gpe:RU&limit=200").json();
    let about = get(&app, "/api/claims?about=gpe:RU&limit=200").json();
    let dated =
        |v: &serde_json::Value| v["items"].as_array().unwrap().iter().filter(|c| !c["published"].is_null()).count();
    assert_eq!(page.body.matches("<circle").count(), dated(&by) + dated(&about));
    assert!(page.body.contains("Moscow"), "aliases listed");
    let missing = get(&app, "/entities/gpe:XX");
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[test]
fn search_page_marks_matches_and_offers_facets() {
    let page = get(&app(), "/search?q=casualties");
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<mark>casualties</mark>") || page.body.contains("<mark>Casualties</mark>"));
    assert!(page.body.contains("class=\"facet\""));
    assert_eq!(get(&app(), "/search").status, StatusCode::OK, "an empty search shows the form");
}

#[test]
fn claims_page_filters_and_reports_bad_filters() {
    let app = app();
    let page = get(&app, "/claims?stance=deny");
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("badge stance-deny"));
    assert!(!page.body.contains("badge stance-praise\">praise</span> <span class=\"cue\""));
    let bad = get(&app, "/claims?since=soon");
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("<code>invalid_query</code>"));
}

#[test]
fn lists_of_documents_entities_and_sources_render() {
    let app = app();
    for uri in ["/documents", "/documents?source=FactLine", "/entities?type=PERSON", "/sources"] {
        assert_eq!(get(&app, uri).status, StatusCode::OK, "{uri}");
    }
}

#[test]
fn hostile_document_renders_inert() {
    let app = app();
    let id = hostile_id(&app);
    let page = get(&app, &format!("/documents/{id}"));
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert_eq!(body.matches("<script").count(), 1, "only the static app.js");
    assert!(body.contains("<script src=\"/assets/app.js\" defer></script>"));
    for forbidden in ["<img", "<iframe", "<svg onload", "<b ", "href=\"javascript:"] {
        assert!(!body.contains(forbidden), "{forbidden} leaked into the page");
    }
    for handler in ["onerror=", "onload=", "onmouseover="] {
        assert!(only_in_text(body, handler), "{handler} inside a tag");
    }
    assert!(body.contains("&lt;script&gt;window.__pwned = 1"), "the title shows as text");
    assert!(body.contains("&amp;lt;script&amp;gt;"), "entities show as typed");
    assert!(body.contains("not an http(s) address"), "the javascript: url is shown, not linked");
    for uri in ["/search?q=pwned", "/claims?about=gpe:KP", "/sources", "/documents"] {
        let page = get(&app, uri);
        assert_eq!(page.body.matches("<script").count(), 1, "{uri}");
        assert!(only_in_text(&page.body, "onerror=") && only_in_text(&page.body, "onmouseover="), "{uri}");
    }
}

/// Whether every occurrence of `needle` in `html` is in text content, not inside a tag (the
/// last `<` or `>` before it is a `>`).
fn only_in_text(html: &str, needle: &str) -> bool {
    html.match_indices(needle).all(|(at, _)| {
        let before = &html[..at];
        before.rfind('>').unwrap_or(0) >= before.rfind('<').unwrap_or(0)
    })
}

#[test]
fn story_page_draws_claims_over_time_and_lists_documents_in_order() {
    let app = app();
    let list = get(&app, "/api/stories").json();
    let first = &list["items"][0];
    let id = first["id"].as_str().unwrap();
    let index = get(&app, "/stories");
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.body.contains(&format!("href=\"/stories/{id}\"")));
    let page = get(&app, &format!("/stories/{id}"));
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg"), "the timeline picture");
    let documents = first["documents"].as_array().unwrap().len();
    assert_eq!(page.body.matches("class=\"story-document\"").count(), documents);
    assert!(page.body.contains("class=\"grade grade-"), "source grades shown");
}
