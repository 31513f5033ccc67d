//! A server that writes: documents pushed to `POST /api/documents` and files appearing in
//! followed folders go through one writer thread that owns the store's writer lock and holds
//! the ledger in memory (`engine::Intake`).
//!
//! Why: an analyst's server should take new reports as they come, linked and graded within
//! seconds, without `dossier ingest` reloading the ledger each time; one writer keeps the
//! ledger's log exact (a second `dossier serve --follow` or `dossier ingest` on the store is
//! refused by the lock).
//!
//! How: [`Live::start`] opens the intake (taking the lock and linking anything stored but not
//! linked), starts the writer thread and one thread per followed folder. Each folder is scanned
//! every [`FOLDER_SCAN`] (or `--poll`, if shorter); a file that is new or whose size or
//! modification time changed, and that has not been modified in the last second (it may still
//! be being written), is read by the same readers as `dossier ingest`, and its documents are
//! sent to the writer as one batch with the folder's new state, which the writer saves after
//! linking — so a restarted server reads only what changed. Re-reading a file stores nothing
//! twice: documents are keyed by content id.
//!
//! Example: `dossier serve --follow inbox/ --token s3cret`; copying `a.jsonl` into `inbox/`
//! makes its articles searchable about a second later.
//!
//! Known limits: folders only (feeds over HTTP are not followed yet); a file deleted from a
//! folder stays in the store; a file rewritten with different text adds new documents and
//! keeps the old ones.

use chrono::{DateTime, Utc};
use engine::{Accepted, Intake, LinkSummary};
use model::Document;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Longest wait between two scans of a followed folder.
pub const FOLDER_SCAN: Duration = Duration::from_secs(2);

/// Documents sent to the writer at once by a folder follower.
const FOLDER_BATCH: usize = 500;

/// How a server that writes is set up.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The bearer token writes must carry; without one, write routes answer 403.
    pub token: Option<String>,
    /// Folders to follow.
    pub follow: Vec<PathBuf>,
    /// Seconds between polls of a source (folders are scanned at least every [`FOLDER_SCAN`]).
    pub poll: Option<Duration>,
    /// Largest request body accepted by `POST /api/documents`, in bytes.
    pub max_body: usize,
    /// Threads analyzing (0: one per core).
    pub threads: usize,
}

/// Default [`Options::max_body`]: 32 MiB.
pub const MAX_BODY: usize = 32 << 20;

/// What the writer did with a batch.
pub type Outcome = Result<(Vec<Accepted>, LinkSummary), String>;

/// A batch for the writer, with the follow state to save once it is linked.
struct Job {
    docs: Vec<Document>,
    state: Option<(String, String)>,
    reply: tokio::sync::oneshot::Sender<Outcome>,
}

/// Where a followed source stands, as `GET /api/sources/follow` reports it.
#[derive(Clone, Debug, Serialize)]
pub struct FollowStatus {
    /// The source as given (a folder path).
    pub source: String,
    /// `folder`.
    pub kind: &'static str,
    /// When it was last looked at (RFC 3339), null before the first poll.
    pub last_poll: Option<String>,
    /// When a poll last succeeded.
    pub last_success: Option<String>,
    /// Files read (new or changed) since the server started.
    pub items_seen: u64,
    /// Documents newly stored from it since the server started.
    pub documents_added: u64,
    /// Records or files in it that could not be read (each is skipped; the rest goes on).
    pub rejected: u64,
    /// The last of those, with its reason.
    pub last_rejected: Option<String>,
    /// Polls that failed as a whole (the folder is missing or unreadable, the store failed).
    pub errors: u64,
    /// The reason of the last failed poll.
    pub last_error: Option<String>,
}

/// The writer and the followers of a server that writes; cheap to clone.
#[derive(Clone)]
pub struct Live {
    jobs: SyncSender<Job>,
    token: Option<String>,
    max_body: usize,
    status: Arc<Mutex<Vec<FollowStatus>>>,
}

/// The threads of a [`Live`], to stop when the server stops.
pub struct Threads {
    stop: Arc<AtomicBool>,
    followers: Vec<std::thread::JoinHandle<()>>,
    writer: std::thread::JoinHandle<()>,
}

impl Threads {
    /// Stops the followers, lets the writer finish the batch in hand and every batch already
    /// queued, and waits for them; a batch sent later is answered "unavailable".
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        for follower in self.followers {
            let _ = follower.join();
        }
        let _ = self.writer.join();
    }
}

impl Live {
    /// Takes the store's writer lock, brings its ledger up to date and starts the writer and
    /// one follower per folder.
    pub fn start(dir: &Path, options: &Options) -> store::Result<(Live, Threads)> {
        let intake = Intake::open(dir, "`dossier serve`", options.threads)?;
        let mut states = Vec::new();
        for folder in &options.follow {
            let key = source_key(folder);
            let state: FolderState =
                intake.store().follow_state(&key)?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
            states.push((folder.clone(), key, state));
        }
        let (jobs, receiver) = std::sync::mpsc::sync_channel::<Job>(4);
        let stop = Arc::new(AtomicBool::new(false));
        let writer_stop = stop.clone();
        let writer = std::thread::Builder::new()
            .name("dossier-writer".into())
            .spawn(move || write(intake, &receiver, &writer_stop))
            .map_err(|source| store::Error::Io { path: dir.to_owned(), source })?;
        let status = Arc::new(Mutex::new(
            options
                .follow
                .iter()
                .map(|f| FollowStatus {
                    source: f.display().to_string(),
                    kind: "folder",
                    last_poll: None,
                    last_success: None,
                    items_seen: 0,
                    documents_added: 0,
                    rejected: 0,
                    last_rejected: None,
                    errors: 0,
                    last_error: None,
                })
                .collect(),
        ));
        let scan = options.poll.map_or(FOLDER_SCAN, |p| p.min(FOLDER_SCAN)).max(Duration::from_millis(100));
        let mut followers = Vec::new();
        for (index, (folder, key, state)) in states.into_iter().enumerate() {
            let follower = Follower { folder, key, state, index, jobs: jobs.clone(), status: status.clone() };
            let stop = stop.clone();
            let handle = std::thread::Builder::new()
                .name(format!("dossier-follow-{index}"))
                .spawn(move || follower.run(scan, &stop))
                .map_err(|source| store::Error::Io { path: dir.to_owned(), source })?;
            followers.push(handle);
        }
        let live = Live { jobs, token: options.token.clone(), max_body: options.max_body.max(1), status };
        Ok((live, Threads { stop, followers, writer }))
    }

    /// The bearer token writes need, if writes are on.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The largest body a write may have.
    pub fn max_body(&self) -> usize {
        self.max_body
    }

    /// Every followed source's status, in the order given.
    pub fn follow_status(&self) -> Vec<FollowStatus> {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Sends a batch to the writer and waits for its outcome; `None` when the writer has
    /// stopped.
    pub async fn add(&self, docs: Vec<Document>) -> Option<Outcome> {
        let (reply, outcome) = tokio::sync::oneshot::channel();
        let jobs = self.jobs.clone();
        let sent = tokio::task::spawn_blocking(move || jobs.send(Job { docs, state: None, reply }).is_ok()).await;
        if !matches!(sent, Ok(true)) {
            return None;
        }
        outcome.await.ok()
    }
}

/// The writer thread: adds each batch, saves its follow state, answers; ends once `stop` is
/// set and nothing is queued (or every sender has gone).
fn write(mut intake: Intake, jobs: &Receiver<Job>, stop: &AtomicBool) {
    loop {
        let job = match jobs.recv_timeout(Duration::from_millis(100)) {
            Ok(job) => job,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if stop.load(Ordering::SeqCst) => return,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        let mut outcome = intake.add(job.docs).map_err(|e| e.to_string());
        if outcome.is_ok()
            && let Some((source, state)) = &job.state
            && let Err(e) = intake.store().set_follow_state(source, state)
        {
            outcome = Err(e.to_string());
        }
        if let Err(e) = &outcome {
            tracing::error!(error = %e, "writing a batch failed");
        }
        let _ = job.reply.send(outcome);
    }
}

/// The key a folder's state is kept under.
fn source_key(folder: &Path) -> String {
    let absolute = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_owned());
    format!("folder:{}", absolute.display())
}

/// What a follower has read of a folder: each file's size and modification time (nanoseconds
/// since the epoch) when it was read.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct FolderState {
    files: BTreeMap<String, (u64, u128)>,
}

struct Follower {
    folder: PathBuf,
    key: String,
    state: FolderState,
    index: usize,
    jobs: SyncSender<Job>,
    status: Arc<Mutex<Vec<FollowStatus>>>,
}

impl Follower {
    fn run(mut self, scan: Duration, stop: &AtomicBool) {
        while !stop.load(Ordering::SeqCst) {
            let result = self.poll(stop);
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
            let mut waited = Duration::ZERO;
            while waited < scan && !stop.load(Ordering::SeqCst) {
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

    /// Reads every new or changed file that has settled, in batches.
    fn poll(&mut self, stop: &AtomicBool) -> Result<(), String> {
        let mut files = Vec::new();
        list(&self.folder, &mut files).map_err(|e| format!("{}: {e}", self.folder.display()))?;
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
        let mut read = Vec::new();
        for (n, (path, stamp)) in changed.iter().enumerate() {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let mut rejected = Vec::new();
            ingest::read(&ingest::Input::Path(path.clone()), &config, &mut |event| match event {
                ingest::Event::Document(draft) => {
                    let origin = draft.origin.clone();
                    match Document::from_draft(draft) {
                        Some(doc) => docs.push(doc),
                        None => rejected.push(format!("{origin}: no text")),
                    }
                }
                ingest::Event::Rejected(e) => rejected.push(e.to_string()),
                ingest::Event::Skipped { .. } => {}
            });
            self.update(|s| {
                s.items_seen += 1;
                s.rejected += rejected.len() as u64;
                if let Some(last) = rejected.pop() {
                    s.last_rejected = Some(last);
                }
            });
            read.push((path.display().to_string(), *stamp));
            if docs.len() >= FOLDER_BATCH || n + 1 == changed.len() {
                self.send(std::mem::take(&mut docs), std::mem::take(&mut read))?;
            }
        }
        if !read.is_empty() {
            self.send(docs, read)?;
        }
        Ok(())
    }

    /// Sends documents with the state that records `read` as read, and waits for the writer.
    fn send(&mut self, docs: Vec<Document>, read: Vec<(String, (u64, u128))>) -> Result<(), String> {
        let mut state = self.state.clone();
        state.files.extend(read);
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

/// Every file under `dir`, hidden ones (`.name`) and the store's own files left out.
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
