//! Portfolio → OutputSet, in memory: pages, Markdown, highlighting and charts. Never
//! touches the disk. Uses `content` (and later `spc`); nothing here uses `commands`.

pub mod paths;
pub mod links;
pub mod markdown;
