// Drawing at the model's size: a canvas shown enlarged, brush strokes, flood fill, undo, masks.
"use strict";

// A canvas of `width`×`height` pixels shown `zoom` times larger, with an undo history.
class Surface {
  constructor(width, height, zoom) {
    this.canvas = document.createElement("canvas");
    this.canvas.width = width;
    this.canvas.height = height;
    this.canvas.className = "editor";
    this.canvas.style.width = Math.round(width * zoom) + "px";
    this.canvas.style.height = Math.round(height * zoom) + "px";
    this.ctx = this.canvas.getContext("2d", { willReadFrequently: true });
    this.ctx.imageSmoothingEnabled = false;
    this.history = [];
  }
  get width() { return this.canvas.width; }
  get height() { return this.canvas.height; }
  // The pointer event's position in canvas pixels.
  point(event) {
    const box = this.canvas.getBoundingClientRect();
    return { x: (event.clientX - box.left) * this.width / box.width, y: (event.clientY - box.top) * this.height / box.height };
  }
  remember() {
    this.history.push(this.ctx.getImageData(0, 0, this.width, this.height));
    if (this.history.length > 40) this.history.shift();
  }
  undo() { const last = this.history.pop(); if (last) this.ctx.putImageData(last, 0, 0); return !!last; }
  // Calls down/move/up with canvas positions while the pointer is pressed.
  onDrag(down, move, up) {
    let dragging = false;
    this.canvas.addEventListener("pointerdown", (e) => { dragging = true; this.canvas.setPointerCapture(e.pointerId); down(this.point(e)); });
    this.canvas.addEventListener("pointermove", (e) => { if (dragging) move(this.point(e)); });
    const end = (e) => { if (dragging) { dragging = false; up && up(this.point(e)); } };
    this.canvas.addEventListener("pointerup", end);
    this.canvas.addEventListener("pointercancel", end);
  }
  blob() { return new Promise((resolve) => this.canvas.toBlob(resolve, "image/png")); }
}

// A round brush line from a to b, without anti-aliasing, so painted colours stay exact.
function stroke(ctx, a, b, size, colour) {
  ctx.fillStyle = colour;
  const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y)));
  const r = size / 2;
  for (let i = 0; i <= steps; i++) {
    const x = a.x + (b.x - a.x) * i / steps, y = a.y + (b.y - a.y) * i / steps;
    for (let dy = -Math.ceil(r); dy <= Math.ceil(r); dy++) {
      const span = Math.floor(Math.sqrt(Math.max(0, r * r - dy * dy)));
      ctx.fillRect(Math.round(x - span), Math.round(y + dy), 2 * span + 1, 1);
    }
  }
}

// Fills the region of the colour at (x, y) with `colour` (4-connected).
function floodFill(ctx, x, y, colour) {
  const { width, height } = ctx.canvas;
  const image = ctx.getImageData(0, 0, width, height), d = image.data;
  const [r, g, b] = hexToRgb(colour);
  const start = (Math.floor(y) * width + Math.floor(x)) * 4;
  const target = [d[start], d[start + 1], d[start + 2]];
  if (target[0] === r && target[1] === g && target[2] === b) return;
  const same = (i) => Math.abs(d[i] - target[0]) + Math.abs(d[i + 1] - target[1]) + Math.abs(d[i + 2] - target[2]) < 24;
  const stack = [[Math.floor(x), Math.floor(y)]];
  while (stack.length) {
    const [px, py] = stack.pop();
    if (px < 0 || py < 0 || px >= width || py >= height) continue;
    const i = (py * width + px) * 4;
    if (!same(i)) continue;
    d[i] = r; d[i + 1] = g; d[i + 2] = b; d[i + 3] = 255;
    stack.push([px + 1, py], [px - 1, py], [px, py + 1], [px, py - 1]);
  }
  ctx.putImageData(image, 0, 0);
}

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("could not load " + url));
    image.src = url;
  });
}

// A toolbar button that shows whether it is the chosen mode.
function modeButton(label, mode, state, onChange) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.dataset.mode = mode;
  button.addEventListener("click", () => { state.mode = mode; onChange(); });
  return button;
}

function updateModeButtons(toolbar, mode) {
  toolbar.querySelectorAll("button[data-mode]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.mode === mode)));
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}
