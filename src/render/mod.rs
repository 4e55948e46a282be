//! Portfolio → OutputSet, in memory: pages, Markdown, highlighting and charts. Never
//! touches the disk. Uses `content` (and later `spc`); nothing here uses `commands`.

pub mod chart;
pub mod icons;
pub mod paths;
pub mod png;
