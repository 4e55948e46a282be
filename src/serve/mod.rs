//! `qisite serve`: the site held in memory, an HTTP server for it and a watcher that
//! rebuilds it when a file changes. This is the only part of qisite with shared state
//! (an `Arc` of [`site::Live`]); everything it shows comes from the same load and
//! render stages as `qisite build`, so a served page is byte for byte the built page
//! apart from the live-reload script (and the error overlay) injected into HTML.

pub mod http;
pub mod site;
pub mod watch;
