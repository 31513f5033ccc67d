//! The gold-file runner every analyzer's tests share.
//!
//! A stage's gold folder `tests/gold/STAGE/` holds inputs `NAME.txt` (texts we wrote) beside the
//! expected rendering `NAME.expected`. Adding a test means adding a file. `UPDATE_EXPECT=1`
//! rewrites the expected files from the current output instead of comparing, so a behaviour
//! change is reviewed as a diff of those files.

use std::path::Path;

/// Renders every input of `tests/gold/{stage}` with `render` and compares it with its expected
/// file, reporting every mismatch at once.
pub fn check_folder(stage: &str, render: impl Fn(&str) -> String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold").join(stage);
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("gold folder {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no gold files in {}", dir.display());
    let mut failures = Vec::new();
    for input in inputs {
        let text = std::fs::read_to_string(&input).expect("readable gold input");
        let got = render(&text);
        let expected_path = input.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).expect("writable gold output");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != got {
            failures.push(format!("{}:\n--- expected\n{expected}--- got\n{got}", input.display()));
        }
    }
    assert!(failures.is_empty(), "gold mismatches (UPDATE_EXPECT=1 re-blesses):\n{}", failures.join("\n"));
}
