//! Opening inputs as byte streams: files, standard input, and gzip (by magic bytes, not by name),
//! with the size limits that keep one huge or hostile input from exhausting memory.
//!
//! Why: news dumps arrive as `.jsonl.gz`, `.warc.gz` or piped through `zcat`; decompression must
//! be a stream (a 10 GB dump never fits in memory) and the limits must hold after decompression,
//! or a 1 MB gzip bomb becomes 1 GB in memory.
//!
//! Example: `read_limited(&mut stream, 64 << 20)` gives the whole page, or `Limited::TooLarge`
//! after reading at most one byte more than the limit.
//!
//! Known limits: gzip is the only compression recognised (no zstd, bzip2 or xz); a gzip member
//! is located by its compressed offset only when the member starts after the reader's buffer
//! was last refilled, which holds for the WARC reader that asks in record order.

use flate2::bufread::GzDecoder;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

/// The two bytes every gzip member starts with.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Reads all of `reader` when it holds at most `limit` bytes.
pub enum Limited {
    /// The whole content.
    Complete(Vec<u8>),
    /// More than `limit` bytes; reading stopped at `limit + 1`.
    TooLarge,
}

/// Reads `reader` to the end unless it holds more than `limit` bytes.
pub fn read_limited(reader: &mut dyn Read, limit: u64) -> io::Result<Limited> {
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Limited::TooLarge);
    }
    Ok(Limited::Complete(bytes))
}

/// Reads up to `n` bytes (fewer only at the end of the stream), for format detection.
pub fn read_head(reader: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    reader.take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Where each gzip member began: pairs of (decompressed offset, compressed offset), oldest first.
/// Shared between the decoder, which appends, and the reader of records, which looks up and
/// forgets entries it has passed.
#[derive(Clone, Default)]
pub struct MemberMap(Rc<RefCell<VecDeque<(u64, u64)>>>);

impl MemberMap {
    /// The compressed offset of the member holding decompressed byte `offset`. Entries before that
    /// member are dropped, so ask in increasing order.
    pub fn locate(&self, offset: u64) -> u64 {
        let mut members = self.0.borrow_mut();
        while members.len() > 1 && members[1].0 <= offset {
            members.pop_front();
        }
        members.front().map_or(0, |&(_, compressed)| compressed)
    }
}

/// Decompresses a stream of concatenated gzip members (as `gzip -c a b` or a `.warc.gz` with one
/// member per record writes them), remembering where each member starts.
pub struct Members<R: BufRead> {
    state: State<R>,
    compressed: u64,
    decompressed: u64,
    map: MemberMap,
}

enum State<R: BufRead> {
    Between(Counting<R>),
    Inside(GzDecoder<Counting<R>>),
    Done,
}

impl<R: BufRead> Members<R> {
    /// A decoder over `inner`, which must start with a gzip member.
    pub fn new(inner: R) -> Members<R> {
        Members {
            state: State::Between(Counting { inner, count: 0 }),
            compressed: 0,
            decompressed: 0,
            map: MemberMap::default(),
        }
    }

    /// The shared map of member offsets.
    pub fn map(&self) -> MemberMap {
        self.map.clone()
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(0),
                State::Between(mut inner) => {
                    // Trailing zero padding after the last member is common in tape-era files
                    // and harmless; anything else must be another member.
                    let available = inner.fill_buf()?;
                    if available.is_empty() {
                        return Ok(0);
                    }
                    if available.iter().all(|&b| b == 0) {
                        let n = available.len();
                        inner.consume(n);
                        self.state = State::Between(inner);
                        continue;
                    }
                    self.compressed = inner.count;
                    self.map.0.borrow_mut().push_back((self.decompressed, self.compressed));
                    self.state = State::Inside(GzDecoder::new(inner));
                }
                State::Inside(mut decoder) => {
                    let n = decoder.read(buf)?;
                    if n == 0 && !buf.is_empty() {
                        self.state = State::Between(decoder.into_inner());
                        continue;
                    }
                    self.decompressed += n as u64;
                    self.state = State::Inside(decoder);
                    return Ok(n);
                }
            }
        }
    }
}

/// A `BufRead` that counts the bytes consumed from it.
pub struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.count += amt as u64;
        self.inner.consume(amt);
    }
}

/// A line read with [`read_line_limited`].
pub enum Line {
    /// A line of at most the limit, without its `\n`.
    Complete,
    /// A line longer than the limit: the buffer holds at most `limit` bytes of its start, the
    /// rest was consumed and dropped.
    TooLong,
    /// The end of the stream, nothing read.
    End,
}

/// Reads one line into `line` (cleared first), keeping at most `limit` bytes of it, so a 10 GB
/// line costs no more memory than a short one. Returns what it read and the bytes consumed.
pub fn read_line_limited(reader: &mut dyn BufRead, line: &mut Vec<u8>, limit: u64) -> io::Result<(Line, u64)> {
    line.clear();
    let mut consumed = 0u64;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            let kind = match (consumed, too_long) {
                (0, _) => Line::End,
                (_, true) => Line::TooLong,
                (_, false) => Line::Complete,
            };
            return Ok((kind, consumed));
        }
        let (chunk, found) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let keep = &chunk[..chunk.len() - usize::from(found)];
        let room = limit.saturating_sub(line.len() as u64);
        if keep.len() as u64 > room {
            too_long = true;
        }
        if !too_long {
            line.extend_from_slice(keep);
        }
        let n = chunk.len();
        reader.consume(n);
        consumed += n as u64;
        if found {
            return Ok((if too_long { Line::TooLong } else { Line::Complete }, consumed));
        }
    }
}
