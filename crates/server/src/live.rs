//! A server that writes: documents pushed to `POST /api/documents` and what followers find in
//! followed folders and feeds (`follow.rs`) go through one writer thread that owns the store's
//! writer lock and holds the ledger in memory (`engine::Intake`).
//!
//! Why: an analyst's server should take new reports as they come, linked and graded within
//! seconds, without `dossier ingest` reloading the ledger each time; one writer keeps the
//! ledger's log exact (a second `dossier serve --follow` or `dossier ingest` on the store is
//! refused by the lock).
//!
//! How: [`Live::start`] opens the intake (taking the lock and linking anything stored but not
//! linked), starts the writer thread and one thread per followed source. Batches come with the
//! source's new state, which the writer saves after linking them — so a restarted server reads
//! only what changed. On shutdown the followers stop and the writer finishes what is queued.
//!
//! Example: `dossier serve --follow inbox/ --token s3cret`; copying `a.jsonl` into `inbox/`
//! makes its articles searchable about a second later.
//!
//! Known limits: the writer takes one batch at a time, so a long POST delays the followers.

use crate::follow::{self, FollowStatus, Follower, Source};
use crate::job::Job;
pub use crate::job::Outcome;
use engine::Intake;
use model::Document;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How a server that writes is set up.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The bearer token writes must carry; without one, write routes answer 403.
    pub token: Option<String>,
    /// Sources to follow.
    pub follow: Vec<Source>,
    /// Time between polls of a feed (default [`follow::FEED_POLL`]); folders are scanned at
    /// least every [`follow::FOLDER_SCAN`].
    pub poll: Option<Duration>,
    /// Whether a feed item that is only a summary has its linked page fetched.
    pub fetch_articles: bool,
    /// Time allowed for one feed request, body included (zero: [`follow::FEED_TIMEOUT`]).
    pub feed_timeout: Duration,
    /// Largest request body accepted by `POST /api/documents`, in bytes.
    pub max_body: usize,
    /// Threads analyzing (0: one per core).
    pub threads: usize,
}

/// Default [`Options::max_body`]: 32 MiB.
pub const MAX_BODY: usize = 32 << 20;

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
        for source in &options.follow {
            let key = source.key();
            states.push((source.clone(), follow::stored_state(intake.store(), &key)?, key));
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
                    source: f.display(),
                    kind: f.kind(),
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
        let mut followers = Vec::new();
        for (index, (source, state, key)) in states.into_iter().enumerate() {
            let every = match source {
                Source::Folder(_) => options.poll.map_or(follow::FOLDER_SCAN, |p| p.min(follow::FOLDER_SCAN)),
                Source::Feed(_) => options.poll.unwrap_or(follow::FEED_POLL),
            };
            let every = every.max(Duration::from_millis(100));
            let timeout = if options.feed_timeout.is_zero() { follow::FEED_TIMEOUT } else { options.feed_timeout };
            let follower = Follower {
                source,
                key,
                state,
                index,
                jobs: jobs.clone(),
                status: status.clone(),
                every,
                timeout,
                fetch_articles: options.fetch_articles,
            };
            let stop = stop.clone();
            let handle = std::thread::Builder::new()
                .name(format!("dossier-follow-{index}"))
                .spawn(move || follower.run(&stop))
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
