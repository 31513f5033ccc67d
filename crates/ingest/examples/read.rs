//! Reads files, folders or globs with the ingest readers and prints what came out: counts of
//! documents, rejections and skips, then each distinct rejection reason and skip kind with its
//! count and a first example.
//!
//! Why: a quick way to see how the readers fare on a corpus (feed conformance files, web
//! archives) without a store or the CLI.
//!
//! Example: `cargo run -p ingest --example read -- ../shared/data/warcio-samples`
//!
//! Known limits: reasons are grouped by their exact text, so reasons that quote the input (a bad
//! value, a line number) form groups of one; `-v` prints every event instead.

use std::collections::BTreeMap;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    args.retain(|a| a != "-v");
    let (inputs, errors) = ingest::expand(&args);
    for error in &errors {
        eprintln!("error: {error}");
    }
    let config = ingest::Config::default();
    let (mut documents, mut rejected, mut skipped) = (0u64, 0u64, 0u64);
    let mut reasons: BTreeMap<String, (u64, String)> = BTreeMap::new();
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    let mut formats: BTreeMap<String, u64> = BTreeMap::new();
    for input in &inputs {
        ingest::read(input, &config, &mut |event| match event {
            ingest::Event::Document(draft) => {
                documents += 1;
                *formats.entry(draft.format.to_string()).or_default() += 1;
                if verbose {
                    println!(
                        "document {}: {:?} ({} bytes of body: {:?})",
                        draft.origin,
                        draft.title,
                        draft.body.len(),
                        draft.body.chars().take(60).collect::<String>()
                    );
                }
            }
            ingest::Event::Rejected(error) => {
                rejected += 1;
                if verbose {
                    println!("rejected {error}");
                }
                let entry = reasons.entry(error.reason()).or_insert((0, error.to_string()));
                entry.0 += 1;
            }
            ingest::Event::Skipped { origin, kind } => {
                skipped += 1;
                if verbose {
                    println!("skipped {origin}: {kind}");
                }
                *kinds.entry(kind).or_default() += 1;
            }
        });
    }
    println!("{} inputs: {documents} documents, {rejected} rejected, {skipped} skipped", inputs.len());
    for (format, count) in &formats {
        println!("  document format {format}: {count}");
    }
    for (kind, count) in &kinds {
        println!("  skipped {kind}: {count}");
    }
    let mut sorted: Vec<_> = reasons.into_iter().collect();
    sorted.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    for (reason, (count, example)) in sorted {
        println!("  {count:>5} × {reason}\n          e.g. {example}");
    }
}
