// The tools of the applications that need a picture made by the user: paint-to-image (a painting),
// editing (a moved or copied region and its mask) and harmonization (a pasted object and its mask).
// Each tool gives the pictures of its plugin's image fields: the positional one and "mask".
"use strict";

const zoomFor = (width, height) => Math.max(1, Math.min(3, 420 / Math.max(width, height)));

// paint2img: a canvas at the model's proportions, brush and fill, the 5 colours --quantize uses, undo, clear.
class PaintTool {
  constructor(model, form) {
    const [width, height] = model.info.trainedSize;
    this.surface = new Surface(width, height, zoomFor(width, height));
    this.state = { mode: "brush", colour: "#000000", size: Math.max(2, Math.round(Math.min(width, height) / 12)) };
    this.palette = element("span", { class: "palette" });
    this.free = element("input", { type: "color", value: "#3366cc", title: "free colour", oninput: (e) => this.choose(e.target.value) });
    const toolbar = element("div", { class: "toolbar" },
      modeButton("Brush", "brush", this.state, () => updateModeButtons(toolbar, this.state.mode)),
      modeButton("Fill", "fill", this.state, () => updateModeButtons(toolbar, this.state.mode)),
      element("label", {}, "size ", element("input", { type: "range", min: 1, max: Math.max(4, Math.round(Math.min(width, height) / 3)), value: this.state.size, oninput: (e) => { this.state.size = +e.target.value; } })),
      this.palette, this.free,
      element("button", { type: "button", text: "Undo", onclick: () => this.surface.undo() }),
      element("button", { type: "button", text: "Clear", onclick: () => this.clear() }));
    updateModeButtons(toolbar, this.state.mode);
    this.element = element("div", { class: "tool paint-tool" }, toolbar, this.surface.canvas);
    let last = null;
    this.surface.onDrag((p) => {
      this.surface.remember();
      if (this.state.mode === "fill") { floodFill(this.surface.ctx, p.x, p.y, this.state.colour); last = null; return; }
      stroke(this.surface.ctx, p, p, this.state.size, this.state.colour);
      last = p;
    }, (p) => { if (last) { stroke(this.surface.ctx, last, p, this.state.size, this.state.colour); last = p; } });
    this.modelID = model.id;
    this.imageField = form.fields.find((f) => f.kind === "image" && f.positional).name;
    this.cleared = false;
  }
  clear() {
    this.surface.remember();
    this.surface.ctx.fillStyle = this.background || "#ffffff";
    this.surface.ctx.fillRect(0, 0, this.surface.width, this.surface.height);
  }
  choose(colour) {
    this.state.colour = colour;
    this.palette.querySelectorAll(".swatch").forEach((s) => s.setAttribute("aria-pressed", String(s.dataset.colour === colour)));
  }
  // The palette of the chosen start scale: the training image's k-means colours.
  async startScaleChanged(scale) {
    const palette = await Api.get(`/api/models/${this.modelID}/palette?scale=${scale}`);
    this.palette.replaceChildren(...palette.colours.map((c) => element("button", {
      type: "button", class: "swatch", style: `background:${c}`, title: c, "data-colour": c, onclick: () => this.choose(c) })));
    if (!this.cleared) { this.background = palette.colours[0]; this.clear(); this.surface.history = []; this.cleared = true; }
    if (!palette.colours.includes(this.state.colour)) this.choose(palette.colours[palette.colours.length - 1]);
  }
  async images() { return { [this.imageField]: await this.surface.blob() }; }
}

// A picture with a mask brushed or made from a floating layer (a moved region, a pasted object).
class MaskedPictureTool {
  constructor(model, form, extraModes) {
    const [width, height] = model.info.trainedSize;
    this.view = new Surface(width, height, zoomFor(width, height));
    this.base = new Surface(width, height, 1);
    this.mask = new Surface(width, height, 1);
    this.mask.ctx.fillStyle = "#000";
    this.mask.ctx.fillRect(0, 0, width, height);
    this.state = { mode: extraModes[0][1], size: Math.max(2, Math.round(Math.min(width, height) / 10)) };
    this.layer = null;
    this.toolbar = element("div", { class: "toolbar" });
    const modes = [...extraModes, ["Brush mask", "mask"], ["Erase mask", "erase"]];
    for (const [label, mode] of modes) this.toolbar.append(modeButton(label, mode, this.state, () => this.modeChanged()));
    this.toolbar.append(
      element("label", {}, "brush ", element("input", { type: "range", min: 1, max: Math.round(Math.min(width, height) / 3), value: this.state.size, oninput: (e) => { this.state.size = +e.target.value; } })),
      element("button", { type: "button", text: "Undo", onclick: () => { this.bake(); this.mask.undo(); this.render(); } }),
      element("button", { type: "button", text: "Reset", onclick: () => this.reset() }));
    this.element = element("div", { class: "tool masked-tool" }, this.toolbar, this.view.canvas);
    this.imageField = form.fields.find((f) => f.kind === "image" && f.positional).name;
    this.ready = loadImage(Api.url(model.thumbnail + "?v=" + encodeURIComponent(model.info.fileBytes))).then((image) => {
      this.picture = image;
      this.reset();
    });
    let last = null;
    this.view.onDrag((p) => {
      if (this.state.mode === "mask" || this.state.mode === "erase") {
        this.bake();
        this.mask.remember();
        last = p;
        this.brush(p, p);
      } else {
        this.pointerDown(p);
      }
      this.render();
    }, (p) => {
      if (last) { this.brush(last, p); last = p; } else { this.pointerMove(p); }
      this.render();
    }, () => { last = null; this.pointerUp && this.pointerUp(); this.render(); });
    updateModeButtons(this.toolbar, this.state.mode);
  }
  brush(a, b) { stroke(this.mask.ctx, a, b, this.state.size, this.state.mode === "mask" ? "#ffffff" : "#000000"); }
  modeChanged() { if (this.state.mode === "mask" || this.state.mode === "erase") this.bake(); updateModeButtons(this.toolbar, this.state.mode); this.render(); }
  reset() {
    this.layer = null;
    this.base.ctx.drawImage(this.picture, 0, 0, this.base.width, this.base.height);
    this.mask.ctx.fillStyle = "#000";
    this.mask.ctx.fillRect(0, 0, this.mask.width, this.mask.height);
    this.mask.history = [];
    this.render();
  }
  // Draws the floating layer into the picture and its mask for good.
  bake() {
    if (!this.layer) return;
    this.mask.remember();
    this.drawLayer(this.base.ctx, this.mask.ctx);
    this.layer = null;
  }
  // The picture with the layer, and the mask shown in translucent red.
  render() {
    const ctx = this.view.ctx;
    const picture = this.composed();
    ctx.drawImage(picture.canvas, 0, 0);
    const tint = document.createElement("canvas");
    tint.width = this.view.width; tint.height = this.view.height;
    const t = tint.getContext("2d");
    t.drawImage(picture.maskCanvas, 0, 0);
    const data = t.getImageData(0, 0, tint.width, tint.height);
    for (let i = 0; i < data.data.length; i += 4) {
      const on = data.data[i] > 127;
      data.data[i] = 230; data.data[i + 1] = 30; data.data[i + 2] = 60; data.data[i + 3] = on ? 90 : 0;
    }
    t.putImageData(data, 0, 0);
    ctx.drawImage(tint, 0, 0);
    if (this.outline) this.outline(ctx);
  }
  composed() {
    const canvas = document.createElement("canvas"), maskCanvas = document.createElement("canvas");
    canvas.width = maskCanvas.width = this.base.width;
    canvas.height = maskCanvas.height = this.base.height;
    const c = canvas.getContext("2d"), m = maskCanvas.getContext("2d");
    c.drawImage(this.base.canvas, 0, 0);
    m.drawImage(this.mask.canvas, 0, 0);
    if (this.layer) this.drawLayer(c, m);
    return { canvas, maskCanvas };
  }
  async images() {
    const { canvas, maskCanvas } = this.composed();
    const blob = (c) => new Promise((resolve) => c.toBlob(resolve, "image/png"));
    return { [this.imageField]: await blob(canvas), mask: await blob(maskCanvas) };
  }
}

// edit: select a rectangle, then move or copy it; the mask covers where it lands (and, when moved,
// where it was); brush the mask to adjust it.
class EditTool extends MaskedPictureTool {
  constructor(model, form) {
    super(model, form, [["Select", "select"], ["Move region", "move"]]);
    this.copy = element("input", { type: "checkbox", checked: "" });
    this.toolbar.append(element("label", {}, this.copy, " copy (keep the original)"));
  }
  pointerDown(p) {
    if (this.state.mode === "select") {
      this.bake();
      this.selection = { x0: p.x, y0: p.y, x1: p.x, y1: p.y };
    } else if (this.layer || this.selection) {
      if (!this.layer) this.lift();
      this.grab = { x: p.x - this.layer.x, y: p.y - this.layer.y };
    }
  }
  pointerMove(p) {
    if (this.state.mode === "select" && this.selection) { this.selection.x1 = p.x; this.selection.y1 = p.y; }
    else if (this.layer && this.grab) { this.layer.x = Math.round(p.x - this.grab.x); this.layer.y = Math.round(p.y - this.grab.y); }
  }
  pointerUp() { this.grab = null; }
  rect() {
    const s = this.selection;
    const x = Math.round(Math.min(s.x0, s.x1)), y = Math.round(Math.min(s.y0, s.y1));
    return { x, y, w: Math.max(1, Math.round(Math.abs(s.x1 - s.x0))), h: Math.max(1, Math.round(Math.abs(s.y1 - s.y0))) };
  }
  // The selection becomes a floating region.
  lift() {
    const r = this.rect();
    const region = document.createElement("canvas");
    region.width = r.w; region.height = r.h;
    region.getContext("2d").drawImage(this.base.canvas, r.x, r.y, r.w, r.h, 0, 0, r.w, r.h);
    this.layer = { canvas: region, x: r.x, y: r.y, from: r, moved: !this.copy.checked };
    this.selection = null;
  }
  drawLayer(c, m) {
    const l = this.layer;
    m.fillStyle = "#fff";
    if (l.moved) {
      // The hole left behind is regenerated too: filled with the region's edge colour, and masked.
      const edge = this.base.ctx.getImageData(l.from.x, Math.max(0, l.from.y - 1), 1, 1).data;
      c.fillStyle = `rgb(${edge[0]},${edge[1]},${edge[2]})`;
      c.fillRect(l.from.x, l.from.y, l.from.w, l.from.h);
      m.fillRect(l.from.x, l.from.y, l.from.w, l.from.h);
    }
    c.drawImage(l.canvas, l.x, l.y);
    m.fillRect(l.x, l.y, l.canvas.width, l.canvas.height);
  }
  outline(ctx) {
    const r = this.selection ? this.rect() : this.layer ? { x: this.layer.x, y: this.layer.y, w: this.layer.canvas.width, h: this.layer.canvas.height } : null;
    if (!r) return;
    ctx.strokeStyle = "#ffeb3b";
    ctx.lineWidth = 1;
    ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
  }
}

// harmonize: upload an object, drag and scale it onto the picture; the mask comes from its alpha
// (or its outline when it has none) and can be brushed.
class HarmonizeTool extends MaskedPictureTool {
  constructor(model, form) {
    super(model, form, [["Place object", "place"]]);
    this.scale = element("input", { type: "range", min: 5, max: 200, value: 50, oninput: () => this.resize() });
    this.file = element("input", { type: "file", accept: "image/*", class: "object-file", onchange: (e) => this.load(e.target.files[0]) });
    this.toolbar.append(element("label", {}, "object ", this.file), element("label", {}, "scale ", this.scale));
  }
  async load(file) {
    if (!file) return;
    await this.ready;
    this.bake();
    const image = await loadImage(URL.createObjectURL(file));
    this.object = image;
    this.layer = { x: Math.round(this.base.width / 4), y: Math.round(this.base.height / 4) };
    this.resize();
  }
  resize() {
    if (!this.object || !this.layer) return;
    const fit = Math.min(this.base.width / this.object.width, this.base.height / this.object.height);
    const s = fit * this.scale.value / 100;
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(this.object.width * s));
    canvas.height = Math.max(1, Math.round(this.object.height * s));
    canvas.getContext("2d").drawImage(this.object, 0, 0, canvas.width, canvas.height);
    this.layer.canvas = canvas;
    this.render();
  }
  pointerDown(p) { if (this.layer && this.layer.canvas) this.grab = { x: p.x - this.layer.x, y: p.y - this.layer.y }; }
  pointerMove(p) { if (this.grab) { this.layer.x = Math.round(p.x - this.grab.x); this.layer.y = Math.round(p.y - this.grab.y); } }
  pointerUp() { this.grab = null; }
  drawLayer(c, m) {
    const l = this.layer;
    if (!l.canvas) return;
    c.drawImage(l.canvas, l.x, l.y);
    // The mask: the object's opaque pixels (all of it when it has no transparency).
    const alpha = l.canvas.getContext("2d").getImageData(0, 0, l.canvas.width, l.canvas.height);
    const shape = document.createElement("canvas");
    shape.width = l.canvas.width; shape.height = l.canvas.height;
    const s = shape.getContext("2d"), out = s.createImageData(shape.width, shape.height);
    for (let i = 0; i < out.data.length; i += 4) {
      const on = alpha.data[i + 3] > 16;
      out.data[i] = out.data[i + 1] = out.data[i + 2] = 255;
      out.data[i + 3] = on ? 255 : 0;
    }
    s.putImageData(out, 0, 0);
    m.drawImage(shape, l.x, l.y);
  }
  outline(ctx) {
    const l = this.layer;
    if (!l || !l.canvas) return;
    ctx.strokeStyle = "#ffeb3b";
    ctx.strokeRect(l.x + 0.5, l.y + 0.5, l.canvas.width - 1, l.canvas.height - 1);
  }
}

// The tool of each application that has one; other plugins get the generic form only.
const StudioTools = { "paint2img": PaintTool, "edit": EditTool, "harmonize": HarmonizeTool };
