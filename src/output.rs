//! Writing output safely: every file is written to a temporary file in the same
//! folder, flushed to disk and renamed into place, so a final path is either absent or
//! complete. On Unix, files are readable by the owner only (0600) and folders are 0700:
//! they hold health and social data about a person. A case's folder is locked while a
//! build works in it ([`FolderLock`]), so builds started at the same time (two
//! coordinators, a scheduled job, the workbench and the command line) take turns.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::render::world::hex;

/// SHA-256 of bytes, lower-case hex.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Creates `dir` and its parents with owner-only permissions.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Writes `bytes` to `path` atomically (temp file, fsync, rename), owner-only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_all_atomic(&[(path.to_path_buf(), bytes)]).map_err(|(_, e)| e)
}

/// Writes `bytes` to a new file `path`, complete or not at all, owner-only; fails with
/// `AlreadyExists` and leaves the file alone when `path` exists.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = temp_path(path, 0);
    let result = (|| {
        let mut file = create_private_file(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        // A hard link does not replace an existing file, unlike a rename.
        fs::hard_link(&temp, path)
    })();
    let _ = fs::remove_file(&temp);
    result
}

/// Writes several files atomically: each to a temporary file in its folder, then all
/// flushed to disk, then each renamed into place, then each folder flushed once. A
/// final path is never seen half-written; if the process dies midway, some files are
/// in place and complete, the others untouched. Flushing the files after all are
/// written lets the file system commit them together instead of once per file.
/// On error, says which path failed; temporary files are removed.
pub fn write_all_atomic<B: AsRef<[u8]>>(files: &[(PathBuf, B)]) -> Result<(), (PathBuf, std::io::Error)> {
    let mut temps: Vec<(PathBuf, &Path, File)> = Vec::with_capacity(files.len());
    let result = (|| {
        for (i, (path, bytes)) in files.iter().enumerate() {
            let temp = temp_path(path, i);
            let mut file = create_private_file(&temp).map_err(|e| (path.clone(), e))?;
            let written = file.write_all(bytes.as_ref());
            temps.push((temp, path, file)); // before `?`, so a failed write is cleaned up too
            written.map_err(|e| (path.clone(), e))?;
        }
        for (_, path, file) in &temps {
            file.sync_all().map_err(|e| (path.to_path_buf(), e))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (temp, _, _) in &temps {
            let _ = fs::remove_file(temp);
        }
        return Err(e);
    }
    let mut dirs: Vec<&Path> = Vec::new();
    for (i, (temp, path, _)) in temps.iter().enumerate() {
        if let Err(e) = fs::rename(temp, path) {
            for (temp, _, _) in &temps[i..] {
                let _ = fs::remove_file(temp);
            }
            return Err((path.to_path_buf(), e));
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    for dir in dirs {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// The lock file in a case's output folder.
pub const LOCK_FILE: &str = ".samplan-lock";

/// An exclusive lock on a case's output folder, held while a build reads what is there
/// and writes; released when dropped (or when the process dies), as cargo locks its
/// build directory. Another build of the same case waits for it.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

impl FolderLock {
    /// Locks `dir`, creating it (owner-only) if needed. When another process (or
    /// thread) holds the lock, calls `waiting` once and then waits for it.
    pub fn acquire(dir: &Path, waiting: impl FnOnce()) -> std::io::Result<FolderLock> {
        let file = Self::lock_file(dir)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting();
                file.lock()?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        Ok(FolderLock { _file: file })
    }

    /// As [`FolderLock::acquire`], but gives up (`Ok(None)`) as soon as `give_up` says
    /// so: the wait of a build someone may stop is a poll, never a sleep in the kernel.
    pub fn acquire_unless(
        dir: &Path,
        waiting: impl FnOnce(),
        give_up: impl Fn() -> bool,
    ) -> std::io::Result<Option<FolderLock>> {
        let file = Self::lock_file(dir)?;
        let mut waiting = Some(waiting);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(FolderLock { _file: file })),
                Err(std::fs::TryLockError::WouldBlock) => {
                    if let Some(tell) = waiting.take() {
                        tell();
                    }
                    if give_up() {
                        return Ok(None);
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
        }
    }

    /// The folder's lock file, the folder made (owner-only) if needed.
    fn lock_file(dir: &Path) -> std::io::Result<File> {
        create_private_dir(dir)?;
        create_private_file_keeping(&dir.join(LOCK_FILE))
    }
}

/// Opens `path` for writing without truncating it, creating it owner-only.
fn create_private_file_keeping(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// `.NAME.PID.N.tmp` beside `path` (a build removes leftovers of killed runs).
fn temp_path(path: &Path, n: usize) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

fn create_private_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// One file in a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// File name within the folder.
    #[serde(rename = "namn")]
    pub name: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// SHA-256 of everything the file was made from (data, templates, engine).
    #[serde(rename = "indata")]
    pub inputs: String,
    /// For a recorded form (MP3, EPUB): SHA-256 of what is read aloud (the text, the
    /// rate, the speech tools, the title and date). While it stays the same the file is
    /// kept as it is, even when the document's other forms are made again.
    #[serde(rename = "inläst_från", default, skip_serializing_if = "Option::is_none")]
    pub spoken_from: Option<String>,
}

/// `manifest.json`: what a build wrote for one case version, written last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Engine name and version.
    #[serde(rename = "motor")]
    pub engine: String,
    /// Case id (or leaflet id).
    #[serde(rename = "ärende")]
    pub case_id: String,
    /// Plan version.
    pub version: u32,
    /// Routine id.
    #[serde(rename = "rutin")]
    pub routine: String,
    /// SHA-256 of the case's content (its canonical JSON).
    #[serde(rename = "innehållshash")]
    pub case_hash: String,
    /// SHA-256 of the plan content that needs a new version when it changes (see
    /// [`crate::revision`]).
    #[serde(rename = "planhash")]
    pub plan_hash: String,
    /// SHA-256 of the template set.
    #[serde(rename = "mallar")]
    pub templates: String,
    /// SHA-256 of everything the case's files are made from, to skip an unchanged case.
    #[serde(rename = "indata")]
    pub inputs: String,
    /// Every file written, sorted by name.
    #[serde(rename = "filer")]
    pub files: Vec<ManifestFile>,
    /// In a meeting's folder: when and where its letters say the meeting is, so that a
    /// meeting moved later is announced as moved in its new letters.
    #[serde(rename = "kallelserna", default, skip_serializing_if = "Option::is_none")]
    pub letters: Option<LettersSent>,
}

/// When and where a meeting is, as its letters say: what makes a meeting "moved".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingWhen {
    /// Date, `ÅÅÅÅ-MM-DD`.
    pub datum: String,
    /// Start time, `TT:MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<String>,
    /// Place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plats: Option<String>,
}

/// What a meeting's letters announced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LettersSent {
    /// When and where the letters in the folder say the meeting is.
    #[serde(rename = "kallar_till")]
    pub announced: MeetingWhen,
    /// When and where the letters before them said it was, when it has been moved.
    #[serde(rename = "flyttat_från", default, skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<MeetingWhen>,
}

impl LettersSent {
    /// What the letters for a meeting now at `now` announce, given what the folder's
    /// letters announced before: a meeting moved once stays announced as moved.
    pub fn next(before: Option<&LettersSent>, now: MeetingWhen) -> LettersSent {
        let moved_from = match before {
            None => None,
            Some(b) if b.announced == now => b.moved_from.clone(),
            Some(b) => Some(b.announced.clone()),
        };
        LettersSent { announced: now, moved_from }
    }
}

impl Manifest {
    /// Reads a manifest, if there is a readable one.
    pub fn read(dir: &Path) -> Option<Manifest> {
        let bytes = fs::read(dir.join("manifest.json")).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the manifest atomically.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let path = dir.join("manifest.json");
        let mut bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        write_atomic(&path, &bytes)?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_failed_batch_leaves_neither_temp_nor_final_files() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.pdf");
        let bad = dir.path().join("saknas/b.pdf");
        let err = write_all_atomic(&[(good.clone(), b"a".to_vec()), (bad.clone(), b"b".to_vec())]).unwrap_err();
        assert_eq!(err.0, bad);
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_batch_writes_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<_> = (0..5).map(|i| (dir.path().join(format!("f{i}")), vec![i as u8; 10])).collect();
        write_all_atomic(&files).unwrap();
        for (path, bytes) in &files {
            assert_eq!(&fs::read(path).unwrap(), bytes);
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 5);
    }

    #[cfg(unix)]
    #[test]
    fn files_and_folders_are_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("x/y");
        create_private_dir(&sub).unwrap();
        assert_eq!(fs::metadata(&sub).unwrap().permissions().mode() & 0o777, 0o700);
        let file = sub.join("f");
        write_atomic(&file, b"x").unwrap();
        assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn a_locked_folder_makes_the_next_locker_wait_until_it_is_free() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(dir.path(), || panic!("nobody holds it yet")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let second = std::thread::spawn(move || {
            let waited = std::cell::Cell::new(false);
            let lock = FolderLock::acquire(&path, || waited.set(true)).unwrap();
            tx.send(waited.get()).unwrap();
            drop(lock);
        });
        assert!(rx.recv_timeout(std::time::Duration::from_millis(200)).is_err(), "the second did not wait");
        drop(first);
        assert!(rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap(), "it was not told it waited");
        second.join().unwrap();
    }

    #[test]
    fn a_locker_that_may_be_stopped_gives_up_when_told_and_takes_a_free_lock() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let first = FolderLock::acquire_unless(dir.path(), || panic!("free"), || false).unwrap();
        assert!(first.is_some());
        let (path, flag) = (dir.path().to_path_buf(), stop.clone());
        let second = std::thread::spawn(move || {
            FolderLock::acquire_unless(&path, || {}, || flag.load(Ordering::Relaxed)).unwrap().is_none()
        });
        std::thread::sleep(std::time::Duration::from_millis(100));
        stop.store(true, Ordering::Relaxed);
        assert!(second.join().unwrap(), "the second locker did not give up");
        drop(first);
        assert!(FolderLock::acquire_unless(dir.path(), || panic!("free again"), || true).unwrap().is_some());
    }

    #[test]
    fn sha256_is_hex() {
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
