//! A scratch directory per test, removed when dropped.

use std::path::PathBuf;

pub struct Scratch(PathBuf);

impl Scratch {
    /// `<tmp>/sigbridge-<suite>-<pid>-<test>`, fresh.
    pub fn new(suite: &str, test: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("sigbridge-{suite}-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
