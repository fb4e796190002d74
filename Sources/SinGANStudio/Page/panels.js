// One panel per plugin, built from its descriptor (GET /api/plugins): the fields with their
// defaults and allowed values, the start scale limited to the model's scales, and the tool of
// the applications that have one. Running it posts the fields to /api/models/{id}/run/{plugin}.
"use strict";

function buildPanel(form, model, onResult) {
  const scales = model.info.trainedScales;
  const Tool = StudioTools[form.name];
  const tool = Tool ? new Tool(model, form) : null;
  const provided = tool ? new Set(form.fields.filter((f) => f.kind === "image" && (f.positional || f.name === "mask")).map((f) => f.name)) : new Set();
  const inputs = {};
  const fields = element("div", { class: "fields" });
  for (const field of form.fields) {
    if (provided.has(field.name)) continue;
    const input = fieldInput(field, scales, tool);
    if (!input) continue;
    inputs[field.name] = input;
    fields.append(element("label", { title: field.allowed || "" }, field.name + " ", input.display || input,
      element("span", { class: "help", text: field.summary + (field.allowed ? ` (${field.allowed})` : "") })));
  }
  if (form.outputFormats.length > 1) {
    const select = element("select", { name: "format" }, ...form.outputFormats.map((f) => element("option", { value: f, text: f })));
    inputs.format = select;
    fields.append(element("label", {}, "format ", select));
  }
  const error = element("p", { class: "error", id: "run-error" });
  const results = element("div", { class: "results", id: "results" });
  const run = element("button", { type: "button", class: "primary", id: "run-button", text: "Run " + form.name });
  run.addEventListener("click", async () => {
    error.textContent = "";
    run.classList.add("busy");
    run.textContent = "Running…";
    try {
      const body = new FormData();
      for (const [name, input] of Object.entries(inputs)) {
        if (input.type === "file") { if (input.files[0]) body.append(name, input.files[0], "upload"); }
        else if (input.type === "checkbox") { if (input.checked) body.append(name, "true"); }
        else if (input.value !== "") body.append(name, input.value);
      }
      if (tool) for (const [name, blob] of Object.entries(await tool.images())) body.append(name, blob, name + ".png");
      const result = await Api.post(`/api/models/${model.id}/run/${form.name}`, body);
      showResult(results, result, zoomFor(...model.info.trainedSize));
      onResult();
    } catch (e) {
      error.textContent = "error: " + e.message;
    } finally {
      run.classList.remove("busy");
      run.textContent = "Run " + form.name;
    }
  });
  const needs = form.profile ? element("p", { class: "summary", text: `Needs a model trained with --profile ${form.profile} (this one: ${model.info.profile}).` }) : "";
  const workspace = element("div", { class: "workspace" }, ...(tool ? [tool.element] : []), results);
  const examples = element("details", { class: "examples" }, element("summary", { text: "About and command-line examples" }),
    element("p", { text: form.discussion }), ...form.examples.map((line) => element("code", { text: line })));
  const panel = element("div", { "data-plugin": form.name },
    element("p", { class: "summary", text: form.summary }), needs, workspace, fields, run, error, examples);
  if (tool && tool.startScaleChanged) tool.startScaleChanged(startScaleValue(inputs, form)).catch((e) => { error.textContent = "error: " + e.message; });
  return panel;
}

function startScaleValue(inputs, form) {
  const field = form.fields.find((f) => f.kind === "startScale");
  return field && inputs[field.name] ? +inputs[field.name].value : 0;
}

function fieldInput(field, scales, tool) {
  switch (field.kind) {
    case "image": return element("input", { type: "file", name: field.name, accept: "image/*" });
    case "flag": case "extraOutput": return element("input", { type: "checkbox", name: field.name });
    case "choice": return element("select", { name: field.name }, ...field.choices.map((c) => {
      const option = element("option", { value: c, text: c });
      if (c === field.defaultValue) option.selected = true;
      return option;
    }));
    case "startScale": {
      const lowest = field.minimum || 0, finest = Math.max(lowest, scales - 1);
      const value = Math.min(finest, Math.max(lowest, +(field.defaultValue || lowest)));
      const shown = element("output", { text: String(value) });
      const slider = element("input", { type: "range", name: field.name, min: lowest, max: finest, value });
      slider.addEventListener("input", () => {
        shown.textContent = slider.value;
        if (tool && tool.startScaleChanged) tool.startScaleChanged(+slider.value);
      });
      return Object.assign(slider, { display: element("span", {}, slider, shown) });
    }
    default: {
      const numeric = field.minimum !== undefined && field.minimum !== null;
      const input = element("input", { type: numeric ? "number" : "text", name: field.name, placeholder: field.defaultValue || "" });
      if (numeric) { input.min = field.minimum; input.max = field.maximum; input.step = "any"; }
      return input;
    }
  }
}

// The result's images beside the tool, enlarged as much as the canvas. Each caption says how to get
// that image again: the run's seed and, for several images, its place in the run (the same options,
// seed and count give the same images, byte for byte).
function showResult(container, result, zoom) {
  const enlarged = (image) => { image.style.width = Math.round(image.naturalWidth * zoom) + "px"; };
  const seed = result.parameters.seed || 1, count = result.files.length;
  const origin = (index) => count > 1 ? ` · seed ${seed}, image ${index + 1} of ${count}` : ` · seed ${seed}`;
  container.replaceChildren(...result.files.map((url, index) => element("figure", {},
    element("img", { src: Api.url(url), alt: result.plugin + " result", onload: (e) => enlarged(e.target) }),
    element("figcaption", { class: "result-caption" },
      element("a", { href: Api.url(url), download: "", text: "download " + url.split("/").pop() }),
      origin(index)))));
}
