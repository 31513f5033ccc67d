//! The analyst exports over the sample corpus: the STIX bundle validates against the OASIS STIX
//! 2.1 JSON schemas (vendored in `data/stix2-schemas/`, BSD-3-Clause, from the `schemas-2.1`
//! folder that `stix2-validator` 3.3.2 ships) and a broken bundle does not; ids are unique and
//! every reference resolves; exporting twice gives the same bytes; `ClaimReview` fields and
//! ratings; MISP tag syntax; the API serves what the functions return.

use crate::support::{app, corpus_store, get};
use serde_json::{Value, json};
use server::exports::{Corpus, claimreview, misp, stix};
use std::collections::BTreeSet;
use std::path::Path;

/// The `$id` prefix of the vendored schemas; relative `$ref`s resolve against it.
const SCHEMA_BASE: &str = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

fn corpus() -> Corpus {
    let store = store::Store::open(corpus_store()).expect("the corpus store opens");
    Corpus::load(&store).expect("the corpus loads")
}

/// Every vendored schema, registered under its `$id`.
fn registry() -> jsonschema::Registry<'static> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/data/stix2-schemas");
    let mut builder = jsonschema::Registry::new();
    for folder in ["common", "sdos", "sros", "observables"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(folder)).expect("schema folder").flatten().collect();
        files.sort_by_key(|f| f.path());
        for file in files {
            let text = std::fs::read_to_string(file.path()).expect("schema file");
            let mut schema: Value = serde_json::from_str(&text).expect("schema json");
            if folder == "common" && file.file_name() == "bundle.json" {
                // As `stix2-validator` does (`_get_error_generator`): the bundle's own schema
                // checks only that `objects` is a non-empty array, and each object is checked
                // against the schema of its type (the bundle schema's list of types lacks
                // `note`, `opinion` and others, which then match neither of its branches).
                schema["properties"]["objects"] = json!({ "type": "array", "minItems": 1 });
            }
            let uri = schema["$id"].as_str().expect("schema $id").to_owned();
            assert!(uri.starts_with(SCHEMA_BASE), "{uri}");
            builder = builder.add(uri, schema).expect("schema registers");
        }
    }
    builder.prepare().expect("the schemas resolve")
}

/// The schema errors of a bundle, found as the OASIS `stix2-validator` finds them: the bundle
/// against `common/bundle.json`, each object against the schema of its own type.
fn schema_errors(bundle: &Value) -> Vec<String> {
    let registry = registry();
    let validator = |path: &str| {
        jsonschema::options()
            .with_registry(&registry)
            .build(&json!({ "$ref": format!("{SCHEMA_BASE}{path}") }))
            .expect("the validator builds")
    };
    let mut errors: Vec<String> =
        validator("common/bundle.json").iter_errors(bundle).map(|e| format!("bundle: {e}")).collect();
    for object in bundle["objects"].as_array().expect("objects") {
        let kind = object["type"].as_str().unwrap_or_default();
        let v = validator(&schema_path(kind));
        errors.extend(v.iter_errors(object).map(|e| format!("{}: {e} at {}", object["id"], e.instance_path())));
    }
    errors
}

/// The vendored schema of an object type, relative to [`SCHEMA_BASE`].
fn schema_path(kind: &str) -> String {
    let folder = match kind {
        "relationship" | "sighting" => "sros",
        "extension-definition" | "marking-definition" | "language-content" => "common",
        _ => "sdos",
    };
    format!("{folder}/{kind}.json")
}

/// The properties the schemas define for an object type: its own and the common ones.
fn defined_properties(kind: &str) -> BTreeSet<String> {
    fn collect(schema: &Value, out: &mut BTreeSet<String>) {
        out.extend(schema["properties"].as_object().into_iter().flat_map(|p| p.keys().cloned()));
        for part in schema["allOf"].as_array().into_iter().flatten() {
            collect(part, out);
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/data/stix2-schemas");
    let mut out = BTreeSet::new();
    for path in [schema_path(kind), "common/core.json".to_owned()] {
        let text = std::fs::read_to_string(root.join(path)).expect("schema file");
        collect(&serde_json::from_str(&text).expect("schema json"), &mut out);
    }
    out
}

#[test]
fn stix_bundle_validates_against_the_stix_2_1_schemas() {
    let bundle = stix::bundle(&corpus());
    let errors = schema_errors(&bundle);
    assert!(errors.is_empty(), "{} errors, first: {:#?}", errors.len(), &errors[..errors.len().min(10)]);
    let kinds: BTreeSet<&str> =
        bundle["objects"].as_array().unwrap().iter().filter_map(|o| o["type"].as_str()).collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["extension-definition", "identity", "note", "opinion", "relationship", "report"])
    );
}

/// Issue 14: `stix2-validator` warned 2,134 times ({401}) about `x_dossier_*` custom properties.
/// Dossier's properties sit in a property extension its bundle defines, so no object carries a
/// property the STIX schemas do not define, and every extension property is documented.
#[test]
fn stix_properties_of_dossier_live_in_its_extension_definition() {
    let bundle = stix::bundle(&corpus());
    let objects = bundle["objects"].as_array().unwrap();
    let definitions: Vec<&Value> = objects.iter().filter(|o| o["type"] == "extension-definition").collect();
    let [definition] = definitions[..] else { panic!("one extension definition: {definitions:?}") };
    let extension_id = definition["id"].as_str().unwrap();
    assert_eq!(extension_id, stix::EXTENSION_ID.as_str());
    assert_eq!(definition["extension_types"], json!(["property-extension"]));
    assert_eq!(definition["created_by_ref"], stix::id("identity", "dossier"));
    let schema = definition["schema"].as_str().unwrap();
    let mut extended = BTreeSet::new();
    for object in objects {
        let kind = object["type"].as_str().unwrap();
        let defined = defined_properties(kind);
        let undefined: Vec<&String> = object.as_object().unwrap().keys().filter(|k| !defined.contains(*k)).collect();
        assert!(undefined.is_empty(), "{} has properties STIX does not define: {undefined:?}", object["id"]);
        let Some(extensions) = object["extensions"].as_object() else { continue };
        assert_eq!(extensions.keys().collect::<Vec<_>>(), [extension_id], "{}", object["id"]);
        let properties = extensions[extension_id].as_object().unwrap();
        assert_eq!(properties["extension_type"], "property-extension");
        for name in properties.keys().filter(|k| *k != "extension_type") {
            assert!(schema.contains(&format!(" {name} (")), "`{name}` of {kind} is not in the extension's schema");
            extended.insert(kind);
        }
    }
    assert_eq!(extended, BTreeSet::from(["identity", "note", "opinion", "report"]));
}

#[test]
fn broken_stix_bundles_fail_validation() {
    let bundle = stix::bundle(&corpus());
    let first = |kind: &str| {
        bundle["objects"].as_array().unwrap().iter().position(|o| o["type"] == kind).expect("an object of the kind")
    };
    let (opinion, note, report) = (first("opinion"), first("note"), first("report"));
    let breakages: [(&str, usize, &str, Value); 5] = [
        ("an opinion off the scale", opinion, "opinion", json!("maybe")),
        ("a note without content", note, "content", Value::Null),
        ("a time without milliseconds", report, "created", json!("2024-10-13T18:40:00Z")),
        ("an id that is no UUID", note, "id", json!("note--not-a-uuid")),
        ("a confidence over 100", note, "confidence", json!(170)),
    ];
    for (what, index, key, value) in breakages {
        let mut broken = bundle.clone();
        let object = broken["objects"][index].as_object_mut().unwrap();
        if value.is_null() {
            object.remove(key);
        } else {
            object.insert(key.to_owned(), value);
        }
        assert!(!schema_errors(&broken).is_empty(), "{what} passed validation");
    }
}

#[test]
fn stix_ids_are_unique_and_every_reference_resolves() {
    let bundle = stix::bundle(&corpus());
    let objects = bundle["objects"].as_array().unwrap();
    let ids: BTreeSet<&str> = objects.iter().filter_map(|o| o["id"].as_str()).collect();
    assert_eq!(ids.len(), objects.len(), "duplicate ids");
    let mut refs = 0;
    for object in objects {
        for (key, value) in object.as_object().unwrap() {
            let targets: Vec<&str> = if key.ends_with("_ref") {
                vec![value.as_str().unwrap()]
            } else if key.ends_with("_refs") {
                value.as_array().unwrap().iter().filter_map(Value::as_str).collect()
            } else {
                continue;
            };
            for target in targets {
                refs += 1;
                assert!(ids.contains(target), "{} {key} → {target} is not in the bundle", object["id"]);
            }
        }
    }
    assert!(refs > objects.len(), "too few references checked: {refs}");
}

#[test]
fn stix_confidence_follows_the_admiralty_credibility_scale() {
    let bundle = stix::bundle(&corpus());
    let notes: Vec<&Value> = bundle["objects"].as_array().unwrap().iter().filter(|o| o["type"] == "note").collect();
    assert!(!notes.is_empty());
    for note in notes {
        let credibility = note["extensions"][stix::EXTENSION_ID.as_str()]["credibility"].as_u64().unwrap();
        let expected = match credibility {
            1 => json!(90),
            2 => json!(70),
            3 => json!(50),
            4 => json!(30),
            5 => json!(10),
            _ => Value::Null,
        };
        assert_eq!(note["confidence"], expected, "{}", note["id"]);
    }
}

#[test]
fn exports_are_deterministic() {
    let (a, b) = (corpus(), corpus());
    assert_eq!(stix::bundle(&a).to_string(), stix::bundle(&b).to_string());
    assert_eq!(claimreview::reviews(&a).to_string(), claimreview::reviews(&b).to_string());
    assert_eq!(Value::Array(misp::attributes(&a)).to_string(), Value::Array(misp::attributes(&b)).to_string());
}

#[test]
fn claimreviews_have_their_fields_and_ratings_in_range() {
    let corpus = corpus();
    let reviews = claimreview::reviews(&corpus);
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), corpus.propositions.len());
    assert!(!reviews.is_empty());
    for (review, p) in reviews.iter().zip(&corpus.propositions) {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["claimReviewed"], p.text.as_str());
        assert_eq!(review["author"]["name"], "Dossier");
        let rating = &review["reviewRating"];
        assert_eq!((rating["bestRating"].as_u64(), rating["worstRating"].as_u64()), (Some(5), Some(1)));
        assert!(rating["alternateName"].as_str().is_some_and(|s| s.starts_with(p.status.as_str())));
        match rating["ratingValue"].as_u64() {
            Some(v) => assert!((1..=5).contains(&v) && v == 6 - u64::from(p.credibility.grade), "{review}"),
            None => assert_eq!(p.credibility.grade, 6),
        }
        let claim = &review["itemReviewed"];
        assert_eq!(claim["@type"], "Claim");
        let appearances = claim["appearance"].as_array().unwrap();
        assert!(!appearances.is_empty() && appearances.iter().all(|w| w["identifier"].is_string()));
        assert!(appearances.contains(&claim["firstAppearance"]));
    }
}

#[test]
fn misp_tags_use_the_admiralty_scale_taxonomy() {
    let corpus = corpus();
    let attributes = misp::attributes(&corpus);
    let total: usize = corpus.propositions.iter().map(|p| p.attributions.len()).sum();
    assert_eq!(attributes.len(), total);
    for a in &attributes {
        let tags: Vec<&str> = a["Tag"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        let [reliability, credibility] = tags[..] else { panic!("two tags: {tags:?}") };
        let letter =
            reliability.strip_prefix("admiralty-scale:source-reliability=\"").and_then(|s| s.strip_suffix('"'));
        assert!(letter.is_some_and(|l| ["a", "b", "c", "d", "e", "f"].contains(&l)), "{reliability}");
        let digit =
            credibility.strip_prefix("admiralty-scale:information-credibility=\"").and_then(|s| s.strip_suffix('"'));
        assert!(digit.is_some_and(|d| ["1", "2", "3", "4", "5", "6"].contains(&d)), "{credibility}");
        assert_eq!(a["type"], "text");
        assert!(a["value"].is_string() && a["proposition"].is_string());
    }
}

#[test]
fn the_api_serves_the_exports() {
    let corpus = corpus();
    let app = app();
    let cases = [
        ("/api/export/stix", stix::bundle(&corpus)),
        ("/api/export/claimreview", claimreview::reviews(&corpus)),
        ("/api/export/misp", Value::Array(misp::attributes(&corpus))),
    ];
    for (uri, expected) in cases {
        let reply = get(&app, uri);
        assert_eq!(reply.status, 200, "{uri}: {}", reply.body);
        assert_eq!(reply.json(), expected, "{uri}");
    }
}

/// The API exports a page of propositions at a time (the most attributed first); the pages
/// together hold every proposition once, and a page past the end is empty.
#[test]
fn the_api_pages_the_exports() {
    let corpus = corpus();
    let app = app();
    let total = corpus.propositions.len();
    assert!(total > 3, "the sample corpus has propositions to page through");
    let mut seen = std::collections::BTreeSet::new();
    for offset in (0..total).step_by(3) {
        let reply = get(&app, &format!("/api/export/claimreview?limit=3&offset={offset}"));
        assert_eq!(reply.status, 200, "{}", reply.body);
        let page = reply.json();
        let reviews = page.as_array().unwrap();
        assert_eq!(reviews.len(), 3.min(total - offset));
        for r in reviews {
            assert!(seen.insert(r["@id"].to_string()), "a proposition on two pages: {}", r["@id"]);
        }
    }
    assert_eq!(seen.len(), total);
    let past = get(&app, &format!("/api/export/misp?offset={total}"));
    assert_eq!(past.status, 200);
    assert_eq!(past.json(), Value::Array(Vec::new()));
    for bad in ["/api/export/stix?limit=0", "/api/export/stix?limit=1001", "/api/export/misp?offset=10001"] {
        assert_eq!(get(&app, bad).status, 400, "{bad}");
    }
}
