// The page: models (with their training image, sizes, profile and time), training jobs with live
// progress (Server-Sent Events), and the chosen model's plugin panels and history.
"use strict";

const state = { models: [], plugins: [], model: null, plugin: null, streams: {} };
const $ = (id) => document.getElementById(id);

function setStatus(text) { $("status").textContent = text; }

function duration(seconds) {
  const s = Math.round(seconds || 0);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor(s % 3600 / 60)).padStart(2, "0")}m`
    : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

async function loadModels() {
  state.models = await Api.get("/api/models");
  $("models").replaceChildren(...state.models.map((model) => {
    if (model.error) return element("div", { class: "model-card", "data-id": model.id }, element("div", {}, element("b", { text: model.id }), element("div", { class: "error", text: model.error })));
    const info = model.info;
    const card = element("div", { class: "model-card", "data-id": model.id, onclick: () => selectModel(model.id) },
      element("img", { src: Api.url(model.thumbnail + "?v=" + info.fileBytes), alt: model.id }),
      element("div", {}, element("b", { text: model.id }),
        element("div", { class: "facts", text: `${info.trainedSize[0]}×${info.trainedSize[1]} px (image ${info.imageSize[0]}×${info.imageSize[1]})` }),
        element("div", { class: "facts", text: `${info.family === "consingan" ? "ConSinGAN · " : ""}${info.profile} · ${info.trainedScales}/${info.scaleCount} scales · ${duration(info.training.seconds)}` })));
    if (state.model && state.model.id === model.id) card.classList.add("selected");
    return card;
  }));
  if (!state.models.length) $("models").textContent = "No model yet: train one on a photo below.";
  if (state.model) {
    const fresh = state.models.find((m) => m.id === state.model.id);
    if (!fresh) { state.model = null; showModel(); }
  }
}

function selectModel(id) {
  state.model = state.models.find((m) => m.id === id);
  document.querySelectorAll(".model-card").forEach((c) => c.classList.toggle("selected", c.dataset.id === id));
  showModel();
}

function showModel() {
  const model = state.model;
  $("model-title").replaceChildren(model ? model.id : "Choose a model", ...(model ? [" ", element("button", {
    type: "button", class: "delete-model", text: "Delete model", onclick: () => deleteModel(model.id) })] : []));
  $("plugin-tabs").replaceChildren(...(model ? state.plugins.map((form) => element("button", {
    type: "button", role: "tab", "data-plugin": form.name, text: form.name, onclick: () => showPlugin(form.name) })) : []));
  if (!model) { $("panel").replaceChildren(); $("history").replaceChildren(); return; }
  if (!model.info.complete) {
    $("panel").replaceChildren(element("p", { text: "This model is still being trained; its applications open when it is complete." }));
    $("plugin-tabs").replaceChildren();
    return;
  }
  showPlugin(state.plugin || state.plugins[0].name);
  loadHistory();
}

async function deleteModel(id) {
  if (!confirm(`Delete the model file ${id}.sgn?`)) return;
  try {
    await Api.del(`/api/models/${id}`);
    state.model = null;
    showModel();
    await loadModels();
  } catch (error) {
    setStatus("error: " + error.message);
  }
}

function showPlugin(name) {
  state.plugin = name;
  document.querySelectorAll("#plugin-tabs button").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.plugin === name)));
  const form = state.plugins.find((p) => p.name === name);
  $("panel").replaceChildren(buildPanel(form, state.model, loadHistory));
}

async function loadHistory() {
  if (!state.model) return;
  const results = await Api.get(`/api/models/${state.model.id}/results`);
  $("history").replaceChildren(...results.map((result) => {
    const first = result.files[0];
    return element("div", { class: "history-item", "data-id": result.id },
      first ? element("img", { src: Api.url(first), alt: result.plugin }) : "",
      element("div", {}, element("b", { text: result.plugin }), " ",
        element("span", { class: "facts", text: new Date(result.created).toLocaleString() }), element("br"),
        element("code", { text: Object.entries(result.parameters).map(([k, v]) => `--${k} ${v}`).join(" ") || "(defaults)" }), element("br"),
        ...result.files.map((url) => element("a", { href: Api.url(url), download: "", text: url.split("/").pop() + " " }))),
      element("button", { type: "button", text: "Delete", onclick: async () => { await Api.del(`/api/results/${result.id}`); loadHistory(); } }));
  }));
  if (!results.length) $("history").textContent = "Nothing made with this model yet.";
}

// Jobs: a card each, updated from its event stream while it is queued or running.
async function loadJobs() {
  const jobs = await Api.get("/api/jobs");
  $("jobs").replaceChildren(...jobs.map(jobCard));
  for (const job of jobs) if ((job.state === "queued" || job.state === "running") && !state.streams[job.id]) follow(job.id);
  if (!jobs.length) $("jobs").textContent = "No training yet.";
}

function jobCard(job) {
  const card = element("div", { class: "job", id: "job-" + job.id, "data-state": job.state });
  renderJob(card, job);
  return card;
}

function renderJob(card, job) {
  const p = job.latest || {};
  const total = p.scales || 0, done = p.scale === undefined ? 0 : p.scale + (p.event === "scaleDone" ? 1 : (p.iteration || 0) / (p.iterations || 1));
  const line = p.iteration !== undefined
    ? `scale ${p.scale + 1}/${p.scales} · it ${p.iteration}/${p.iterations} · D ${(p.d ?? 0).toFixed(3)} G ${(p.g ?? 0).toFixed(3)} rec ${(p.rec ?? 0).toFixed(4)} · ${(p.itPerSecond ?? 0).toFixed(2)} it/s · ETA ${duration(p.eta)}${p.scale + 1 < p.scales && p.etaAll != null ? ` (all scales ~${duration(p.etaAll)})` : ""}`
    : p.scales ? `scale ${p.scale + 1}/${p.scales}` : "";
  const buttons = [];
  if (job.state === "queued" || job.state === "running") buttons.push(element("button", { type: "button", class: "cancel", text: "Cancel", onclick: () => Api.del(`/api/jobs/${job.id}`).then(loadJobs) }));
  if (job.state === "cancelled" || job.state === "failed") buttons.push(element("button", { type: "button", text: "Resume", onclick: () => Api.post(`/api/jobs/${job.id}/resume`).then(loadJobs) }));
  card.dataset.state = job.state;
  card.replaceChildren(
    element("b", { text: job.model }), ` · ${job.state} · ${job.options.family === "consingan" ? (job.options.batchNorm ? "ConSinGAN with BatchNorm, " : "ConSinGAN, ") : ""}${job.options.profile}, ${job.options.maxSize} px, ${job.options.iterations} it/scale`,
    element("progress", { max: 1, value: total ? done / total : 0 }),
    element("div", { class: "progress-line", text: line }),
    job.error ? element("div", { class: "error", text: "error: " + job.error }) : "",
    job.warning ? element("div", { class: "warning", text: "warning: " + job.warning }) : "",
    element("div", { class: "samples" }, ...job.samples.map((url) => element("img", { src: Api.url(url), alt: "sample" }))),
    ...buttons);
}

function follow(id) {
  const source = new EventSource(Api.url(`/api/jobs/${id}/events`));
  state.streams[id] = source;
  let job = null;
  const refresh = async () => { job = await Api.get(`/api/jobs/${id}`); const card = $("job-" + id); if (card) renderJob(card, job); };
  source.addEventListener("iteration", (e) => { if (job) { job.latest = JSON.parse(e.data); renderJob($("job-" + id), job); } else refresh(); });
  for (const kind of ["scale", "scaleDone", "sample", "warning"]) source.addEventListener(kind, () => { refresh(); if (kind === "scaleDone") loadModels(); });
  source.addEventListener("state", async (e) => {
    const event = JSON.parse(e.data);
    await refresh();
    if (event.state !== "queued" && event.state !== "running") { source.close(); delete state.streams[id]; loadModels(); }
  });
  source.onopen = refresh;
  source.onerror = () => { if (source.readyState === EventSource.CLOSED) delete state.streams[id]; };
}

function setUpTraining() {
  const form = $("train-form"), zone = $("drop-zone");
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    form.elements.image.files = e.dataTransfer.files;
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    $("train-error").textContent = "";
    try {
      const body = new FormData(form);
      for (const [key, value] of [...body.entries()]) if (value === "") body.delete(key);
      await Api.post("/api/models", body);
      form.reset();
      await loadJobs();
      await loadModels();
    } catch (error) {
      $("train-error").textContent = "error: " + error.message;
    }
  });
}

async function start() {
  setUpTraining();
  try {
    state.plugins = await Api.get("/api/plugins");
    await Promise.all([loadModels(), loadJobs()]);
    setStatus("ready");
  } catch (error) {
    setStatus("error: " + error.message);
  }
}

start();
