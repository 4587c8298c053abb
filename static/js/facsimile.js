// The facsimile view, enhanced: passages and their regions on the page image mark each
// other, and the image zooms on demand. Without this file the page shows image and texts
// side by side, and the regions are outlined links to their passages.
(function () {
  "use strict";

  // Region <-> passage: pointing at or focusing one marks the other.
  var regionsOf = {};
  document.querySelectorAll(".facsimile__region[data-passage]").forEach(function (region) {
    var id = region.getAttribute("data-passage");
    (regionsOf[id] = regionsOf[id] || []).push(region);
    var passage = document.getElementById(id);
    if (!passage) return;
    var mark = function (on) { return function () { passage.classList.toggle("is-linked", on); }; };
    region.addEventListener("mouseenter", mark(true));
    region.addEventListener("mouseleave", mark(false));
    region.addEventListener("focusin", mark(true));
    region.addEventListener("focusout", mark(false));
  });
  Object.keys(regionsOf).forEach(function (id) {
    var passage = document.getElementById(id);
    if (!passage) return;
    var mark = function (on) {
      return function () {
        regionsOf[id].forEach(function (region) { region.classList.toggle("is-linked", on); });
        passage.classList.toggle("is-linked", on);
      };
    };
    passage.addEventListener("mouseenter", mark(true));
    passage.addEventListener("mouseleave", mark(false));
    passage.addEventListener("focusin", mark(true));
    passage.addEventListener("focusout", mark(false));
  });

  // Zoom: the library is fetched only when a reader first asks for it.
  var library = null;
  function loadLibrary(src) {
    library = library || new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(window.Panzoom); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return library;
  }

  // Deep zoom on demand: a larger copy (from srcset) once the zoomed image needs it.
  function sharpen(image, scale) {
    var needed = Math.ceil(image.clientWidth * scale * (window.devicePixelRatio || 1));
    var full = parseInt(image.closest(".facsimile__stage").dataset.fullWidth, 10);
    if (needed > image.naturalWidth && image.naturalWidth < full) {
      image.sizes = Math.min(needed, full) + "px";
    }
  }

  var STEP = 60; // pixels an arrow key moves the image
  document.querySelectorAll(".facsimile__zoom").forEach(function (button) {
    var figure = button.closest(".facsimile__figure");
    var stage = figure.querySelector(".facsimile__stage");
    var image = stage.querySelector("img");
    var keys = figure.querySelector(".facsimile__keys");
    var label = button.textContent;
    var zoom = null;

    function onKey(event) {
      if (!zoom || event.target !== stage) return;
      var moves = { ArrowLeft: [STEP, 0], ArrowRight: [-STEP, 0], ArrowUp: [0, STEP], ArrowDown: [0, -STEP] };
      if (event.key === "+" || event.key === "=") zoom.zoomIn();
      else if (event.key === "-" || event.key === "−" || event.key === "_") zoom.zoomOut();
      // Back to the start. Not held to the viewport while doing so: panzoom measures the
      // image for that, and during a pan or zoom still under way it measures it mid-way and
      // stopped short (at 1.2× here); the start fills the viewport anyway.
      else if (event.key === "0") zoom.reset({ contain: false });
      else if (moves[event.key]) zoom.pan(moves[event.key][0], moves[event.key][1], { relative: true });
      else return;
      event.preventDefault();
    }
    stage.addEventListener("keydown", onKey);
    stage.addEventListener("panzoomchange", function (event) { sharpen(image, event.detail.scale); });

    button.addEventListener("click", function () {
      if (zoom) { // stop: the image goes back to its place in the column
        zoom.reset({ animate: false });
        zoom.destroy();
        stage.parentElement.removeEventListener("wheel", zoom.zoomWithWheel);
        zoom = null;
        ["tabindex", "role", "aria-label"].forEach(function (name) { stage.removeAttribute(name); });
        button.setAttribute("aria-pressed", "false");
        button.textContent = label;
        keys.hidden = true;
        return;
      }
      loadLibrary(button.dataset.zoomScript).then(function (Panzoom) {
        zoom = Panzoom(stage, { maxScale: 8, step: 0.3, contain: "outside", cursor: "grab" });
        stage.parentElement.addEventListener("wheel", zoom.zoomWithWheel);
        stage.tabIndex = 0;
        stage.setAttribute("role", "group");
        stage.setAttribute("aria-label", keys.textContent);
        button.setAttribute("aria-pressed", "true");
        button.textContent = button.dataset.labelOff;
        keys.hidden = false;
        stage.focus();
      });
    });
  });
})();
