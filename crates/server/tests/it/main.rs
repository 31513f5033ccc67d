//! The server's tests, one binary: the API and pages in-process through `Router::oneshot`
//! (`api.rs`, `pages.rs`), and end to end in a real headless Chromium (`browser.rs`, driving it
//! over the DevTools protocol with `cdp.rs`). All share the store built in `support.rs`: the
//! sample corpus in `examples/corpus` plus a hostile article written for these tests.

mod api;
mod browser;
mod cdp;
mod exports;
mod live;
mod pages;
mod support;
