//! The JSON API in-process: every route, its filters and pages, and every error path with its
//! documented code.

use crate::support::{HOSTILE_ID, app, get, ingest, request};
use axum::http::{Method, StatusCode};
use serde_json::Value;
use std::collections::BTreeSet;

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("items")
}

#[test]
fn stats_count_the_corpus() {
    let reply = get(&app(), "/api/stats");
    assert_eq!(reply.status, StatusCode::OK);
    let stats = reply.json();
    assert!(stats["documents"].as_u64().unwrap() >= 40, "{stats}");
    assert!(stats["sources"].as_u64().unwrap() >= 10);
}

#[test]
fn documents_page_through_without_gaps() {
    let app = app();
    let all = get(&app, "/api/documents?limit=200").json();
    let total = items(&all).len();
    assert_eq!(all["next_offset"], Value::Null);
    let first = get(&app, "/api/documents?limit=5").json();
    assert_eq!(first["next_offset"], 5);
    let second = get(&app, "/api/documents?limit=5&offset=5").json();
    assert_eq!(items(&second)[0]["id"], items(&all)[5]["id"]);
    let past = get(&app, &format!("/api/documents?offset={total}")).json();
    assert!(items(&past).is_empty());
    assert_eq!(past["next_offset"], Value::Null);
    let sources: u64 = all["facets"]["source"].as_array().unwrap().iter().map(|c| c["count"].as_u64().unwrap()).sum();
    assert!(sources <= total as u64 && sources > 0);
}

#[test]
fn documents_filter_by_source_time_and_entity() {
    let app = app();
    let from = get(&app, "/api/documents?source=The%20Seoul%20Ledger&limit=200").json();
    assert!(!items(&from).is_empty());
    assert!(items(&from).iter().all(|d| d["source"] == "The Seoul Ledger"));
    let window = get(&app, "/api/documents?since=2024-11-01&until=2025-01-01&limit=200").json();
    for d in items(&window) {
        let published = d["published"].as_str().unwrap();
        assert!(("2024-10-31".."2025-01-02").contains(&&published[..10]), "{published}");
    }
    let mentioning = get(&app, "/api/documents?entity=gpe:KP&limit=200").json();
    assert!(items(&mentioning).len() >= 10);
}

#[test]
fn a_document_is_the_extraction_contract_by_id_prefix_or_input_id() {
    let app = app();
    let list = get(&app, "/api/documents?limit=1").json();
    let id = items(&list)[0]["id"].as_str().unwrap().to_owned();
    let doc = get(&app, &format!("/api/documents/{}", &id[..8])).json();
    assert_eq!(doc["content_id"], id.as_str());
    let text = doc["text"].as_str().unwrap();
    for e in doc["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let (start, end) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[start..end], m["text"].as_str().unwrap());
        }
    }
    let hostile = get(&app, &format!("/api/documents/{HOSTILE_ID}"));
    assert_eq!(hostile.status, StatusCode::OK);
    assert!(hostile.json()["text"].as_str().unwrap().contains("<script>"), "the hostile text is stored as typed");
}

#[test]
fn unknown_document_is_not_found() {
    let reply = get(&app(), "/api/documents/no-such-document");
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.code(), "not_found");
}

#[test]
fn a_shared_input_id_is_ambiguous() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("twins.jsonl");
    std::fs::write(
        &file,
        "{\"id\": \"twin\", \"title\": \"One\", \"text\": \"The first twin.\"}\n\
         {\"id\": \"twin\", \"title\": \"Two\", \"text\": \"The second twin.\"}\n",
    )
    .unwrap();
    let store = dir.path().join("store");
    ingest(&store, &[file]);
    let app = server::router(&store).unwrap();
    let reply = get(&app, "/api/documents/twin");
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.code(), "ambiguous_id");
}

#[test]
fn search_finds_documents_and_claims_with_facets() {
    let reply = get(&app(), "/api/search?q=kursk&limit=5");
    assert_eq!(reply.status, StatusCode::OK);
    let found = reply.json();
    let docs = items(&found["documents"]);
    assert!(!docs.is_empty());
    for hit in docs {
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(!snippet.contains('\u{2}'), "markers are turned into ranges");
        for range in hit["highlights"].as_array().unwrap() {
            let (a, b) = (range[0].as_u64().unwrap() as usize, range[1].as_u64().unwrap() as usize);
            assert!(snippet[a..b].to_lowercase().starts_with("kursk"), "{}", &snippet[a..b]);
        }
    }
    assert!(!found["documents"]["facets"]["source"].as_array().unwrap().is_empty());
    let claims = items(&found["claims"]);
    assert!(!claims.is_empty());
    assert!(!found["claims"]["facets"]["stance"].as_array().unwrap().is_empty());
}

#[test]
fn search_filters_narrow_the_results() {
    let app = app();
    let all = get(&app, "/api/search?q=troops&limit=200").json();
    let seoul = get(&app, "/api/search?q=troops&source=The%20Seoul%20Ledger&limit=200").json();
    assert!(items(&seoul["documents"]).len() < items(&all["documents"]).len());
    assert!(items(&seoul["documents"]).iter().all(|d| d["source"] == "The Seoul Ledger"));
    let denials = get(&app, "/api/search?q=troops&stance=deny&limit=200").json();
    assert!(items(&denials["claims"]).iter().all(|c| c["stance"] == "deny"));
}

#[test]
fn search_takes_punctuation_and_refuses_an_empty_query() {
    let app = app();
    assert_eq!(get(&app, "/api/search?q=U.S.%20%221,000").status, StatusCode::OK);
    // A control character (schemathesis sent a NUL) is a word break, not an error.
    assert_eq!(get(&app, "/api/search?q=kursk-%00di%7D").status, StatusCode::OK);
    let empty = get(&app, "/api/search?q=%20");
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert_eq!(empty.code(), "invalid_query");
    assert_eq!(get(&app, "/api/search").code(), "invalid_query");
}

#[test]
fn claims_filter_by_stance_entity_and_time() {
    let app = app();
    let denials = get(&app, "/api/claims?stance=deny&limit=200").json();
    assert!(!items(&denials).is_empty());
    assert!(items(&denials).iter().all(|c| c["stance"] == "deny"));
    let about = get(&app, "/api/claims?about=gpe:KP&limit=200").json();
    assert!(!items(&about).is_empty());
    let by = get(&app, "/api/claims?speaker=gpe:RU&limit=200").json();
    assert!(
        items(&by).iter().all(|c| c["speaker_entity"] == "gpe:RU" || c["speaker"].as_str().unwrap().contains("gpe:RU"))
    );
    let window = get(&app, "/api/claims?since=2025-04&until=2025-05&limit=200").json();
    assert!(!items(&window).is_empty());
    assert!(items(&window).iter().all(|c| c["published"].as_str().unwrap().starts_with("2025-04")));
}

/// `grade=B` keeps the claims of sources the registry grades A or B, and only those.
#[test]
fn claims_filter_by_source_grade() {
    let app = app();
    let registry = ledger::SourceRegistry::builtin();
    let grade_of =
        |c: &Value| registry.lookup(c["source"].as_str(), None).map_or(ledger::Grade::F, |s| s.grade).to_string();
    let every = |query: &str| {
        let (mut out, mut offset) = (Vec::new(), 0);
        loop {
            let page = get(&app, &format!("/api/claims?{query}limit=200&offset={offset}")).json();
            out.extend(items(&page).iter().cloned());
            match page["next_offset"].as_u64() {
                Some(next) => offset = next as usize,
                None => return out,
            }
        }
    };
    let all = every("");
    let graded = every("grade=b&");
    assert!(!graded.is_empty());
    assert!(graded.iter().all(|c| ["A", "B"].contains(&grade_of(c).as_str())), "only A and B");
    let expected = all.iter().filter(|c| ["A", "B"].contains(&grade_of(c).as_str())).count();
    assert_eq!(graded.len(), expected, "every A or B claim");
    assert!(expected < all.len(), "the corpus also has lower grades");
    let reply = get(&app, "/api/claims?grade=Z");
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["error"]["code"], "invalid_query");
}

#[test]
fn claim_facets_agree_with_the_list() {
    let app = app();
    let all = get(&app, "/api/claims?limit=200").json();
    let mut listed = std::collections::BTreeMap::<String, u64>::new();
    let mut offset = 0;
    loop {
        let page = get(&app, &format!("/api/claims?limit=200&offset={offset}")).json();
        for c in items(&page) {
            *listed.entry(c["stance"].as_str().unwrap().to_owned()).or_default() += 1;
        }
        match page["next_offset"].as_u64() {
            Some(next) => offset = next as usize,
            None => break,
        }
    }
    for facet in all["facets"]["stance"].as_array().unwrap() {
        assert_eq!(listed[facet["name"].as_str().unwrap()], facet["count"].as_u64().unwrap(), "{facet}");
    }
}

#[test]
fn claims_page_through_without_gaps() {
    let app = app();
    let all = get(&app, "/api/claims?limit=30").json();
    let second = get(&app, "/api/claims?limit=10&offset=10").json();
    assert_eq!(items(&second)[0], items(&all)[10]);
    assert_eq!(second["next_offset"], 20);
}

#[test]
fn bad_parameters_are_invalid_query() {
    let app = app();
    for uri in [
        "/api/claims?stance=shouted",
        "/api/claims?since=yesterday",
        "/api/claims?limit=0",
        "/api/claims?limit=201",
        "/api/claims?limit=ten",
        "/api/documents?offset=10001",
        "/api/documents?until=31/12/2024",
        "/api/entities?limit=-1",
    ] {
        let reply = get(&app, uri);
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(reply.code(), "invalid_query", "{uri}");
    }
}

#[test]
fn entities_list_and_detail() {
    let app = app();
    let list = get(&app, "/api/entities?q=korea&limit=10").json();
    assert!(items(&list).iter().any(|e| e["id"] == "gpe:KP"));
    let gpe = get(&app, "/api/entities?type=gpe&limit=200").json();
    assert!(items(&gpe).iter().all(|e| e["type"] == "GPE"));
    // The OpenAPI document lists the types; anything else is refused, as it says.
    assert_eq!(get(&app, "/api/entities?type=AAA").status, StatusCode::BAD_REQUEST);
    assert_eq!(get(&app, "/api/entities?type=").status, StatusCode::OK);
    let kp = get(&app, "/api/entities/gpe:KP").json();
    assert_eq!(kp["name"], "North Korea");
    let aliases: BTreeSet<&str> =
        kp["aliases"].as_array().unwrap().iter().map(|a| a["text"].as_str().unwrap()).collect();
    assert!(aliases.contains("Pyongyang"), "{aliases:?}");
    assert_eq!(kp["links"]["claims_about"], "/api/claims?about=gpe%3AKP");
    let by_name = get(&app, "/api/entities/north%20korea").json();
    assert_eq!(by_name["id"], "gpe:KP");
    let missing = get(&app, "/api/entities/gpe:XX");
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.code(), "not_found");
}

#[test]
fn sources_list_counts() {
    let sources = get(&app(), "/api/sources").json();
    let seoul = items(&sources).iter().find(|s| s["name"] == "The Seoul Ledger").expect("a source");
    assert!(seoul["documents"].as_u64().unwrap() >= 5);
    assert!(seoul["earliest"].as_str().unwrap() <= seoul["latest"].as_str().unwrap());
}

#[test]
fn unknown_routes_and_methods_answer_from_the_error_table() {
    let app = app();
    let missing = get(&app, "/api/nothing-here");
    assert_eq!((missing.status, missing.code().as_str()), (StatusCode::NOT_FOUND, "not_found"));
    let post = request(&app, Method::POST, "/api/claims");
    assert_eq!((post.status, post.code().as_str()), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"));
    let page = get(&app, "/no-such-page");
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("<code>not_found</code>"));
}

#[test]
fn the_error_table_is_one_to_one() {
    let codes: BTreeSet<&str> = server::error::CODES.iter().map(|(.., s)| *s).collect();
    // Two codes share 400 (a bad query, a bad body); every other status has one code.
    let statuses: BTreeSet<u16> = server::error::CODES.iter().map(|(_, s, _)| s.as_u16()).collect();
    assert_eq!(codes.len(), server::error::CODES.len());
    assert_eq!(statuses.len(), server::error::CODES.len() - 1);
    for (code, status, name) in server::error::CODES {
        assert_eq!((code.status(), code.as_str()), (*status, *name));
    }
}

#[test]
fn every_response_carries_the_security_headers() {
    let app = app();
    for uri in [
        "/",
        "/api/stats",
        "/api/nothing",
        "/assets/app.js",
        "/assets/style.css",
        "/documents/nothing",
        "/entities/gpe:KP",
    ] {
        let reply = get(&app, uri);
        assert_eq!(reply.headers["content-security-policy"], server::CONTENT_SECURITY_POLICY, "{uri}");
        assert_eq!(reply.headers["x-content-type-options"], "nosniff", "{uri}");
    }
    assert!(!server::CONTENT_SECURITY_POLICY.contains("unsafe"));
}

#[test]
fn openapi_describes_exactly_the_api_routes_and_error_codes() {
    let reply = get(&app(), "/api/openapi.json");
    assert_eq!(reply.status, StatusCode::OK);
    let spec = reply.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let documented: BTreeSet<&str> = spec["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    let routed: BTreeSet<&str> = server::api_paths().into_iter().collect();
    assert_eq!(documented, routed);
    let codes: BTreeSet<&str> =
        spec["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
    assert_eq!(codes, server::error::CODES.iter().map(|(.., s)| *s).collect());
    // Every $ref points at something defined.
    let text = reply.body.as_str();
    for reference in text.split("\"$ref\": \"#/").skip(1) {
        let path = &reference[..reference.find('"').unwrap()];
        let target = path.split('/').fold(&spec, |v, key| &v[key]);
        assert!(!target.is_null(), "dangling $ref {path}");
    }
}

#[test]
fn documents_ingested_while_serving_appear_without_restart() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.md");
    let second = dir.path().join("second.md");
    std::fs::write(&first, "# Harbour reopens\n\nThe port authority said the harbour reopened on Monday.\n").unwrap();
    std::fs::write(&second, "# Bridge closes\n\nCity officials said the bridge would close for repairs.\n").unwrap();
    let store = dir.path().join("store");
    ingest(&store, &[first]);
    let app = server::router(&store).unwrap();
    assert_eq!(items(&get(&app, "/api/documents").json()).len(), 1);
    assert_eq!(get(&app, "/api/search?q=bridge").json()["documents"]["items"].as_array().unwrap().len(), 0);
    ingest(&store, &[second]);
    assert_eq!(items(&get(&app, "/api/documents").json()).len(), 2);
    let found = get(&app, "/api/search?q=bridge").json();
    let id = items(&found["documents"])[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(get(&app, &format!("/documents/{id}")).status, StatusCode::OK);
}

#[test]
fn stories_list_and_show_with_graded_timeline() {
    let app = app();
    let list = get(&app, "/api/stories").json();
    let stories = items(&list);
    assert!(stories.len() >= 3, "the corpus has several stories: {list}");
    let voices: Vec<u64> = stories.iter().map(|s| s["voices"].as_u64().unwrap()).collect();
    assert!(voices.windows(2).all(|w| w[0] >= w[1]), "most voices first");
    let biggest = &stories[0];
    let id = biggest["id"].as_str().unwrap();
    let story = get(&app, &format!("/api/stories/{}?limit=200", &id[..8])).json();
    assert_eq!(story["id"], biggest["id"]);
    // Lists carry a few document ids and the count; one story the ids of its timeline's page.
    let total = biggest["documents_total"].as_u64().unwrap() as usize;
    assert_eq!(story["documents_total"], biggest["documents_total"]);
    assert_eq!(biggest["documents"].as_array().unwrap().len(), total.min(20));
    assert_eq!(story["documents"].as_array().unwrap().len(), total);
    let propositions = story["propositions"].as_array().unwrap();
    assert!(!propositions.is_empty(), "the biggest story has propositions");
    let counts: Vec<usize> = propositions.iter().map(|p| p["attributions"].as_array().unwrap().len()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most attributed first: {counts:?}");
    let documents: BTreeSet<&str> =
        story["documents"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    for p in propositions {
        let attributions = p["attributions"].as_array().unwrap();
        assert!(attributions.iter().any(|a| documents.contains(a["document"].as_str().unwrap())), "{}", p["id"]);
    }
    let timeline = story["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), total);
    assert!(timeline.iter().all(|d| ["A", "B", "C", "D", "E", "F"].contains(&d["grade"].as_str().unwrap())));
    assert!(timeline.iter().any(|d| !d["claims"].as_array().unwrap().is_empty()));
    let dates: Vec<&str> = timeline.iter().filter_map(|d| d["published"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|d| chrono::DateTime::parse_from_rfc3339(d).unwrap());
    assert_eq!(dates, sorted, "documents in publication order");
}

/// A story's documents come a page at a time, in the same order as the whole timeline; its
/// propositions are capped and counted.
#[test]
fn a_story_timeline_pages_through_its_documents() {
    let app = app();
    let list = get(&app, "/api/stories?limit=1").json();
    let id = items(&list)[0]["id"].as_str().unwrap().to_owned();
    let whole = get(&app, &format!("/api/stories/{id}?limit=200")).json();
    let all: Vec<&str> = whole["timeline"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert!(all.len() > 5, "{}", all.len());
    let page = get(&app, &format!("/api/stories/{id}?limit=3&offset=2")).json();
    let ids: Vec<&str> = page["timeline"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, all[2..5]);
    assert_eq!(page["offset"], 2);
    let total = page["propositions_total"].as_u64().unwrap();
    assert!(total >= page["propositions"].as_array().unwrap().len() as u64 && total > 0);
    let reply = get(&app, &format!("/api/stories/{id}?limit=0"));
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["error"]["code"], "invalid_query");
}

#[test]
fn unknown_story_is_not_found() {
    let reply = get(&app(), "/api/stories/ffffffffffff");
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json()["error"]["code"], "not_found");
}

#[test]
fn stories_page_through_most_voices_first() {
    let app = app();
    let all = get(&app, "/api/stories?limit=200").json();
    let total = items(&all).len();
    assert!(total >= 3);
    assert_eq!(all["next_offset"], Value::Null);
    let first = get(&app, "/api/stories?limit=2").json();
    assert_eq!((items(&first).len(), first["next_offset"].as_u64()), (2, Some(2)));
    let second = get(&app, "/api/stories?limit=2&offset=2").json();
    assert_eq!(items(&second)[0]["id"], items(&all)[2]["id"]);
    let last = get(&app, &format!("/api/stories?limit=1&offset={}", total - 1)).json();
    assert_eq!(items(&last).len(), 1);
    assert_eq!(last["next_offset"], Value::Null);
    for uri in ["/api/stories?limit=0", "/api/stories?limit=201", "/api/stories?offset=-1", "/api/stories?offset=10001"]
    {
        let reply = get(&app, uri);
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_query"), "{uri}");
    }
}

#[test]
fn propositions_page_through_most_attributed_first() {
    let app = app();
    let all = get(&app, "/api/propositions?limit=200").json();
    let list = items(&all);
    assert!(list.len() >= 5, "the corpus has propositions: {}", list.len());
    let counts: Vec<usize> = list.iter().map(|p| p["attributions"].as_array().unwrap().len()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most attributed first: {counts:?}");
    let first = get(&app, "/api/propositions?limit=3").json();
    assert_eq!(first["next_offset"], 3);
    let second = get(&app, "/api/propositions?limit=3&offset=3").json();
    assert_eq!(items(&second)[0]["id"], list[3]["id"]);
    let past = get(&app, &format!("/api/propositions?offset={}", list.len())).json();
    assert!(items(&past).is_empty());
    assert_eq!(past["next_offset"], Value::Null);
    for uri in ["/api/propositions?limit=0", "/api/propositions?limit=many", "/api/propositions?offset=10001"] {
        let reply = get(&app, uri);
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_query"), "{uri}");
    }
}

#[test]
fn a_proposition_shows_its_attributions_with_their_evidence() {
    let app = app();
    let list = get(&app, "/api/propositions?limit=1").json();
    let listed = &items(&list)[0];
    let id = listed["id"].as_str().unwrap();
    let reply = get(&app, &format!("/api/propositions/{id}"));
    assert_eq!(reply.status, StatusCode::OK);
    let p = reply.json();
    // A list carries a sample of the attributions (every one when there are few), the
    // proposition itself all of them.
    let all = p["attributions"].as_array().unwrap();
    let sample = listed["attributions"].as_array().unwrap();
    assert_eq!(listed["attributions_total"].as_u64().unwrap() as usize, all.len());
    assert!(sample.len() <= all.len() && sample.iter().all(|a| all.contains(a)));
    assert!(all.len() <= server::api::propositions::ATTRIBUTIONS_IN_LISTS || sample.len() < all.len());
    for key in ["id", "text", "credibility", "status", "lifecycle", "series"] {
        assert_eq!(p[key], listed[key], "{key}");
    }
    assert_eq!(get(&app, &format!("/api/propositions/{}", id.to_uppercase())).json()["id"], id, "any case");
    assert!((1..=6).contains(&p["credibility"]["grade"].as_u64().unwrap()));
    assert!(!p["credibility"]["reasons"].as_array().unwrap().is_empty());
    assert!(p["lifecycle"].as_array().unwrap().iter().any(|t| t["stage"] == "first_reported"));
    let attributions = p["attributions"].as_array().unwrap();
    assert!(attributions.len() >= 2);
    for a in attributions {
        assert!(["support", "contradict", "report"].contains(&a["stance"].as_str().unwrap()), "{a}");
        let doc = get(&app, &format!("/api/documents/{}", a["document"].as_str().unwrap())).json();
        if let Some(claim) = a["claim"].as_u64() {
            assert!((claim as usize) < doc["claims"].as_array().unwrap().len(), "the evidence claim exists: {a}");
        }
    }
}

/// Issue 14: an attribution names its document so that a user can follow it — `ref` (the input's
/// own id, else the URL, else the file), `url` and `title` — in lists and in one proposition.
#[test]
fn attributions_carry_the_ref_url_and_title_of_their_document() {
    let app = app();
    let list = get(&app, "/api/propositions?limit=200").json();
    let mut seen = BTreeSet::new();
    let (mut by_own_id, mut by_url, mut by_file) = (0, 0, 0);
    for listed in items(&list) {
        let one = get(&app, &format!("/api/propositions/{}", listed["id"].as_str().unwrap())).json();
        for a in listed["attributions"].as_array().unwrap().iter().chain(one["attributions"].as_array().unwrap()) {
            let object = a.as_object().unwrap();
            assert!(["ref", "url", "title"].iter().all(|k| object.contains_key(*k)), "{a}");
            let document = a["document"].as_str().unwrap();
            if !seen.insert(document.to_owned()) {
                continue;
            }
            let doc = get(&app, &format!("/api/documents/{document}")).json();
            let title = doc["title"].as_str().unwrap();
            assert_eq!(a["title"], if title.is_empty() { Value::Null } else { title.into() }, "{a}");
            assert_eq!(a["url"], doc["url"], "{a}");
            let reference = a["ref"].as_str().expect("a ref");
            if doc["id"] != doc["content_id"] {
                assert_eq!(reference, doc["id"], "the input's own id: {a}");
                by_own_id += 1;
            } else if let Some(url) = doc["url"].as_str() {
                assert_eq!(reference, url, "else the URL: {a}");
                by_url += 1;
            } else {
                assert!(reference.starts_with("examples/corpus/") || reference.contains("/examples/corpus/"));
                by_file += 1;
            }
        }
    }
    assert!(by_own_id > 0 && by_url + by_file > 0, "{by_own_id} by own id, {by_url} by URL, {by_file} by file");
}

#[test]
fn unknown_or_malformed_proposition_is_not_found() {
    let app = app();
    for uri in ["/api/propositions/ffffffffffffffff", "/api/propositions/not-an-id", "/api/propositions/abc"] {
        let reply = get(&app, uri);
        assert_eq!((reply.status, reply.code().as_str()), (StatusCode::NOT_FOUND, "not_found"), "{uri}");
    }
    let post = request(&app, Method::POST, "/api/propositions");
    assert_eq!((post.status, post.code().as_str()), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"));
}
