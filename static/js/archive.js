// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Copy the citation to the clipboard. The button stays hidden without JavaScript,
  // where the citation is a plain block that selects with one click.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.dataset.copyTarget);
    if (!target || !navigator.clipboard) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        button.textContent = button.dataset.copiedLabel || "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  // Pointing at or focusing a passage highlights its counterpart in the other column.
  var table = document.querySelector(".parallel");
  if (!table) return;
  function counterparts(passage) {
    var key = passage.dataset.align;
    if (!key) return [];
    return table.querySelectorAll('.passage[data-align="' + key + '"]');
  }
  function mark(event, on) {
    var passage = event.target.closest && event.target.closest(".passage");
    if (!passage) return;
    counterparts(passage).forEach(function (p) { p.classList.toggle("is-linked", on); });
  }
  table.addEventListener("mouseover", function (e) { mark(e, true); });
  table.addEventListener("mouseout", function (e) { mark(e, false); });
  table.addEventListener("focusin", function (e) { mark(e, true); });
  table.addEventListener("focusout", function (e) { mark(e, false); });
})();
