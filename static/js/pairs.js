// Choosing the two texts side by side, on a record of three texts or more: in place, by
// fetching the page a choice links to and taking its texts. Without JavaScript, the links.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-pair]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("section.texts");
        var current = document.querySelector("section.texts");
        if (!fresh || !current) { location.href = link.href; return; }
        current.replaceWith(fresh);
        history.pushState(null, "", link.href);
        if (window.archiveTexts) window.archiveTexts();
        var chosen = fresh.querySelector('a[data-pair="' + link.dataset.pair + '"][aria-current]');
        if (chosen) chosen.focus();
      })
      .catch(function () { location.href = link.href; });
  });
  window.addEventListener("popstate", function () { location.reload(); });
})();
