//! The typst `World` samplan compiles in: fonts embedded in the binary, a template set
//! held in memory (the built-in one, or an organisation's folder read once), and the
//! document's data as JSON at one fixed virtual path. Nothing else exists in this world:
//! a template that asks for any other file — `/etc/passwd`, `../x`, a package — gets
//! "not found", so neither a template nor a case can read anything outside the set.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::case::datetime::CalendarDate;

/// The virtual path the document data is served at.
pub const DATA_PATH: &str = "/data.json";
/// Where a document's outline ([`crate::document::Outline`]) is read from, for the
/// documents whose content is decided in Rust.
pub const OUTLINE_PATH: &str = "/innehall.json";

/// The fonts shipped in the binary: typst's own, Atkinson Hyperlegible (OFL), without
/// its TrueType hinting, which does nothing in a PDF, and for the letters it lacks in
/// the person's language Noto Sans and Noto Naskh Arabic (OFL) (fonts/README.md).
const EXTRA_FONTS: &[&[u8]] = &[
    include_bytes!("../../fonts/AtkinsonHyperlegible_400Regular.ttf"),
    include_bytes!("../../fonts/AtkinsonHyperlegible_700Bold.ttf"),
    include_bytes!("../../fonts/AtkinsonHyperlegible_400Regular_Italic.ttf"),
    include_bytes!("../../fonts/AtkinsonHyperlegible_700Bold_Italic.ttf"),
    include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../fonts/NotoNaskhArabic-Bold.ttf"),
];

/// The built-in templates, compiled into the binary: every file in `templates/`.
const BUILTIN_TEMPLATES: &[(&str, &str)] = crate::embedded::TEMPLATE_FILES;

/// The built-in template files (name, text), e.g. to hand them to another tool.
pub fn builtin_template_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_TEMPLATES
}

/// The font files samplan adds to typst's own (Atkinson Hyperlegible).
pub fn extra_font_files() -> &'static [&'static [u8]] {
    EXTRA_FONTS
}

/// Largest template file read from an organisation's folder (logos included).
const MAX_TEMPLATE_FILE: u64 = 4 * 1024 * 1024;

/// Fonts and the standard library: loaded once per process, shared by every render.
pub struct Fonts {
    library: LazyHash<Library>,
    /// The library with the input `tät: ja`: templates lay the document out tighter.
    tight_library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    /// The process-wide instance.
    pub fn shared() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let fonts: Vec<Font> = typst_assets::fonts()
                .chain(EXTRA_FONTS.iter().copied())
                .flat_map(|data| Font::iter(Bytes::new(data)))
                .collect();
            let mut inputs = Dict::new();
            inputs.insert("tät".into(), Value::Str("ja".into()));
            Fonts {
                library: LazyHash::new(Library::default()),
                tight_library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
                book: LazyHash::new(FontBook::from_fonts(&fonts)),
                fonts,
            }
        })
    }

    /// Whether some embedded font has a glyph for `c` (white space always passes).
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace() || self.fonts.iter().any(|f| f.info().coverage.contains(c as u32))
    }

    /// Names of the font families available to templates.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.book.families().map(|(name, _)| name.to_string()).collect();
        names.dedup();
        names
    }
}

/// A set of template files held in memory, with typst sources parsed once.
pub struct TemplateSet {
    /// Where the set came from (for messages).
    pub origin: String,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    /// SHA-256 over every file, so a build knows when templates changed.
    pub digest: String,
    /// `texter.yaml` as JSON, parsed once, for the outlines made in Rust.
    fixed_texts: OnceLock<Result<serde_json::Value, String>>,
    /// `lattlast.yaml` as JSON, parsed once, for the easy-read outlines.
    easy_texts: OnceLock<Result<serde_json::Value, String>>,
    /// Each language pack of the set (`texter.<kod>.yaml` and `lattlast.<kod>.yaml`)
    /// as JSON, by code, parsed once.
    packs: OnceLock<HashMap<String, Result<PackTexts, String>>>,
}

/// A language pack's standard and easy-read words, as JSON.
type PackTexts = (serde_json::Value, serde_json::Value);

/// Turns a path inside the template set into a file id.
pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

impl TemplateSet {
    /// The templates compiled into samplan.
    pub fn builtin() -> Arc<TemplateSet> {
        static BUILTIN: OnceLock<Arc<TemplateSet>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let files = BUILTIN_TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()));
                Arc::new(TemplateSet::from_files("inbyggda mallar", files))
            })
            .clone()
    }

    /// Reads an organisation's template folder. Files the folder lacks are taken from
    /// the built-in set, so an organisation can override just `samplan.typ` (its
    /// letterhead) and keep the rest. Symbolic links and files above the size limit
    /// are refused.
    pub fn from_dir(dir: &Path) -> Result<TemplateSet, String> {
        let mut files: HashMap<String, Vec<u8>> =
            BUILTIN_TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.as_bytes().to_vec())).collect();
        let meta = std::fs::metadata(dir).map_err(|e| format!("mallmappen {}: {e}", dir.display()))?;
        if !meta.is_dir() {
            return Err(format!("mallmappen {} är ingen mapp", dir.display()));
        }
        for entry in walkdir::WalkDir::new(dir).follow_links(false) {
            let entry = entry.map_err(|e| format!("mallmappen {}: {e}", dir.display()))?;
            if entry.file_type().is_symlink() {
                return Err(format!("mallmappen får inte innehålla symboliska länkar: {}", entry.path().display()));
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
            if size > MAX_TEMPLATE_FILE {
                return Err(format!("mallfilen {} är för stor (högst 4 MB)", entry.path().display()));
            }
            let relative = entry.path().strip_prefix(dir).map_err(|e| e.to_string())?;
            let name = relative.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
            files.insert(name, bytes);
        }
        let mut sorted: Vec<(String, Vec<u8>)> = files.into_iter().collect();
        sorted.sort();
        Ok(TemplateSet::from_files(&dir.display().to_string(), sorted.into_iter()))
    }

    fn from_files(origin: &str, files: impl Iterator<Item = (String, Vec<u8>)>) -> TemplateSet {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        let mut sources = HashMap::new();
        let mut bytes_map = HashMap::new();
        for (name, bytes) in files {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(&bytes);
            let Some(id) = file_id(&format!("/{name}")) else {
                continue;
            };
            if name.ends_with(".typ")
                && let Ok(text) = String::from_utf8(bytes.clone())
            {
                sources.insert(id, Source::new(id, text));
            }
            bytes_map.insert(id, Bytes::new(bytes));
        }
        TemplateSet {
            origin: origin.to_string(),
            sources,
            files: bytes_map,
            digest: hex(&hasher.finalize()),
            fixed_texts: OnceLock::new(),
            easy_texts: OnceLock::new(),
            packs: OnceLock::new(),
        }
    }

    /// The fixed texts of the standard documents (`texter.yaml`), parsed once.
    pub fn fixed_texts(&self) -> Result<&serde_json::Value, String> {
        self.texts_of(&self.fixed_texts, TEXTS_FILE)
    }

    /// The fixed texts of the easy-read documents (`lattlast.yaml`), parsed once.
    pub fn easy_texts(&self) -> Result<&serde_json::Value, String> {
        self.texts_of(&self.easy_texts, EASY_READ_TEXTS_FILE)
    }

    fn texts_of<'s>(
        &self,
        cell: &'s OnceLock<Result<serde_json::Value, String>>,
        file: &str,
    ) -> Result<&'s serde_json::Value, String> {
        cell.get_or_init(|| self.read_texts(file)).as_ref().map_err(|e| format!("mallfel i {}: {e}", self.origin))
    }

    /// A file of fixed words in the set, as JSON; an error when the set lacks it.
    fn read_texts(&self, file: &str) -> Result<serde_json::Value, String> {
        let texts = self.yaml(file)?.ok_or_else(|| format!("mallarna saknar {file}"))?;
        serde_json::to_value(texts).map_err(|e| format!("{file}: {e}"))
    }

    /// The words of `code`'s language pack: its standard and its easy-read texts, or
    /// the Swedish ones for none.
    pub fn texts_in(&self, code: Option<&str>) -> Result<(&serde_json::Value, &serde_json::Value), String> {
        let Some(code) = code else {
            return Ok((self.fixed_texts()?, self.easy_texts()?));
        };
        let packs = self.packs.get_or_init(|| {
            let codes = self.files.keys().filter_map(|id| {
                let name = id.vpath().get_without_slash();
                name.strip_prefix("texter.").and_then(|n| n.strip_suffix(".yaml")).map(str::to_string)
            });
            codes
                .map(|code| {
                    let pack = self
                        .read_texts(&crate::language::texts_file(&code))
                        .and_then(|texts| Ok((texts, self.read_texts(&crate::language::easy_texts_file(&code))?)));
                    (code, pack)
                })
                .collect()
        });
        match packs.get(code) {
            Some(Ok((texts, easy))) => Ok((texts, easy)),
            Some(Err(e)) => Err(format!("mallfel i {}: {e}", self.origin)),
            None => Err(format!("mallarna i {} har inget språkpaket för \"{code}\"", self.origin)),
        }
    }

    /// A YAML file of the set, parsed; none when the set has no such file.
    fn yaml(&self, name: &str) -> Result<Option<serde_yaml::Value>, String> {
        let Some(bytes) = file_id(&format!("/{name}")).and_then(|id| self.files.get(&id)) else {
            return Ok(None);
        };
        serde_yaml::from_slice(bytes.as_slice()).map(Some).map_err(|e| format!("{name}: {e}"))
    }

    /// Whether the set has a file at `/name`.
    pub fn has(&self, name: &str) -> bool {
        file_id(&format!("/{name}")).is_some_and(|id| self.files.contains_key(&id))
    }
}

/// The fixed texts of the standard documents, read by both kinds of template.
pub const TEXTS_FILE: &str = "texter.yaml";

/// The fixed texts of the easy-read documents.
pub const EASY_READ_TEXTS_FILE: &str = "lattlast.yaml";

/// Tidies a text form's white space: trailing spaces go, runs of blank lines become
/// one, every `## ` heading has one blank line before it and none after, and the text
/// ends with one newline.
pub fn tidy_text(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        let blank = line.is_empty();
        if blank && lines.last().is_none_or(|l| l.is_empty() || l.starts_with("## ")) {
            continue;
        }
        if line.starts_with("## ") && lines.last().is_some_and(|l| !l.is_empty()) {
            lines.push("");
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The world one document is compiled in.
#[derive(Clone)]
pub struct DocumentWorld<'a> {
    fonts: &'static Fonts,
    templates: &'a TemplateSet,
    main: FileId,
    data_id: FileId,
    data: Bytes,
    outline_id: FileId,
    outline: Option<Bytes>,
    today: Datetime,
    tight: bool,
}

impl<'a> DocumentWorld<'a> {
    /// A world whose main file is `/<main>` in `templates`, with `data` at
    /// [`DATA_PATH`] and `date` as "today" (so output never depends on the clock).
    pub fn new(templates: &'a TemplateSet, main: &str, data: Vec<u8>, date: CalendarDate) -> Option<Self> {
        Some(DocumentWorld {
            fonts: Fonts::shared(),
            templates,
            main: file_id(&format!("/{main}"))?,
            data_id: file_id(DATA_PATH)?,
            data: Bytes::new(data),
            outline_id: file_id(OUTLINE_PATH)?,
            outline: None,
            today: Datetime::from_ymd(date.year, date.month as u8, date.day as u8)?,
            tight: false,
        })
    }

    /// The same world with the document's outline (JSON) at [`OUTLINE_PATH`].
    pub fn with_outline(mut self, outline: Option<Vec<u8>>) -> Self {
        self.outline = outline.map(Bytes::new);
        self
    }

    /// The same world laid out tighter (the templates' input `tät`), to pull a nearly
    /// empty last page back.
    pub fn tight(&self) -> Self {
        DocumentWorld { tight: true, ..self.clone() }
    }

    fn not_found(id: FileId) -> FileError {
        FileError::NotFound(id.vpath().get_without_slash().into())
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        if self.tight { &self.fonts.tight_library } else { &self.fonts.library }
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id.root() != &VirtualRoot::Project {
            return Err(Self::not_found(id));
        }
        self.templates.sources.get(&id).cloned().ok_or_else(|| Self::not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id.root() != &VirtualRoot::Project {
            return Err(Self::not_found(id));
        }
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if id == self.outline_id {
            return self.outline.clone().ok_or_else(|| Self::not_found(id));
        }
        self.templates.files.get(&id).cloned().ok_or_else(|| Self::not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
