//! End-to-end tests of the `dossier` binary on the bundled sample corpus (`examples/corpus`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dossier(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("DOSSIER_DATA", data)
        .env_remove("DOSSIER_FAILPOINT_ABORT_AFTER_BATCHES")
        .output()
        .expect("the dossier binary runs")
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(output: &Output) -> Value {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("json on stdout")
}

fn ingest_json(data: &Path, paths: &[&str]) -> Value {
    let mut args = vec!["ingest", "--json"];
    args.extend_from_slice(paths);
    json(&dossier(data, &args))
}

#[test]
fn ingesting_the_corpus_twice_adds_nothing_the_second_time() {
    let data = tempfile::tempdir().unwrap();
    let corpus = corpus();
    let first = ingest_json(data.path(), &[corpus.to_str().unwrap()]);
    let added = first["added"].as_u64().unwrap();
    assert!(added >= 25, "the sample corpus holds at least 25 documents: {first}");
    assert_eq!(first["rejected"].as_array().unwrap().len(), 0, "{first}");
    let second = ingest_json(data.path(), &[corpus.to_str().unwrap()]);
    assert_eq!(second["added"], 0);
    assert_eq!(second["duplicates"], first["documents"]);
    let stats = json(&dossier(data.path(), &["stats", "--json"]));
    assert_eq!(stats["documents"].as_u64().unwrap(), added);
    assert!(stats["sources"].as_u64().unwrap() >= 8, "{stats}");
}

#[test]
fn a_broken_file_is_reported_by_name_and_the_batch_goes_on() {
    let data = tempfile::tempdir().unwrap();
    let inputs = tempfile::tempdir().unwrap();
    std::fs::write(inputs.path().join("junk.bin"), [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0]).unwrap();
    std::fs::write(
        inputs.path().join("good.txt"),
        "A harbour reopens\n\nThe port authority said ships were moving again.\n",
    )
    .unwrap();
    std::fs::write(inputs.path().join("lines.jsonl"), "{\"title\": \"One\", \"text\": \"First body.\"}\nnot json\n")
        .unwrap();
    let summary = ingest_json(data.path(), &[inputs.path().to_str().unwrap(), "does-not-exist/*.xml"]);
    assert_eq!(summary["added"], 2, "{summary}");
    let rejected: Vec<String> =
        summary["rejected"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_owned()).collect();
    assert!(rejected.iter().any(|r| r.contains("junk.bin")), "{rejected:?}");
    assert!(rejected.iter().any(|r| r.contains("lines.jsonl") && r.contains('2')), "{rejected:?}");
    assert!(rejected.iter().any(|r| r.contains("does-not-exist")), "{rejected:?}");
}

#[test]
fn extract_prints_the_contract_with_exact_offsets() {
    let inputs = tempfile::tempdir().unwrap();
    let file = inputs.path().join("note.md");
    std::fs::write(
        &file,
        "---\ntitle: Envoy denies reports\nsource: Test Wire\npublished: 2024-10-21T08:00:00Z\n---\n\
         The envoy said the reports were false. Gen. Park disagreed.\n\nOfficials in the U.S. declined to comment.\n",
    )
    .unwrap();
    let output = dossier(inputs.path(), &["extract", file.to_str().unwrap()]);
    let doc = json(&output);
    assert_eq!(doc["title"], "Envoy denies reports");
    assert_eq!(doc["source"], "Test Wire");
    assert_eq!(doc["published"], "2024-10-21T08:00:00+00:00");
    let text = doc["text"].as_str().unwrap();
    let body_start = doc["body_start"].as_u64().unwrap() as usize;
    assert!(text[body_start..].starts_with("The envoy said"));
    let sentences: Vec<&str> = doc["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &text[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(
        sentences,
        [
            "Envoy denies reports",
            "The envoy said the reports were false.",
            "Gen. Park disagreed.",
            "Officials in the U.S. declined to comment."
        ]
    );
    for field in ["entities", "claims", "times", "quantities", "events"] {
        assert!(doc[field].is_array(), "{field} present");
    }
}

#[test]
fn extract_writes_one_line_per_record_in_input_order_with_input_ids() {
    let inputs = tempfile::tempdir().unwrap();
    let file = inputs.path().join("batch.jsonl");
    std::fs::write(&file, "{\"id\": \"b-2\", \"text\": \"Second.\"}\n{\"id\": \"a-1\", \"text\": \"First.\"}\n")
        .unwrap();
    let output = dossier(inputs.path(), &["extract", file.to_str().unwrap()]);
    let ids: Vec<String> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["b-2", "a-1"]);
}

#[test]
fn search_show_and_stats_work_on_the_demo_store() {
    let data = tempfile::tempdir().unwrap();
    let demo = dossier(data.path(), &["demo"]);
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let hits: Vec<Value> = stdout(&dossier(data.path(), &["search", "--json", "Kursk"]))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!hits.is_empty());
    let id = hits[0]["id"].as_str().unwrap();
    let shown = dossier(data.path(), &["show", &id[..8]]);
    assert!(shown.status.success());
    assert!(stdout(&shown).contains(hits[0]["title"].as_str().unwrap()));
}

#[test]
fn read_commands_without_a_store_fail_with_a_hint() {
    let data = tempfile::tempdir().unwrap();
    let missing = data.path().join("nothing-here");
    let output = dossier(&missing, &["search", "troops"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("dossier ingest"));
    assert!(!missing.exists(), "a read command must not create a store");
}

/// A crash in the middle of an ingest (simulated by the abort failpoint, which dies like
/// `kill -9`) leaves the store consistent, and the next run completes the job exactly once.
#[test]
fn an_ingest_killed_midway_completes_on_the_next_run_without_duplicates() {
    let data = tempfile::tempdir().unwrap();
    let corpus = corpus();
    let crashed = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["ingest", "--batch-size", "4", corpus.to_str().unwrap()])
        .env("DOSSIER_DATA", data.path())
        .env("DOSSIER_FAILPOINT_ABORT_AFTER_BATCHES", "2")
        .output()
        .unwrap();
    assert!(!crashed.status.success(), "the failpoint aborts the process");
    let partial = json(&dossier(data.path(), &["stats", "--json"]));
    assert_eq!(partial["documents"], 8, "two committed batches of four survive: {partial}");

    let resumed = ingest_json(data.path(), &[corpus.to_str().unwrap()]);
    let reference = tempfile::tempdir().unwrap();
    let clean = ingest_json(reference.path(), &[corpus.to_str().unwrap()]);
    assert_eq!(resumed["added"].as_u64().unwrap() + 8, clean["added"].as_u64().unwrap());
    let stats = json(&dossier(data.path(), &["stats", "--json"]));
    assert_eq!(stats["documents"], clean["added"]);
    let hits = stdout(&dossier(data.path(), &["search", "--json", "troops"]));
    assert!(!hits.is_empty(), "search works after recovery");
}

fn exported_links(data: &Path) -> Vec<String> {
    let output = dossier(data, &["export", "documents"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

/// Every document is linked to a story, and the ledger does not depend on the order in which
/// the inputs were given.
#[test]
fn stories_are_linked_and_independent_of_input_order() {
    let corpus = corpus();
    let folders: Vec<String> = ["text", "markdown", "html", "feeds", "jsonl", "warc"]
        .iter()
        .map(|f| corpus.join(f).to_str().unwrap().to_owned())
        .collect();
    let forward = tempfile::tempdir().unwrap();
    let mut args: Vec<&str> = vec!["ingest", "--json"];
    args.extend(folders.iter().map(String::as_str));
    json(&dossier(forward.path(), &args));
    let backward = tempfile::tempdir().unwrap();
    let mut args: Vec<&str> = vec!["ingest", "--json"];
    args.extend(folders.iter().rev().map(String::as_str));
    json(&dossier(backward.path(), &args));

    let links = exported_links(forward.path());
    assert!(links.len() >= 25);
    assert!(links.iter().all(|l| !l.contains("\"story\":null")), "every document has a story");
    assert!(links.iter().any(|l| !l.contains("\"duplicate_of\":null")), "the planted near-duplicate is found");
    assert_eq!(links, exported_links(backward.path()));

    let stories = stdout(&dossier(forward.path(), &["stories", "--json"]));
    let first: Value = serde_json::from_str(stories.lines().next().unwrap()).unwrap();
    let id = first["id"].as_str().unwrap();
    let story = dossier(forward.path(), &["story", &id[..8]]);
    assert!(story.status.success());
    assert!(stdout(&story).contains("independent voices"));
}

#[test]
fn claims_export_as_jsonl_and_csv_with_the_same_rows() {
    let data = tempfile::tempdir().unwrap();
    json(&dossier(data.path(), &["ingest", "--json", corpus().to_str().unwrap()]));
    let jsonl = dossier(data.path(), &["export", "claims"]);
    assert!(jsonl.status.success());
    let rows: Vec<Value> = stdout(&jsonl).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(rows.len() > 50, "the corpus holds many claims");
    assert!(rows.iter().all(|r| r["cue"].is_string() && r["stance"].is_string() && r["document"].is_string()));
    let csv = dossier(data.path(), &["export", "claims", "--format", "csv"]);
    assert!(csv.status.success());
    let text = stdout(&csv);
    assert!(text.starts_with("document,claim,published,source,title,speaker,"));
    // Quoted fields may hold line breaks, so count rows by their CRLF ends outside quotes.
    let mut in_quotes = false;
    let mut records = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes && i > 0 && bytes[i - 1] == b'\r' => records += 1,
            _ => {}
        }
    }
    assert_eq!(records, rows.len() + 1, "a header and one record per claim");
}

/// Regression: a closed pipe while writing JSON (`dossier export … | head`) printed
/// "error: Broken pipe" and exited 2, because serde_json wraps the I/O error in its own type.
#[test]
fn a_closed_pipe_is_a_quiet_success() {
    use std::io::Read;
    use std::process::Stdio;
    let data = tempfile::tempdir().unwrap();
    json(&dossier(data.path(), &["ingest", "--json", corpus().to_str().unwrap()]));
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["export", "claims"])
        .env("DOSSIER_DATA", data.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // Dropping the read end closes the pipe while the command still has lines to write.
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(status.success(), "exit {status:?}, stderr: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn propositions_export_in_the_documented_shape() {
    let data = tempfile::tempdir().unwrap();
    json(&dossier(data.path(), &["ingest", "--json", corpus().to_str().unwrap()]));
    let output = dossier(data.path(), &["export", "propositions"]);
    assert!(output.status.success());
    let lines: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!lines.is_empty());
    for p in &lines {
        for field in ["id", "text", "credibility", "status", "first_reported", "attributions"] {
            assert!(p.get(field).is_some(), "{field} in {p}");
        }
        let credibility = p["credibility"].as_u64().unwrap();
        assert!((1..=6).contains(&credibility));
        for a in p["attributions"].as_array().unwrap() {
            assert!(["support", "contradict", "report"].contains(&a["stance"].as_str().unwrap()));
            assert!(a["document"].is_string() && a.get("claim").is_some() && a.get("grade").is_some());
            // Issue 14: every attribution names its document so that a user can follow it.
            assert!(a["ref"].as_str().is_some_and(|r| !r.is_empty()), "a ref: {a}");
            assert!(a["url"].is_string() || a["url"].is_null(), "{a}");
            assert!(a["title"].is_string() || a["title"].is_null(), "{a}");
        }
    }
    // A JSON Lines record's ref is its own id, which `dossier show` finds.
    let attributions: Vec<&Value> = lines.iter().flat_map(|p| p["attributions"].as_array().unwrap()).collect();
    let record = attributions.iter().find(|a| a["ref"].as_str().unwrap().starts_with("nbw-")).expect("a jsonl record");
    let shown = dossier(data.path(), &["show", "--json", record["ref"].as_str().unwrap()]);
    let shown = json(&shown);
    assert_eq!((&shown["content_id"], &shown["url"]), (&record["document"], &record["url"]));
    assert_eq!(shown["title"], record["title"]);
    assert!(attributions.iter().any(|a| a["title"].is_string()) && attributions.iter().any(|a| a["url"].is_string()));
    let id = lines[0]["id"].as_str().unwrap();
    let shown = dossier(data.path(), &["proposition", id]);
    assert!(shown.status.success());
    assert!(stdout(&shown).contains("credibility"));
}

#[test]
fn analyst_exports_are_valid_json_and_refuse_csv() {
    let data = tempfile::tempdir().unwrap();
    json(&dossier(data.path(), &["ingest", "--json", corpus().to_str().unwrap()]));
    let bundle = json(&dossier(data.path(), &["export", "stix"]));
    assert_eq!(bundle["type"], "bundle");
    assert!(bundle["objects"].as_array().unwrap().iter().any(|o| o["type"] == "opinion"));
    let reviews = json(&dossier(data.path(), &["export", "claimreview"]));
    assert!(reviews.as_array().unwrap().iter().all(|r| r["@type"] == "ClaimReview"));
    let misp = dossier(data.path(), &["export", "misp"]);
    assert!(stdout(&misp).lines().all(|l| l.contains("admiralty-scale:")));
    let csv = dossier(data.path(), &["export", "stix", "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(2));
}

/// A following server is the store's one writer; killed (`kill -9`) while it reads a folder
/// and started again, it stores every document exactly once and links them all.
#[test]
fn a_following_server_killed_midway_resumes_and_stores_each_document_once() {
    let data = tempfile::tempdir().unwrap();
    let inbox = tempfile::tempdir().unwrap();
    const FILES: usize = 8;
    const PER_FILE: usize = 40;
    for f in 0..FILES {
        let lines: String = (0..PER_FILE)
            .map(|i| {
                let n = f * PER_FILE + i;
                format!(
                    "{{\"id\":\"r-{n}\",\"text\":\"Flooding closed {n} roads in the district of Town{n} on Monday, officials in Region{f} said.\"}}\n"
                )
            })
            .collect();
        std::fs::write(inbox.path().join(format!("batch-{f}.jsonl")), lines).unwrap();
    }
    // Files must have settled (unmodified for a second) before a follower reads them.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let log = data.path().join("serve.log");
    let serve = || {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "--addr", "127.0.0.1:0", "--poll", "1", "-j", "1", "--follow"])
            .arg(inbox.path())
            .env("DOSSIER_DATA", data.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("dossier serve starts")
    };
    let documents = || {
        let out = dossier(data.path(), &["stats", "--json"]);
        if out.status.success() { json(&out)["documents"].as_u64().unwrap_or(0) } else { 0 }
    };
    let wait = |what: &str, done: &dyn Fn() -> bool| {
        let started = std::time::Instant::now();
        while !done() {
            let said = std::fs::read_to_string(&log).unwrap_or_default();
            assert!(started.elapsed().as_secs() < 120, "timed out waiting for {what}; the server said: {said}");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    };

    let mut first = serve();
    wait("the first batch", &|| documents() > 0);
    let refused = dossier(data.path(), &["ingest", inbox.path().to_str().unwrap()]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("being written by `dossier serve`"), "{message}");
    first.kill().unwrap();
    first.wait().unwrap();
    let at_kill = documents();

    let mut second = serve();
    wait("every document", &|| documents() == (FILES * PER_FILE) as u64);
    second.kill().unwrap();
    second.wait().unwrap();
    assert!(at_kill <= (FILES * PER_FILE) as u64);

    // Nothing doubled, nothing left unlinked: a new ingest of the folder adds nothing and the
    // ledger knows every document.
    let again = ingest_json(data.path(), &[inbox.path().to_str().unwrap()]);
    assert_eq!(again["added"], 0, "{again}");
    // (What a kill interrupted between storing a batch and linking it is linked by the next
    // writer: the restarted server, or this ingest.)
    assert_eq!(again["link"]["rebuilt"], false, "the server's ledger log is usable: {again}");
    assert_eq!(again["duplicates"].as_u64(), Some((FILES * PER_FILE) as u64), "{again}");
    let stats = json(&dossier(data.path(), &["stats", "--json"]));
    assert_eq!(stats["documents"].as_u64(), Some((FILES * PER_FILE) as u64), "{stats}");
}
