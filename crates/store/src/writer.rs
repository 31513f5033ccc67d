//! The one writer of a store: an advisory lock on `writer.lock` in the store directory, held by
//! whichever process writes documents and the ledger (`dossier ingest`, `link`, `reanalyze`,
//! `compact`, or a `dossier serve` that accepts or follows documents), and the state a
//! following server keeps per source.
//!
//! Why: the ledger is held in memory by a following server and saved as a log of what it
//! linked; a second writer would link the same documents against a stale ledger, doubling log
//! entries or losing propositions. Readers (the API, `dossier search`) never take the lock:
//! SQLite's WAL lets them read while the one writer commits.
//!
//! How: `File::try_lock` (an OS advisory lock, released by the OS when the process dies, so a
//! `kill -9` leaves no stale lock); the file holds the holder's description for the error a
//! second writer gets.
//!
//! Example: `dossier serve --follow feeds/` holds the lock; `dossier ingest x.jsonl` on the same
//! store then fails with "store data/ is being written by `dossier serve` (pid 4242) …".
//!
//! Known limits: advisory only (a process that ignores it is not stopped); on a network file
//! system without locks, `try_lock` may fail for every process, which is reported as such.

use crate::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

/// The lock file in a store directory.
pub const LOCK_FILE: &str = "writer.lock";

/// The held writer lock of a store; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the writer lock of the store in `dir` for `holder` (e.g. "`dossier ingest`"),
    /// creating the directory when missing. Fails at once, naming the current holder, when
    /// another process holds it.
    pub fn acquire(dir: &Path, holder: &str) -> Result<WriterLock> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_owned(), source })?;
        let path = dir.join(LOCK_FILE);
        let io = |source| Error::Io { path: path.clone(), source };
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut current = String::new();
                let _ = file.read_to_string(&mut current);
                let current = current.trim();
                let current = if current.is_empty() { "another process" } else { current };
                return Err(Error::Busy { dir: dir.to_owned(), holder: current.to_owned() });
            }
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        write!(file, "{holder} (pid {})", std::process::id()).map_err(io)?;
        Ok(WriterLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriterLock::acquire(dir.path(), "`dossier serve`").unwrap();
        let second = WriterLock::acquire(dir.path(), "`dossier ingest`").unwrap_err();
        let message = second.to_string();
        assert!(message.contains("`dossier serve` (pid"), "{message}");
        drop(first);
        WriterLock::acquire(dir.path(), "`dossier ingest`").unwrap();
    }
}
