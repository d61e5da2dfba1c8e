// samplan workbench: the case list (sort, filter, new files) and the case editor (a
// form made from the case schema, the YAML text, live check, preview, save, build).
// Plain JavaScript, no build step; everything it loads comes from this server.
'use strict';

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

async function request(method, url, body, headers = {}) {
  const options = { method, headers: { ...headers }, credentials: 'same-origin' };
  if (body !== undefined) {
    if (typeof body === 'string') {
      options.body = body;
      options.headers['Content-Type'] = 'text/plain; charset=utf-8';
    } else {
      options.body = JSON.stringify(body);
      options.headers['Content-Type'] = 'application/json';
    }
  }
  return fetch(url, options);
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------- the case list

function startList() {
  const table = $('#arenden');
  const filter = $('#filter');
  const count = $('#antal');
  const rows = () => $$('tbody tr', table);
  const showCount = () => {
    const shown = rows().filter((r) => !r.hidden).length;
    count.textContent = `${shown} av ${plural(rows().length, 'ärende', 'ärenden')} visas`;
  };
  filter.addEventListener('input', () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const row of rows()) {
      const text = row.textContent.toLowerCase();
      row.hidden = !words.every((w) => text.includes(w));
    }
    showCount();
  });
  for (const button of $$('th button', table)) {
    button.addEventListener('click', () => {
      const th = button.closest('th');
      const column = Number(button.dataset.kolumn);
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of $$('th', table)) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = (row) => {
        const cell = row.cells[column];
        return cell.dataset.sort ?? cell.textContent.trim().toLowerCase();
      };
      const sorted = rows().sort((a, b) => key(a).localeCompare(key(b), 'sv') * (ascending ? 1 : -1));
      table.tBodies[0].append(...sorted);
    });
  }
  showCount();
  const form = $('#nytt');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = $('#ny-fel');
    error.textContent = '';
    const file = $('#ny-fil').value.trim();
    if (!/^[A-Za-z0-9_./-]+\.ya?ml$/.test(file)) {
      error.textContent = 'Skriv ett filnamn som slutar på .yaml, med bokstäverna a–z, siffror och - eller _.';
      $('#ny-fil').focus();
      return;
    }
    const response = await request('POST', '/api/new', {
      kind: $('#ny-typ').value,
      rutin: $('#ny-rutin').value,
      file,
    });
    if (response.status === 201) {
      location.href = `/arende?fil=${encodeURIComponent(file)}`;
    } else {
      const body = await response.json().catch(() => ({}));
      error.textContent = body.error || `Filen kunde inte skapas (${response.status}).`;
    }
  });
}

// ---------------------------------------------------------------- the schema

let schemaRoot = null;

function resolve(node) {
  for (let i = 0; i < 16 && node; i++) {
    if (node.$ref) node = schemaRoot.$defs[node.$ref.replace('#/$defs/', '')];
    else if (node.anyOf) node = node.anyOf.find((o) => o.type !== 'null') || node.anyOf[0];
    else if (node.allOf && node.allOf.length === 1) node = node.allOf[0];
    else break;
  }
  return node || {};
}

// A node's type, where the schema may give it as ["boolean", "null"] for an optional.
function typeOf(node) {
  const type = resolve(node).type;
  return Array.isArray(type) ? type.find((t) => t !== 'null') : type;
}

function definitionName(node) {
  const direct = node && node.$ref;
  const optional = node && node.anyOf && node.anyOf.find((o) => o.$ref);
  const ref = direct || (optional && optional.$ref);
  return ref ? ref.replace('#/$defs/', '') : null;
}

function choices(node) {
  const resolved = resolve(node);
  if (resolved.oneOf && resolved.oneOf.every((o) => 'const' in o)) {
    return resolved.oneOf.map((o) => ({ value: o.const, hint: o.description || '' }));
  }
  if (resolved.enum) return resolved.enum.map((v) => ({ value: v, hint: '' }));
  return null;
}

function describe(node) {
  return (node && node.description) || resolve(node).description || '';
}

// ---------------------------------------------------------------- paths

function pathText(path) {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out ? `.${step}` : step;
  }
  return out;
}

function fieldId(path) {
  return `f-${pathText(path)}`;
}

function getAt(value, path) {
  return path.reduce((v, step) => (v === undefined || v === null ? undefined : v[step]), value);
}

function setAt(value, path, newValue) {
  let node = value;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i];
    if (node[step] === undefined || node[step] === null) node[step] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[step];
  }
  const last = path[path.length - 1];
  if (newValue === undefined) {
    if (Array.isArray(node)) node.splice(last, 1);
    else delete node[last];
  } else {
    node[last] = newValue;
  }
}

// ---------------------------------------------------------------- the editor

const editor = {
  file: '',
  url: '',
  yaml: '',
  savedYaml: '',
  etag: '',
  value: {},
  valueFresh: true,
  diagnostics: [],
  dirty: false,
  checkedText: null,
  routines: [],
  viaForm: false,
};

const LONG_KEYS = new Set([
  'nuläge', 'förutsättningar', 'intressen', 'personens_önskemål', 'övrigt', 'beskrivning', 'anledning',
  'förberedelse', 'förberedelse_personen', 'vad', 'text', 'lättläst', 'barnets_inställning', 'bakgrund',
  'läkemedel', 'hjälpmedel', 'händelse', 'åtgärd',
]);

function idsOf(list, key = 'id') {
  return Array.isArray(list) ? list.map((x) => x && x[key]).filter((x) => typeof x === 'string' && x) : [];
}

// A field that names someone or something in the case carries `x-samplan-ref` in the
// schema (which list its ids come from; `personer` is staff, representatives and
// relatives) and, where a word may stand instead of an id, `x-samplan-ord`. The
// choices are offered by name, role and organisation, the id kept as the value.
function referenceOptions(node) {
  const kind = node && node['x-samplan-ref'];
  if (!kind) return null;
  const v = editor.value || {};
  const person = v.person || {};
  const organisationName = (id) => ((v.organisationer || []).find((o) => o && o.id === id) || {}).namn;
  const staff = (d) => [d.roll, organisationName(d.organisation)].filter(Boolean).join(', ');
  const out = [];
  const add = (list, details) => {
    for (const x of Array.isArray(list) ? list : []) {
      if (!x || typeof x.id !== 'string' || !x.id) continue;
      const more = details(x);
      out.push({ value: x.id, text: `${x.namn || x.id}${more ? ` – ${more}` : ''} (${x.id})` });
    }
  };
  const representatives = () => add(person.företrädare, (r) => r.roll || 'företrädare');
  const relatives = () => add(person.närstående, (r) => r.relation || 'närstående');
  switch (kind) {
    case 'organisationer': add(v.organisationer, () => ''); break;
    case 'deltagare': add(v.deltagare, staff); break;
    case 'företrädare': representatives(); break;
    case 'närstående': relatives(); break;
    case 'personer': add(v.deltagare, staff); representatives(); relatives(); break;
    default: break;
  }
  const words = {
    personen: `${person.namn || 'Personen'} själv (personen)`,
    närstående: 'En närstående, utan namn (närstående)',
    företrädare: 'En företrädare, utan namn (företrädare)',
  };
  for (const word of node['x-samplan-ord'] || []) out.push({ value: word, text: words[word] || word });
  const seen = new Set();
  return out.filter((o) => !seen.has(o.value) && seen.add(o.value));
}

function label(key) {
  const text = String(key).replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function hintFor(id, description) {
  if (!description) return null;
  return el('p', { class: 'hjalp', id: `${id}-hjalp`, text: description.replace(/`/g, '') });
}

function changed(path, newValue) {
  editor.viaForm = true;
  setAt(editor.value, path, newValue);
  editor.valueFresh = true;
  markDirty();
  formToYaml();
}

function structureChanged() {
  editor.viaForm = true;
  renderForm();
  markDirty();
  formToYaml();
}

function scalarInput(node, value, path, key, required) {
  const id = fieldId(path);
  const description = describe(node);
  const wrap = el('div', { class: 'falt', 'data-path': pathText(path) });
  const labelText = label(key) + (required ? ' (måste fyllas i)' : '');
  const routines = key === 'rutin' && path.length === 1 ? editor.routines.map((r) => ({ value: r, hint: '' })) : null;
  const options = routines || choices(node);
  const references = options ? null : referenceOptions(node);
  const type = typeOf(node);
  const definition = definitionName(node);
  const describedBy = description ? `${id}-hjalp` : undefined;
  let input;
  if (type === 'boolean' && !required) {
    // Optional: "not said" is a third answer a checkbox cannot give.
    input = el('select', { id, 'aria-describedby': describedBy });
    for (const [v, text] of [['', '– inget –'], ['true', 'Ja (true)'], ['false', 'Nej (false)']]) {
      input.append(el('option', { value: v, text }));
    }
    input.value = value === true ? 'true' : value === false ? 'false' : '';
    input.addEventListener('change', () => changed(path, input.value === '' ? undefined : input.value === 'true'));
    wrap.append(el('label', { for: id, text: labelText }), hintFor(id, description), input);
    return wrap;
  }
  if (type === 'boolean') {
    input = el('input', { type: 'checkbox', id, 'aria-describedby': describedBy });
    input.checked = value === true;
    input.addEventListener('change', () => changed(path, input.checked));
    wrap.append(el('label', {}, input, ` ${labelText}`), hintFor(id, description));
    return wrap;
  }
  if (options || references) {
    input = el('select', { id, 'aria-describedby': describedBy });
    input.append(el('option', { value: '', text: required ? '– välj –' : '– inget –' }));
    const list = options || references;
    for (const option of list) {
      const text = option.text || (option.hint ? `${option.value} – ${option.hint.split('\n')[0]}` : option.value);
      input.append(el('option', { value: option.value, text }));
    }
    if (value !== undefined && value !== null && !list.some((o) => o.value === value)) {
      input.append(el('option', { value: String(value), text: `${value} (finns inte bland valen)` }));
    }
    input.value = value === undefined || value === null ? '' : String(value);
  } else if (type === 'integer' || type === 'number') {
    input = el('input', { type: 'number', id, inputmode: 'numeric', 'aria-describedby': describedBy });
    input.value = value === undefined || value === null ? '' : String(value);
  } else if (definition === 'Date') {
    input = el('input', { type: 'date', id, 'aria-describedby': describedBy });
    input.value = typeof value === 'string' ? value : '';
  } else if (definition === 'Time') {
    input = el('input', { type: 'time', id, 'aria-describedby': describedBy });
    input.value = typeof value === 'string' ? value : '';
  } else if (LONG_KEYS.has(key) || (typeof value === 'string' && (value.length > 80 || value.includes('\n')))) {
    input = el('textarea', { id, rows: 3, 'aria-describedby': describedBy });
    input.value = value === undefined || value === null ? '' : String(value);
  } else {
    input = el('input', { type: 'text', id, 'aria-describedby': describedBy });
    input.value = value === undefined || value === null ? '' : String(value);
  }
  if (required) input.setAttribute('aria-required', 'true');
  const read = () => {
    const raw = input.value;
    if (raw === '') return undefined;
    if (type === 'integer' || type === 'number') return Number.isNaN(Number(raw)) ? raw : Number(raw);
    return raw;
  };
  input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => changed(path, read()));
  wrap.append(el('label', { for: id, text: labelText }), hintFor(id, description), input);
  return wrap;
}

function checkboxGroup(node, value, path, key, list) {
  const id = fieldId(path);
  const description = describe(node);
  const box = el('fieldset', { class: 'falt', id, 'data-path': pathText(path) });
  box.append(el('legend', { text: label(key) }));
  if (description) box.append(hintFor(id, description));
  const chosen = new Set(Array.isArray(value) ? value : []);
  // A value the file has that is not among the choices stays, checked, so ticking
  // another box never drops it unseen.
  const known = new Set(list.map((o) => o.value));
  list = [...list, ...[...chosen].filter((v) => !known.has(v)).map((v) => ({ value: v, hint: 'finns inte bland valen' }))];
  const group = el('div', { class: 'val' });
  list.forEach((option, i) => {
    const input = el('input', { type: 'checkbox', id: `${id}-${i}`, value: option.value });
    input.checked = chosen.has(option.value);
    input.addEventListener('change', () => {
      const now = $$('input', group).filter((c) => c.checked).map((c) => c.value);
      changed(path, now.length ? now : undefined);
    });
    const text = option.text || (option.hint ? `${option.value} (${option.hint.split('\n')[0].replace(/`/g, '')})` : option.value);
    group.append(el('label', { for: `${id}-${i}` }, input, text));
  });
  if (!list.length) group.append(el('p', { class: 'hjalp', text: 'Det finns inga att välja bland ännu.' }));
  box.append(group);
  return box;
}

function arrayField(node, value, path, key) {
  const resolved = resolve(node);
  const itemNode = resolved.items || {};
  const item = resolve(itemNode);
  const itemType = typeOf(itemNode);
  const description = describe(node);
  const enumChoices = choices(itemNode);
  if (enumChoices) return checkboxGroup(node, value, path, key, enumChoices);
  const references = itemType === 'string' ? referenceOptions(node) : null;
  if (references) return checkboxGroup(node, value, path, key, references);
  const id = fieldId(path);
  const box = el('fieldset', { id, 'data-path': pathText(path) });
  box.append(el('legend', { text: label(key) }));
  if (description) box.append(hintFor(id, description));
  const items = Array.isArray(value) ? value : [];
  items.forEach((entry, i) => {
    const itemPath = [...path, i];
    const post = el('div', { class: 'lista-post', 'data-path': pathText(itemPath) });
    const name = `${label(key)} ${i + 1}`;
    if (itemType === 'object' || item.properties) {
      post.append(el('h3', { class: 'dold', text: name }));
      post.append(objectFields(itemNode, entry || {}, itemPath, name));
    } else {
      post.append(scalarInput(itemNode, entry, itemPath, name, false));
    }
    const buttons = el('div', { class: 'post-knappar' });
    const move = (to) => {
      const list = getAt(editor.value, path);
      const [moved] = list.splice(i, 1);
      list.splice(to, 0, moved);
      structureChanged();
      const target = document.querySelector(`[data-path="${CSS.escape(pathText([...path, to]))}"] button[data-flytta]`);
      if (target) target.focus();
    };
    if (i > 0) buttons.append(el('button', { type: 'button', 'data-flytta': 'upp', 'aria-label': `Flytta upp ${name}`, text: 'Flytta upp', onclick: () => move(i - 1) }));
    if (i < items.length - 1) buttons.append(el('button', { type: 'button', 'data-flytta': 'ned', 'aria-label': `Flytta ned ${name}`, text: 'Flytta ned', onclick: () => move(i + 1) }));
    buttons.append(el('button', {
      type: 'button',
      'aria-label': `Ta bort ${name}`,
      text: 'Ta bort',
      onclick: () => {
        if (!confirm(`Ta bort ${name}?`)) return;
        const list = getAt(editor.value, path);
        list.splice(i, 1);
        if (!list.length) setAt(editor.value, path, undefined);
        structureChanged();
        const add = document.getElementById(`${id}-lagg-till`);
        if (add) add.focus();
      },
    }));
    post.append(buttons);
    box.append(post);
  });
  box.append(el('button', {
    type: 'button',
    class: 'lagg-till',
    id: `${id}-lagg-till`,
    text: `Lägg till i ${label(key).toLowerCase()}`,
    onclick: () => {
      const list = getAt(editor.value, path);
      const fresh = itemType === 'object' || item.properties ? {} : '';
      if (Array.isArray(list)) list.push(fresh);
      else setAt(editor.value, path, [fresh]);
      structureChanged();
      const added = document.querySelector(`[data-path="${CSS.escape(pathText([...path, items.length]))}"] input, [data-path="${CSS.escape(pathText([...path, items.length]))}"] select, [data-path="${CSS.escape(pathText([...path, items.length]))}"] textarea`);
      if (added) added.focus();
    },
  }));
  return box;
}

function field(node, value, path, key, required) {
  const resolved = resolve(node);
  const type = typeOf(node);
  if (type === 'array') return arrayField(node, value, path, key);
  if (type === 'object' || resolved.properties) {
    const id = fieldId(path);
    if (value === undefined || value === null) {
      const wrap = el('div', { class: 'falt', 'data-path': pathText(path) });
      wrap.append(el('button', {
        type: 'button',
        class: 'lagg-till',
        id,
        text: `Lägg till ${label(key).toLowerCase()}`,
        onclick: () => {
          setAt(editor.value, path, {});
          structureChanged();
          const first = document.querySelector(`fieldset[id="${CSS.escape(id)}"] input, fieldset[id="${CSS.escape(id)}"] select, fieldset[id="${CSS.escape(id)}"] textarea`);
          if (first) first.focus();
        },
      }));
      const description = describe(node);
      if (description) wrap.append(hintFor(id, description));
      return wrap;
    }
    const box = el('fieldset', { id, 'data-path': pathText(path) });
    box.append(el('legend', { text: label(key) }));
    const description = describe(node);
    if (description) box.append(hintFor(id, description));
    box.append(objectFields(node, value, path, label(key)));
    if (!required) {
      box.append(el('button', {
        type: 'button',
        class: 'lagg-till',
        text: `Ta bort ${label(key).toLowerCase()}`,
        onclick: () => {
          if (!confirm(`Ta bort ${label(key).toLowerCase()} och allt i den?`)) return;
          setAt(editor.value, path, undefined);
          structureChanged();
        },
      }));
    }
    return box;
  }
  return scalarInput(node, value, path, key, required);
}

function objectFields(node, value, path) {
  const resolved = resolve(node);
  const required = new Set(resolved.required || []);
  const fragment = document.createDocumentFragment();
  for (const [key, child] of Object.entries(resolved.properties || {})) {
    fragment.append(field(child, value ? value[key] : undefined, [...path, key], key, required.has(key)));
  }
  return fragment;
}

function renderForm() {
  const form = $('#formular');
  const focused = document.activeElement && form.contains(document.activeElement) ? document.activeElement.id : null;
  form.replaceChildren();
  if (!editor.valueFresh) {
    form.append(el('p', { class: 'fel', role: 'alert', text: 'YAML-texten går inte att läsa som ärendefil just nu. Rätta den under fliken YAML; sedan visas formuläret igen.' }));
    return;
  }
  const kind = editor.value && editor.value.typ === 'information' ? 'InfoCase' : 'PlanCase';
  form.append(objectFields(schemaRoot.$defs[kind], editor.value, []));
  showDiagnosticsAtFields();
  renderSteps();
  if (focused) {
    const again = document.getElementById(focused);
    if (again) again.focus();
  }
}

// ---------------------------------------------------------------- text, check, save

const formToYaml = debounce(async () => {
  const response = await request('POST', '/api/form/yaml', { value: editor.value, file: editor.file, yaml: editor.yaml });
  if (!response.ok) return;
  editor.yaml = await response.text();
  $('#yaml').value = editor.yaml;
  runCheck();
}, 150);

async function yamlToValue() {
  const response = await request('POST', '/api/form/json', editor.yaml);
  if (response.ok) {
    const value = await response.json();
    editor.value = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
    editor.valueFresh = true;
  } else {
    editor.valueFresh = false;
  }
}

let checkSequence = 0;
async function runCheck() {
  const text = editor.yaml;
  if (text === editor.checkedText) return;
  const mine = ++checkSequence;
  const started = performance.now();
  const response = await request('POST', '/api/form/check', text);
  if (!response.ok || mine !== checkSequence) return;
  editor.diagnostics = await response.json();
  editor.checkedText = text;
  showDiagnostics();
  document.body.dataset.kontrollMs = String(Math.round(performance.now() - started));
  document.body.dataset.kontrollerad = String(mine);
  refreshDocuments();
}
const checkSoon = debounce(runCheck, 250);

function nearestField(path) {
  let text = path;
  while (text) {
    const found = document.querySelector(`[data-path="${CSS.escape(text)}"]`);
    if (found) return found;
    const cut = Math.max(text.lastIndexOf('.'), text.lastIndexOf('['));
    text = cut > 0 ? text.slice(0, cut) : '';
  }
  return null;
}

function severityWord(d) {
  return d.severity === 'fel' ? 'Fel' : 'Varning';
}

function showDiagnosticsAtFields() {
  for (const old of $$('.falt-fel, .falt-varning')) old.remove();
  for (const old of $$('.har-fel')) old.classList.remove('har-fel');
  for (const input of $$('[aria-invalid]')) input.removeAttribute('aria-invalid');
  editor.diagnostics.forEach((d, i) => {
    const target = nearestField(d.path);
    if (!target) return;
    const note = el('p', { class: d.severity === 'fel' ? 'falt-fel' : 'falt-varning', id: `diagnos-${i}`, text: `${severityWord(d)}: ${d.message}` });
    const input = target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea');
    if (target.tagName === 'FIELDSET') target.querySelector('legend').after(note);
    else target.append(note);
    if (d.severity === 'fel') target.classList.add('har-fel');
    if (input && target.contains(input) && target.querySelectorAll('input, select, textarea').length === 1 + $$('input', note).length) {
      input.setAttribute('aria-invalid', d.severity === 'fel' ? 'true' : 'false');
      const described = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      described.push(note.id);
      input.setAttribute('aria-describedby', described.join(' '));
    }
  });
}

function showDiagnostics() {
  const box = $('#diagnoser');
  box.replaceChildren();
  const errors = editor.diagnostics.filter((d) => d.severity === 'fel').length;
  const warnings = editor.diagnostics.length - errors;
  box.append(el('p', {
    class: errors ? 'fel' : warnings ? 'varning' : 'ok',
    text: errors || warnings ? `${plural(errors, 'fel', 'fel')}, ${plural(warnings, 'varning', 'varningar')}.` : 'Inga fel och inga varningar.',
  }));
  const list = el('ul');
  editor.diagnostics.forEach((d) => {
    const go = el('a', {
      href: `#${fieldId([]) + d.path}`,
      text: `${severityWord(d)}${d.plats ? ` i ${d.plats}` : ''}: ${d.message}`,
      onclick: (event) => {
        event.preventDefault();
        showTab('formular');
        const target = nearestField(d.path);
        if (target) {
          const input = target.matches('input, select, textarea, button') ? target : target.querySelector('input, select, textarea, button');
          target.scrollIntoView({ block: 'center' });
          if (input) input.focus();
        }
      },
    });
    const line = el('button', {
      type: 'button',
      class: 'andra',
      text: `rad ${d.line}`,
      'aria-label': `Visa rad ${d.line} i YAML-texten`,
      onclick: () => showLine(d.line),
    });
    list.append(el('li', {}, go, ' ', line));
  });
  box.append(list);
  showDiagnosticsAtFields();
}

function showLine(line) {
  showTab('yaml');
  const area = $('#yaml');
  const lines = area.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const end = start + (lines[line - 1] || '').length;
  area.focus();
  area.setSelectionRange(start, end);
  const height = area.scrollHeight / Math.max(lines.length, 1);
  area.scrollTop = Math.max(0, (line - 5) * height);
  $('#yaml-rad').textContent = `Rad ${line}: ${editor.diagnostics.filter((d) => d.line === line).map((d) => d.message).join(' · ')}`;
}

function markDirty() {
  editor.dirty = true;
  $('#sparstatus').textContent = 'Ändrat, inte sparat.';
}

function markSaved(text) {
  editor.dirty = false;
  editor.savedYaml = text;
  $('#sparstatus').textContent = 'Sparat.';
}

async function save() {
  await formToYamlNow();
  // The check panel shows what is saved, also when the form's text changed just now.
  runCheck();
  const text = editor.yaml;
  const response = await request('PUT', `/api/cases/${editor.url}`, text, { 'If-Match': editor.etag });
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    editor.etag = body.etag;
    $('#konflikt').hidden = true;
    markSaved(text);
    const errors = (body.diagnostics || []).filter((d) => d.severity === 'fel').length;
    if (errors) $('#sparstatus').textContent = `Sparat som utkast: ${plural(errors, 'fel', 'fel')} kvar.`;
  } else if (response.status === 409) {
    $('#konflikt').hidden = false;
    $('#ladda-om').focus();
  } else {
    $('#sparstatus').textContent = body.error || `Kunde inte spara (${response.status}).`;
  }
}

async function formToYamlNow(force = false) {
  if ((force || !$('#panel-formular').hidden) && editor.valueFresh) {
    const response = await request('POST', '/api/form/yaml', { value: editor.value, file: editor.file, yaml: editor.yaml });
    if (response.ok) {
      editor.yaml = await response.text();
      $('#yaml').value = editor.yaml;
    }
  }
}

async function load() {
  const response = await request('GET', `/api/cases/${editor.url}`);
  if (!response.ok) {
    $('#sparstatus').textContent = 'Filen kunde inte läsas.';
    return;
  }
  const body = await response.json();
  editor.yaml = body.yaml;
  editor.etag = body.etag;
  $('#yaml').value = editor.yaml;
  markSaved(editor.yaml);
  editor.viaForm = false;
  $('#sparstatus').textContent = '';
  await yamlToValue();
  renderForm();
  editor.checkedText = null;
  await runCheck();
}

function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || !a.slice(i).includes(b[j]))) {
      out.push(el('span', { class: 'skillnad-till', text: `+ ${b[j]}\n` }));
      j++;
    } else {
      out.push(el('span', { class: 'skillnad-bort', text: `- ${a[i]}\n` }));
      i++;
    }
  }
  return out;
}

async function showDifference() {
  const response = await request('GET', `/api/cases/${editor.url}`);
  if (!response.ok) return;
  const body = await response.json();
  let theirs = body.yaml;
  // After edits in the form, compare with the disk's text in the form's own layout,
  // so only what was changed shows, not where the form writes keys differently.
  if (editor.viaForm) {
    const value = await request('POST', '/api/form/json', theirs);
    if (value.ok) {
      const canonical = await request('POST', '/api/form/yaml', { value: await value.json(), file: editor.file, yaml: theirs });
      if (canonical.ok) theirs = await canonical.text();
    }
  }
  const box = $('#skillnad');
  box.replaceChildren(el('span', { text: 'Rader med - finns bara på disken, rader med + bara hos dig.\n' }), ...lineDiff(theirs, editor.yaml));
  box.hidden = false;
}

// ---------------------------------------------------------------- documents, build

let lastDocuments = '';
async function refreshDocuments() {
  const list = $('#dokument');
  const errors = editor.diagnostics.some((d) => d.severity === 'fel');
  if (errors) {
    list.replaceChildren(el('li', { class: 'hjalp', text: 'Rätta felen, så visas dokumenten.' }));
    lastDocuments = '';
    return;
  }
  const response = await request('POST', '/api/form/documents', editor.yaml);
  if (!response.ok) return;
  const documents = await response.json();
  const key = JSON.stringify(documents);
  if (key !== lastDocuments) {
    lastDocuments = key;
    list.replaceChildren(...documents.filter((d) => /\.(pdf|txt)$/.test(d.name)).map((d) => el('li', {}, el('button', {
      type: 'button',
      text: d.name,
      'aria-label': `Förhandsvisa ${d.name}${d.recipient ? ` (till ${d.recipient})` : ''}`,
      onclick: () => preview(d.name),
    }))));
  }
  if (currentPreview) preview(currentPreview);
}

let currentPreview = null;
let previewUrl = null;
async function preview(name) {
  currentPreview = name;
  const box = $('#forhandsvisning');
  const response = await request('POST', `/api/preview/${encodeURIComponent(name)}`, editor.yaml);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    box.replaceChildren(el('p', { class: 'fel', text: body.error || 'Dokumentet kunde inte visas.' }));
    return;
  }
  const blob = await response.blob();
  if (previewUrl) URL.revokeObjectURL(previewUrl);
  previewUrl = URL.createObjectURL(blob);
  const frame = el('iframe', { src: previewUrl, title: `Förhandsvisning av ${name}` });
  box.replaceChildren(el('h3', { text: `Förhandsvisning: ${name}` }), frame);
}

async function build() {
  if (editor.dirty) {
    $('#byggresultat').replaceChildren(el('p', { class: 'fel', text: 'Spara först: bygget görs från filen på disken.' }));
    return;
  }
  $('#byggresultat').replaceChildren(el('p', { text: 'Bygger …' }));
  const response = await request('POST', `/api/build/${editor.url}`);
  const body = await response.json().catch(() => ({}));
  const box = $('#byggresultat');
  if (response.ok) {
    const written = body.written || [];
    const list = el('ul', {}, ...written.filter((p) => !p.endsWith('manifest.json')).map((p) => el('li', {}, el('a', { href: `/files/${p.split('/').map(encodeURIComponent).join('/')}`, text: p }))));
    box.replaceChildren(
      el('p', { class: 'ok', text: `Klart: ${plural(written.length, 'fil skriven', 'filer skrivna')}, ${plural((body.unchanged || []).length, 'oförändrad', 'oförändrade')}.` }),
      list,
      ...(body.notices || []).map((n) => el('p', { class: 'varning', text: n })),
    );
    $('#ny-version').hidden = true;
  } else {
    box.replaceChildren(el('p', { class: 'fel', text: body.error || `Bygget misslyckades (${response.status}).` }));
    if (body.kod === 'version-krävs' && editor.value && editor.value.typ !== 'information') {
      $('#ny-version-text').textContent = `Planen har ändrats sedan version ${editor.value.version} byggdes. Gör en ny version, så sparas den gamla som den var.`;
      $('#ny-version-datum').value = versionDate(editor.value);
      $('#ny-version').hidden = false;
      showChangesSince();
      $('#ny-version-beskrivning').focus();
    }
  }
}

// "Skicka": first who gets what and how, then, when the coordinator says so, the
// e-mails themselves. The letters by post are in the meeting's utskrift.pdf.
async function sendLetters(confirmed) {
  const box = $('#skickaresultat');
  if (editor.dirty) {
    box.replaceChildren(el('p', { class: 'fel', text: 'Spara och bygg först: det som skickas är det byggda.' }));
    return;
  }
  box.replaceChildren(el('p', { text: confirmed ? 'Skickar …' : 'Tar fram vem som får vad …' }));
  const response = await request('POST', `/api/send/${editor.url}${confirmed ? '?skicka=1' : ''}`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    box.replaceChildren(el('p', { class: 'fel', text: body.error || `Utskicket misslyckades (${response.status}).` }));
    return;
  }
  const fileLink = (name) => {
    const path = `${body.mapp}/${name}`;
    return el('a', { href: `/files/${path.split('/').map(encodeURIComponent).join('/')}`, text: name });
  };
  const parts = [el('h3', { text: `Kallelserna till möte ${body['möte']}` })];
  const tried = body.utfall || [];
  if (tried.length) {
    const failed = tried.filter((t) => !t.skickat);
    parts.push(
      el('p', { class: failed.length ? 'fel' : 'ok', text: `${plural(tried.length - failed.length, 'e-postmeddelande skickat', 'e-postmeddelanden skickade')}, ${failed.length} inte skickade.` }),
      el('ul', {}, ...tried.map((t) => el('li', { text: t.skickat ? `Skickat till ${t.namn}.` : `Inte skickat till ${t.namn}: ${t.fel}` }))),
    );
    if (failed.length) parts.push(el('p', { text: 'Det som redan har skickats skickas inte igen. Försök igen när felet är åtgärdat.' }));
  } else {
    const mail = body.skickas || [];
    if (mail.length) {
      parts.push(
        el('p', { text: 'Med e-post:' }),
        el('ul', {}, ...mail.map((m) => el('li', {}, `${m.namn} <${m['e-post']}>, ${m.vad}${m.brev ? ': ' : ''}`, m.brev ? fileLink(m.brev) : null))),
      );
    } else {
      parts.push(el('p', { class: 'ok', text: 'Inget nytt att skicka med e-post.' }));
    }
    const same = body['oförändrade'] || [];
    if (same.length) parts.push(el('p', { text: `Redan skickade och oförändrade: ${same.map((p) => p.namn).join(', ')}.` }));
    const post = body.post || [];
    parts.push(
      el('p', {}, 'Med post (utskriften finns i ', fileLink('utskrift.pdf'), `): personen${post.length ? ', ' : ''}${post.map((p) => p.namn).join(', ')}.`),
    );
    if (mail.length && body.server) {
      parts.push(el('button', { type: 'button', onclick: () => sendLetters(true), text: `Skicka ${plural(mail.length, 'e-postmeddelande', 'e-postmeddelanden')} nu` }));
    } else if (mail.length) {
      parts.push(el('p', { class: 'varning', text: 'Servern har ingen SMTP-server att skicka genom. Starta samplan serve med SAMPLAN_SMTP och SAMPLAN_SMTP_FRAN, eller kör samplan skicka på kommandoraden.' }));
    }
  }
  box.replaceChildren(...parts);
}

// What the new version's plan will list under "Ändringar sedan version N", shown
// before the version is made.
async function showChangesSince(box = $('#ny-version-andringar')) {
  box.replaceChildren();
  const response = await request('POST', '/api/form/changes', editor.yaml);
  if (!response.ok) return;
  const body = await response.json();
  if (body.sedan === null || body.sedan === undefined) return;
  const list = body['ändringar'] || [];
  if (!list.length) {
    box.append(el('p', { text: `Målen och insatserna är som i version ${body.sedan}. Planen får ingen lista över ändringar.` }));
    return;
  }
  box.append(
    el('p', { text: `Planen kommer att visa under ”Ändringar sedan version ${body.sedan}”:` }),
    el('ul', {}, ...list.map((line) => el('li', { text: line }))),
  );
}

function isoToday() {
  const today = new Date();
  return `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
}

// The date a new version gets unless the coordinator says otherwise: that of the
// meeting it records (the last one held on or before today, after the last version),
// else today.
function versionDate(value) {
  const today = isoToday();
  const last = (value.revisioner || []).map((r) => r && r.datum).filter((d) => typeof d === 'string').sort().pop() || '';
  const held = (value.möten || [])
    .map((m) => m && m.datum)
    .filter((d) => typeof d === 'string' && d <= today && d > last)
    .sort();
  return held.length ? held[held.length - 1] : today;
}

async function newVersion() {
  const description = $('#ny-version-beskrivning').value.trim();
  if (!description) {
    $('#ny-version-text').textContent = 'Skriv kort vad som har ändrats.';
    $('#ny-version-beskrivning').focus();
    return;
  }
  const version = Number(editor.value.version || 0) + 1;
  const date = $('#ny-version-datum').value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    $('#ny-version-text').textContent = 'Välj den nya versionens datum.';
    $('#ny-version-datum').focus();
    return;
  }
  editor.value.version = version;
  editor.value.revisioner = [...(editor.value.revisioner || []), { version, datum: date, beskrivning: description }];
  renderForm();
  markDirty();
  await formToYamlNow();
  await save();
  if (!editor.dirty) {
    $('#ny-version').hidden = true;
    await build();
  }
}

// ---------------------------------------------------------------- tabs and start

const TABS = ['steg', 'formular', 'yaml'];

function showTab(which) {
  for (const name of TABS) {
    const selected = name === which;
    const tab = $(`#flik-${name}`);
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`#panel-${name}`).hidden = !selected;
  }
}

async function switchTab(which) {
  if ((which === 'formular' || which === 'steg') && !$('#panel-yaml').hidden) {
    await yamlToValue();
    renderForm();
  }
  showTab(which);
}

async function startEditor() {
  const root = $('#redigerare');
  editor.file = root.dataset.fil;
  editor.url = root.dataset.url;
  editor.routines = (root.dataset.rutiner || '').split(',').filter(Boolean);
  const schema = await request('GET', '/api/schema');
  schemaRoot = await schema.json();
  TABS.forEach((name, i) => {
    const tab = $(`#flik-${name}`);
    tab.addEventListener('click', () => switchTab(name));
    tab.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        event.preventDefault();
        const other = TABS[(i + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
        switchTab(other).then(() => $(`#flik-${other}`).focus());
      }
    });
  });
  $('#yaml').addEventListener('input', () => {
    editor.yaml = $('#yaml').value;
    editor.valueFresh = false;
    markDirty();
    checkSoon();
  });
  $('#spara').addEventListener('click', save);
  $('#bygg').addEventListener('click', build);
  $('#skicka').addEventListener('click', () => sendLetters(false));
  $('#ladda-om').addEventListener('click', async () => {
    await load();
    $('#konflikt').hidden = true;
  });
  $('#visa-skillnad').addEventListener('click', showDifference);
  $('#ny-version-knapp').addEventListener('click', newVersion);
  window.addEventListener('beforeunload', (event) => {
    if (editor.dirty) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 's') {
      event.preventDefault();
      save();
    }
  });
  await load();
  showTab(firstTab());
  openLinkedStep();
}

// The tab a case opens on: its SIP steps; the form for an information sheet, which has
// none; the YAML text when it cannot be read, so the error is where it can be mended.
function firstTab() {
  if (!editor.valueFresh) return 'yaml';
  return editor.value && editor.value.typ === 'information' ? 'formular' : 'steg';
}

document.addEventListener('DOMContentLoaded', () => {
  const page = document.body.dataset.page;
  if (page === 'lista') startList();
  if (page === 'arende') startEditor();
});
