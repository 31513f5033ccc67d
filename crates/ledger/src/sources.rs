//! The source registry: who publishes what — name, aliases, web domains, kind, country,
//! owner/affiliation and a prior Admiralty reliability grade A–F — parsed from a TSV file we
//! write (`data/sources.tsv`, compiled in) and that users can extend with their own.
//!
//! Why: corroboration is only worth something between independent sources, and a claim is
//! weighed by who carries it. A document names its publisher loosely ("Reuters", "REUTERS",
//! "Reuters.com") and carries a URL; [`SourceRegistry::lookup`] resolves either to one entry.
//!
//! Format: a header line naming the columns (any order; `name`, `kind` and `grade` required,
//! `aliases`, `domains`, `country`, `owner` optional; unknown columns ignored), then one source a
//! line; lists are comma-separated; `#` starts a comment line. Kinds: `state_media`, `wire`,
//! `newspaper`, `broadcaster`, `government`, `intelligence`, `analyst`, `fact_checker`. The
//! grading rule is in `data/README.md`.
//!
//! Example:
//! ```
//! let reg = ledger::SourceRegistry::builtin();
//! assert_eq!(reg.lookup(Some("REUTERS"), None).unwrap().name, "Reuters");
//! assert_eq!(reg.lookup(None, Some("https://www.reuters.com/world/x")).unwrap().name, "Reuters");
//! ```
//!
//! Known limits: a name is matched whole after folding case, punctuation and a leading "the"
//! ("Reuters staff" does not match); a domain matches itself and its subdomains only.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// What kind of source it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Media owned or directed by a state (KCNA, TASS, Xinhua).
    StateMedia,
    /// A news agency selling copy to other outlets (Reuters, AP, AFP).
    Wire,
    /// A newspaper or news website.
    Newspaper,
    /// A broadcaster (public or private).
    Broadcaster,
    /// A government body speaking for itself (ministries, armed forces).
    Government,
    /// An intelligence service.
    Intelligence,
    /// A think tank or analyst.
    Analyst,
    /// A fact-checking organisation.
    FactChecker,
}

impl Kind {
    /// The snake-case name used in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::StateMedia => "state_media",
            Kind::Wire => "wire",
            Kind::Newspaper => "newspaper",
            Kind::Broadcaster => "broadcaster",
            Kind::Government => "government",
            Kind::Intelligence => "intelligence",
            Kind::Analyst => "analyst",
            Kind::FactChecker => "fact_checker",
        }
    }

    /// Parses [`Kind::as_str`].
    pub fn parse(s: &str) -> Option<Kind> {
        [
            Kind::StateMedia,
            Kind::Wire,
            Kind::Newspaper,
            Kind::Broadcaster,
            Kind::Government,
            Kind::Intelligence,
            Kind::Analyst,
            Kind::FactChecker,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// The Admiralty (NATO STANAG 2511) reliability of a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// Completely reliable.
    A,
    /// Usually reliable.
    B,
    /// Fairly reliable.
    C,
    /// Not usually reliable.
    D,
    /// Unreliable.
    E,
    /// Reliability cannot be judged.
    F,
}

impl Grade {
    /// Parses `A`–`F`.
    pub fn parse(s: &str) -> Option<Grade> {
        Some(match s {
            "A" => Grade::A,
            "B" => Grade::B,
            "C" => Grade::C,
            "D" => Grade::D,
            "E" => Grade::E,
            "F" => Grade::F,
            _ => return None,
        })
    }

    /// The standard wording ("usually reliable").
    pub fn meaning(self) -> &'static str {
        match self {
            Grade::A => "completely reliable",
            Grade::B => "usually reliable",
            Grade::C => "fairly reliable",
            Grade::D => "not usually reliable",
            Grade::E => "unreliable",
            Grade::F => "reliability cannot be judged",
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::E => "E",
            Grade::F => "F",
        })
    }
}

/// One source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Display name.
    pub name: String,
    /// Other names it goes by ("AP", "Associated Press").
    pub aliases: Vec<String>,
    /// Web domains, lower case, without `www.`.
    pub domains: Vec<String>,
    /// Kind.
    pub kind: Kind,
    /// ISO 3166-1 alpha-2 country, when it has one.
    pub country: Option<String>,
    /// Owner or affiliation; sources with the same owner are not independent.
    pub owner: Option<String>,
    /// Prior reliability grade.
    pub grade: Grade,
}

/// A registry line that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Sources with lookups by folded name/alias and by domain.
#[derive(Clone, Debug, Default)]
pub struct SourceRegistry {
    sources: Vec<Source>,
    by_name: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
}

impl SourceRegistry {
    /// The registry shipped with Dossier (`data/sources.tsv`).
    pub fn builtin() -> SourceRegistry {
        SourceRegistry::parse(include_str!("../data/sources.tsv")).expect("the shipped registry parses (tested)")
    }

    /// Parses a registry file. The error names the first bad line.
    pub fn parse(tsv: &str) -> Result<SourceRegistry, ParseError> {
        let mut reg = SourceRegistry::default();
        let mut columns: Option<Columns> = None;
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for (i, line) in tsv.lines().enumerate() {
            let line_no = i + 1;
            let err = |message: String| ParseError { line: line_no, message };
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            let Some(cols) = &columns else {
                columns = Some(Columns::from_header(&cells).map_err(err)?);
                continue;
            };
            let source = cols.source(&cells).map_err(err)?;
            for key in source.keys() {
                if let Some(&earlier) = first_line.get(&key) {
                    return Err(err(format!("`{key}` is already listed on line {earlier}")));
                }
                first_line.insert(key, line_no);
            }
            reg.insert(source);
        }
        if columns.is_none() {
            return Err(ParseError { line: 1, message: "no header line (name, kind, grade, …)".into() });
        }
        Ok(reg)
    }

    /// Adds `other`'s sources; an entry sharing a name, alias or domain with an existing one
    /// replaces it in those lookups (a user file overrides the shipped one).
    pub fn extend(&mut self, other: SourceRegistry) {
        for s in other.sources {
            self.insert(s);
        }
    }

    fn insert(&mut self, source: Source) {
        let i = self.sources.len();
        for name in std::iter::once(&source.name).chain(&source.aliases) {
            self.by_name.insert(fold(name), i);
        }
        for d in &source.domains {
            self.by_domain.insert(d.clone(), i);
        }
        self.sources.push(source);
    }

    /// Every source, in file order.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The source of a document: by its URL's domain (or a parent domain) first, then by the
    /// publisher name it carries, folded.
    pub fn lookup(&self, name: Option<&str>, url: Option<&str>) -> Option<&Source> {
        url.and_then(|u| self.by_url(u)).or_else(|| name.and_then(|n| self.by_name(n)))
    }

    /// By name or alias, ignoring case, punctuation, spacing and a leading "the".
    pub fn by_name(&self, name: &str) -> Option<&Source> {
        self.by_name.get(&fold(name)).map(|&i| &self.sources[i])
    }

    /// By a URL or bare host: the host, then each parent domain (`edition.cnn.com` → `cnn.com`).
    pub fn by_url(&self, url: &str) -> Option<&Source> {
        let host = host(url)?;
        let mut d = host.as_str();
        loop {
            if let Some(&i) = self.by_domain.get(d) {
                return Some(&self.sources[i]);
            }
            d = d.split_once('.')?.1;
            if !d.contains('.') {
                return None;
            }
        }
    }
}

impl Source {
    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = std::iter::once(&self.name).chain(&self.aliases).map(|n| fold(n)).collect();
        keys.extend(self.domains.iter().cloned());
        keys.sort();
        keys.dedup();
        keys
    }
}

struct Columns {
    name: usize,
    kind: usize,
    grade: usize,
    aliases: Option<usize>,
    domains: Option<usize>,
    country: Option<usize>,
    owner: Option<usize>,
}

impl Columns {
    fn from_header(cells: &[&str]) -> Result<Columns, String> {
        let find = |name: &str| cells.iter().position(|c| c.eq_ignore_ascii_case(name));
        let need = |name: &str| find(name).ok_or_else(|| format!("the header has no `{name}` column"));
        Ok(Columns {
            name: need("name")?,
            kind: need("kind")?,
            grade: need("grade")?,
            aliases: find("aliases"),
            domains: find("domains"),
            country: find("country"),
            owner: find("owner"),
        })
    }

    fn source(&self, cells: &[&str]) -> Result<Source, String> {
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let opt = |i: Option<usize>| i.map(cell).filter(|s| !s.is_empty()).map(str::to_owned);
        let list = |i: Option<usize>| -> Vec<String> {
            i.map(cell).unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
        };
        let name = cell(self.name);
        if fold(name).is_empty() {
            return Err("the name is empty".into());
        }
        let kind = Kind::parse(cell(self.kind)).ok_or_else(|| {
            format!("unknown kind `{}` (state_media, wire, newspaper, broadcaster, government, intelligence, analyst, fact_checker)", cell(self.kind))
        })?;
        let grade = Grade::parse(cell(self.grade))
            .ok_or_else(|| format!("grade `{}` is not one of A, B, C, D, E, F", cell(self.grade)))?;
        let mut domains = Vec::new();
        for d in list(self.domains) {
            let h = host(&d).filter(|h| h.contains('.')).ok_or_else(|| format!("`{d}` is not a domain"))?;
            domains.push(h);
        }
        Ok(Source {
            name: name.to_owned(),
            aliases: list(self.aliases),
            domains,
            kind,
            country: opt(self.country),
            owner: opt(self.owner),
            grade,
        })
    }
}

/// Lower case, alphanumerics only, without a leading "the".
fn fold(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let rest = lower.strip_prefix("the ").unwrap_or(&lower);
    rest.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The lower-case host of a URL or bare domain, without `www.`, port or credentials.
fn host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    (!host.is_empty()).then_some(host)
}
