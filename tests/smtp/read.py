"""Reads the messages a test SMTP server kept (NNN.eml in DIR) with Python's own MIME
parser and the icalendar package, and prints them as JSON: headers, the text, the
calendar part (its method parameter and the parsed event) and each attachment's name,
type and SHA-256."""

import email
import email.policy
import hashlib
import json
import pathlib
import sys

import icalendar


def read(path):
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    out = {
        "file": path.name,
        "from": str(msg["From"]),
        "to": str(msg["To"]),
        "subject": str(msg["Subject"]),
        "message_id": str(msg["Message-ID"]),
        "content_type": msg.get_content_type(),
        "structure": [part.get_content_type() for part in msg.walk()],
        "text": None,
        "calendar": None,
        "attachments": [],
    }
    for part in msg.walk():
        kind = part.get_content_type()
        if part.get_content_disposition() == "attachment":
            data = part.get_payload(decode=True)
            out["attachments"].append(
                {"name": part.get_filename(), "type": kind, "sha256": hashlib.sha256(data).hexdigest()}
            )
        elif kind == "text/plain":
            out["text"] = part.get_content()
        elif kind == "text/calendar":
            cal = icalendar.Calendar.from_ical(part.get_payload(decode=True))
            events = [c for c in cal.walk() if c.name == "VEVENT"]
            ev = events[0]
            attendees = ev.get("ATTENDEE", [])
            if not isinstance(attendees, list):
                attendees = [attendees]
            out["calendar"] = {
                "method_parameter": part.get_param("method"),
                "method": str(cal.get("METHOD")),
                "uid": str(ev.get("UID")),
                "sequence": int(ev.get("SEQUENCE")),
                "status": str(ev.get("STATUS")) if ev.get("STATUS") else None,
                "start": ev.decoded("DTSTART").isoformat(),
                "organizer": str(ev.get("ORGANIZER")) if ev.get("ORGANIZER") else None,
                "attendees": [str(x) for x in attendees],
                "events": len(events),
            }
    return out


print(json.dumps([read(p) for p in sorted(pathlib.Path(sys.argv[1]).glob("*.eml"))], ensure_ascii=False))
