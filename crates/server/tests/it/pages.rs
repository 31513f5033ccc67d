//! The web pages in-process: each renders what it should, escapes what it shows, and links by
//! stable paths.

use crate::support::{HOSTILE_ID, app, get};
use axum::http::StatusCode;
use serde_json::Value;

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
    }
    // Each cue links to its claim's proposition, or to the claim in the list when it has none.
    let propositions = document_propositions(&app, &id);
    for (i, c) in doc["claims"].as_array().unwrap().iter().enumerate() {
        let cue = format!("{}\"", c["cue"]["text"].as_str().unwrap());
        let target = match propositions.iter().find(|(_, claim)| *claim == Some(i)) {
            Some((p, _)) => format!("href=\"/propositions/{p}\""),
            None => format!("href=\"#claim-{i}\""),
        };
        assert!(body.contains(&target), "cue {i} ({cue}) links to {target}");
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
    // Its claim joins a proposition: the proposition and story pages show its text inert too.
    let propositions = document_propositions(&app, &id);
    assert!(!propositions.is_empty(), "the hostile article counts in a proposition");
    let mut uris: Vec<String> = propositions.iter().map(|(p, _)| format!("/propositions/{p}")).collect();
    uris.extend(hostile_story(&app, &id).map(|s| format!("/stories/{s}")));
    uris.extend(
        ["/search?q=pwned", "/claims?about=gpe:KP", "/sources", "/documents", "/propositions"].map(String::from),
    );
    for (p, _) in &propositions {
        let page = get(&app, &format!("/propositions/{p}")).body;
        assert!(page.contains("&lt;script&gt;window.__pwned = "), "proposition {p} quotes the hostile text as text");
    }
    assert!(!only_in_text("<img src=x onerror=\"x\">", "onerror="), "the check sees a real handler");
    for uri in &uris {
        let page = get(&app, uri);
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_eq!(page.body.matches("<script").count(), 1, "{uri}");
        assert!(only_in_text(&page.body, "onerror=") && only_in_text(&page.body, "onmouseover="), "{uri}");
    }
}

/// Whether no element in `html` has an attribute named `name` (an event handler such as
/// `onerror`): tags are read from `<` to `>` (text and attribute values hold those escaped),
/// attribute names outside quoted values. Text that merely spells `onerror=`, in content or
/// inside an attribute's value, is inert and passes.
fn only_in_text(html: &str, name: &str) -> bool {
    let name = name.trim_end_matches('=');
    html.split('<').skip(1).all(|rest| {
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        let (mut quote, mut word, mut names) = (None, String::new(), Vec::new());
        for c in tag.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '=') => names.push(std::mem::take(&mut word)),
                (None, c) if c.is_whitespace() || c == '/' => word.clear(),
                (None, c) => word.push(c),
            }
        }
        !names.iter().any(|n| n.eq_ignore_ascii_case(name))
    })
}

/// The propositions with an attribution in document `id`, with the claim (`None`: the
/// publisher's own assertion), read through the API.
fn document_propositions(app: &axum::Router, id: &str) -> Vec<(String, Option<usize>)> {
    let mut out = Vec::new();
    let list = get(app, "/api/propositions?limit=200").json();
    for p in list["items"].as_array().unwrap() {
        for a in p["attributions"].as_array().unwrap().iter().filter(|a| a["document"] == id) {
            out.push((p["id"].as_str().unwrap().to_owned(), a["claim"].as_u64().map(|c| c as usize)));
        }
    }
    out
}

/// The story holding document `id`, found through the stories list.
fn hostile_story(app: &axum::Router, id: &str) -> Option<String> {
    let list = get(app, "/api/stories?limit=200").json();
    let story =
        list["items"].as_array().unwrap().iter().find(|s| s["documents"].as_array().unwrap().iter().any(|d| d == id));
    story.map(|s| s["id"].as_str().unwrap().to_owned())
}

/// The markup of the picture of proposition `id` in `body`.
fn figure<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body
        .find(&format!("<figure class=\"proposition-picture\" data-proposition=\"{id}\""))
        .unwrap_or_else(|| panic!("no picture of {id}"));
    let end = start + body[start..].find("</figure>").unwrap();
    &body[start..end]
}

/// Checks the picture of proposition `p` (its API JSON) in `body`: one mark per dated
/// attribution, each linking to its evidence, and one marker per dated lifecycle transition.
fn check_picture(body: &str, p: &Value) {
    let id = p["id"].as_str().unwrap();
    let figure = figure(body, id);
    let attributions = p["attributions"].as_array().unwrap();
    let dated: Vec<&Value> = attributions.iter().filter(|a| !a["published"].is_null()).collect();
    assert_eq!(figure.matches("class=\"attribution ").count(), dated.len(), "marks of {id}");
    for a in &dated {
        let document = a["document"].as_str().unwrap();
        let href = match a["claim"].as_u64() {
            Some(n) => format!("href=\"/documents/{document}#claim-{n}\""),
            None => format!("href=\"/documents/{document}\""),
        };
        assert!(figure.contains(&href), "{href} in the picture of {id}");
    }
    let undated = attributions.len() - dated.len();
    assert_eq!(figure.contains("undated attribution(s) not drawn"), undated > 0, "{id}");
    let transitions = p["lifecycle"].as_array().unwrap().iter().filter(|t| !t["published"].is_null()).count();
    assert_eq!(figure.matches("class=\"transition stage-").count(), transitions, "lifecycle of {id}");
    for grade in ["A", "B", "C", "D", "E", "F"] {
        let marks = dated.iter().filter(|a| a["grade"] == grade).count();
        assert_eq!(figure.matches(&format!("text-anchor=\"middle\">{grade}</text>")).count(), marks, "grade {grade}");
    }
}

#[test]
fn story_page_draws_each_proposition_with_marks_linking_to_evidence() {
    let app = app();
    let list = get(&app, "/api/stories?limit=1").json();
    let id = list["items"][0]["id"].as_str().unwrap();
    let story = get(&app, &format!("/api/stories/{id}")).json();
    let propositions = story["propositions"].as_array().unwrap();
    let page = get(&app, &format!("/stories/{id}"));
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.find("<h2>Propositions").unwrap() < body.find("<h2>Timeline").unwrap(), "above the timeline");
    assert!(body.contains("class=\"picture-legend\""));
    let pictured = propositions.len().min(server::pages::stories::PICTURED);
    assert_eq!(body.matches("class=\"proposition-picture\"").count(), pictured);
    for p in &propositions[..pictured] {
        // The story's JSON carries a sample of each proposition's attributions; the page draws
        // up to `MARKS` of them, all of them here.
        let full = get(&app, &format!("/api/propositions/{}", p["id"].as_str().unwrap())).json();
        assert!(full["attributions"].as_array().unwrap().len() <= server::pages::stories::MARKS);
        assert_eq!(full["attributions_total"], p["attributions_total"]);
        check_picture(body, &full);
        let id = p["id"].as_str().unwrap();
        assert!(body.contains(&format!("href=\"/propositions/{id}\"")), "a link to {id}");
        for s in p["series"].as_array().unwrap() {
            let chart = format!("data-proposition=\"{id}\" data-measure=\"{}\"", s["measure"].as_str().unwrap());
            assert!(body.contains(&chart), "{chart}");
        }
    }
    for p in &propositions[pictured..] {
        assert!(body.contains(&format!("href=\"/propositions/{}\"", p["id"].as_str().unwrap())), "listed");
    }
    assert_eq!(body.matches("<script").count(), 1, "no inline script");
    assert!(!body.contains(" style="), "no inline style");
}

#[test]
fn proposition_page_draws_its_picture_and_lists_every_attribution() {
    let app = app();
    let list = get(&app, "/api/propositions?limit=1").json();
    let id = list["items"][0]["id"].as_str().unwrap();
    let p = &get(&app, &format!("/api/propositions/{id}")).json();
    let page = get(&app, &format!("/propositions/{id}"));
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    check_picture(body, p);
    let table = &body[body.find("<table class=\"attributions\"").unwrap()..];
    let rows = table[..table.find("</table>").unwrap()].matches("<tr").count() - 1;
    assert_eq!(rows, p["attributions"].as_array().unwrap().len());
    assert!(body.contains(&format!("{} · ", p["credibility"]["grade"])), "the credibility grade");
    assert!(body.contains(p["credibility"]["meaning"].as_str().unwrap()));
    for reason in p["credibility"]["reasons"].as_array().unwrap() {
        let reason = reason.as_str().unwrap().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        assert!(body.contains(&reason), "reason {reason}");
    }
    assert!(body.contains(&format!("status-{}", p["status"].as_str().unwrap())));
    assert_eq!(body.matches("<ol class=\"lifecycle\"><li").count(), 1);
    assert!(body.contains("href=\"/stories/"), "a way back to its story");
}

#[test]
fn unknown_proposition_page_is_not_found() {
    let app = app();
    for uri in ["/propositions/ffffffffffffffff", "/propositions/nothing"] {
        let page = get(&app, uri);
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(page.body.contains("<code>not_found</code>"), "{uri}");
    }
}

#[test]
fn document_page_links_its_claims_to_their_propositions() {
    let app = app();
    let list = get(&app, "/api/propositions?limit=1").json();
    let p = &list["items"][0];
    let id = p["id"].as_str().unwrap();
    let a = p["attributions"].as_array().unwrap().iter().find(|a| a["claim"].is_u64()).expect("a claim");
    let (document, claim) = (a["document"].as_str().unwrap(), a["claim"].as_u64().unwrap());
    let page = get(&app, &format!("/documents/{document}"));
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains(&format!("id=\"claim-{claim}\"")), "the evidence anchor");
    let entry = &body[body.find(&format!("id=\"claim-{claim}\"")).unwrap()..];
    let entry = &entry[..entry.find("</li>").unwrap()];
    assert!(entry.contains(&format!("href=\"/propositions/{id}\"")), "the claim's entry links to {id}");
    assert!(body.contains("class=\"proposition-list\""), "the propositions box");
}

#[test]
fn propositions_and_stories_lists_render_in_pages() {
    let app = app();
    let page = get(&app, "/propositions?offset=1");
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("href=\"/propositions/"));
    assert!(page.body.contains("rel=\"prev\""));
    let stories = get(&app, "/stories?limit=1");
    assert_eq!(stories.status, StatusCode::OK);
    assert!(stories.body.contains("rel=\"next\""));
    assert_eq!(get(&app, "/stories?limit=0").status, StatusCode::BAD_REQUEST);
}
