// The workshop's pages: both follow the workshop as server-sent events and redraw from its
// state; the consultant's page sends each change. Text is always put as text, never as markup.
"use strict";

const body = document.body;
const base = body.dataset.base;
const lead = body.dataset.vue === "animation";
const main = document.getElementById("contenu");
const status = document.getElementById("connexion");
const drafts = {};  // what is typed and not yet saved, kept across redraws
let current = null;

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

async function send(action) {
  const error = document.getElementById("erreur");
  try {
    const answer = await fetch(`${base}/action`, {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(action),
    });
    const said = await answer.json();
    if (error) error.textContent = said.erreur ? `${said.erreur} ${said.conseil || ""}` : "";
    return !said.erreur;
  } catch (e) {
    if (error) error.textContent = "La connexion avec pairkit est perdue : rien n'a été enregistré. Vérifiez que « pairkit atelier » tourne, puis recommencez.";
    return false;
  }
}

function moment(state) {
  return state.moments.find((m) => m.id === state.temps);
}

// ---- the projected page -------------------------------------------------------------------

function projectedCard(item, m) {
  const card = el("li", {class: "carte"}, el("p", {class: "texte", text: item.texte}));
  if (m.attentes && item.attentes) card.append(el("p", {class: "ligne"}, el("span", {class: "etiquette", text: "Nos attentes : "}), item.attentes));
  if (m.decisions) {
    const decided = Boolean(item.decision);
    if (!decided) card.classList.add("ouverte");
    card.append(el("p", {class: "ligne"}, el("span", {class: "etiquette", text: decided ? "Décision : " : "Pas encore décidé"}), decided ? item.decision : ""));
  }
  if (item.revele && item.plateforme) {
    const box = el("div", {class: "plateforme"}, el("p", {class: "etiquette", text: "La réponse de la plateforme"}));
    if (item.plateforme.description) box.append(el("p", {text: item.plateforme.description}));
    if (item.plateforme.pistes.length) box.append(el("ul", {}, ...item.plateforme.pistes.map((p) => el("li", {text: p}))));
    card.append(box);
  }
  return card;
}

function projected(state) {
  if (state.temps === "cloture") {
    const list = el("ul", {class: "cartes"}, ...state.cloture.elements.map((item) => el("li", {class: item.decidee ? "carte" : "carte ouverte"},
      el("p", {class: "texte", text: item.texte}), item.decision ? el("p", {class: "ligne", text: item.decision}) : null)));
    return [el("h1", {class: "question", text: state.cloture.titre}), state.cloture.elements.length ? list : el("p", {class: "vide", text: "Rien n'a encore été décidé."})];
  }
  const m = moment(state);
  const cards = m.cartes.map((item) => projectedCard(item, m));
  return [el("p", {class: "temps-titre", text: m.titre}), el("h1", {class: "question", text: m.question}),
    cards.length ? el("ul", {class: "cartes", "aria-live": "polite"}, ...cards) : el("p", {class: "vide", text: "Les réponses de l'équipe s'afficheront ici."})];
}

// ---- the consultant's page ----------------------------------------------------------------

function input(id, label, value, onSave) {
  const field = el("input", {type: "text", id, value: drafts[id] ?? value ?? "", "aria-label": label,
    oninput: (e) => { drafts[id] = e.target.value; },
    onkeydown: (e) => { if (e.key === "Enter") { e.preventDefault(); save(); } }});
  async function save() {
    if (await onSave(field.value)) delete drafts[id];
  }
  return [field, el("button", {type: "button", id: `enregistrer-${id}`, onclick: save, text: "Enregistrer"})];
}

function leadCard(item, m, index) {
  const id = `${m.id}-${index}`;
  const box = el("div", {class: "animer-carte"}, el("p", {class: "texte"}, el("strong", {text: item.texte})));
  if (m.attentes) {
    box.append(el("label", {for: `att-${id}`, text: "Nos attentes, avec les mots de l'équipe"}),
      ...input(`att-${id}`, `Attentes : ${item.texte}`, item.attentes, (v) => send({type: "attentes", temps: m.id, cle: item.cle, texte: v})));
  }
  if (m.decisions) {
    box.append(el("label", {for: `dec-${id}`, text: "Ce que l'équipe décide"}),
      ...input(`dec-${id}`, `Décision : ${item.texte}`, item.decision, (v) => send({type: "decider", temps: m.id, cle: item.cle, texte: v})));
  }
  const actions = el("div", {class: "actions"});
  if (m.reveler && item.catalogue) {
    actions.append(el("button", {type: "button", id: `reveler-${id}`, "aria-pressed": item.revele ? "true" : "false",
      onclick: () => send({type: "reveler", temps: m.id, cle: item.cle, revele: !item.revele}),
      text: item.revele ? "Cacher la réponse de la plateforme" : "Montrer la réponse de la plateforme"}));
  }
  actions.append(el("button", {type: "button", id: `retirer-${id}`, onclick: () => send({type: "retirer", temps: m.id, cle: item.cle}), text: `Retirer « ${item.texte.slice(0, 40)} »`}));
  box.append(actions);
  return box;
}

function leading(state) {
  const parts = [el("div", {id: "erreur", class: "erreur", role: "alert"})];
  if (state.erreur) parts.push(el("p", {class: "erreur", text: `${state.erreur} ${state.conseil || ""}`}));
  if (state.vigilance && state.vigilance.length) {
    parts.push(el("section", {class: "vigilance", "aria-labelledby": "titre-vigilance"},
      el("h2", {id: "titre-vigilance", text: "Points de vigilance (sur cet écran seulement)"}),
      el("ul", {}, ...state.vigilance.map((v) => el("li", {}, el("strong", {text: `${v.raison} `}), v.action)))));
  }
  const header = el("div", {class: "entete"});
  for (const [name, label] of Object.entries(state.questions_entete || {})) {
    header.append(el("div", {}, el("label", {for: `entete-${name}`, text: label}),
      ...input(`entete-${name}`, label, state.entete[name], (v) => send({type: "entete", champ: name, texte: v}))));
  }
  parts.push(el("fieldset", {}, el("legend", {text: "L'atelier"}), header));
  const steps = [...state.moments.map((m) => [m.id, m.titre]), ["cloture", state.cloture.titre]];
  parts.push(el("nav", {"aria-label": "Temps de l'atelier"}, el("ul", {class: "temps-choix"}, ...steps.map(([id, title]) =>
    el("li", {}, el("button", {type: "button", id: `temps-${id}`, "aria-pressed": state.temps === id ? "true" : "false",
      onclick: () => send({type: "temps", temps: id}), text: title}))))));
  if (state.temps === "cloture") {
    parts.push(el("h1", {text: state.cloture.titre}), el("p", {text: "Cet écran est projeté. Pour changer une décision, revenez au temps où elle a été prise."}));
    return parts;
  }
  const m = moment(state);
  parts.push(el("h1", {class: "question", text: m.question}));
  if (m.choix.length) {
    parts.push(el("fieldset", {class: "catalogue"}, el("legend", {text: "Ce que l'équipe reconnaît dans la liste de la plateforme"}),
      ...m.choix.map((c, i) => el("label", {}, el("input", {type: "checkbox", id: `choix-${m.id}-${i}`, checked: c.coche,
        onchange: (e) => send({type: "cocher", temps: m.id, cle: c.id, coche: e.target.checked})}), ` ${c.libelle}`))));
  }
  if (m.mots) {
    const id = `ajout-${m.id}`;
    const field = el("input", {type: "text", id, value: drafts[id] ?? "", oninput: (e) => { drafts[id] = e.target.value; },
      onkeydown: (e) => { if (e.key === "Enter") { e.preventDefault(); add(); } }});
    async function add() {
      if (await send({type: "ajouter", temps: m.id, texte: field.value})) { delete drafts[id]; field.value = ""; }
    }
    parts.push(el("fieldset", {}, el("legend", {}, el("label", {for: id, text: "Les mots de l'équipe"})),
      el("div", {class: "ajout"}, field, el("button", {type: "button", id: `ajouter-${m.id}`, class: "principal", onclick: add, text: "Ajouter"}))));
  }
  parts.push(el("h2", {text: `Sur l'écran projeté (${m.cartes.length})`}), ...m.cartes.map((item, i) => leadCard(item, m, i)));
  parts.push(el("p", {class: "adresse", text: `Page à projeter : ${location.origin}${base}/`}));
  return parts;
}

// ---- following the workshop
// Every control has a stable id: after a redraw, the one that had the focus gets it back (a
// keyboard user keeps their place). --------------------------------------------------------------

function draw(state) {
  current = state;
  const focused = document.activeElement && document.activeElement.id;
  const caret = focused && document.activeElement.selectionStart;
  main.replaceChildren(...(lead ? leading(state) : projected(state)));
  main.dataset.version = state.version;  // what the page shows (tests wait for it)
  if (focused) {
    const again = document.getElementById(focused);
    if (again) {
      again.focus();
      if (typeof caret === "number" && again.setSelectionRange) again.setSelectionRange(caret, caret);
    }
  }
}

function follow() {
  const source = new EventSource(`${base}/flux?vue=${lead ? "animation" : "projection"}`);
  source.onopen = () => { status.textContent = "À jour"; };
  source.onmessage = (event) => { draw(JSON.parse(event.data)); };
  source.onerror = () => { status.textContent = "Connexion perdue — reprise automatique…"; };
}

follow();
