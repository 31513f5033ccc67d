//! A minimal Chrome DevTools Protocol client: launches Debian's headless Chromium with a fresh
//! profile, attaches to one page and offers what the browser tests need — navigate, evaluate,
//! wait for a condition, click like a mouse, and take a screenshot.
//!
//! Why not a crate: `headless_chrome` and `chromiumoxide` bring generated bindings for the whole
//! protocol (minutes of compile time) for the five commands used here; a WebSocket
//! (`tungstenite`, no TLS) and JSON are enough.
//!
//! Chromium is found at `$CHROMIUM`, else `/usr/bin/chromium`, else `chromium` on the `PATH`.
//! When it is missing the tests fail (never skip) and say how to install it.
//! Waits have deadlines only so that a broken page fails the test instead of hanging it; no
//! assertion depends on how long anything takes.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// How long a wait may last before the test fails.
const DEADLINE: Duration = Duration::from_secs(60);

/// A headless Chromium with one page attached.
pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
    _profile: tempfile::TempDir,
}

/// What a browser test says when Chromium is missing.
const MISSING: &str = "chromium is not installed, and the browser tests need it: install it with \
                       `apt-get install -y chromium` (Debian) or set CHROMIUM to its path";

impl Browser {
    /// Starts Chromium and opens a blank page. Without Chromium, `test` is skipped — `None`, and
    /// a line on stderr saying so and why — except under `CI`, where it fails: CI installs it.
    pub fn launch_or_skip(test: &str) -> Option<Browser> {
        match chromium() {
            Some(binary) => Some(Browser::launch(&binary)),
            None if std::env::var_os("CI").is_some() => panic!("{MISSING} (CI is set, so this fails)"),
            None => {
                // Written to the handle, not with `eprintln!`, which the test harness captures:
                // the skip must show in a plain `cargo test`.
                let _ = writeln!(std::io::stderr(), "skipped {test}: {MISSING}");
                None
            }
        }
    }

    /// Starts the Chromium at `binary` and opens a blank page.
    fn launch(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().expect("a profile folder");
        let child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=1280,900",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let mut browser_child = child;
        let endpoint = devtools_endpoint(&mut browser_child);
        let (mut socket, _) = tungstenite::connect(endpoint.as_str()).expect("the DevTools socket opens");
        if let MaybeTlsStream::Plain(stream) = socket.get_mut() {
            stream.set_read_timeout(Some(DEADLINE)).expect("a read timeout");
        }
        let mut browser =
            Browser { child: browser_child, socket, session: String::new(), next_id: 0, _profile: profile };
        let target = browser.send(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].as_str().expect("a target id").to_owned();
        let attached = browser.send(None, "Target.attachToTarget", json!({ "targetId": target, "flatten": true }));
        browser.session = attached["sessionId"].as_str().expect("a session id").to_owned();
        browser
    }

    /// Sends a command to the page and returns its result; panics on a protocol error.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(Some(&session), method, params)
    }

    /// Loads `url` and waits until the page has loaded.
    pub fn goto(&mut self, url: &str) {
        let answer = self.call("Page.navigate", json!({ "url": url }));
        assert!(answer.get("errorText").is_none(), "navigating to {url}: {answer}");
        self.wait_for(&format!("document.readyState === 'complete' && location.href === {}", json!(url)), url);
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        self.try_eval(expression).unwrap_or_else(|e| panic!("evaluating `{expression}`: {e}"))
    }

    /// Polls `condition` until it is true; panics naming `what` at the deadline.
    pub fn wait_for(&mut self, condition: &str, what: &str) {
        let started = Instant::now();
        while started.elapsed() < DEADLINE {
            if self.try_eval(condition).ok() == Some(Value::Bool(true)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("waited in vain for {what} (`{condition}`)");
    }

    /// Clicks the middle of the first element matching `selector` with mouse events, as a user
    /// would (scrolling it into view first).
    pub fn click(&mut self, selector: &str) {
        let rect = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return null;
                 e.scrollIntoView({{block: 'center'}}); const r = e.getClientRects()[0];
                 return [r.left + r.width / 2, r.top + r.height / 2]; }})()",
            json!(selector)
        ));
        let (x, y) = match (&rect[0], &rect[1]) {
            (Value::Number(x), Value::Number(y)) => (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0)),
            _ => panic!("nothing to click at `{selector}`"),
        };
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            );
        }
    }

    /// Saves a PNG of the whole page at `path`.
    pub fn screenshot(&mut self, path: &Path) {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png", "captureBeyondViewport": true }));
        let data = shot["data"].as_str().expect("screenshot data");
        let png = data_encoding::BASE64.decode(data.as_bytes()).expect("base64 screenshot");
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("the screenshot folder");
        }
        std::fs::write(path, png).expect("the screenshot is written");
    }

    fn try_eval(&mut self, expression: &str) -> Result<Value, String> {
        let session = self.session.clone();
        let answer = self.send_raw(
            Some(&session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        )?;
        if let Some(exception) = answer.get("exceptionDetails") {
            return Err(exception.to_string());
        }
        Ok(answer["result"]["value"].clone())
    }

    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.send_raw(session, method, params).unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    fn send_raw(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket.send(Message::text(message.to_string())).map_err(|e| e.to_string())?;
        loop {
            let reply = self.socket.read().map_err(|e| format!("the browser stopped answering: {e}"))?;
            let Message::Text(text) = reply else { continue };
            let reply: Value = serde_json::from_str(text.as_str()).map_err(|e| e.to_string())?;
            if reply["id"].as_u64() != Some(id) {
                continue; // an event, or the answer to an abandoned command
            }
            if let Some(error) = reply.get("error") {
                return Err(error.to_string());
            }
            return Ok(reply["result"].clone());
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.socket.close(None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where Chromium is, if installed.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path)).filter(|p| p.exists());
    }
    let debian = PathBuf::from("/usr/bin/chromium");
    if debian.exists() {
        return Some(debian);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join("chromium")).find(|p| p.exists())
}

/// The browser's DevTools WebSocket address, which Chromium prints on standard error once it
/// listens.
fn devtools_endpoint(child: &mut Child) -> String {
    let stderr = child.stderr.take().expect("chromium's standard error");
    let (sender, receiver) = std::sync::mpsc::channel();
    // Read on a thread so a silent browser hits the deadline instead of blocking forever; the
    // thread keeps draining standard error so Chromium never blocks writing to it.
    std::thread::spawn(move || {
        let mut sender = Some(sender);
        let mut seen = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("ws://") {
                if let Some(sender) = sender.take() {
                    let _ = sender.send(Ok(line[at..].trim().to_owned()));
                }
            } else if sender.is_some() {
                seen.push(line);
            }
        }
        if let Some(sender) = sender {
            let _ = sender.send(Err(seen.join("\n")));
        }
    });
    match receiver.recv_timeout(DEADLINE) {
        Ok(Ok(endpoint)) => endpoint,
        Ok(Err(output)) => panic!("chromium exited before listening for DevTools:\n{output}"),
        Err(_) => panic!("chromium did not start listening for DevTools"),
    }
}
