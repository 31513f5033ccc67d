//! Runs the article-extraction evaluation and prints the report: our body text from
//! `ingest::html::read_html` against the benchmark's ground truth, beside the peers' outputs.
//!
//! Example: `cargo run --release -p eval --example extraction -- ../shared/data` (add `--json`
//! for the report as JSON, `--dump DIR` to write each page's body to DIR). Known limits: a stand-in until `dossier eval extraction` exists.

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = String::from("../shared/data");
    let mut json = false;
    let mut dump: Option<String> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            // Writes each page's body to DIR/<url with odd characters replaced>.txt, to compare
            // extractors page by page.
            "--dump" => dump = args.next(),
            other => dir = other.to_string(),
        }
    }
    let extract = |html: &[u8], url: Option<&str>| {
        let body = ingest::html::read_html(html, None, url, "benchmark").map(|draft| draft.body);
        if let (Some(out), Some(url)) = (&dump, url) {
            let name: String = url.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
            let _ = std::fs::write(format!("{out}/{name}.txt"), body.clone().unwrap_or_default());
        }
        body
    };
    match eval::extraction::run_with(std::path::Path::new(&dir), extract) {
        Ok(report) if json => match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("error: {e}"),
        },
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
