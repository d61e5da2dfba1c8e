//! The resources of one plan version's bundle, each made from the case by a function
//! of its own: the Composition (the SIP with the plan's sections, first), Patient,
//! Organization, Practitioner and PractitionerRole, RelatedPerson, CareTeam, Consent,
//! CarePlan with one activity per intervention, one Goal per goal, one Appointment per
//! meeting and the DocumentReference that will carry the PDF.

use serde_json::{Value, json};

use super::{HSA_ID, Ids, PERSONNUMMER, SAMORDNINGSNUMMER, TYPE_OF_CARE_PLAN, Texts, pruned};
use crate::case::datetime::{CalendarDate, days_in_month};
use crate::case::{
    Consent, Fulfilment, Goal, Intervention, Meeting, MeetingKind, Named, Organisation, Participant, PlanCase, Status,
    personnummer,
};
use crate::document::invitation::invited_ids;
use crate::document::plan::{copy_organisations, plan_date};

const LOINC: &str = "http://loinc.org";
/// LOINC's "Plan of care note": the document type of the Composition and the PDF.
const PLAN_OF_CARE: &str = "18776-5";
const URI: &str = "urn:ietf:rfc:3986";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Everything a bundle is made from, and who may be named in it.
struct Ctx<'a> {
    case: &'a PlanCase,
    ids: Ids,
    /// The version's date.
    date: CalendarDate,
    /// The organisation this copy is for (none: the original).
    recipient: Option<&'a Organisation>,
    /// The organisations the consent covers, in the case's order.
    organisations: Vec<&'a Organisation>,
    /// Staff of those organisations.
    staff: Vec<&'a Participant>,
    /// Representatives, and the relatives the person agreed may have the plan: (id,
    /// name, what they are to the person, phone, e-mail, address).
    people: Vec<RelatedPerson<'a>>,
}

struct RelatedPerson<'a> {
    id: &'a str,
    name: &'a str,
    relation: Option<&'a String>,
    phone: Option<&'a String>,
    email: Option<&'a String>,
    address: Option<&'a String>,
}

/// The whole bundle of `case`'s current version without the PDF's bytes; for a copy,
/// `recipient` is the organisation's id (an organisation outside the consent gets
/// none: the caller only asks for those [`copy_organisations`] gives).
pub fn bundle(case: &PlanCase, recipient: Option<&str>) -> Value {
    let organisations = copy_organisations(case);
    let covered = |id: &str| organisations.iter().any(|o| o.id == id);
    let staff = case.participants.iter().filter(|p| covered(&p.organisation)).collect();
    let agreed = case.consent.as_ref().map(|c| c.relatives.as_slice()).unwrap_or(&[]);
    let representatives = case.person.representatives.iter().map(|r| RelatedPerson {
        id: &r.id,
        name: &r.name,
        relation: r.role.as_ref(),
        phone: r.phone.as_ref(),
        email: r.email.as_ref(),
        address: r.address.as_ref(),
    });
    let relatives = case.person.relatives.iter().filter(|r| agreed.contains(&r.id)).map(|r| RelatedPerson {
        id: &r.id,
        name: &r.name,
        relation: r.relation.as_ref(),
        phone: r.phone.as_ref(),
        email: r.email.as_ref(),
        address: r.address.as_ref(),
    });
    let ctx = Ctx {
        case,
        ids: Ids::new(&case.case_id),
        date: plan_date(case),
        recipient: recipient.and_then(|id| organisations.iter().copied().find(|o| o.id == id)),
        people: representatives.chain(relatives).collect(),
        staff,
        organisations,
    };
    ctx.bundle()
}

impl Ctx<'_> {
    fn version(&self) -> String {
        self.case.version.to_string()
    }

    /// What tells this bundle apart from the case's others: `original` or the
    /// recipient's id.
    fn copy(&self) -> &str {
        self.recipient.map_or("original", |o| o.id.as_str())
    }

    fn urn(&self, parts: &[&str]) -> String {
        self.ids.urn(parts)
    }

    fn entry(&self, parts: &[&str], resource: Value) -> Value {
        let Value::Object(mut fields) = resource else { return Value::Null };
        let id = self.ids.uuid(parts);
        let mut resource = serde_json::Map::new();
        resource.insert("resourceType".into(), fields.shift_remove("resourceType").unwrap_or_default());
        resource.insert("id".into(), json!(id));
        resource.extend(fields);
        json!({ "fullUrl": self.urn(parts), "resource": pruned(Value::Object(resource)) })
    }

    fn bundle(&self) -> Value {
        let (version, copy) = (self.version(), self.copy());
        let mut entries = vec![
            self.entry(&["composition", &version, copy], self.composition()),
            self.entry(&["patient"], self.patient()),
        ];
        entries.extend(self.organisations.iter().map(|o| self.entry(&["organization", &o.id], self.organization(o))));
        for p in &self.staff {
            entries.push(self.entry(&["practitioner", &p.id], self.practitioner(p)));
            entries.push(self.entry(&["practitionerrole", &p.id], self.practitioner_role(p)));
        }
        entries.extend(self.people.iter().map(|p| self.entry(&["relatedperson", p.id], self.related_person(p))));
        entries.push(self.entry(&["careteam"], self.care_team()));
        if let Some(consent) = &self.case.consent {
            entries.push(self.entry(&["consent"], self.consent(consent)));
        }
        entries.push(self.entry(&["careplan"], self.care_plan()));
        entries.extend(self.goals().map(|g| self.entry(&["goal", &g.id], self.goal(g))));
        for (i, m) in self.case.meetings.iter().enumerate() {
            entries.push(self.entry(&["appointment", &(i + 1).to_string()], self.appointment(m)));
        }
        entries.push(self.entry(&["documentreference", &version, copy], self.document_reference()));
        let bundle = json!({
            "resourceType": "Bundle",
            "id": self.ids.uuid(&["bundle", &version, copy]),
            "identifier": { "system": URI, "value": self.urn(&["bundle", &version, copy]) },
            "type": "document",
            "timestamp": self.instant(self.date, None),
            "entry": entries,
        });
        pruned(bundle).unwrap_or_default()
    }

    fn goals(&self) -> impl Iterator<Item = &Goal> {
        self.case.plan.iter().flat_map(|p| p.goals.iter())
    }

    fn reference(&self, parts: &[&str]) -> Value {
        json!({ "reference": self.urn(parts) })
    }

    fn patient_ref(&self) -> Value {
        self.reference(&["patient"])
    }

    /// A reference to whoever `id` names and the bundle may name; none for someone
    /// outside the consent.
    fn actor(&self, id: &str) -> Option<Value> {
        match Named::of(id) {
            Named::ThePerson => Some(self.patient_ref()),
            Named::ARelative => Some(json!({ "display": "en närstående" })),
            Named::ARepresentative => Some(json!({ "display": "en företrädare" })),
            Named::Id(id) => {
                if self.organisations.iter().any(|o| o.id == id) {
                    Some(self.reference(&["organization", id]))
                } else if self.staff.iter().any(|p| p.id == id) {
                    Some(self.reference(&["practitionerrole", id]))
                } else if self.people.iter().any(|p| p.id == id) {
                    Some(self.reference(&["relatedperson", id]))
                } else {
                    None
                }
            }
        }
    }

    /// The name of whoever `id` names, as the bundle's texts may give it.
    fn name(&self, id: &str) -> String {
        match Named::of(id) {
            Named::ThePerson => Texts::of(&self.case.person.name),
            Named::ARelative => "en närstående".to_string(),
            Named::ARepresentative => "en företrädare".to_string(),
            Named::Id(id) => {
                let organisation = self.organisations.iter().find(|o| o.id == id).map(|o| o.name.as_str());
                let staff = self.staff.iter().find(|p| p.id == id).map(|p| p.name.as_str());
                let person = self.people.iter().find(|p| p.id == id).map(|p| p.name);
                organisation.or(staff).or(person).map_or_else(|| "någon utanför samtycket".to_string(), Texts::of)
            }
        }
    }

    /// The coordinator's role, else the organisation with overall responsibility, else
    /// the first organisation: who wrote the plan.
    fn author(&self) -> Option<Value> {
        let coordinator = self.case.coordinator.as_deref().filter(|id| self.staff.iter().any(|p| p.id == *id));
        match coordinator {
            Some(id) => Some(self.reference(&["practitionerrole", id])),
            None => self
                .custodian()
                .or_else(|| self.organisations.first().map(|o| self.reference(&["organization", &o.id]))),
        }
    }

    fn custodian(&self) -> Option<Value> {
        let id = self.case.overall_responsibility.as_deref()?;
        self.organisations.iter().any(|o| o.id == id).then(|| self.reference(&["organization", id]))
    }

    fn title(&self) -> String {
        let base = format!("Samordnad individuell plan (SIP), version {}", self.case.version);
        match self.recipient {
            Some(o) => format!("{base}, kopia för {}", Texts::of(&o.name)),
            None => base,
        }
    }

    fn pdf_name(&self) -> String {
        match self.recipient {
            Some(o) => format!("plan-kopia-{}.pdf", o.id),
            None => "plan.pdf".to_string(),
        }
    }

    /// `date` at `time` (midnight without one) in Swedish time, with its offset.
    fn instant(&self, date: CalendarDate, time: Option<(u32, u32)>) -> String {
        let (hour, minute) = time.unwrap_or((0, 0));
        format!("{date}T{hour:02}:{minute:02}:00{}", stockholm_offset(date, hour))
    }

    fn composition(&self) -> Value {
        let mut sections = Vec::new();
        if let Some(o) = self.recipient {
            let text = format!("Den här kopian är till {}.", Texts::of(&o.name));
            sections.push(section("Kopia till", &[text], vec![self.reference(&["organization", &o.id])]));
        }
        sections.extend(self.initiative_section());
        if let Some(consent) = &self.case.consent {
            sections.push(section("Samtycke", &[self.consent_text(consent)], vec![self.reference(&["consent"])]));
        }
        if let Some(plan) = &self.case.plan {
            for (title, text) in [
                ("Nuläge", &plan.present_situation),
                ("Förutsättningar", &plan.prerequisites),
                ("Intressen", &plan.interests),
                ("Önskemål", &plan.wishes),
                ("Barnets inställning", &plan.childs_view),
            ] {
                sections.extend(Texts::opt(text.as_ref()).map(|t| section(title, &[t], vec![])));
            }
        }
        let mut goal_entries = vec![self.reference(&["careplan"])];
        goal_entries.extend(self.goals().map(|g| self.reference(&["goal", &g.id])));
        sections.push(section("Mål och insatser", &self.goal_lines(), goal_entries));
        sections.push(section(
            "Samordnare och ansvar",
            &self.responsibility_lines(),
            vec![self.reference(&["careteam"])],
        ));
        sections.extend(self.timeline_section());
        if let Some(plan) = &self.case.plan {
            for (title, text) in
                [("Läkemedel", &plan.medicines), ("Hjälpmedel", &plan.assistive_devices), ("Övrigt", &plan.other)]
            {
                sections.extend(Texts::opt(text.as_ref()).map(|t| section(title, &[t], vec![])));
            }
            if !plan.other_plans.is_empty() {
                let plans: Vec<String> = plan.other_plans.iter().map(|p| Texts::of(p)).collect();
                sections.push(section("Andra planer", &plans, vec![]));
            }
        }
        if !self.case.meetings.is_empty() {
            let entries =
                (1..=self.case.meetings.len()).map(|n| self.reference(&["appointment", &n.to_string()])).collect();
            sections.push(section("Möten", &self.meeting_lines(), entries));
        }
        if !self.case.revisions.is_empty() {
            let lines = self
                .case
                .revisions
                .iter()
                .filter(|r| r.version <= self.case.version)
                .map(|r| {
                    let what = Texts::opt(r.description.as_ref()).map(|d| format!(": {d}")).unwrap_or_default();
                    format!("Version {}, {}{what}", r.version, r.date.0)
                })
                .collect::<Vec<_>>();
            sections.push(section("Versioner", &lines, vec![]));
        }
        let (version, copy) = (self.version(), self.copy());
        sections.push(section(
            "Planen som PDF",
            &[format!("Planen som den skickades: {}.", self.pdf_name())],
            vec![self.reference(&["documentreference", &version, copy])],
        ));
        let replaces = (self.case.version > 1).then(|| {
            let previous = (self.case.version - 1).to_string();
            json!([{ "code": "replaces", "targetIdentifier": { "system": URI, "value": self.urn(&["bundle", &previous, copy]) } }])
        });
        json!({
            "resourceType": "Composition",
            "identifier": { "system": URI, "value": self.urn(&["document"]) },
            "status": "final",
            "type": { "coding": [{ "system": LOINC, "code": PLAN_OF_CARE, "display": "Plan of care note" }], "text": "Samordnad individuell plan (SIP)" },
            "category": [sip_category()],
            "subject": self.patient_ref(),
            "date": self.date.to_string(),
            "author": [self.author()],
            "title": self.title(),
            "confidentiality": "R",
            "custodian": self.custodian(),
            "relatesTo": replaces,
            "section": sections,
        })
    }

    fn initiative_section(&self) -> Option<Value> {
        let i = self.case.initiative.as_ref()?;
        let mut line = String::from("Initiativet togs");
        if let Some(date) = &i.date {
            line.push_str(&format!(" {}", date.0));
        }
        if let Some(by) = &i.by {
            line.push_str(&format!(" av {}", self.name(by)));
        }
        line.push('.');
        let mut lines = vec![line];
        lines.extend(Texts::opt(i.reason.as_ref()));
        Some(section("Initiativ", &lines, vec![]))
    }

    fn consent_text(&self, consent: &Consent) -> String {
        let names: Vec<String> = consent
            .covers
            .iter()
            .filter(|id| self.organisations.iter().any(|o| o.id == **id))
            .map(|id| self.name(id))
            .collect();
        let given = self.name(consent.given_by.as_deref().unwrap_or(crate::case::THE_PERSON));
        let form = consent.form.map(|f| format!("{} ", word(&f))).unwrap_or_default();
        let date = consent.date.as_ref().map(|d| format!(" {}", d.0)).unwrap_or_default();
        format!("{given} gav {form}samtycke{date}. Samtycket gäller: {}.", names.join(", "))
    }

    fn goal_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (g, goal) in self.goals().enumerate() {
            let mut line = format!("Mål {}: {}", g + 1, Texts::of(&goal.text));
            if let Some(f) = goal.fulfilment {
                line.push_str(&format!(" Måluppfyllelse: {}.", word(&f)));
            }
            lines.push(line);
            for x in &goal.interventions {
                let status = match x.decided {
                    Some(true) => " (beslutad)",
                    Some(false) => " (planerad)",
                    None => "",
                };
                lines.push(format!("Insats: {}{status}. Utförs av {}.", Texts::of(&x.what), self.name(&x.performer)));
            }
        }
        if lines.is_empty() {
            lines.push("Planen har inga mål ännu.".to_string());
        }
        lines
    }

    fn responsibility_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(id) = &self.case.coordinator {
            lines.push(format!("Samordnare: {}.", self.name(id)));
        }
        if let Some(id) = &self.case.overall_responsibility {
            lines.push(format!("Övergripande ansvar: {}.", self.name(id)));
        }
        let staff: Vec<String> = self
            .staff
            .iter()
            .map(|p| match &p.role {
                Some(role) => format!("{} ({})", Texts::of(&p.name), Texts::of(role)),
                None => Texts::of(&p.name),
            })
            .collect();
        if !staff.is_empty() {
            lines.push(format!("Deltagare: {}.", staff.join(", ")));
        }
        lines
    }

    fn timeline_section(&self) -> Option<Value> {
        let plan = self.case.plan.as_ref()?;
        let mut lines = Vec::new();
        if let Some(t) = &plan.timeline {
            for (what, date) in [("Start", &t.start), ("Utvärdering", &t.evaluation), ("Slut", &t.end)] {
                lines.extend(date.as_ref().map(|d| format!("{what}: {}.", d.0)));
            }
        }
        if let Some(f) = &plan.follow_up {
            let mut line = String::from("Uppföljning");
            if let Some(d) = &f.date {
                line.push_str(&format!(" {}", d.0));
            }
            if let Some(by) = &f.called_by {
                line.push_str(&format!(", kallas av {}", self.name(by)));
            }
            line.push('.');
            lines.push(line);
            lines.extend(Texts::opt(f.what.as_ref()).map(|w| format!("Det som följs upp: {w}")));
        }
        (!lines.is_empty()).then(|| section("Tidsplan och uppföljning", &lines, vec![]))
    }

    fn meeting_lines(&self) -> Vec<String> {
        self.case
            .meetings
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let time = m.start.as_ref().map(|t| format!(" kl. {}", t.0)).unwrap_or_default();
                format!("{} {}, {}{time}.", meeting_word(m.kind), i + 1, m.date.0)
            })
            .collect()
    }

    fn patient(&self) -> Value {
        let person = &self.case.person;
        let number = person.personal_number.as_deref().and_then(|n| personnummer::parse(n).ok().map(|p| (n, p)));
        let birth = person
            .birth_date
            .as_ref()
            .and_then(|d| d.parse().ok())
            .or_else(|| number.map(|(_, p)| p.birth_date))
            .map(|d| d.to_string());
        let identifier = number.map(|(text, parsed)| {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let system = if parsed.coordination_number { SAMORDNINGSNUMMER } else { PERSONNUMMER };
            json!([{ "system": system, "value": digits }])
        });
        json!({
            "resourceType": "Patient",
            "identifier": identifier,
            "name": [{ "text": Texts::of(&person.name) }],
            "telecom": telecom(person.phone.as_ref(), person.email.as_ref()),
            "birthDate": birth,
            "address": Texts::opt(person.address.as_ref()).map(|a| json!([{ "text": a }])),
        })
    }

    fn organization(&self, o: &Organisation) -> Value {
        json!({
            "resourceType": "Organization",
            "identifier": hsa(o.hsa_id.as_ref()),
            "active": true,
            "type": [
                Texts::opt(o.activity.as_ref()).map(|a| json!({ "text": a })),
                { "text": format!("huvudman: {}", word(&o.principal)) },
            ],
            "name": Texts::of(&o.name),
            "address": Texts::opt(o.address.as_ref()).map(|a| json!([{ "text": a }])),
        })
    }

    fn practitioner(&self, p: &Participant) -> Value {
        json!({
            "resourceType": "Practitioner",
            "identifier": hsa(p.hsa_id.as_ref()),
            "active": true,
            "name": [{ "text": Texts::of(&p.name) }],
            "telecom": telecom(p.phone.as_ref(), p.email.as_ref()),
        })
    }

    fn is_coordinator(&self, id: &str) -> bool {
        self.case.coordinator.as_deref() == Some(id)
    }

    fn practitioner_role(&self, p: &Participant) -> Value {
        let coordinator = self.is_coordinator(&p.id).then(|| json!({ "text": "samordnare för planen" }));
        json!({
            "resourceType": "PractitionerRole",
            "active": true,
            "practitioner": self.reference(&["practitioner", &p.id]),
            "organization": self.reference(&["organization", &p.organisation]),
            "code": [Texts::opt(p.role.as_ref()).map(|r| json!({ "text": r })), coordinator],
            "telecom": telecom(p.phone.as_ref(), p.email.as_ref()),
        })
    }

    fn related_person(&self, p: &RelatedPerson) -> Value {
        json!({
            "resourceType": "RelatedPerson",
            "active": true,
            "patient": self.patient_ref(),
            "relationship": Texts::opt(p.relation).map(|r| json!([{ "text": r }])),
            "name": [{ "text": Texts::of(p.name) }],
            "telecom": telecom(p.phone, p.email),
            "address": Texts::opt(p.address).map(|a| json!([{ "text": a }])),
        })
    }

    fn care_team(&self) -> Value {
        let mut participants: Vec<Value> = self
            .staff
            .iter()
            .map(|p| {
                let coordinator = self.is_coordinator(&p.id).then(|| json!({ "text": "samordnare" }));
                json!({
                    "role": [Texts::opt(p.role.as_ref()).map(|r| json!({ "text": r })), coordinator],
                    "member": self.reference(&["practitionerrole", &p.id]),
                    "onBehalfOf": self.reference(&["organization", &p.organisation]),
                })
            })
            .collect();
        participants.extend(self.people.iter().map(|p| {
            json!({ "role": Texts::opt(p.relation).map(|r| json!([{ "text": r }])), "member": self.reference(&["relatedperson", p.id]) })
        }));
        participants.push(json!({ "role": [{ "text": "personen själv" }], "member": self.patient_ref() }));
        json!({
            "resourceType": "CareTeam",
            "status": if self.case.status == Status::Closed { "inactive" } else { "active" },
            "name": "Deltagare i den samordnade individuella planen",
            "subject": self.patient_ref(),
            "participant": participants,
            "managingOrganization": self.custodian().map(|c| json!([c])),
        })
    }

    fn consent(&self, consent: &Consent) -> Value {
        let ircp = json!({ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP", "display": "information recipient" }] });
        let mut actors: Vec<Value> = consent
            .covers
            .iter()
            .filter(|id| self.organisations.iter().any(|o| o.id == **id))
            .map(|id| self.reference(&["organization", id]))
            .map(|reference| json!({ "role": ircp, "reference": reference }))
            .collect();
        actors.extend(
            consent
                .relatives
                .iter()
                .filter_map(|id| self.actor(id))
                .map(|reference| json!({ "role": ircp, "reference": reference })),
        );
        let given = self.actor(consent.given_by.as_deref().unwrap_or(crate::case::THE_PERSON));
        let documented = consent
            .documented_by
            .as_deref()
            .and_then(|id| self.staff.iter().find(|p| p.id == id))
            .map(|p| self.reference(&["organization", &p.organisation]));
        json!({
            "resourceType": "Consent",
            "status": if self.case.status == Status::Closed { "inactive" } else { "active" },
            "scope": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy", "display": "Privacy Consent" }] },
            "category": [
                { "coding": [{ "system": LOINC, "code": "59284-0", "display": "Patient Consent" }], "text": "Samtycke till samordnad individuell plan" },
                consent.form.map(|f| json!({ "text": format!("{} samtycke", word(&f)) })),
            ],
            "patient": self.patient_ref(),
            "dateTime": consent.date.as_ref().map(|d| d.0.clone()),
            "performer": given.map(|g| json!([g])),
            "organization": documented.map(|d| json!([d])),
            "policyRule": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN", "display": "opt-in" }], "text": "Samtycke enligt hälso- och sjukvårdslagen 16 kap. 4 § och socialtjänstlagen 2 kap. 7 §" },
            "provision": { "type": "permit", "actor": actors },
        })
    }

    fn care_plan(&self) -> Value {
        let plan = self.case.plan.as_ref();
        let timeline = plan.and_then(|p| p.timeline.as_ref());
        let period = timeline.map(
            |t| json!({ "start": t.start.as_ref().map(|d| d.0.clone()), "end": t.end.as_ref().map(|d| d.0.clone()) }),
        );
        let created = self.case.revisions.iter().map(|r| r.date.0.as_str()).min().map(str::to_string);
        let goals: Vec<Value> = self.goals().map(|g| self.reference(&["goal", &g.id])).collect();
        let activities: Vec<Value> =
            self.goals().flat_map(|g| g.interventions.iter().map(move |x| self.activity(g, x))).collect();
        json!({
            "resourceType": "CarePlan",
            "identifier": [{ "system": URI, "value": self.urn(&["document"]) }],
            "status": care_plan_status(self.case.status),
            "intent": "plan",
            "category": [sip_category()],
            "title": self.title(),
            "subject": self.patient_ref(),
            "period": period,
            "created": created,
            "author": self.author(),
            "careTeam": [self.reference(&["careteam"])],
            "goal": goals,
            "activity": activities,
        })
    }

    fn activity(&self, goal: &Goal, x: &Intervention) -> Value {
        let (status, reason) = activity_status(x.decided);
        let responsible = x.responsible.as_deref().filter(|id| *id != x.performer).and_then(|id| self.actor(id));
        json!({
            "detail": {
                "status": status,
                "statusReason": { "text": reason },
                "description": Texts::of(&x.what),
                "goal": [self.reference(&["goal", &goal.id])],
                "performer": [self.actor(&x.performer), responsible],
                "scheduledPeriod": {
                    "start": x.start.as_ref().map(|d| d.0.clone()),
                    "end": x.done_by.as_ref().map(|d| d.0.clone()),
                },
            }
        })
    }

    fn goal(&self, g: &Goal) -> Value {
        let achievement = g.fulfilment.map(|f| {
            let (code, display) = achievement(f);
            json!({ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/goal-achievement", "code": code, "display": display }], "text": word(&f) })
        });
        json!({
            "resourceType": "Goal",
            "lifecycleStatus": if self.case.status == Status::Closed { "completed" } else { "active" },
            "achievementStatus": achievement,
            "description": { "text": Texts::of(&g.text) },
            "subject": self.patient_ref(),
            "target": g.follow_up.as_ref().map(|d| json!([{ "dueDate": d.0 }])),
            "note": Texts::opt(g.comment.as_ref()).map(|c| json!([{ "text": c }])),
        })
    }

    fn appointment(&self, m: &Meeting) -> Value {
        let date = m.date.parse().ok();
        let held = date.is_some_and(|d| d <= self.date);
        let clock =
            |t: Option<&crate::case::datetime::Time>| t.and_then(|t| t.parse().ok()).map(|c| (c.hour, c.minute));
        let (start, end) = match (date, clock(m.start.as_ref()), clock(m.end.as_ref())) {
            (Some(d), Some(s), Some(e)) => (Some(self.instant(d, Some(s))), Some(self.instant(d, Some(e)))),
            _ => (None, None),
        };
        let mut ids: Vec<String> = invited_ids(self.case, m);
        if let Some(present) = &m.present {
            ids.extend(present.iter().filter(|p| !ids.contains(p)).cloned().collect::<Vec<_>>());
        }
        let status_of = |id: &str| match (&m.present, held) {
            (_, false) => "needs-action",
            (Some(present), true) => {
                if present.iter().any(|p| p == id) {
                    "accepted"
                } else {
                    "declined"
                }
            }
            (None, true) => "tentative",
        };
        let mut participants: Vec<Value> = ids
            .iter()
            .filter(|id| Named::of(id) != Named::ThePerson)
            .filter_map(|id| self.actor(id).filter(|a| a.get("reference").is_some()).map(|a| (id, a)))
            .map(|(id, actor)| json!({ "actor": actor, "status": status_of(id) }))
            .collect();
        participants.push(json!({ "actor": self.patient_ref(), "status": status_of(crate::case::THE_PERSON) }));
        json!({
            "resourceType": "Appointment",
            "status": if held { "fulfilled" } else { "booked" },
            "description": meeting_word(m.kind),
            "start": start,
            "end": end,
            "requestedPeriod": [{ "start": m.date.0, "end": m.date.0 }],
            "comment": Texts::opt(m.place.as_ref()).map(|p| format!("Plats: {p}")),
            "participant": participants,
        })
    }

    fn document_reference(&self) -> Value {
        json!({
            "resourceType": "DocumentReference",
            "masterIdentifier": { "system": URI, "value": self.urn(&["pdf", &self.version(), self.copy()]) },
            "status": "current",
            "docStatus": "final",
            "type": { "coding": [{ "system": LOINC, "code": PLAN_OF_CARE, "display": "Plan of care note" }], "text": "Samordnad individuell plan (SIP)" },
            "category": [sip_category()],
            "subject": self.patient_ref(),
            "date": self.instant(self.date, None),
            "author": [self.author()],
            "custodian": self.custodian(),
            "description": self.title(),
            "content": [{
                "attachment": {
                    "contentType": "application/pdf",
                    "language": "sv",
                    "title": format!("{} ({})", self.title(), self.pdf_name()),
                    "creation": self.date.to_string(),
                }
            }],
            "context": { "related": [self.reference(&["careplan"])] },
        })
    }
}

/// A section of the Composition: its title, its lines as the narrative, and the
/// resources it holds.
fn section(title: &str, lines: &[String], entries: Vec<Value>) -> Value {
    let paragraphs: String = lines.iter().map(|l| format!("<p>{}</p>", xml_escape(l))).collect();
    json!({
        "title": title,
        "text": { "status": "generated", "div": format!("<div xmlns=\"{XHTML}\">{paragraphs}</div>") },
        "entry": entries,
    })
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn sip_category() -> Value {
    json!({ "coding": [{ "system": TYPE_OF_CARE_PLAN, "code": "SIP", "display": "SIP" }], "text": "Samordnad individuell plan" })
}

fn telecom(phone: Option<&String>, email: Option<&String>) -> Value {
    json!([
        Texts::opt(phone).map(|p| json!({ "system": "phone", "value": p })),
        email.map(|e| json!({ "system": "email", "value": e.trim() })),
    ])
}

fn hsa(id: Option<&String>) -> Value {
    json!(id.map(|id| json!([{ "system": HSA_ID, "value": id.trim() }])))
}

/// The Swedish word a case file uses for a value (`delvis uppfyllt`, `skriftligt`).
fn word<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn meeting_word(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Coordination => "SIP-möte",
        MeetingKind::FollowUp => "Uppföljningsmöte",
    }
}

/// `status` as CarePlan's status.
pub fn care_plan_status(status: Status) -> &'static str {
    match status {
        Status::Called => "draft",
        Status::Ongoing => "active",
        Status::Closed => "completed",
    }
}

/// An intervention's `beslutad` as the activity's status and its reason: decided is
/// scheduled, planned (proposed, not yet decided) is not started.
pub fn activity_status(decided: Option<bool>) -> (&'static str, &'static str) {
    match decided {
        Some(true) => ("scheduled", "beslutad"),
        Some(false) => ("not-started", "planerad, inte beslutad"),
        None => ("unknown", "inte angivet om insatsen är beslutad"),
    }
}

/// `måluppfyllelse` as a goal-achievement code and its display.
pub fn achievement(fulfilment: Fulfilment) -> (&'static str, &'static str) {
    match fulfilment {
        Fulfilment::Met => ("achieved", "Achieved"),
        Fulfilment::PartlyMet => ("improving", "Improving"),
        Fulfilment::NotMet => ("not-achieved", "Not Achieved"),
    }
}

/// The UTC offset of Swedish time at `hour` on `date`: CEST (+02:00) from the last
/// Sunday of March to the last Sunday of October, CET (+01:00) otherwise.
fn stockholm_offset(date: CalendarDate, hour: u32) -> &'static str {
    let last_sunday = |month: u32| {
        let end = CalendarDate { year: date.year, month, day: days_in_month(date.year, month) };
        // weekday_index: Monday 0 … Sunday 6.
        let back = (end.weekday_index() as u32 + 1) % 7;
        CalendarDate { day: end.day - back, ..end }
    };
    let (spring, autumn) = (last_sunday(3), last_sunday(10));
    let after_spring = date > spring || (date == spring && hour >= 2);
    let before_autumn = date < autumn || (date == autumn && hour < 3);
    if after_spring && before_autumn { "+02:00" } else { "+01:00" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> CalendarDate {
        CalendarDate::parse(text).unwrap()
    }

    #[test]
    fn swedish_summer_time_runs_from_the_last_sunday_of_march_to_that_of_october() {
        assert_eq!(stockholm_offset(day("2026-03-28"), 12), "+01:00");
        assert_eq!(stockholm_offset(day("2026-03-29"), 1), "+01:00");
        assert_eq!(stockholm_offset(day("2026-03-29"), 3), "+02:00");
        assert_eq!(stockholm_offset(day("2026-06-15"), 10), "+02:00");
        assert_eq!(stockholm_offset(day("2026-10-25"), 2), "+02:00");
        assert_eq!(stockholm_offset(day("2026-10-25"), 12), "+01:00");
        assert_eq!(stockholm_offset(day("2026-12-04"), 12), "+01:00");
    }

    #[test]
    fn narrative_text_is_escaped() {
        let s = section("T", &["a < b & \"c\"".to_string()], vec![]);
        assert_eq!(
            s["text"]["div"],
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a &lt; b &amp; &quot;c&quot;</p></div>"
        );
    }
}
