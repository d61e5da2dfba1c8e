//! The post room's print file (`mote-<n>/utskrift.pdf`, issue 28): the letters of a
//! meeting that go by post, merged into one PDF for a duplex printer, each letter
//! starting on an odd page (a blank page after a letter with an odd number of pages).
//! Merging follows lopdf's own merge example: each letter's objects are renumbered past
//! the ones already taken, its pages moved under one page tree, and its catalogue,
//! structure tree and outline dropped — the print file is for paper, each letter's
//! accessible PDF stays beside it.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, dictionary};

/// The PDFs of `letters` (each a whole PDF file), in order, as one document for duplex
/// printing; also each letter's first page in it (from 1).
pub fn merge_for_duplex(letters: &[Vec<u8>]) -> Result<(Vec<u8>, Vec<usize>), String> {
    let mut merged = Document::with_version("1.7");
    let pages_id = merged.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    let mut starts = Vec::new();
    let mut media_box: Option<Object> = None;
    for (n, bytes) in letters.iter().enumerate() {
        let mut doc = Document::load_mem(bytes).map_err(|e| format!("brev {}: {e}", n + 1))?;
        doc.renumber_objects_with(merged.max_id + 1);
        let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
        starts.push(kids.len() + 1);
        let page_ids: Vec<ObjectId> = pages.values().copied().collect();
        for (id, object) in std::mem::take(&mut doc.objects) {
            match object.type_name().unwrap_or(b"") {
                b"Catalog" | b"Pages" | b"StructTreeRoot" | b"Outlines" | b"Outline" => {}
                _ => {
                    merged.objects.insert(id, object);
                }
            }
        }
        merged.max_id = merged.max_id.max(doc.max_id);
        for id in &page_ids {
            let page = merged.get_object_mut(*id).and_then(Object::as_dict_mut).map_err(|e| e.to_string())?;
            page.set("Parent", pages_id);
            page.remove(b"StructParents");
            if media_box.is_none() {
                media_box = page.get(b"MediaBox").ok().cloned();
            }
            kids.push(Object::Reference(*id));
        }
        // A letter with an odd number of pages is followed by a blank page, so the
        // next starts on a front side.
        if page_ids.len() % 2 == 1 && n + 1 < letters.len() {
            let blank = blank_page(pages_id, media_box.clone());
            kids.push(Object::Reference(merged.add_object(blank)));
        }
    }
    let count = kids.len() as i64;
    merged.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
    let catalog = merged.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    merged.trailer.set("Root", catalog);
    merged.compress();
    let mut out = Vec::new();
    merged.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok((out, starts))
}

/// An empty A4 page (or the size of the letters).
fn blank_page(parent: ObjectId, media_box: Option<Object>) -> Dictionary {
    let a4 = Object::Array(vec![0.into(), 0.into(), Object::Real(595.276), Object::Real(841.89)]);
    dictionary! {
        "Type" => "Page",
        "Parent" => parent,
        "MediaBox" => media_box.unwrap_or(a4),
        "Resources" => dictionary! {},
    }
}
