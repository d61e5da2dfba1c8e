//! End-to-end tests of the command line: exit codes, output forms, schema, skeletons.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn samplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samplan")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn example_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    walk(&dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect()
}

/// Every file under `dir`, sorted.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn check_of_the_examples_passes_with_no_arguments() {
    let out = samplan(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("0 med fel"), "{text}");
    assert!(example_files().len() >= 12);
}

#[test]
fn missing_path_is_an_io_error_with_exit_2() {
    let out = samplan(&["check", "finns-inte.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("finns inte"));
}

#[test]
fn unknown_flag_is_a_usage_error_with_exit_2() {
    assert_eq!(samplan(&["check", "--nej"]).status.code(), Some(2));
}

#[test]
fn json_output_is_one_array_with_the_documented_fields() {
    let out = samplan(&["check", "--format", "json", "tests/broken/tid-25.yaml", "cases/peter-kalmar.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v.as_array().unwrap()[0];
    for key in ["file", "line", "column", "severity", "rule", "path", "message"] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    assert_eq!(first["rule"], "SIP-TID-GILTIG");
}

#[test]
fn the_schema_validates_every_example() {
    let out = samplan(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for file in example_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let instance: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        let errors: Vec<String> = validator.iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

/// The schema is usable outside Rust: python's `jsonschema` (Draft 2020-12, format
/// checks on, which compile every `pattern` as a regular expression) accepts the schema
/// itself and every example case.
#[test]
fn python_jsonschema_accepts_the_schema_and_every_example() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("schema.json");
    std::fs::write(&schema, samplan(&["schema"]).stdout).unwrap();
    let instances: Vec<serde_json::Value> = example_files()
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            let instance: serde_json::Value = serde_yaml::from_str(&text).unwrap();
            serde_json::json!({"file": file.display().to_string(), "instance": instance})
        })
        .collect();
    let examples = dir.path().join("examples.json");
    std::fs::write(&examples, serde_json::to_vec(&instances).unwrap()).unwrap();
    let script = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
cls = jsonschema.Draft202012Validator
cls.check_schema(schema, format_checker=cls.FORMAT_CHECKER)
validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
bad = 0
for item in json.load(open(sys.argv[2])):
    for error in validator.iter_errors(item["instance"]):
        print(item["file"], error.json_path, error.message)
        bad += 1
print(len(json.load(open(sys.argv[2]))), "checked")
sys.exit(1 if bad else 0)
"#;
    let run = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&schema)
        .arg(&examples)
        .output()
        .expect("python3 with jsonschema must be installed: run tools/test.sh");
    let said = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "python jsonschema: {said}");
    assert!(said.contains(&format!("{} checked", instances.len())), "{said}");
}

#[test]
fn the_schema_rejects_an_unknown_key() {
    let out = samplan(&["schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let text = std::fs::read_to_string("tests/broken/okänd-nyckel-mal.yaml")
        .or_else(|_| {
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/okänd-nyckel-mal.yaml"))
        })
        .unwrap();
    let instance: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    assert!(!validator.is_valid(&instance));
}

#[test]
fn routines_lists_all_six_and_shows_rules() {
    let out = samplan(&["routines"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for id in ["nationell", "vgr-2009", "kalmar-2012", "stockholm-lan-2011", "stockholm-stad-2009", "halland"] {
        assert!(text.contains(id), "{id} missing");
    }
    let out = samplan(&["routines", "halland"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("HALLAND-MOTE-30-DAGAR"));
    assert!(text.contains("SIP-SAMTYCKE-FORE-MOTE"), "inherited rules are listed");
    assert!(text.contains("plan.önskemål"));
    assert_eq!(samplan(&["routines", "okänd"]).status.code(), Some(2));
}

#[test]
fn new_prints_a_skeleton_that_check_reports_as_unfilled() {
    let out = samplan(&["new", "plan", "--rutin", "halland"]);
    assert_eq!(out.status.code(), Some(0));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ny.yaml");
    std::fs::write(&file, &out.stdout).unwrap();
    let checked = samplan(&["check", "--format", "json", file.to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().all(|d| d["rule"] == "SIP-PLATSHALLARE"));
    assert_eq!(samplan(&["new", "information", "--rutin", "vgr-2009"]).status.code(), Some(0));
}

#[test]
fn bench_checks_generated_cases() {
    let out = samplan(&["bench", "--cases", "20", "--render", "4", "--seed", "5000"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("ärenden/s"), "{stdout}");
    // build / golv compares whole times of the same PDFs.
    let ratio = stdout.lines().find(|l| l.starts_with("build / golv:")).expect("a build / golv line");
    assert!(ratio.contains("× tid") && ratio.contains("samma"), "{ratio}");
}

/// With a stand-in for the typst compiler, the bench runs its one-process-per-PDF loop
/// with the same PDF standards and prints how far the build and typst alone get.
#[cfg(unix)]
#[test]
fn bench_compares_with_a_typst_process_per_pdf() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let calls = dir.path().join("calls.txt");
    let typst = dir.path().join("typst");
    std::fs::write(&typst, format!("#!/bin/sh\necho \"$*\" >> '{}'\n", calls.display())).unwrap();
    std::fs::set_permissions(&typst, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_samplan"))
        .args(["bench", "--cases", "2", "--render", "2", "--seed", "7000"])
        .env("SAMPLAN_BENCH_TYPST", &typst)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let line = |start: &str| {
        stdout.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("{start} in {stdout}")).to_string()
    };
    let cli = line("typst-CLI, en process per PDF:");
    assert!(cli.contains("ms per PDF"));
    assert!(line("typst-golv mot typst-CLI:").contains("× snabbare per PDF"));
    let calls = std::fs::read_to_string(&calls).unwrap();
    let pdfs = cli.split(" för ").nth(1).and_then(|s| s.split(' ').next()).unwrap().to_string();
    assert_eq!(calls.lines().count().to_string(), pdfs, "one process per PDF");
    assert!(calls.lines().all(|c| c.starts_with("compile ") && c.contains("--pdf-standard a-2a,ua-1")), "{calls}");
}

#[test]
fn the_committed_schema_file_is_current() {
    let out = samplan(&["schema"]);
    let committed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samplan.schema.json")).unwrap();
    assert!(
        out.stdout == committed,
        "samplan.schema.json is stale: run `cargo run --release -- schema > samplan.schema.json`"
    );
}

#[test]
fn a_build_whose_output_is_closed_still_writes_everything_and_does_not_panic() {
    // `samplan build | head -1` closes the pipe early; the build must not die on it.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let mut child = spawn_build(&["cases/peter-kalmar.yaml"], &out);
    drop(child.stdout.take()); // closed before the build has printed anything
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Peter's case folder, its plan version and its next meeting: each with a manifest.
    let manifests: Vec<PathBuf> = walk(&out).into_iter().filter(|p| p.ends_with("manifest.json")).collect();
    assert_eq!(manifests.len(), 3, "{manifests:?}");
}

#[test]
fn a_build_whose_error_output_is_closed_reports_on_standard_out_and_does_not_panic() {
    // `samplan build 2>&1 >log | head -1` closes standard error early: the build must
    // still finish every case and give its summary and exit code.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let mut child = spawn_build(&["tests/broken/tid-25.yaml", "cases/peter-kalmar.yaml"], &out);
    drop(child.stderr.take()); // closed before the build has reported anything
    let done = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert_eq!(done.status.code(), Some(1), "one case has errors: {stdout}");
    assert!(stdout.contains("2 ärenden: 1 byggt, 1 misslyckat"), "{stdout}");
    // Peter's case folder, its plan version and its next meeting: each with a manifest.
    let manifests: Vec<PathBuf> = walk(&out).into_iter().filter(|p| p.ends_with("manifest.json")).collect();
    assert_eq!(manifests.len(), 3, "{manifests:?}");
}

/// `samplan build CASES -o OUT` with standard out and standard error piped, for tests
/// that close one of them early.
fn spawn_build(cases: &[&str], out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_samplan"))
        .arg("build")
        .args(cases)
        .arg("-o")
        .arg(out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// `text` with every `"<FYLL I: …, t.ex. example>"` replaced by its example.
fn filled(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("\"<FYLL I") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find(">\"").unwrap() + start;
        out.push('"');
        out.push_str(rest[start..end].rsplit("t.ex. ").next().unwrap());
        out.push('"');
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

#[test]
fn new_writes_a_case_file_that_passes_check_once_filled_for_every_routine() {
    let dir = tempfile::tempdir().unwrap();
    let routines = ["halland", "kalmar-2012", "nationell", "stockholm-lan-2011", "stockholm-stad-2009", "vgr-2009"];
    for (id, kind) in routines.iter().flat_map(|id| [(id, "plan"), (id, "kallelse"), (id, "information")]) {
        let file = dir.path().join("arenden").join(format!("{id}-{kind}.yaml"));
        let out = samplan(&["new", kind, "--rutin", id, "-o", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=samplan.schema.json\n"), "{text}");
        std::fs::write(&file, filled(&text)).unwrap();
        let checked = samplan(&["check", file.to_str().unwrap()]);
        assert_eq!(checked.status.code(), Some(0), "{id}: {}", String::from_utf8_lossy(&checked.stdout));
    }
    // The schema it points at is there, and it is the schema of this samplan.
    let schema = std::fs::read(dir.path().join("arenden/samplan.schema.json")).unwrap();
    assert_eq!(schema, samplan(&["schema"]).stdout);
}

#[test]
fn new_never_writes_over_a_file_and_finds_the_schema_above_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ny.yaml");
    let path = file.to_str().unwrap();
    assert_eq!(samplan(&["new", "plan", "--rutin", "vgr-2009", "-o", path]).status.code(), Some(0));
    std::fs::write(&file, "mitt ärende\n").unwrap();
    let again = samplan(&["new", "plan", "--rutin", "vgr-2009", "-o", path]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("finns redan"), "{again:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mitt ärende\n");
    // A file in a folder below uses the schema above it, brought up to date.
    let schema = dir.path().join("samplan.schema.json");
    std::fs::write(&schema, "{}\n").unwrap();
    let below = dir.path().join("2026").join("ny.yaml");
    let out = samplan(&["new", "information", "--rutin", "halland", "-o", below.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("uppdaterades"), "{out:?}");
    let text = std::fs::read_to_string(&below).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../samplan.schema.json\n"), "{text}");
    assert!(!dir.path().join("2026/samplan.schema.json").exists());
    assert_eq!(std::fs::read(&schema).unwrap(), samplan(&["schema"]).stdout);
    // Printed, the skeleton says how to get the schema.
    let printed = String::from_utf8(samplan(&["new", "plan", "--rutin", "halland"]).stdout).unwrap();
    assert!(printed.contains("samplan schema > samplan.schema.json"), "{printed}");
}

#[test]
fn the_command_line_speaks_swedish_even_when_it_is_used_wrongly() {
    let english = [
        "error",
        "Usage",
        "tip:",
        "For more",
        "the following",
        "unexpected",
        "invalid",
        "Print",
        "Options",
        "Arguments",
        "Commands",
        "possible values",
        "default",
        "required",
        "found",
        "similar",
        "[OPTIONS]",
    ];
    let wrong: &[&[&str]] = &[
        &[],
        &["bild"],
        &["check", "--formt", "json"],
        &["check", "--format", "xml"],
        &["check", "--format"],
        &["new"],
        &["new", "plan"],
        &["new", "plann", "--rutin", "halland"],
        &["build", "--braille-cols", "x"],
        &["braille", "--pef", "--brf"],
        &["--help"],
        &["check", "--help"],
        &["build", "-h"],
        &["new", "--help"],
        &["help"],
    ];
    for args in wrong {
        let out = samplan(args);
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(!text.trim().is_empty(), "{args:?} says nothing");
        for word in english {
            assert!(!text.contains(word), "{args:?} says ”{word}”:\n{text}");
        }
    }
    let bad = samplan(&["bild"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Menade du `braille` eller `build`?"));
}

#[test]
fn counts_agree_with_their_nouns() {
    let one = samplan(&["check", "cases/lena-vgr.yaml"]);
    assert!(String::from_utf8_lossy(&one.stdout).contains("1 fil kontrollerad: 0 med fel, 0 fel, 0 varningar"));
    let out = tempfile::tempdir().unwrap();
    let built = samplan(&["build", "-o", out.path().to_str().unwrap(), "cases/lena-vgr.yaml"]);
    let text = String::from_utf8_lossy(&built.stdout);
    assert!(text.contains("1 ärende: 1 byggt, 0 misslyckade;"), "{text}");
}

#[test]
fn the_handbooks_worked_example_is_what_samplan_says() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_samplan")).args(args).current_dir(dir.path()).output().unwrap()
    };
    let file = "arenden/HAL-2026-0101.yaml";
    assert!(run(&["new", "plan", "--rutin", "halland", "-o", file]).status.success());
    let text = filled(&std::fs::read_to_string(dir.path().join(file)).unwrap());
    std::fs::write(dir.path().join(file), text.replace("ansvarig: handlaggaren", "ansvarig: handläggaren")).unwrap();
    let out = run(&["check", file]);
    let said = String::from_utf8_lossy(&out.stdout);
    let handbook = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/handbok.md")).unwrap();
    for line in said.lines() {
        assert!(handbook.contains(line), "docs/handbok.md does not show ”{line}”");
    }
}

/// The keys the handbook's step `step` of section `section` tells the coordinator to
/// write (each written `nyckel:` in backticks).
fn handbook_keys(section: &str, step: &str) -> Vec<String> {
    let handbook = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/handbok.md")).unwrap();
    let part = handbook.split(&format!("## {section}\n")).nth(1).unwrap().split("\n## ").next().unwrap();
    let from = part.find(&format!("\n{step} ")).unwrap();
    let text = &part[from + 1..];
    let text = &text[..text[3..].find("\n\n").map_or(text.len(), |e| e + 3)];
    text.split('`').skip(1).step_by(2).filter_map(|k| k.strip_suffix(':')).map(str::to_string).collect()
}

#[test]
fn the_handbooks_first_meeting_steps_lead_to_a_plan_that_check_accepts() {
    use serde_yaml::Value;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_samplan")).args(args).current_dir(dir.path()).output().unwrap()
    };
    let file = "arenden/HAL-2026-0101.yaml";
    // Step 1 and 2: the invitation only.
    assert!(run(&["new", "kallelse", "--rutin", "halland", "-o", file]).status.success());
    let called = filled(&std::fs::read_to_string(dir.path().join(file)).unwrap());
    std::fs::write(dir.path().join(file), &called).unwrap();
    let checked = run(&["check", file]);
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stdout));
    assert!(run(&["build", "arenden", "-o", "utskick"]).status.success());
    let case: serde_yaml::Value = serde_yaml::from_str(&called).unwrap();
    let root = dir.path().join("utskick").join(case["ärende"].as_str().unwrap());
    assert!(root.join("mote-1/mote.ics").is_file());
    assert!(!root.join("v1").exists(), "no plan before the meeting");
    let letters = std::fs::read_dir(root.join("mote-1")).unwrap().count();
    // Step 3: after the meeting, exactly the keys the handbook names, taken from a
    // filled plan skeleton of the same routine.
    let keys = handbook_keys("Kalla till det första mötet", "3.");
    for key in ["plan", "samordnare", "övergripande_ansvar", "närvarande", "revisioner"] {
        assert!(keys.iter().any(|k| k == key), "step 3 no longer names `{key}`: {keys:?}");
    }
    assert!(run(&["new", "plan", "--rutin", "halland", "-o", "mall/plan.yaml"]).status.success());
    let plan: Value =
        serde_yaml::from_str(&filled(&std::fs::read_to_string(dir.path().join("mall/plan.yaml")).unwrap())).unwrap();
    let mut case: Value = serde_yaml::from_str(&called).unwrap();
    case["status"] = Value::String("pågående".into());
    case["version"] = Value::Number(1.into());
    let meeting_date = case["möten"][0]["datum"].clone();
    for key in &keys {
        match key.as_str() {
            "närvarande" => case["möten"][0]["närvarande"] = plan["möten"][0]["närvarande"].clone(),
            "status" | "version" => {}
            top => {
                assert!(plan.get(top).is_some(), "the plan skeleton has no `{top}`");
                case[top] = plan[top].clone();
            }
        }
    }
    // "… en rad under `revisioner:` för version 1, med mötets datum."
    case["revisioner"][0]["datum"] = meeting_date;
    std::fs::write(dir.path().join(file), serde_yaml::to_string(&case).unwrap()).unwrap();
    let checked = run(&["check", file]);
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stdout));
    assert!(run(&["build", "arenden", "-o", "utskick"]).status.success());
    assert!(root.join("v1/plan.pdf").is_file());
    assert_eq!(std::fs::read_dir(root.join("mote-1")).unwrap().count(), letters, "the letters stay as sent");
}

#[test]
fn a_personnummer_in_a_file_name_is_masked_in_what_samplan_says() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("19710315-0004.yaml");
    std::fs::write(&file, peter_text().replace("samordnare: lisa", "samordnare: lis")).unwrap();
    let checked = samplan(&["check", file.to_str().unwrap()]);
    let built = samplan(&["build", "-o", dir.path().join("ut").to_str().unwrap(), file.to_str().unwrap()]);
    for out in [checked, built] {
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(said.contains("19710315-****.yaml"), "{said}");
        assert!(!said.contains("0004"), "{said}");
    }
}

fn peter_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/peter-kalmar.yaml")).unwrap()
}
