// Progressive enhancement only: every page works without this file, and nothing it does
// moves the page: what it shows has its place reserved by the stylesheet (.js-only).
(function () {
  "use strict";
  document.documentElement.classList.add("has-js");

  // Copy the citation to the clipboard. Without JavaScript the button stays invisible
  // and the citation is a plain block that selects with one click.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.dataset.copyTarget);
    if (!target || !navigator.clipboard) {
      button.style.visibility = "hidden"; // its place stays: nothing moves
      return;
    }
    var label = button.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        button.textContent = button.dataset.copiedLabel || "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  var onAddress = null; // set by initTexts()

  window.addEventListener("hashchange", function () { if (onAddress) onAddress(); });
  function initTexts() {
    var table = document.querySelector(".parallel");
    if (!table) return;

    // Pointing at or focusing a passage highlights its counterpart in the other column;
    // clicking one (or arriving at its #address) keeps the pair marked until the next click.
    function counterparts(passage) {
      var key = passage.dataset.align;
      if (!key) return [passage];
      return table.querySelectorAll('.passage[data-align="' + key + '"]');
    }
    function mark(event, on) {
      var passage = event.target.closest && event.target.closest(".passage");
      if (!passage) return;
      counterparts(passage).forEach(function (p) { p.classList.toggle("is-linked", on); });
    }
    function choose(passage) {
      table.querySelectorAll(".is-chosen").forEach(function (p) { p.classList.remove("is-chosen"); });
      if (passage) counterparts(passage).forEach(function (p) { p.classList.add("is-chosen"); });
    }
    table.addEventListener("mouseover", function (e) { mark(e, true); });
    table.addEventListener("mouseout", function (e) { mark(e, false); });
    table.addEventListener("focusin", function (e) { mark(e, true); });
    table.addEventListener("focusout", function (e) { mark(e, false); });
    table.addEventListener("click", function (e) {
      var passage = e.target.closest(".passage");
      // Not when the click ends a selection of text, nor on the passage's own link.
      if (!passage || e.target.closest("a") || !window.getSelection().isCollapsed) return;
      choose(passage.classList.contains("is-chosen") ? null : passage);
    });
    function fromAddress() {
      var target = location.hash && document.getElementById(location.hash.slice(1));
      if (target && target.classList.contains("passage")) choose(target);
    }
    fromAddress();
    onAddress = fromAddress;

    // With both texts on the page, the original/translation switch works in place, and the
    // passage being read stays where it was on the screen (on a phone, where the texts
    // take turns in one column, that is the whole point of the switch).
    var links = document.querySelectorAll(".text-switch a[data-show]");
    if (!table.classList.contains("parallel--both") || !links.length) return;
    var COLUMN = { original: 0, translation: 1 };
    // The row being read, among those that stay: the first to start below the switch (which
    // sticks to the top of a phone's screen), unless one across that edge fills the screen.
    function readingRow(show) {
      var rows = table.tBodies[0].rows;
      var edge = Math.max(0, document.querySelector(".text-switch").getBoundingClientRect().bottom);
      for (var i = 0; i < rows.length; i++) {
        var box = rows[i].getBoundingClientRect();
        var stays = !(show in COLUMN) || rows[i].cells[COLUMN[show]].querySelector(".passage");
        if (!box.height || !stays) continue;
        if (box.top >= edge - 1) return rows[i];
        if (box.bottom > edge + (window.innerHeight - edge) / 2) return rows[i];
      }
      return null;
    }
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var show = link.dataset.show;
        var row = readingRow(show);
        var before = row && row.getBoundingClientRect().top;
        table.classList.remove("is-original", "is-translation");
        if (show !== "both") table.classList.add("is-" + show);
        links.forEach(function (other) {
          if (other === link) other.setAttribute("aria-current", "true");
          else other.removeAttribute("aria-current");
        });
        if (row) window.scrollBy(0, row.getBoundingClientRect().top - before);
        history.replaceState(null, "", link.href);
      });
    });
  }
  initTexts();

  // The reader's switch between a text's readings as written and as corrected: both are in
  // the page (one hidden), so the switch turns them in place instead of reloading.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".reading-switch button");
    if (!button) return;
    event.preventDefault();
    var corrected = button.value === "corrected";
    document.querySelectorAll(".choice > [data-reading]").forEach(function (reading) {
      reading.hidden = (reading.dataset.reading === "corrected") !== corrected;
    });
    document.querySelectorAll(".reading-switch button").forEach(function (other) {
      other.setAttribute("aria-pressed", String(other.value === button.value));
    });
    var url = new URL(location.href);
    url.searchParams.set("reading", button.value);
    history.replaceState(null, "", url);
  });

  window.archiveTexts = initTexts; // for js/pairs.js, after a swap
})();
