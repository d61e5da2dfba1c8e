"""Reads samplan's FHIR bundles with an independent FHIR implementation.

For each pair of arguments BUNDLE PDF: the bundle is validated as a whole and resource
by resource with the R4B models of the Python package fhir.resources, written back from
those models and compared with the file (a round trip that loses or changes nothing),
and the PDF in its DocumentReference is compared byte for byte with PDF, its size and
SHA-1 with what the attachment says. Prints one JSON object: each bundle's problems
(an empty list when it has none).
"""

import base64
import hashlib
import json
import sys

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle


def problems(bundle_path, pdf_path):
    found = []
    text = open(bundle_path, encoding="utf-8").read()
    original = json.loads(text)
    try:
        model = Bundle.model_validate_json(text)
    except Exception as e:  # the validation error says what is wrong
        return [f"bundle: {e}"]
    for entry in original.get("entry", []):
        resource = entry.get("resource", {})
        kind = resource.get("resourceType")
        try:
            get_fhir_model_class(kind).model_validate(resource)
        except Exception as e:
            found.append(f"{kind} {resource.get('id')}: {e}")
    again = json.loads(model.model_dump_json(exclude_none=True))
    if again != original:
        found.append("the round trip through fhir.resources changed the bundle")
    references = [
        e["resource"]
        for e in original["entry"]
        if e["resource"]["resourceType"] == "DocumentReference"
    ]
    if len(references) != 1:
        found.append(f"{len(references)} DocumentReference, not 1")
        return found
    attachment = references[0]["content"][0]["attachment"]
    data = base64.b64decode(attachment["data"], validate=True)
    pdf = open(pdf_path, "rb").read()
    if data != pdf:
        found.append(f"the PDF in the bundle is not {pdf_path}")
    if attachment.get("size") != len(pdf):
        found.append(f"size {attachment.get('size')} is not {len(pdf)}")
    sha1 = base64.b64encode(hashlib.sha1(pdf).digest()).decode()
    if attachment.get("hash") != sha1:
        found.append(f"hash {attachment.get('hash')} is not the PDF's SHA-1 {sha1}")
    if attachment.get("contentType") != "application/pdf":
        found.append(f"content type {attachment.get('contentType')}")
    return found


def main(args):
    pairs = zip(args[0::2], args[1::2])
    print(json.dumps({bundle: problems(bundle, pdf) for bundle, pdf in pairs}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
