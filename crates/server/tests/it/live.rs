//! A server that writes: `POST /api/documents` with and without its token, mixed and oversized
//! bodies; a followed folder read as files appear, and resumed after a restart; one writer per
//! store.

use crate::support::{get, send};
use axum::http::{Method, StatusCode};
use server::live::{Live, Options};
use std::path::Path;
use std::time::{Duration, Instant};

const TOKEN: &str = "test-token-7";

fn options(follow: Vec<server::follow::Source>) -> Options {
    Options {
        token: Some(TOKEN.into()),
        follow,
        poll: Some(Duration::from_secs(1)),
        feed_timeout: Duration::from_secs(2),
        fetch_articles: true,
        max_body: 4096,
        threads: 1,
    }
}

fn post(app: &axum::Router, token: Option<&str>, body: &str) -> crate::support::Reply {
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("authorization", a.as_str())).collect();
    send(app, Method::POST, "/api/documents", &headers, body.as_bytes().to_vec())
}

const BATCH: &str = concat!(
    r#"{"id":"p-1","title":"Ferry service resumes on the Tagus","text":"The ferry service across the Tagus resumed on Friday after a two-day stoppage, the operator said.","published":"2025-03-07"}"#,
    "\n",
    "{not json\n",
    "\n",
    r#"{"id":"p-2","text":"Wildfires burned 1,200 hectares near Tortosa on Thursday, firefighters said."}"#,
    "\n",
    r#"{"id":"p-3","title":"No text here"}"#,
    "\n",
);

#[test]
fn posted_documents_need_the_token_and_answer_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let (live, threads) = Live::start(dir.path(), &options(Vec::new())).unwrap();
    let app = server::router_with(dir.path(), Some(live)).unwrap();

    let none = post(&app, None, BATCH);
    assert_eq!((none.status, none.code().as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    let wrong = post(&app, Some("test-token-8"), BATCH);
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);

    let first = post(&app, Some(TOKEN), BATCH);
    assert_eq!(first.status, StatusCode::ACCEPTED, "{}", first.body);
    let json = first.json();
    assert_eq!(
        (json["added"].as_u64(), json["duplicates"].as_u64(), json["rejected"].as_u64()),
        (Some(2), Some(0), Some(2))
    );
    let items = json["items"].as_array().unwrap();
    let lines: Vec<(u64, &str)> =
        items.iter().map(|i| (i["line"].as_u64().unwrap(), i["status"].as_str().unwrap())).collect();
    assert_eq!(lines, [(1, "new"), (2, "rejected"), (4, "new"), (5, "rejected")]);
    assert_eq!(items[0]["id"], "p-1");
    assert!(items[1]["error"].as_str().unwrap().contains("json"), "{}", items[1]);

    // The same body again stores nothing; the documents are searchable.
    let again = post(&app, Some(TOKEN), BATCH).json();
    assert_eq!((again["added"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(2)));
    let hits = get(&app, "/api/search?q=Tortosa").json();
    assert_eq!(hits["documents"]["items"].as_array().unwrap().len(), 1, "{hits}");
    // Linked as they were stored: each is in a story.
    let stories = get(&app, "/api/stories").json();
    assert_eq!(stories["items"].as_array().map(Vec::len), Some(2), "{stories}");

    // One pretty-printed object is one document.
    let one = post(
        &app,
        Some(TOKEN),
        "{\n  \"id\": \"p-4\",\n  \"text\": \"Snow closed the Brenner pass on Sunday, police said.\"\n}\n",
    );
    assert_eq!(one.json()["added"].as_u64(), Some(1), "{}", one.body);

    let nothing = post(&app, Some(TOKEN), "{not json\n");
    assert_eq!((nothing.status, nothing.code().as_str()), (StatusCode::BAD_REQUEST, "invalid_body"));
    let big = post(&app, Some(TOKEN), &"x".repeat(5000));
    assert_eq!((big.status, big.code().as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "too_large"));

    // One writer: a second writing server on the store is refused while this one runs.
    let Err(busy) = Live::start(dir.path(), &options(Vec::new())) else { panic!("a second writer started") };
    assert!(busy.to_string().contains("being written by `dossier serve`"), "{busy}");
    drop(app);
    threads.stop();
    Live::start(dir.path(), &options(Vec::new())).map(|(_, t)| t.stop()).unwrap();
}

#[test]
fn a_read_only_server_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let app = server::router(dir.path()).unwrap();
    let reply = post(&app, Some(TOKEN), BATCH);
    assert_eq!((reply.status, reply.code().as_str()), (StatusCode::FORBIDDEN, "writes_disabled"));
    assert_eq!(get(&app, "/api/sources/follow").json()["items"].as_array().map(Vec::len), Some(0));
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(30), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn followed(app: &axum::Router) -> serde_json::Value {
    get(app, "/api/sources/follow").json()["items"][0].clone()
}

#[test]
fn a_followed_folder_is_read_as_files_appear_and_resumed_after_a_restart() {
    let store = tempfile::tempdir().unwrap();
    let inbox = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(inbox.path().join(name), text).unwrap();
    write(
        "first.jsonl",
        concat!(r#"{"id":"f-1","text":"Heavy rain flooded the old town of Mostar on Monday, officials said."}"#, "\n"),
    );
    let (live, threads) =
        Live::start(store.path(), &options(vec![server::follow::Source::Folder(inbox.path().to_owned())])).unwrap();
    let app = server::router_with(store.path(), Some(live)).unwrap();
    let count =
        |q: &str| get(&app, &format!("/api/search?q={q}")).json()["documents"]["items"].as_array().map_or(0, Vec::len);
    wait_for("the first file", || count("Mostar") == 1);

    std::fs::create_dir(inbox.path().join("later")).unwrap();
    write(
        "later/second.txt",
        "Ferries to Hvar stopped\n\nStorms halted ferries to Hvar on Tuesday, the port authority said.\n",
    );
    write("broken.jsonl", "{oops\n");
    wait_for("the second file", || count("Hvar") == 1);
    wait_for("the rejection", || followed(&app)["rejected"].as_u64() == Some(1));
    let status = followed(&app);
    assert_eq!((status["kind"].as_str(), status["errors"].as_u64()), (Some("folder"), Some(0)), "{status}");
    assert!(status["last_rejected"].as_str().unwrap().contains("broken.jsonl"), "{status}");
    assert_eq!(status["documents_added"].as_u64(), Some(2), "{status}");
    let overview = get(&app, "/").body;
    assert!(overview.contains("Followed sources") && overview.contains("broken.jsonl"), "{overview}");
    drop(app);
    threads.stop();

    // Restarted, it reads only what changed while it was down.
    write(
        "third.jsonl",
        concat!(r#"{"id":"f-3","text":"A landslide blocked the road to Kotor on Wednesday, police said."}"#, "\n"),
    );
    let (live, threads) =
        Live::start(store.path(), &options(vec![server::follow::Source::Folder(inbox.path().to_owned())])).unwrap();
    let app = server::router_with(store.path(), Some(live)).unwrap();
    wait_for("the third file", || {
        get(&app, "/api/search?q=Kotor").json()["documents"]["items"].as_array().map_or(0, Vec::len) == 1
    });
    let status = followed(&app);
    assert_eq!((status["items_seen"].as_u64(), status["documents_added"].as_u64()), (Some(1), Some(1)), "{status}");
    assert_eq!(documents(store.path()), 3);
    drop(app);
    threads.stop();
}

fn documents(dir: &Path) -> u64 {
    store::Store::open(dir).unwrap().stats().unwrap().documents
}

/// A loopback HTTP server for the feed test: `/feed.xml` (an RSS feed with an ETag, answering
/// 304 to a matching `If-None-Match`), `/page` (HTML), `/broken` (500), `/slow` (a body that
/// never finishes), `/loop` (a redirect to itself).
struct Feeds {
    addr: std::net::SocketAddr,
    items: std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>,
    not_modified: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Feeds {
    fn start() -> Feeds {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let items = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(String, String)>::new()));
        let not_modified = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (shared, counter) = (items.clone(), not_modified.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (shared, counter) = (shared.clone(), counter.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut first = String::new();
                    let _ = reader.read_line(&mut first);
                    let path = first.split_whitespace().nth(1).unwrap_or("/").to_owned();
                    let mut if_none_match = None;
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                            break;
                        }
                        if let Some((name, value)) = line.split_once(':')
                            && name.eq_ignore_ascii_case("if-none-match")
                        {
                            if_none_match = Some(value.trim().to_owned());
                        }
                    }
                    let respond = |stream: &mut std::net::TcpStream, status: &str, headers: &str, body: &str| {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        );
                    };
                    match path.as_str() {
                        "/feed.xml" => {
                            let items = shared.lock().unwrap().clone();
                            let etag = format!("\"v{}\"", items.len());
                            if if_none_match.as_deref() == Some(etag.as_str()) {
                                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                                return respond(&mut stream, "304 Not Modified", &format!("ETag: {etag}\r\n"), "");
                            }
                            let body: String = items
                                .iter()
                                .map(|(guid, text)| format!("<item><guid>{guid}</guid><title>{text}</title><description>{text} More details followed later in the day.</description></item>"))
                                .collect();
                            let feed = format!(
                                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test wire</title>{body}</channel></rss>"
                            );
                            respond(
                                &mut stream,
                                "200 OK",
                                &format!("Content-Type: application/rss+xml\r\nETag: {etag}\r\n"),
                                &feed,
                            );
                        }
                        "/sitemap.xml" => {
                            let base = format!("http://{}", stream.local_addr().unwrap());
                            let map = format!(
                                "<?xml version=\"1.0\"?><urlset xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>{base}/article/harbour</loc><news:news><news:publication_date>2025-03-04</news:publication_date><news:title>Harbour</news:title></news:news></url><url><loc>{base}/article/missing</loc></url></urlset>"
                            );
                            respond(&mut stream, "200 OK", "Content-Type: application/xml\r\n", &map);
                        }
                        "/summaries.xml" => {
                            let base = format!("http://{}", stream.local_addr().unwrap());
                            let feed = format!(
                                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Summaries</title><item><guid>s-1</guid><title>Glacier retreat measured</title><link>{base}/article/glacier</link><description>Short summary only.</description></item></channel></rss>"
                            );
                            respond(&mut stream, "200 OK", "Content-Type: application/rss+xml\r\n", &feed);
                        }
                        article if article.starts_with("/article/") && article != "/article/missing" => {
                            let name = &article["/article/".len()..];
                            let page = format!(
                                "<!doctype html><html><head><title>{name} report</title></head><body><nav>Home | World</nav><article><h1>The {name} report</h1>\
                                 <p>Engineers in Quillbridge said on Tuesday that the {name} survey had finished after three weeks of work in difficult weather.</p>\
                                 <p>The survey team measured every section twice, and the regional office said the results would be published in the spring.</p>\
                                 <p>Local residents told reporters they had watched the work from the shore most mornings, and several said they hoped for more.</p>\
                                 </article><footer>Copyright</footer></body></html>"
                            );
                            respond(&mut stream, "200 OK", "Content-Type: text/html; charset=utf-8\r\n", &page);
                        }
                        "/page" => respond(
                            &mut stream,
                            "200 OK",
                            "Content-Type: text/html\r\n",
                            "<!doctype html><html><body><p>We moved our feed.</p></body></html>",
                        ),
                        "/broken" => respond(&mut stream, "500 Internal Server Error", "", "oops"),
                        "/loop" => respond(&mut stream, "302 Found", "Location: /loop\r\n", ""),
                        "/slow" => {
                            let _ = write!(
                                stream,
                                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n<rss>"
                            );
                            for _ in 0..600 {
                                if stream.write_all(b" ").is_err() {
                                    return;
                                }
                                std::thread::sleep(Duration::from_millis(100));
                            }
                        }
                        _ => respond(&mut stream, "404 Not Found", "", "no"),
                    }
                });
            }
        });
        Feeds { addr, items, not_modified }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn publish(&self, guid: &str, text: &str) {
        self.items.lock().unwrap().push((guid.into(), text.into()));
    }
}

#[test]
fn followed_feeds_bring_new_items_and_failing_feeds_are_reported_and_survived() {
    use server::follow::Source;
    let feeds = Feeds::start();
    feeds.publish("w-1", "Ferries to Capri cancelled as storm hits the Gulf of Naples");
    let store = tempfile::tempdir().unwrap();
    let sources: Vec<Source> = ["/feed.xml", "/page", "/broken", "/slow", "/loop", "/sitemap.xml", "/summaries.xml"]
        .iter()
        .map(|p| Source::Feed(feeds.url(p)))
        .collect();
    let (live, threads) = Live::start(store.path(), &options(sources)).unwrap();
    let app = server::router_with(store.path(), Some(live)).unwrap();
    let found =
        |q: &str| get(&app, &format!("/api/search?q={q}")).json()["documents"]["items"].as_array().map_or(0, Vec::len);
    wait_for("the first item", || found("Capri") == 1);

    // Unchanged, the feed answers 304 and nothing is read again.
    wait_for("a 304", || feeds.not_modified.load(std::sync::atomic::Ordering::SeqCst) >= 2);
    feeds.publish("w-2", "Rail strike halts trains between Lyon and Turin on Friday");
    wait_for("the new item", || found("Lyon") == 1);
    assert_eq!(found("Capri"), 1);

    // Every failing source is reported with its reason; none stopped the others.
    let status = |k: usize| get(&app, "/api/sources/follow").json()["items"][k].clone();
    wait_for("every failing source's error", || (1..5).all(|k| status(k)["errors"].as_u64().unwrap_or(0) >= 1));
    let reason = |k: usize| status(k)["last_error"].as_str().unwrap_or_default().to_lowercase();
    assert!(reason(1).contains("not a feed") && reason(1).contains("html"), "{}", reason(1));
    assert!(reason(2).contains("500"), "{}", reason(2));
    assert!(reason(3).contains("time") || reason(3).contains("body"), "{}", reason(3));
    assert!(reason(4).contains("redirect"), "{}", reason(4));
    // A sitemap's pages are fetched (one missing: reported, the other read); a feed item that
    // is only a summary is replaced by its page, with the item's title and id.
    wait_for("the sitemap's page", || found("harbour") == 1);
    let sitemap = status(5);
    assert_eq!(
        (sitemap["kind"].as_str(), sitemap["documents_added"].as_u64(), sitemap["rejected"].as_u64()),
        (Some("sitemap"), Some(1), Some(1)),
        "{sitemap}"
    );
    wait_for("the summary's page", || found("glacier") == 1);
    assert_eq!(found("Quillbridge"), 2);
    let feed = status(0);
    assert_eq!(
        (feed["kind"].as_str(), feed["errors"].as_u64(), feed["documents_added"].as_u64()),
        (Some("feed"), Some(0), Some(2)),
        "{feed}"
    );
    drop(app);
    threads.stop();
}
