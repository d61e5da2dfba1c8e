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
  openStep('Kalla till ett möte', [
    stepField('steg-mote-typ', 'Vilket slags möte?', stepSelect('steg-mote-typ', kinds, kind)),
    stepField('steg-mote-datum', 'Datum', stepInput('steg-mote-datum', 'date', '')),
    stepField('steg-mote-tid', 'Börjar klockan', stepInput('steg-mote-tid', 'time', '')),
    stepField('steg-mote-sluttid', 'Slutar klockan', stepInput('steg-mote-sluttid', 'time', '')),
    stepField('steg-mote-plats', 'Plats', stepInput('steg-mote-plats', 'text', '')),
    stepChecks('steg-mote-kallade', 'Vilka kallas?', everyone, defaults, 'Personen bestämmer vilka närstående som bjuds in.'),
    stepField('steg-mote-kallad-av', 'Kallad av', stepSelect('steg-mote-kallad-av', people.staff, v.samordnare)),
  ], () => applyStep((value) => {
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

function timelineItem(date, title, text, action) {
  const item = el('li', {},
    el('span', { class: 'steg-datum', text: date || 'inget datum' }),
    el('strong', { text: title }),
    text ? el('span', { class: 'steg-text', text: ` ${text}` }) : null);
  if (action) item.append(' ', el('button', { type: 'button', class: 'andra', text: action.text, onclick: action.run }));
  return item;
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
  const list = el('ol', { class: 'tidslinje', id: 'steg-lista', tabindex: '-1', 'aria-label': 'Det som har hänt i ärendet' });
  const items = [];
  if (v.initiativ) items.push([v.initiativ.datum, timelineItem(v.initiativ.datum, 'Initiativ', v.initiativ.anledning || '')]);
  if (v.samtycke) items.push([v.samtycke.datum, timelineItem(v.samtycke.datum, 'Samtycke', v.samtycke.form ? `${v.samtycke.form}.` : '')]);
  (v.möten || []).forEach((m, i) => {
    const held = m.datum && m.datum <= today;
    const state = !held ? 'Kallat.' : m.justerad ? `Hållet, justerat ${m.justerad}.` : Array.isArray(m.justerare) && m.justerare.length ? 'Hållet, inte justerat.' : 'Hållet.';
    items.push([m.datum, timelineItem(m.datum, meetingName(m, i), state, held ? { text: 'Efter mötet', run: () => afterMeetingStep(i) } : null)]);
  });
  (v.revisioner || []).forEach((r) => items.push([r.datum, timelineItem(r.datum, `Planens version ${r.version}`, r.beskrivning || '')]));
  const goals = ((v.plan || {}).mål || []);
  if (v.plan && v.plan.uppföljning) {
    const judged = goals.filter((g) => g.måluppfyllelse).length;
    items.push([v.plan.uppföljning.datum, timelineItem(v.plan.uppföljning.datum, 'Uppföljning', `${judged} av ${goals.length} mål bedömda.`, { text: 'Följ upp målen', run: followUpStep })]);
  }
  (v.avvikelser || []).forEach((d, i) => items.push([d.datum, timelineItem(d.datum, `Avvikelse ${i + 1}`, d.typ || '')]));
  if (v.status === 'avslutad') items.push([(v.avslut || {}).datum, timelineItem((v.avslut || {}).datum, 'Avslutat', (v.avslut || {}).orsak || '')]);
  items.sort((a, b) => String(a[0] || '9999').localeCompare(String(b[0] || '9999')));
  list.append(...items.map(([, item]) => item));
  const actions = el('div', { class: 'knappar steg-knappar' },
    el('button', { type: 'button', text: 'Kalla till möte', onclick: callMeetingStep }),
    el('button', { type: 'button', text: 'Följ upp målen', onclick: followUpStep }),
    el('button', { type: 'button', text: 'Ny version av planen', onclick: newVersionStep }),
    el('button', { type: 'button', text: 'Rapportera avvikelse', onclick: deviationStep }),
    v.status === 'avslutad' ? null : el('button', { type: 'button', text: 'Avsluta ärendet', onclick: closeStep }));
  panel.replaceChildren(
    el('h3', { text: 'Så här långt har ärendet kommit' }), list,
    el('h3', { text: 'Nästa steg' }), actions,
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
  const meeting = /^efter-mote-(\d+)$/.exec(step);
  const meetings = editor.value.möten || [];
  if (meeting && meetings[Number(meeting[1]) - 1]) afterMeetingStep(Number(meeting[1]) - 1);
  else if (step === 'kalla') callMeetingStep();
  else if (step === 'uppfoljning') followUpStep();
}
