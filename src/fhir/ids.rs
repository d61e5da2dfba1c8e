//! Resource ids of a bundle: name-based UUIDs (RFC 9562 version 5, SHA-1) of the case
//! id and what the resource is, so the same case always gives the same ids, a record
//! system sees the same Patient, Goal or Organization in every version, and no id says
//! anything about the person.

use sha1::{Digest, Sha1};

/// The namespace of samplan's ids: the version-5 UUID of the URL namespace and
/// `https://samplan.se/fhir`, written out so it never changes.
const NAMESPACE: [u8; 16] =
    [0x3c, 0x1e, 0x5b, 0x0a, 0x7d, 0x42, 0x5f, 0x19, 0x9a, 0x61, 0x2b, 0x84, 0xc0, 0x5e, 0x11, 0xd7];

/// Makes the ids of one case's bundles.
#[derive(Debug, Clone)]
pub struct Ids {
    case_id: String,
}

impl Ids {
    /// The ids of the case `case_id`.
    pub fn new(case_id: &str) -> Ids {
        Ids { case_id: case_id.to_string() }
    }

    /// The UUID of what `parts` name in this case, e.g. `["goal", "bostad"]`.
    pub fn uuid(&self, parts: &[&str]) -> String {
        let mut name = self.case_id.clone();
        for part in parts {
            name.push('\u{1f}');
            name.push_str(part);
        }
        uuid5(&name)
    }

    /// The same as a `urn:uuid:` address, as bundle entries and references use it.
    pub fn urn(&self, parts: &[&str]) -> String {
        format!("urn:uuid:{}", self.uuid(parts))
    }
}

/// The version-5 UUID of `name` in samplan's namespace.
fn uuid5(name: &str) -> String {
    let mut hash = Sha1::new();
    hash.update(NAMESPACE);
    hash.update(name.as_bytes());
    let digest = hash.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_version_5_uuids_stable_per_case_and_name() {
        let ids = Ids::new("KLM-2026-0042");
        let goal = ids.uuid(&["goal", "bostad"]);
        assert_eq!(goal, Ids::new("KLM-2026-0042").uuid(&["goal", "bostad"]));
        assert_ne!(goal, Ids::new("KLM-2026-0043").uuid(&["goal", "bostad"]));
        assert_ne!(goal, ids.uuid(&["goal", "gå"]));
        // Parts are kept apart: ("ab", "c") is not ("a", "bc").
        assert_ne!(ids.uuid(&["ab", "c"]), ids.uuid(&["a", "bc"]));
        assert_eq!(goal.len(), 36);
        assert_eq!(&goal[14..15], "5");
        assert!(matches!(&goal[19..20], "8" | "9" | "a" | "b"), "{goal}");
    }
}
