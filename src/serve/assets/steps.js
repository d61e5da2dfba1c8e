// samplan workbench: the case as the SIP goes — a timeline of what has happened
// (initiative, consent, each meeting, each plan version, follow-up, deviations,
// closure) and the next steps as short forms of only their own fields, people chosen
// by name. Each step writes into the same case value as the form ("Alla uppgifter")
// and saves the file; the check panel then shows what the saved text has.
// Loaded after app.js, whose editor, el, save and schema helpers it uses.
'use strict';

const STEP_MEETING_WORDS = { samordningsmöte: 'SIP-möte', uppföljningsmöte: 'Uppföljningsmöte' };

function stepPeople(value) {
  const v = value || {};
  const person = v.person || {};
  const organisationName = (id) => ((v.organisationer || []).find((o) => o && o.id === id) || {}).namn;
  const list = (items, details) => (Array.isArray(items) ? items : [])
    .filter((x) => x && typeof x.id === 'string' && x.id)
    .map((x) => ({ value: x.id, text: `${x.namn || x.id} – ${details(x)}`, item: x }));
  return {
    staff: list(v.deltagare, (d) => [d.roll, organisationName(d.organisation)].filter(Boolean).join(', ')),
    representatives: list(person.företrädare, (r) => r.roll || 'företrädare'),
    relatives: list(person.närstående, (r) => r.relation || 'närstående'),
    organisations: (Array.isArray(v.organisationer) ? v.organisationer : [])
      .filter((o) => o && o.id)
      .map((o) => ({ value: o.id, text: o.namn || o.id })),
    person: { value: 'personen', text: `${person.namn || 'Personen'} själv` },
  };
}

// Who a meeting invites: those listed in `kallade`, else every staff member, every
// representative and every relative the person wants invited.
function invitedTo(meeting, people) {
  const everyone = [...people.staff, ...people.representatives, ...people.relatives];
  if (Array.isArray(meeting.kallade)) return everyone.filter((p) => meeting.kallade.includes(p.value));
  return [...people.staff, ...people.representatives, ...people.relatives.filter((r) => r.item.bjuds_in === true)];
}

function stepField(id, text, control, hint) {
  const wrap = el('div', { class: 'falt' }, el('label', { for: id, text }));
  if (hint) {
    wrap.append(el('p', { class: 'hjalp', id: `${id}-hjalp`, text: hint }));
    control.setAttribute('aria-describedby', `${id}-hjalp`);
  }
  wrap.append(control);
  return wrap;
}

function stepSelect(id, options, value, empty = '– välj –') {
  const select = el('select', { id });
  select.append(el('option', { value: '', text: empty }));
  for (const o of options) select.append(el('option', { value: o.value, text: o.text }));
  select.value = value === undefined || value === null ? '' : String(value);
  return select;
}

function stepInput(id, type, value) {
  const input = el('input', { id, type });
  input.value = typeof value === 'string' ? value : '';
  return input;
}

function stepChecks(id, legend, options, chosen, hint) {
  const box = el('fieldset', { class: 'falt', id }, el('legend', { text: legend }));
  if (hint) box.append(el('p', { class: 'hjalp', text: hint }));
  const group = el('div', { class: 'val' });
  options.forEach((o, i) => {
    const input = el('input', { type: 'checkbox', id: `${id}-${i}`, value: o.value, disabled: o.disabled });
    input.checked = chosen.includes(o.value);
    group.append(el('label', { for: `${id}-${i}` }, input, ` ${o.text}`));
  });
  box.append(group);
  return box;
}

function checkedIn(id) {
  return $$(`#${CSS.escape(id)} input[type=checkbox]`).filter((c) => c.checked).map((c) => c.value);
}

function valueOf(id) {
  const field = document.getElementById(id);
  return field ? field.value.trim() : '';
}

function enumOptions(definition, key) {
  const node = schemaRoot.$defs[definition].properties[key];
  return (choices(node) || []).map((c) => ({ value: c.value, text: c.value }));
}

// The choices of a reference key, as the form offers them (names and roles from the
// case, the words the key allows such as `personen`): one source for both.
function refOptions(definition, key) {
  return (referenceOptions(schemaRoot.$defs[definition].properties[key]) || []);
}

function stepText(id, value, rows = '3') {
  const area = el('textarea', { id, rows });
  area.value = typeof value === 'string' ? value : '';
  return area;
}

// A yes/no that may be left unsaid, as a choice of three.
function stepDecided(id, value) {
  return stepSelect(id, [{ value: 'true', text: 'Beslutad' }, { value: 'false', text: 'Planerad, inte beslutad än' }], value, '– inte sagt –');
}

function yesNo(text) {
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

// Writes what a step changed and saves the file.
async function applyStep(change, done) {
  change(editor.value);
  editor.viaForm = true;
  editor.valueFresh = true;
  renderForm();
  markDirty();
  await formToYamlNow(true);
  await save();
  const status = $('#steg-status');
  status.textContent = editor.dirty ? 'Steget kunde inte sparas. Se meddelandet vid Spara.' : done;
  status.focus();
}

function openStep(title, fields, onSave) {
  const box = $('#steg-formular');
  const form = el('form', { class: 'steg-formular', 'aria-labelledby': 'steg-rubrik' });
  form.append(el('h3', { id: 'steg-rubrik', text: title }), ...fields);
  form.append(
    el('div', { class: 'knappar' },
      el('button', { type: 'submit', text: 'Spara steget' }),
      el('button', { type: 'button', class: 'andra', text: 'Avbryt', onclick: () => { box.replaceChildren(); $('#steg-lista').focus(); } })),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSave();
  });
  box.replaceChildren(form);
  const first = form.querySelector('input, select, textarea');
  if (first) first.focus();
}

function meetingName(m, i) {
  return `${STEP_MEETING_WORDS[m.typ] || 'Möte'} ${i + 1}${m.datum ? `, ${m.datum}` : ''}`;
}

function afterMeetingStep(index) {
  const v = editor.value;
  const meeting = v.möten[index];
  const people = stepPeople(v);
  const invited = [...invitedTo(meeting, people), people.person];
  const present = Array.isArray(meeting.närvarande) ? meeting.närvarande : [];
  openStep(`Efter mötet: ${meetingName(meeting, index)}`, [
    stepChecks('steg-narvarande', 'Vilka var med på mötet?', invited, present, 'Alla som kallades, och personen själv.'),
    stepField('steg-sekreterare', 'Sekreterare', stepSelect('steg-sekreterare', people.staff, meeting.sekreterare, '– ingen –')),
    stepChecks('steg-justerare', 'Vilka justerar anteckningarna?', people.staff, meeting.justerare || []),
    stepField('steg-justerad', 'Justerade den', stepInput('steg-justerad', 'date', meeting.justerad), 'Lämna tomt tills anteckningarna är justerade.'),
  ], () => applyStep((value) => {
    const m = value.möten[index];
    const chosen = checkedIn('steg-narvarande');
    m.närvarande = chosen.length ? chosen : undefined;
    m.sekreterare = valueOf('steg-sekreterare') || undefined;
    const checkers = checkedIn('steg-justerare');
    m.justerare = checkers.length ? checkers : undefined;
    m.justerad = valueOf('steg-justerad') || undefined;
  }, 'Mötet är ifyllt och sparat.'));
}

// The person needs an interpreter (`person.tolk`): whether one is booked for a meeting.
function interpreterStep(index) {
  const v = editor.value;
  const meeting = v.möten[index];
  const language = ((v.person || {}).tolk || '').trim();
  const booked = el('input', { type: 'checkbox', id: 'steg-tolk-bokad' });
  booked.checked = meeting.tolk_bokad === true;
  openStep(`Tolk till ${meetingName(meeting, index)}`, [
    el('p', { text: `${(v.person || {}).namn || 'Personen'} behöver tolk på ${language}. Kallelserna säger att tolken är med på mötet.` }),
    el('div', { class: 'falt' }, el('label', { for: 'steg-tolk-bokad' }, booked, ' Tolken är bokad')),
  ], () => applyStep((value) => {
    value.möten[index].tolk_bokad = $('#steg-tolk-bokad').checked ? true : undefined;
  }, 'Tolken är sparad.'));
}

function followUpStep() {
  const v = editor.value;
  const goals = ((v.plan || {}).mål || []);
  const fulfilment = enumOptions('Goal', 'måluppfyllelse');
  const fields = [];
  goals.forEach((g, i) => {
    const box = el('fieldset', { class: 'falt' }, el('legend', { text: `Mål ${i + 1}: ${g.text || g.id || ''}` }));
    box.append(stepField(`steg-mal-${i}`, 'Hur väl har målet nåtts?', stepSelect(`steg-mal-${i}`, fulfilment, g.måluppfyllelse, '– inte bedömt –')));
    const comment = el('textarea', { id: `steg-kommentar-${i}`, rows: '2' });
    comment.value = g.kommentar || '';
    box.append(stepField(`steg-kommentar-${i}`, 'Kommentar', comment));
    fields.push(box);
  });
  if (!goals.length) fields.push(el('p', { text: 'Planen har inga mål ännu. Skriv dem under Alla uppgifter.' }));
  openStep('Följ upp målen', fields, () => applyStep((value) => {
    value.plan.mål.forEach((g, i) => {
      g.måluppfyllelse = valueOf(`steg-mal-${i}`) || undefined;
      g.kommentar = valueOf(`steg-kommentar-${i}`) || undefined;
    });
  }, 'Måluppfyllelsen är sparad. Gör en ny version när planen är ändrad.'));
}

function deviationStep() {
  const people = stepPeople(editor.value);
  const description = el('textarea', { id: 'steg-avvikelse-beskrivning', rows: '3' });
  openStep('Rapportera en avvikelse', [
    stepField('steg-avvikelse-datum', 'Datum', stepInput('steg-avvikelse-datum', 'date', isoToday())),
    stepField('steg-avvikelse-typ', 'Vad gäller avvikelsen?', stepSelect('steg-avvikelse-typ', enumOptions('Deviation', 'typ'), '')),
    stepField('steg-avvikelse-galler', 'Vilken verksamhet gäller den?', stepSelect('steg-avvikelse-galler', people.organisations, '')),
    stepField('steg-avvikelse-beskrivning', 'Vad hände?', description),
    stepField('steg-avvikelse-av', 'Rapporterad av', stepSelect('steg-avvikelse-av', people.staff, editor.value.samordnare)),
  ], () => applyStep((value) => {
    const entry = {
      datum: valueOf('steg-avvikelse-datum') || undefined,
      typ: valueOf('steg-avvikelse-typ') || undefined,
      gäller: valueOf('steg-avvikelse-galler') || undefined,
      beskrivning: valueOf('steg-avvikelse-beskrivning') || undefined,
      rapporterad_av: valueOf('steg-avvikelse-av') || undefined,
    };
    value.avvikelser = [...(value.avvikelser || []), entry];
  }, 'Avvikelsen är sparad. Bygg dokumenten för att få rapporten.'));
}

function closeStep() {
  const closure = editor.value.avslut || {};
  openStep('Avsluta ärendet', [
    stepField('steg-avslut-datum', 'Datum', stepInput('steg-avslut-datum', 'date', closure.datum || isoToday())),
    stepField('steg-avslut-orsak', 'Varför avslutas samordningen?', stepSelect('steg-avslut-orsak', enumOptions('Closure', 'orsak'), closure.orsak)),
  ], () => applyStep((value) => {
    value.status = 'avslutad';
    value.avslut = { ...(value.avslut || {}), datum: valueOf('steg-avslut-datum') || undefined, orsak: valueOf('steg-avslut-orsak') || undefined };
  }, 'Ärendet är avslutat och sparat.'));
}

function callMeetingStep() {
  const v = editor.value;
  const people = stepPeople(v);
  const everyone = [
    ...people.staff,
    ...people.representatives,
    ...people.relatives.map((r) => (r.item.bjuds_in === true ? r : { ...r, disabled: true, text: `${r.text} (personen vill inte att hen bjuds in)` })),
  ];
  const defaults = invitedTo({}, people).map((p) => p.value);
  const kinds = enumOptions('Meeting', 'typ');
  const kind = (v.möten || []).length ? 'uppföljningsmöte' : 'samordningsmöte';
  const language = ((v.person || {}).tolk || '').trim();
  openStep('Kalla till ett möte', [
    stepField('steg-mote-typ', 'Vilket slags möte?', stepSelect('steg-mote-typ', kinds, kind)),
    stepField('steg-mote-datum', 'Datum', stepInput('steg-mote-datum', 'date', '')),
    stepField('steg-mote-tid', 'Börjar klockan', stepInput('steg-mote-tid', 'time', '')),
    stepField('steg-mote-sluttid', 'Slutar klockan', stepInput('steg-mote-sluttid', 'time', '')),
    stepField('steg-mote-plats', 'Plats', stepInput('steg-mote-plats', 'text', '')),
    stepChecks('steg-mote-kallade', 'Vilka kallas?', everyone, defaults, 'Personen bestämmer vilka närstående som bjuds in.'),
    stepField('steg-mote-kallad-av', 'Kallad av', stepSelect('steg-mote-kallad-av', people.staff, v.samordnare)),
    language
      ? el('div', { class: 'falt' }, el('label', { for: 'steg-mote-tolk' }, el('input', { type: 'checkbox', id: 'steg-mote-tolk' }), ` Tolk på ${language} är bokad`))
      : null,
  ].filter(Boolean), () => applyStep((value) => {
    const chosen = checkedIn('steg-mote-kallade');
    const same = chosen.length === defaults.length && chosen.every((c) => defaults.includes(c));
    value.möten = [...(value.möten || []), {
      typ: valueOf('steg-mote-typ') || undefined,
      datum: valueOf('steg-mote-datum') || undefined,
      tid: valueOf('steg-mote-tid') || undefined,
      sluttid: valueOf('steg-mote-sluttid') || undefined,
      plats: valueOf('steg-mote-plats') || undefined,
      kallade: same ? undefined : chosen,
      kallad_av: valueOf('steg-mote-kallad-av') || undefined,
      kallelsedatum: isoToday(),
      tolk_bokad: language && $('#steg-mote-tolk').checked ? true : undefined,
    }];
  }, 'Mötet är kallat och sparat. Bygg dokumenten för att få kallelserna.'));
}

function newVersionStep() {
  const v = editor.value;
  const next = Number(v.version || 0) + 1;
  const changes = el('div', { id: 'steg-version-andringar', 'aria-live': 'polite' });
  openStep(`Ny version av planen: version ${next}`, [
    stepField('steg-version-datum', 'Datum', stepInput('steg-version-datum', 'date', versionDate(v)), 'Förvalt är dagen för mötet som versionen gäller.'),
    changes,
    stepField('steg-version-beskrivning', 'Vad har ändrats i den nya versionen?', stepInput('steg-version-beskrivning', 'text', '')),
  ], () => {
    const description = valueOf('steg-version-beskrivning');
    if (!description) {
      $('#steg-status').textContent = 'Skriv kort vad som har ändrats.';
      $('#steg-version-beskrivning').focus();
      return;
    }
    applyStep((value) => {
      value.version = next;
      // The plan is made at the meeting: a called case now has one.
      if (value.status === 'kallad') value.status = 'pågående';
      value.revisioner = [...(value.revisioner || []), { version: next, datum: valueOf('steg-version-datum') || undefined, beskrivning: description }];
    }, `Version ${next} är sparad. Bygg dokumenten för att få den nya planen.`);
  });
  showChangesSince(changes);
}

function initiativeStep() {
  const initiative = editor.value.initiativ || {};
  openStep('Initiativ till SIP', [
    stepField('steg-initiativ-datum', 'Datum', stepInput('steg-initiativ-datum', 'date', initiative.datum || isoToday())),
    stepField('steg-initiativ-av', 'Vem tog initiativet?', stepSelect('steg-initiativ-av', refOptions('Initiative', 'av'), initiative.av)),
    stepField('steg-initiativ-anledning', 'Varför behövs en SIP?', stepText('steg-initiativ-anledning', initiative.anledning)),
  ], () => applyStep((value) => {
    value.initiativ = {
      ...(value.initiativ || {}),
      datum: valueOf('steg-initiativ-datum') || undefined,
      av: valueOf('steg-initiativ-av') || undefined,
      anledning: valueOf('steg-initiativ-anledning') || undefined,
    };
  }, 'Initiativet är sparat.'));
}

function consentStep() {
  const v = editor.value;
  const consent = v.samtycke || {};
  const organisations = refOptions('Consent', 'gäller');
  // None is ticked until someone ticks it: what may be shared is the person's choice.
  const covered = Array.isArray(consent.gäller) ? consent.gäller : [];
  openStep('Samtycke', [
    stepField('steg-samtycke-datum', 'Datum då personen samtyckte', stepInput('steg-samtycke-datum', 'date', consent.datum || isoToday())),
    stepField('steg-samtycke-form', 'Hur gavs samtycket?', stepSelect('steg-samtycke-form', enumOptions('Consent', 'form'), consent.form)),
    stepField('steg-samtycke-givet-av', 'Vem gav samtycket?', stepSelect('steg-samtycke-givet-av', refOptions('Consent', 'givet_av'), consent.givet_av || 'personen'),
      'Personen själv, eller en företrädare som vårdnadshavare eller god man.'),
    stepChecks('steg-samtycke-galler', 'Vilka verksamheter får dela uppgifter om personen?', organisations, covered),
    stepChecks('steg-samtycke-narstaende', 'Vilka närstående får planen?', refOptions('Consent', 'närstående'), consent.närstående || [],
      'Bara de närstående som personen har sagt ja till.'),
    stepField('steg-samtycke-dokumenterat-av', 'Dokumenterat av', stepSelect('steg-samtycke-dokumenterat-av', refOptions('Consent', 'dokumenterat_av'), consent.dokumenterat_av || v.samordnare)),
  ], () => applyStep((value) => {
    const relatives = checkedIn('steg-samtycke-narstaende');
    const givenBy = valueOf('steg-samtycke-givet-av');
    value.samtycke = {
      ...(value.samtycke || {}),
      datum: valueOf('steg-samtycke-datum') || undefined,
      form: valueOf('steg-samtycke-form') || undefined,
      gäller: checkedIn('steg-samtycke-galler'),
      närstående: relatives.length ? relatives : undefined,
      givet_av: givenBy && givenBy !== 'personen' ? givenBy : undefined,
      dokumenterat_av: valueOf('steg-samtycke-dokumenterat-av') || undefined,
    };
  }, 'Samtycket är sparat.'));
}

// The plan made at the meeting: who coordinates, who has the overall responsibility,
// the person's situation and wishes, each goal with its interventions, the timeline
// and the follow-up. Goals and interventions are kept in a working copy that the
// fields are read back into before one is added or removed, so nothing typed is lost.
function planStep() {
  const v = editor.value;
  const plan = v.plan || {};
  const goals = JSON.parse(JSON.stringify(Array.isArray(plan.mål) ? plan.mål : []));
  // Easy-read texts are asked for when the person wants the plan easy-read.
  const easyRead = ((v.person || {}).format || []).includes('lättläst');
  const performers = refOptions('Intervention', 'utförare');
  const responsible = refOptions('Intervention', 'ansvarig');
  const box = el('div', { id: 'steg-plan-malen' });
  const readBack = () => goals.forEach((g, i) => {
    g.text = valueOf(`steg-plan-mal-${i}-text`);
    g.uppföljning = valueOf(`steg-plan-mal-${i}-uppfoljning`) || undefined;
    if (easyRead) g.lättläst = valueOf(`steg-plan-mal-${i}-lattlast`) || undefined;
    (g.insatser || []).forEach((x, j) => {
      const id = `steg-plan-mal-${i}-insats-${j}`;
      x.vad = valueOf(`${id}-vad`);
      x.utförare = valueOf(`${id}-utforare`) || undefined;
      x.ansvarig = valueOf(`${id}-ansvarig`) || undefined;
      x.beslutad = yesNo(valueOf(`${id}-beslutad`));
      x.start = valueOf(`${id}-start`) || undefined;
      x.klart = valueOf(`${id}-klart`) || undefined;
      if (easyRead) x.lättläst = valueOf(`${id}-lattlast`) || undefined;
    });
  });
  const redraw = (focus) => {
    readBack();
    draw();
    const field = focus && document.getElementById(focus);
    if (field) field.focus();
  };
  const interventionBox = (x, i, j) => {
    const id = `steg-plan-mal-${i}-insats-${j}`;
    return el('fieldset', { class: 'falt insats' }, el('legend', { text: `Insats ${j + 1}` }),
      stepField(`${id}-vad`, 'Vad ska göras?', stepInput(`${id}-vad`, 'text', x.vad)),
      easyRead ? stepField(`${id}-lattlast`, 'Insatsen på lättläst svenska', stepInput(`${id}-lattlast`, 'text', x.lättläst)) : null,
      stepField(`${id}-utforare`, 'Vem utför insatsen?', stepSelect(`${id}-utforare`, performers, x.utförare)),
      stepField(`${id}-ansvarig`, 'Vem ansvarar?', stepSelect(`${id}-ansvarig`, responsible, x.ansvarig, '– ingen –')),
      stepField(`${id}-beslutad`, 'Är insatsen beslutad?', stepDecided(`${id}-beslutad`, x.beslutad)),
      stepField(`${id}-start`, 'Börjar', stepInput(`${id}-start`, 'date', x.start)),
      stepField(`${id}-klart`, 'Klar senast', stepInput(`${id}-klart`, 'date', x.klart)),
      el('button', { type: 'button', class: 'andra', text: `Ta bort insats ${j + 1} i mål ${i + 1}`, onclick: () => {
        readBack();
        goals[i].insatser.splice(j, 1);
        draw();
        document.getElementById(`steg-plan-mal-${i}-ny-insats`).focus();
      } }));
  };
  const goalBox = (g, i) => el('fieldset', { class: 'falt mal' }, el('legend', { text: `Mål ${i + 1}` }),
    stepField(`steg-plan-mal-${i}-text`, 'Målet', stepText(`steg-plan-mal-${i}-text`, g.text, '2')),
    easyRead ? stepField(`steg-plan-mal-${i}-lattlast`, 'Målet på lättläst svenska', stepText(`steg-plan-mal-${i}-lattlast`, g.lättläst, '2'),
      'Personen vill ha planen lättläst. Skriv med korta ord och korta meningar.') : null,
    stepField(`steg-plan-mal-${i}-uppfoljning`, 'Målet följs upp den', stepInput(`steg-plan-mal-${i}-uppfoljning`, 'date', g.uppföljning)),
    ...(g.insatser || []).map((x, j) => interventionBox(x, i, j)),
    el('div', { class: 'knappar' },
      el('button', { type: 'button', class: 'andra', id: `steg-plan-mal-${i}-ny-insats`, text: `Lägg till en insats i mål ${i + 1}`, onclick: () => {
        readBack();
        goals[i].insatser = [...(goals[i].insatser || []), { vad: '' }];
        redraw(`steg-plan-mal-${i}-insats-${goals[i].insatser.length - 1}-vad`);
      } }),
      el('button', { type: 'button', class: 'andra', text: `Ta bort mål ${i + 1}`, onclick: () => {
        readBack();
        goals.splice(i, 1);
        draw();
        $('#steg-plan-nytt-mal').focus();
      } })));
  const draw = () => box.replaceChildren(
    ...goals.map(goalBox),
    el('button', { type: 'button', class: 'andra', id: 'steg-plan-nytt-mal', text: 'Lägg till ett mål', onclick: () => {
      readBack();
      goals.push({ id: newGoalId(goals), text: '', insatser: [{ vad: '' }] });
      redraw(`steg-plan-mal-${goals.length - 1}-text`);
    } }));
  draw();
  const timeline = plan.tidsplan || {};
  const followUp = plan.uppföljning || {};
  openStep('Planen', [
    stepField('steg-plan-samordnare', 'Samordnare', stepSelect('steg-plan-samordnare', refOptions('PlanCase', 'samordnare'), v.samordnare)),
    stepField('steg-plan-ansvar', 'Vilken verksamhet har det övergripande ansvaret?', stepSelect('steg-plan-ansvar', refOptions('PlanCase', 'övergripande_ansvar'), v.övergripande_ansvar)),
    stepField('steg-plan-nulage', 'Så här är det i dag', stepText('steg-plan-nulage', plan.nuläge), 'Personens behov, så som personen själv beskriver dem.'),
    stepField('steg-plan-forutsattningar', 'Personens förutsättningar', stepText('steg-plan-forutsattningar', plan.förutsättningar), 'Det som hjälper eller hindrar personen, till exempel hälsa, boende och stöd från andra.'),
    stepField('steg-plan-intressen', 'Personens intressen', stepText('steg-plan-intressen', plan.intressen, '2')),
    stepField('steg-plan-onskemal', 'Så här vill personen ha det', stepText('steg-plan-onskemal', plan.önskemål)),
    isChild(v.person) || plan.barnets_inställning
      ? stepField('steg-plan-barnet', 'Barnets inställning', stepText('steg-plan-barnet', plan.barnets_inställning), 'Vad barnet själv tycker om planen.')
      : null,
    stepField('steg-plan-lakemedel', 'Läkemedel', stepText('steg-plan-lakemedel', plan.läkemedel, '2'), 'Om läkemedel behöver samordnas.'),
    stepField('steg-plan-hjalpmedel', 'Hjälpmedel', stepText('steg-plan-hjalpmedel', plan.hjälpmedel, '2')),
    el('h4', { text: 'Mål och insatser' }),
    box,
    el('h4', { text: 'Tid och uppföljning' }),
    stepField('steg-plan-start', 'Samordningen börjar', stepInput('steg-plan-start', 'date', timeline.start)),
    stepField('steg-plan-utvardering', 'Samordningen utvärderas mot målen den', stepInput('steg-plan-utvardering', 'date', timeline.utvärdering)),
    stepField('steg-plan-slut', 'Samordningen slutar', stepInput('steg-plan-slut', 'date', timeline.slut)),
    stepField('steg-plan-uppfoljning-datum', 'Planen följs upp den', stepInput('steg-plan-uppfoljning-datum', 'date', followUp.datum)),
    stepField('steg-plan-uppfoljning-vad', 'Vad följs upp?', stepInput('steg-plan-uppfoljning-vad', 'text', followUp.vad)),
    stepField('steg-plan-uppfoljning-kallas-av', 'Vem kallar till uppföljningen?', stepSelect('steg-plan-uppfoljning-kallas-av', refOptions('FollowUp', 'kallas_av'), followUp.kallas_av)),
    stepField('steg-plan-ovrigt', 'Annat vi talade om', stepText('steg-plan-ovrigt', plan.övrigt, '2')),
  ].filter(Boolean), () => {
    readBack();
    applyStep((value) => {
      value.samordnare = valueOf('steg-plan-samordnare') || undefined;
      value.övergripande_ansvar = valueOf('steg-plan-ansvar') || undefined;
      const p = value.plan || {};
      p.nuläge = valueOf('steg-plan-nulage') || undefined;
      p.förutsättningar = valueOf('steg-plan-forutsattningar') || undefined;
      p.intressen = valueOf('steg-plan-intressen') || undefined;
      p.önskemål = valueOf('steg-plan-onskemal') || undefined;
      if (document.getElementById('steg-plan-barnet')) p.barnets_inställning = valueOf('steg-plan-barnet') || undefined;
      p.läkemedel = valueOf('steg-plan-lakemedel') || undefined;
      p.hjälpmedel = valueOf('steg-plan-hjalpmedel') || undefined;
      p.övrigt = valueOf('steg-plan-ovrigt') || undefined;
      p.mål = goals.map((g) => ({ ...g, insatser: (g.insatser || []).length ? g.insatser : undefined }));
      p.tidsplan = { ...(p.tidsplan || {}), start: valueOf('steg-plan-start') || undefined, utvärdering: valueOf('steg-plan-utvardering') || undefined, slut: valueOf('steg-plan-slut') || undefined };
      p.uppföljning = {
        ...(p.uppföljning || {}),
        datum: valueOf('steg-plan-uppfoljning-datum') || undefined,
        vad: valueOf('steg-plan-uppfoljning-vad') || undefined,
        kallas_av: valueOf('steg-plan-uppfoljning-kallas-av') || undefined,
      };
      value.plan = p;
    }, 'Planen är sparad. Gör en ny version när den är klar.');
  });
}

// Whether the person is under 18 today, by birth date or personal identity number.
function isChild(person) {
  const p = person || {};
  const digits = String(p.födelsedatum || p.personnummer || '').replace(/\D/g, '');
  if (digits.length < 8) return false;
  const born = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  const today = isoToday();
  const eighteen = `${Number(born.slice(0, 4)) + 18}${born.slice(4)}`;
  return eighteen > today;
}

// An id for a new goal that no goal of the plan has: mal-1, mal-2, …
function newGoalId(goals) {
  const taken = new Set(goals.map((g) => g.id));
  let n = goals.length + 1;
  while (taken.has(`mal-${n}`)) n += 1;
  return `mal-${n}`;
}

function timelineItem(date, title, text, action) {
  const item = el('li', {},
    el('span', { class: 'steg-datum', text: date || 'inget datum' }),
    el('strong', { text: title }),
    text ? el('span', { class: 'steg-text', text: ` ${text}` }) : null);
  if (action) item.append(' ', el('button', { type: 'button', class: 'andra', text: action.text, onclick: action.run }));
  return item;
}

// The step the SIP asks for next, by what the case has so far: initiative, consent, a
// called meeting, its notes, the plan, its first version, then the follow-up.
function suggestedStep(v, today) {
  const meetings = v.möten || [];
  const held = meetings.map((m, i) => [m, i]).filter(([m]) => m.datum && m.datum <= today);
  const goals = ((v.plan || {}).mål || []);
  if (v.status === 'avslutad') return null;
  if (!v.initiativ) return 'initiativ';
  if (!v.samtycke || !v.samtycke.datum) return 'samtycke';
  if (!meetings.length) return 'kalla';
  const unrecorded = held.find(([m]) => !Array.isArray(m.närvarande));
  if (unrecorded) return `efter-mote-${unrecorded[1] + 1}`;
  if (!held.length) return null;
  if (!goals.length) return 'plan';
  if (!Number(v.version)) return 'ny-version';
  const followUp = (v.plan.uppföljning || {}).datum;
  if (followUp && followUp <= today && goals.some((g) => !g.måluppfyllelse)) return 'uppfoljning';
  return null;
}

const STEPS = {
  initiativ: { text: 'Initiativ', run: () => initiativeStep() },
  samtycke: { text: 'Samtycke', run: () => consentStep() },
  kalla: { text: 'Kalla till möte', run: () => callMeetingStep() },
  plan: { text: 'Planen: mål och insatser', run: () => planStep() },
  'ny-version': { text: 'Ny version av planen', run: () => newVersionStep() },
  uppfoljning: { text: 'Följ upp målen', run: () => followUpStep() },
  avvikelse: { text: 'Rapportera avvikelse', run: () => deviationStep() },
  avsluta: { text: 'Avsluta ärendet', run: () => closeStep() },
};

// Opens a step by its name (as in STEPS, or `efter-mote-N` for the Nth meeting);
// false when the case has no such step.
function runStep(name) {
  const meeting = /^efter-mote-(\d+)$/.exec(name || '');
  const interpreter = /^tolk-mote-(\d+)$/.exec(name || '');
  const found = meeting || interpreter;
  if (found) {
    const i = Number(found[1]) - 1;
    if (!(editor.value.möten || [])[i]) return false;
    if (meeting) afterMeetingStep(i);
    else interpreterStep(i);
    return true;
  }
  if (!STEPS[name]) return false;
  STEPS[name].run();
  return true;
}

function stepButton(name, suggested) {
  const meeting = /^efter-mote-(\d+)$/.exec(name);
  const text = meeting ? `Efter mötet: ${meetingName(editor.value.möten[Number(meeting[1]) - 1], Number(meeting[1]) - 1)}` : STEPS[name].text;
  return el('button', { type: 'button', class: suggested ? 'foreslaget' : 'andra', text, onclick: () => runStep(name) });
}

function renderSteps() {
  const panel = $('#steg');
  if (!panel) return;
  const v = editor.value;
  if (!editor.valueFresh || !v || v.typ === 'information') {
    panel.replaceChildren(el('p', { text: editor.valueFresh ? 'Ett informationsblad har inga steg.' : 'YAML-texten går inte att läsa just nu. Rätta den under fliken YAML.' }));
    return;
  }
  const today = isoToday();
  const change = (run) => ({ text: 'Ändra', run });
  const list = el('ol', { class: 'tidslinje', id: 'steg-lista', tabindex: '-1', 'aria-label': 'Det som har hänt i ärendet' });
  const items = [];
  if (v.initiativ) items.push([v.initiativ.datum, timelineItem(v.initiativ.datum, 'Initiativ', v.initiativ.anledning || '', change(initiativeStep))]);
  if (v.samtycke) {
    const covered = Array.isArray(v.samtycke.gäller) ? v.samtycke.gäller.length : 0;
    const form = v.samtycke.form ? `${v.samtycke.form.charAt(0).toUpperCase()}${v.samtycke.form.slice(1)}. ` : '';
    items.push([v.samtycke.datum, timelineItem(v.samtycke.datum, 'Samtycke', `${form}Gäller ${plural(covered, 'verksamhet', 'verksamheter')}.`, change(consentStep))]);
  }
  (v.möten || []).forEach((m, i) => {
    const held = m.datum && m.datum <= today;
    const state = !held ? 'Kallat.' : m.justerad ? `Hållet, justerat ${m.justerad}.` : Array.isArray(m.justerare) && m.justerare.length ? 'Hållet, inte justerat.' : 'Hållet.';
    const needsInterpreter = !held && ((v.person || {}).tolk || '').trim() && m.tolk_bokad !== true;
    const action = held ? { text: 'Efter mötet', run: () => afterMeetingStep(i) } : needsInterpreter ? { text: 'Boka tolk', run: () => interpreterStep(i) } : null;
    const booked = !held && m.tolk_bokad === true ? ' Tolken är bokad.' : '';
    items.push([m.datum, timelineItem(m.datum, meetingName(m, i), `${state}${booked}`, action)]);
  });
  const goals = ((v.plan || {}).mål || []);
  if (goals.length) {
    const interventions = goals.reduce((n, g) => n + ((g && g.insatser) || []).length, 0);
    const first = (v.revisioner || []).map((r) => r && r.datum).filter(Boolean).sort()[0];
    items.push([first || today, timelineItem(first, 'Planen', `${plural(goals.length, 'mål', 'mål')} med ${plural(interventions, 'insats', 'insatser')}.`, change(planStep))]);
  }
  (v.revisioner || []).forEach((r) => items.push([r.datum, timelineItem(r.datum, `Planens version ${r.version}`, r.beskrivning || '')]));
  if (v.plan && v.plan.uppföljning) {
    const judged = goals.filter((g) => g.måluppfyllelse).length;
    items.push([v.plan.uppföljning.datum, timelineItem(v.plan.uppföljning.datum, 'Uppföljning', `${judged} av ${goals.length} mål bedömda.`, { text: 'Följ upp målen', run: followUpStep })]);
  }
  (v.avvikelser || []).forEach((d, i) => items.push([d.datum, timelineItem(d.datum, `Avvikelse ${i + 1}`, d.typ || '')]));
  if (v.status === 'avslutad') items.push([(v.avslut || {}).datum, timelineItem((v.avslut || {}).datum, 'Avslutat', (v.avslut || {}).orsak || '')]);
  items.sort((a, b) => String(a[0] || '9999').localeCompare(String(b[0] || '9999')));
  list.append(...items.map(([, item]) => item));
  const suggested = suggestedStep(v, today);
  const names = ['initiativ', 'samtycke', 'kalla', 'plan', 'ny-version', 'uppfoljning', 'avvikelse']
    .concat(v.status === 'avslutad' ? [] : ['avsluta'])
    // Initiative and consent, once written, are changed from their line above.
    .filter((name) => name !== suggested && !(name === 'initiativ' && v.initiativ) && !(name === 'samtycke' && v.samtycke));
  const next = suggested
    ? [el('p', { class: 'hjalp', text: 'Det här steget är näst på tur:' }), el('div', { class: 'knappar' }, stepButton(suggested, true)), el('h3', { text: 'Andra steg' })]
    : [];
  panel.replaceChildren(
    el('h3', { text: 'Så här långt har ärendet kommit' }), list,
    el('h3', { text: 'Nästa steg' }), ...next,
    el('div', { class: 'knappar steg-knappar' }, ...names.map((name) => stepButton(name, false))),
    el('p', { id: 'steg-status', class: 'ok', role: 'status', tabindex: '-1' }),
    el('div', { id: 'steg-formular' }),
  );
}

// A link from "Att göra" names the step that deals with the item (`steg=` in the
// address): the steps tab is shown with that step open.
function openLinkedStep() {
  const step = new URLSearchParams(location.search).get('steg');
  if (!step || !editor.valueFresh || !editor.value || editor.value.typ === 'information') return;
  showTab('steg');
  runStep(step);
}
