//! Where the server may read and write: case files inside the case folder, built files
//! inside the output folder. A path that is absolute, holds `..`, is not a YAML file or
//! leads out of its folder through a symbolic link is refused before anything is read
//! or written.

use std::path::{Component, Path, PathBuf};

/// `relative` (as a URL gives it, `/` between folders) as a path below `root`, when it
/// is plain: relative, no `..`, no empty or `.` parts, no backslash or NUL.
fn plain(root: &Path, relative: &str) -> Option<PathBuf> {
    if relative.is_empty() || relative.contains(['\\', '\0']) || relative.starts_with('/') {
        return None;
    }
    let path = Path::new(relative);
    if !path.components().all(|c| matches!(c, Component::Normal(_))) || relative.split('/').any(str::is_empty) {
        return None;
    }
    // No name the file system cannot hold (255 bytes a name on Linux and macOS).
    if relative.split('/').any(|part| part.len() > 255) {
        return None;
    }
    Some(root.join(path))
}

/// Whether `path`, with every symbolic link followed, is inside `root` (already
/// canonical). A path that does not exist yet is judged by its folder.
fn stays_inside(root: &Path, path: &Path) -> bool {
    match std::fs::canonicalize(path) {
        Ok(real) => real.starts_with(root),
        Err(_) if std::fs::symlink_metadata(path).is_ok() => false, // a dangling link
        Err(_) => path.parent().and_then(|p| std::fs::canonicalize(p).ok()).is_some_and(|p| p.starts_with(root)),
    }
}

/// Whether a file name is a case file's.
pub fn is_case_file_name(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// The case file `relative` under the case folder `root` (canonical): existing or not,
/// but never outside it, never in its waste-paper basket, always `.yaml`/`.yml`.
pub fn case_file(root: &Path, relative: &str) -> Option<PathBuf> {
    if !is_case_file_name(relative) || relative.split('/').next() == Some(super::WASTE_FOLDER) {
        return None;
    }
    let path = plain(root, relative)?;
    // Only a regular file, or nothing yet: a folder, FIFO or device is never opened.
    if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
        return None;
    }
    stays_inside(root, &path).then_some(path)
}

/// The existing file `relative` under the output folder `root` (canonical).
pub fn output_file(root: &Path, relative: &str) -> Option<PathBuf> {
    let path = plain(root, relative)?;
    (path.is_file() && stays_inside(root, &path)).then_some(path)
}

/// Writes `bytes` to the case file `path` (from [`case_file`], under `root`)
/// atomically and owner-only, without ever leaving the case folder. The folder the file
/// goes in is opened once and its real place checked to be inside `root`; the temporary
/// file is made, renamed into place and flushed through that open folder, so a folder
/// swapped for a symbolic link meanwhile cannot carry the request's bytes out. After the
/// rename the folder's place is checked again, and a file that ended up outside (its
/// folder moved out meanwhile) is removed.
pub fn write_inside(root: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use rustix::fs::{Mode, OFlags, fsync, openat, renameat, unlinkat};
    use std::io::Write;
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(outside());
    };
    let dir = openat(rustix::fs::CWD, folder, OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?;
    if !opened_inside(root, &dir, folder) {
        return Err(outside());
    }
    let temp = format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id());
    // Saves are one at a time, so a temporary file of this name is a killed save's.
    let _ = unlinkat(&dir, temp.as_str(), rustix::fs::AtFlags::empty());
    let written = (|| {
        let flags = OFlags::CREATE | OFlags::EXCL | OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let mut file = std::fs::File::from(openat(&dir, temp.as_str(), flags, Mode::from_raw_mode(0o600))?);
        file.write_all(bytes)?;
        file.sync_all()?;
        renameat(&dir, temp.as_str(), &dir, name)?;
        fsync(&dir)?;
        Ok::<(), std::io::Error>(())
    })();
    if written.is_err() {
        let _ = unlinkat(&dir, temp.as_str(), rustix::fs::AtFlags::empty());
        return written;
    }
    if !opened_inside(root, &dir, folder) {
        let _ = unlinkat(&dir, name, rustix::fs::AtFlags::empty());
        return Err(outside());
    }
    Ok(())
}

fn outside() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        "mappen ligger inte längre i ärendemappen; inget sparades",
    )
}

/// Whether the open folder `dir` (opened as `folder`) lies inside `root`: on Linux by
/// where the kernel says the open folder is, elsewhere by its path.
fn opened_inside(root: &Path, dir: &impl std::os::fd::AsFd, folder: &Path) -> bool {
    if cfg!(target_os = "linux") {
        use std::os::fd::AsRawFd;
        let fd = dir.as_fd().as_raw_fd();
        std::fs::read_link(format!("/proc/self/fd/{fd}")).is_ok_and(|real| real.starts_with(root))
    } else {
        std::fs::canonicalize(folder).is_ok_and(|real| real.starts_with(root))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_yaml_paths_inside_the_folder_pass() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(root.join("information")).unwrap();
        std::fs::write(root.join("a.yaml"), "x").unwrap();
        assert_eq!(case_file(&root, "a.yaml"), Some(root.join("a.yaml")));
        assert_eq!(case_file(&root, "ny.yml"), Some(root.join("ny.yml")));
        assert_eq!(case_file(&root, "information/b.yaml"), Some(root.join("information/b.yaml")));
        for bad in [
            "../a.yaml",
            "/etc/a.yaml",
            "information/../a.yaml",
            "./a.yaml",
            "a.txt",
            "information//b.yaml",
            "a\\b.yaml",
            "saknas/b.yaml",
            ".papperskorg/a.yaml",
        ] {
            assert_eq!(case_file(&root, bad), None, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_folder_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("hemlig.yaml"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::os::unix::fs::symlink(outside.path().join("hemlig.yaml"), root.join("lank.yaml")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("ut")).unwrap();
        std::os::unix::fs::symlink(root.join("finns-inte.yaml"), root.join("dinglar.yaml")).unwrap();
        assert_eq!(case_file(&root, "lank.yaml"), None);
        assert_eq!(case_file(&root, "ut/hemlig.yaml"), None);
        assert_eq!(case_file(&root, "ut/ny.yaml"), None);
        assert_eq!(case_file(&root, "dinglar.yaml"), None);
        assert_eq!(output_file(&root, "ut/hemlig.yaml"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_save_goes_through_the_open_folder_and_never_lands_outside() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(root.join("information")).unwrap();
        let path = case_file(&root, "information/b.yaml").unwrap();
        write_inside(&root, &path, b"a: 1\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"a: 1\n");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let names: Vec<_> =
            std::fs::read_dir(root.join("information")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["b.yaml"], "a temporary file was left");
        // The folder swapped for a link out of the case folder after the path was
        // checked: nothing is written outside, and the save fails.
        let outside = tempfile::tempdir().unwrap();
        std::fs::rename(root.join("information"), root.join("undan")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("information")).unwrap();
        assert!(write_inside(&root, &path, b"hemligt").is_err());
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0, "bytes were written outside");
    }
}
