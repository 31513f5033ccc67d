//! Followers: one thread per followed source — a folder, or a feed URL (RSS, RDF, Atom, JSON
//! Feed over HTTP or HTTPS) — that finds new documents and sends them to the server's writer
//! (`live.rs`) with the source's new state, which the writer saves once they are linked.
//!
//! Folders: scanned every [`FOLDER_SCAN`] (or `--poll`, if shorter); a file that is new or whose
//! size or modification time changed, and that has not been modified in the last second (it may
//! still be being written), is read by the same readers as `dossier ingest`. The state is each
//! file's size and time.
//!
//! Feeds: polled every `--poll` seconds (default [`FEED_POLL`]) with a conditional request
//! (`If-None-Match` / `If-Modified-Since` from the last answer: a 304 reads nothing), a
//! timeout, a size limit and a User-Agent naming Dossier; the body must be a feed (an HTML page
//! where the feed was is an error, not a document). Items already seen (by id, else link) are
//! passed over. After a failed poll the next waits twice as long, up to an hour. The state is
//! the validators and the last [`SEEN_KEPT`] item keys.
//!
//! Re-reading stores nothing twice either way: documents are keyed by content id.
//!
//! Example: `dossier serve --follow inbox/ --follow https://example.org/rss.xml --follow
//! https://example.org/news-sitemap.xml --fetch-articles --token s3cret`.
//!
//! Sitemaps: a URL whose answer is a sitemap or news sitemap (`<urlset>`, or a `<sitemapindex>`
//! one level deep) has the pages it lists and that were not seen before fetched, one request at
//! a time, at most [`PAGES_PER_POLL`] per poll, and read by the HTML reader; the sitemap's news
//! date stands in for a page without one. With `--fetch-articles`, a feed item shorter than
//! [`SUMMARY_CHARS`] (a summary) is replaced by its linked page, read the same way, keeping the
//! item's title, date and id where the page lacks them.
//!
//! Requests go one at a time per host, across all followers (two feeds of one site wait for
//! each other).
//!
//! Known limits: a file deleted from a folder stays in the store; a host that answers slowly
//! holds up every source on it, up to the timeout each.

use crate::job::Job;
use chrono::{DateTime, Utc};
use model::Document;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Where a followed source stands, as `GET /api/sources/follow` reports it.
#[derive(Clone, Debug, Serialize)]
pub struct FollowStatus {
    /// The source as given (a folder path or a feed URL).
    pub source: String,
    /// `folder`, `feed`, or `sitemap` once a URL answered with one.
    pub kind: &'static str,
    /// When it was last looked at (RFC 3339), null before the first poll.
    pub last_poll: Option<String>,
    /// When a poll last succeeded.
    pub last_success: Option<String>,
    /// Files read (new or changed) or feed bodies read (not 304) since the server started.
    pub items_seen: u64,
    /// Documents newly stored from it since the server started.
    pub documents_added: u64,
    /// Records or files in it that could not be read (each is skipped; the rest goes on).
    pub rejected: u64,
    /// The last of those, with its reason.
    pub last_rejected: Option<String>,
    /// Polls that failed as a whole (a folder missing or unreadable; a feed unreachable,
    /// answering an error status, too slow, too large, or not a feed; the store failed).
    pub errors: u64,
    /// The reason of the last failed poll.
    pub last_error: Option<String>,
}

/// Longest wait between two scans of a followed folder.
pub const FOLDER_SCAN: Duration = Duration::from_secs(2);

/// Default wait between two polls of a feed.
pub const FEED_POLL: Duration = Duration::from_secs(300);

/// Longest wait after failures.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);

/// Documents sent to the writer at once by a folder follower.
const FOLDER_BATCH: usize = 500;

/// Item keys a feed's state remembers.
pub const SEEN_KEPT: usize = 5_000;

/// Largest feed body read.
pub const MAX_FEED_BYTES: u64 = 16 << 20;

/// Time allowed for one feed request, body included, unless the options say otherwise.
pub const FEED_TIMEOUT: Duration = Duration::from_secs(30);

/// Largest article page read.
pub const MAX_PAGE_BYTES: u64 = 8 << 20;

/// Pages fetched from one sitemap poll, at most (the rest come at the next polls).
pub const PAGES_PER_POLL: usize = 100;

/// A feed item whose text is shorter than this (characters) is a summary: with
/// `--fetch-articles`, its page is fetched for the full article.
pub const SUMMARY_CHARS: usize = 600;

/// The User-Agent of feed requests.
pub const USER_AGENT: &str = concat!("Dossier/", env!("CARGO_PKG_VERSION"), " (feed follower)");

/// A source given with `--follow`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A folder.
    Folder(PathBuf),
    /// A feed URL.
    Feed(String),
}

impl Source {
    /// `http(s)://…` is a feed, anything else a folder.
    pub fn parse(given: &str) -> Source {
        let lower = given.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            Source::Feed(given.to_owned())
        } else {
            Source::Folder(PathBuf::from(given))
        }
    }

    /// As given.
    pub fn display(&self) -> String {
        match self {
            Source::Folder(path) => path.display().to_string(),
            Source::Feed(url) => url.clone(),
        }
    }

    /// `folder` or `feed`.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Folder(_) => "folder",
            Source::Feed(_) => "feed",
        }
    }

    /// The key its state is kept under in the store.
    pub fn key(&self) -> String {
        match self {
            Source::Folder(folder) => {
                let absolute = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.clone());
                format!("folder:{}", absolute.display())
            }
            Source::Feed(url) => format!("feed:{url}"),
        }
    }
}

/// What a follower keeps of its source between runs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct State {
    /// A folder's files: size and modification time (nanoseconds since the epoch) when read.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    files: BTreeMap<String, (u64, u128)>,
    /// A feed's last `ETag`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    etag: Option<String>,
    /// A feed's last `Last-Modified`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_modified: Option<String>,
    /// A feed's item keys (id, else link), oldest first.
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    seen: VecDeque<String>,
}

/// One follower thread's work.
pub struct Follower {
    pub(crate) source: Source,
    pub(crate) key: String,
    pub(crate) state: State,
    pub(crate) index: usize,
    pub(crate) jobs: SyncSender<Job>,
    pub(crate) status: Arc<Mutex<Vec<FollowStatus>>>,
    /// Time between polls when all goes well.
    pub(crate) every: Duration,
    /// Time allowed for one feed request.
    pub(crate) timeout: Duration,
    /// Whether a feed item that is only a summary has its page fetched.
    pub(crate) fetch_articles: bool,
}

impl Follower {
    /// Polls until `stop` is set.
    pub fn run(mut self, stop: &AtomicBool) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .max_redirects(5)
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .build()
            .into();
        let mut failures = 0u32;
        while !stop.load(Ordering::SeqCst) {
            let result = match self.source.clone() {
                Source::Folder(folder) => self.poll_folder(&folder, stop),
                Source::Feed(url) => self.poll_feed(&agent, &url),
            };
            failures = if result.is_ok() { 0 } else { failures + 1 };
            self.update(|s| {
                let now = Some(now());
                s.last_poll.clone_from(&now);
                match result {
                    Ok(()) => s.last_success = now,
                    Err(e) => {
                        s.errors += 1;
                        s.last_error = Some(e);
                    }
                }
            });
            let wait = (self.every * 2u32.pow(failures.min(12))).min(MAX_BACKOFF.max(self.every));
            let mut waited = Duration::ZERO;
            while waited < wait && !stop.load(Ordering::SeqCst) {
                let step = Duration::from_millis(50);
                std::thread::sleep(step);
                waited += step;
            }
        }
    }

    fn update(&self, f: impl FnOnce(&mut FollowStatus)) {
        if let Ok(mut all) = self.status.lock()
            && let Some(s) = all.get_mut(self.index)
        {
            f(s);
        }
    }

    /// Records one read item (file or feed body) and its rejections.
    fn note(&self, rejected: Vec<String>) {
        self.update(|s| s.items_seen += 1);
        self.note_rejections(rejected);
    }

    /// Reads every new or changed file that has settled, in batches.
    fn poll_folder(&mut self, folder: &Path, stop: &AtomicBool) -> Result<(), String> {
        let mut files = Vec::new();
        list(folder, &mut files).map_err(|e| format!("{}: {e}", folder.display()))?;
        files.sort();
        let settled = SystemTime::now() - Duration::from_secs(1);
        let changed: Vec<(PathBuf, (u64, u128))> = files
            .into_iter()
            .filter_map(|path| {
                let meta = std::fs::metadata(&path).ok()?;
                let modified = meta.modified().ok()?;
                let stamp = (meta.len(), modified.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_nanos());
                let name = path.display().to_string();
                (modified <= settled && self.state.files.get(&name) != Some(&stamp)).then_some((path, stamp))
            })
            .collect();
        let config = ingest::Config::default();
        let mut docs = Vec::new();
        let mut state = self.state.clone();
        let mut pending = false;
        for (path, stamp) in changed {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let mut rejected = Vec::new();
            ingest::read(&ingest::Input::Path(path.clone()), &config, &mut |event| {
                collect(event, &mut docs, &mut rejected);
            });
            self.note(rejected);
            state.files.insert(path.display().to_string(), stamp);
            pending = true;
            if docs.len() >= FOLDER_BATCH {
                self.send(std::mem::take(&mut docs), state.clone())?;
                pending = false;
            }
        }
        if pending {
            self.send(docs, state)?;
        }
        Ok(())
    }

    /// One conditional request; the items not seen before go to the writer.
    fn poll_feed(&mut self, agent: &ureq::Agent, url: &str) -> Result<(), String> {
        let validators = [("If-None-Match", &self.state.etag), ("If-Modified-Since", &self.state.last_modified)];
        let Some(fetched) = fetch(agent, url, &validators, MAX_FEED_BYTES)? else { return Ok(()) };
        let Fetched { body, etag, last_modified, .. } = fetched;
        if ingest::sitemap::is_sitemap(&body) {
            return self.poll_sitemap(agent, url, &body, etag, last_modified);
        }
        let mut docs = Vec::new();
        let mut rejected = Vec::new();
        let mut not_a_feed = None;
        ingest::read_feed_bytes(url, &body, &mut |event| match event {
            ingest::Event::Rejected(e @ ingest::Error::NotAFeed { .. }) => not_a_feed = Some(e.to_string()),
            event => collect(event, &mut docs, &mut rejected),
        });
        if let Some(reason) = not_a_feed {
            return Err(reason);
        }
        self.note(rejected);
        let mut state = self.state.clone();
        state.etag = etag;
        state.last_modified = last_modified;
        let known: HashSet<&String> = self.state.seen.iter().collect();
        let mut fresh = Vec::new();
        let mut keys = Vec::new();
        for doc in docs {
            let key = doc.external_id.clone().or_else(|| doc.url.clone()).unwrap_or_else(|| doc.id.to_string());
            if !known.contains(&key) && !keys.contains(&key) {
                keys.push(key);
                fresh.push(doc);
            }
        }
        state.seen.extend(keys);
        while state.seen.len() > SEEN_KEPT {
            state.seen.pop_front();
        }
        if self.fetch_articles {
            let mut failed = Vec::new();
            fresh = fresh
                .into_iter()
                .map(|doc| match &doc.url {
                    Some(page) if doc.body().chars().count() < SUMMARY_CHARS => fetch_page(agent, page, Some(&doc))
                        .unwrap_or_else(|e| {
                            failed.push(e);
                            doc
                        }),
                    _ => doc,
                })
                .collect();
            // An unreadable page leaves the feed's summary as the document.
            self.note_rejections(failed);
        }
        self.send(fresh, state)
    }

    /// A sitemap (or sitemap index) where a feed was expected: fetches the pages not seen
    /// before, one at a time, at most [`PAGES_PER_POLL`] per poll.
    fn poll_sitemap(
        &mut self,
        agent: &ureq::Agent,
        url: &str,
        body: &[u8],
        etag: Option<String>,
        last_modified: Option<String>,
    ) -> Result<(), String> {
        self.update(|s| s.kind = "sitemap");
        let text = String::from_utf8_lossy(body);
        let entries = match ingest::sitemap::read_sitemap(&text) {
            Some(ingest::sitemap::Sitemap::Pages(pages)) => pages,
            Some(ingest::sitemap::Sitemap::Index(children)) => {
                // One level of index: the listed sitemaps' pages, in order.
                let mut pages = Vec::new();
                for child in children.iter().take(50) {
                    let bytes = get_bytes(agent, child, MAX_FEED_BYTES)?.body;
                    if let Some(ingest::sitemap::Sitemap::Pages(more)) =
                        ingest::sitemap::read_sitemap(&String::from_utf8_lossy(&bytes))
                    {
                        pages.extend(more);
                    }
                }
                pages
            }
            None => return Err(format!("{url}: not a feed: the response is XML that is neither a feed nor a sitemap")),
        };
        self.note(Vec::new());
        let known: HashSet<String> = self.state.seen.iter().cloned().collect();
        let mut state = self.state.clone();
        let mut docs = Vec::new();
        let mut failed = Vec::new();
        let mut complete = true;
        for entry in entries.into_iter().filter(|e| !known.contains(&e.loc)) {
            if docs.len() + failed.len() >= PAGES_PER_POLL {
                complete = false;
                break;
            }
            match fetch_page(agent, &entry.loc, None) {
                Ok(mut doc) => {
                    if doc.published.is_none() {
                        doc.published = entry.published.as_deref().and_then(ingest::dates::parse_published);
                    }
                    docs.push(doc);
                }
                Err(e) => failed.push(e),
            }
            state.seen.push_back(entry.loc);
        }
        while state.seen.len() > SEEN_KEPT {
            state.seen.pop_front();
        }
        // Validators are kept only once every listed page was read: an unchanged sitemap must
        // still give the pages left for the next poll.
        if complete {
            state.etag = etag;
            state.last_modified = last_modified;
        } else {
            state.etag = None;
            state.last_modified = None;
        }
        self.note_rejections(failed);
        self.send(docs, state)
    }

    /// Records records or pages that could not be read (the last one's reason is kept).
    fn note_rejections(&self, mut rejected: Vec<String>) {
        if rejected.is_empty() {
            return;
        }
        self.update(|s| {
            s.rejected += rejected.len() as u64;
            if let Some(last) = rejected.pop() {
                s.last_rejected = Some(last);
            }
        });
    }

    /// Sends documents with the state that records them as read, and waits for the writer.
    fn send(&mut self, docs: Vec<Document>, state: State) -> Result<(), String> {
        let json = serde_json::to_string(&state).map_err(|e| e.to_string())?;
        let (reply, outcome) = tokio::sync::oneshot::channel();
        self.jobs
            .send(Job { docs, state: Some((self.key.clone(), json)), reply })
            .map_err(|_| "the writer has stopped".to_owned())?;
        let (accepted, _) = outcome.blocking_recv().map_err(|_| "the writer has stopped".to_owned())??;
        self.state = state;
        let added = accepted.iter().filter(|a| a.new).count() as u64;
        self.update(|s| s.documents_added += added);
        Ok(())
    }
}

/// A successful answer: its body and the headers a follower keeps.
struct Fetched {
    body: Vec<u8>,
    etag: Option<String>,
    last_modified: Option<String>,
    charset: Option<String>,
}

/// GETs `url` with the `validators` that are set (conditional request headers), waiting for
/// the host's turn: `None` on 304 Not Modified, an error on any other status outside 2xx or a
/// body over `limit` bytes.
fn fetch(
    agent: &ureq::Agent,
    url: &str,
    validators: &[(&str, &Option<String>)],
    limit: u64,
) -> Result<Option<Fetched>, String> {
    let host = host_turn(url);
    let _turn = host.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut request = agent.get(url);
    for (name, value) in validators {
        if let Some(value) = value {
            request = request.header(*name, value);
        }
    }
    let mut response = request.call().map_err(|e| format!("{url}: {e}"))?;
    let status = response.status().as_u16();
    if status == 304 {
        return Ok(None);
    }
    if !(200..300).contains(&status) {
        return Err(format!("{url}: HTTP {status}"));
    }
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (etag, last_modified) = (header("etag"), header("last-modified"));
    let charset = header("content-type").as_deref().and_then(ingest::charset_of);
    let body = response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|e| format!("{url}: the body could not be read: {e}"))?;
    Ok(Some(Fetched { body, etag, last_modified, charset }))
}

/// GETs `url` unconditionally (a 304 cannot come back).
fn get_bytes(agent: &ureq::Agent, url: &str, limit: u64) -> Result<Fetched, String> {
    fetch(agent, url, &[], limit)?.ok_or_else(|| format!("{url}: HTTP 304 to an unconditional request"))
}

/// Fetches an article page and reads it with the HTML reader; what the page lacks (title,
/// date, source) comes from `item`, the feed item that linked it, when there is one.
fn fetch_page(agent: &ureq::Agent, url: &str, item: Option<&Document>) -> Result<Document, String> {
    let page = get_bytes(agent, url, MAX_PAGE_BYTES)?;
    let mut draft = ingest::html::read_html(&page.body, page.charset.as_deref(), Some(url), url)
        .map_err(|e| format!("{url}: {e}"))?;
    if draft.url.is_none() {
        draft.url = Some(url.to_owned());
    }
    if let Some(item) = item {
        if draft.title.as_deref().is_none_or(str::is_empty) && !item.title.is_empty() {
            draft.title = Some(item.title.clone());
        }
        draft.published = draft.published.or(item.published);
        draft.source = draft.source.or_else(|| item.source.clone());
        draft.external_id = item.external_id.clone().or(draft.external_id);
    }
    Document::from_draft(draft).ok_or_else(|| format!("{url}: the page has no text"))
}

/// The lock that makes requests to one host (scheme, host and port) wait for each other, across
/// every follower of this process: one request at a time per host.
fn host_turn(url: &str) -> Arc<Mutex<()>> {
    static HOSTS: std::sync::LazyLock<Mutex<std::collections::HashMap<String, Arc<Mutex<()>>>>> =
        std::sync::LazyLock::new(Default::default);
    let host = url.split_once("://").map_or(url, |(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(rest));
    let mut hosts = HOSTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    hosts.entry(host.to_ascii_lowercase()).or_default().clone()
}

/// The state kept in the store for `source`, or a fresh one.
pub fn stored_state(store: &store::Store, key: &str) -> store::Result<State> {
    Ok(store.follow_state(key)?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default())
}

fn collect(event: ingest::Event, docs: &mut Vec<Document>, rejected: &mut Vec<String>) {
    match event {
        ingest::Event::Document(draft) => {
            let origin = draft.origin.clone();
            match Document::from_draft(draft) {
                Some(doc) => docs.push(doc),
                None => rejected.push(format!("{origin}: no text")),
            }
        }
        ingest::Event::Rejected(e) => rejected.push(e.to_string()),
        ingest::Event::Skipped { .. } => {}
    }
}

/// Every file under `dir`, hidden ones (`.name`) left out.
fn list(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            list(&entry.path(), out)?;
        } else if kind.is_file() {
            out.push(entry.path());
        }
    }
    Ok(())
}

fn now() -> String {
    let now: DateTime<Utc> = Utc::now();
    now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_turn_per_host_and_port() {
        let a = host_turn("https://News.example.org/rss.xml");
        assert!(Arc::ptr_eq(&a, &host_turn("https://news.example.org/sitemap.xml?page=2")));
        assert!(!Arc::ptr_eq(&a, &host_turn("https://news.example.org:8443/rss.xml")));
        assert!(!Arc::ptr_eq(&a, &host_turn("https://example.org/rss.xml")));
    }
}
