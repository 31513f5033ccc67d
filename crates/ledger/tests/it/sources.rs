//! The source registry: the shipped file parses, lookups fold names and walk up domains, and a
//! bad line is named in the error.

use ledger::{Grade, Kind, SourceRegistry};

#[test]
fn shipped_registry_parses_and_covers_the_sample_corpus() {
    let reg = SourceRegistry::builtin();
    assert!(reg.sources().len() > 60);
    let example = include_str!("../../../../examples/sources.tsv");
    for line in example.lines().skip(1) {
        let name = line.split('\t').next().unwrap();
        assert!(reg.by_name(name).is_some(), "{name} is missing from data/sources.tsv");
    }
}

#[test]
fn names_fold_case_punctuation_and_the() {
    let reg = SourceRegistry::builtin();
    for name in ["Reuters", "REUTERS", " reuters ", "Thomson Reuters"] {
        assert_eq!(reg.by_name(name).map(|s| s.name.as_str()), Some("Reuters"), "{name}");
    }
    assert_eq!(reg.by_name("Atlantic Courier").unwrap().name, "The Atlantic Courier");
    assert_eq!(reg.by_name("A.P.").unwrap().name, "Associated Press");
    let kcna = reg.by_name("KCNA").unwrap();
    assert_eq!((kcna.kind, kcna.grade, kcna.country.as_deref()), (Kind::StateMedia, Grade::E, Some("KP")));
    assert!(reg.by_name("Reuters staff").is_none());
}

#[test]
fn urls_resolve_by_host_then_parent_domain() {
    let reg = SourceRegistry::builtin();
    let name = |url: &str| reg.by_url(url).map(|s| s.name.clone());
    assert_eq!(name("https://www.reuters.com/world/europe/x-2024-10-28/"), Some("Reuters".into()));
    assert_eq!(name("http://user@news.bbc.co.uk:80/2/hi/europe"), Some("BBC News".into()));
    assert_eq!(name("https://factcheck.afp.com/doc.afp.com.36KX"), Some("AFP Fact Check".into()));
    assert_eq!(name("https://www.afp.com/en/news"), Some("Agence France-Presse".into()));
    assert_eq!(name("https://example.com/reuters.com"), None);
    assert_eq!(name("not a url"), None);
    // The URL wins over the name the document carries.
    let s = reg.lookup(Some("Yahoo News"), Some("https://www.northbridgewire.example/world/x")).unwrap();
    assert_eq!(s.name, "Northbridge Wire");
    assert_eq!(reg.lookup(Some("The Seoul Ledger"), None).unwrap().grade, Grade::B);
}

#[test]
fn errors_name_the_line() {
    let err = |tsv: &str| SourceRegistry::parse(tsv).unwrap_err().to_string();
    let header = "name\tdomains\tkind\tcountry\towner\tgrade\n";
    assert_eq!(
        err(&format!("{header}A\ta.example\twire\tGB\tX\tB\n# note\nB\tb.example\tblog\tGB\tY\tC\n")),
        "line 4: unknown kind `blog` (state_media, wire, newspaper, broadcaster, government, intelligence, analyst, fact_checker)"
    );
    assert_eq!(
        err(&format!("{header}A\ta.example\twire\tGB\tX\tG\n")),
        "line 2: grade `G` is not one of A, B, C, D, E, F"
    );
    assert_eq!(
        err(&format!("{header}A\ta.example\twire\tGB\tX\tB\nThe A\tc.example\twire\tGB\tX\tB\n")),
        "line 3: `a` is already listed on line 2"
    );
    assert_eq!(err("name\tkind\n"), "line 1: the header has no `grade` column");
    assert_eq!(err(""), "line 1: no header line (name, kind, grade, …)");
}

#[test]
fn a_user_file_overrides_the_shipped_one() {
    let mut reg = SourceRegistry::builtin();
    reg.extend(SourceRegistry::parse("name\tkind\tgrade\tdomains\nReuters\twire\tA\treuters.com\n").unwrap());
    assert_eq!(reg.by_name("reuters").unwrap().grade, Grade::A);
    assert_eq!(reg.by_url("reuters.com").unwrap().grade, Grade::A);
}
