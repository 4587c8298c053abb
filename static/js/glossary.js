// Glossary popovers. Without this file a term in the text is a plain link to its glossary
// entry; with it, the link opens the explanation in place (a non-modal dialog) and the entry
// page stays one link further. The explanation is the one in the page's "terms in this
// document" panel (#term-<slug>), so nothing is fetched and nothing is written twice.
(function () {
  "use strict";
  var open = null; // {link, box} of the popover shown, if any
  var made = 0;

  function slugOf(link) {
    var parts = link.pathname.replace(/\/+$/, "").split("/");
    return decodeURIComponent(parts[parts.length - 1] || "");
  }

  function build(link) {
    var box = document.createElement("span");
    var id = "term-popover-" + (++made);
    box.id = id;
    box.className = "term-popover";
    box.setAttribute("role", "dialog");
    box.tabIndex = -1;
    var item = document.getElementById("term-" + slugOf(link));
    var title = document.createElement("span");
    title.className = "term-popover__title";
    title.id = id + "-title";
    var more = item && item.querySelector("a");
    if (more) {
      title.appendChild(more.cloneNode(true)); // the forms, linked to the entry page
    } else {
      var plain = document.createElement("a");
      plain.href = link.href;
      plain.textContent = link.textContent;
      title.appendChild(plain);
    }
    box.appendChild(title);
    box.setAttribute("aria-labelledby", title.id);
    var senses = item && item.nextElementSibling ? item.nextElementSibling.children : [];
    if (senses.length) {
      Array.prototype.forEach.call(senses, function (sense) {
        var line = document.createElement("span");
        line.className = "term-popover__sense";
        if (sense.lang) line.lang = sense.lang;
        Array.prototype.forEach.call(sense.childNodes, function (node) {
          line.appendChild(node.cloneNode(true));
        });
        box.appendChild(line);
      });
    } else {
      var text = document.createElement("span");
      text.className = "term-popover__sense";
      text.textContent = link.title;
      box.appendChild(text);
    }
    return box;
  }

  function place(link, box) {
    // Next to the term, kept inside the window: no horizontal scroll on a phone.
    var parent = box.offsetParent || document.body;
    var within = parent.getBoundingClientRect();
    var at = link.getBoundingClientRect();
    var left = Math.min(at.left, window.innerWidth - box.offsetWidth - 8);
    box.style.left = Math.max(8, left) - within.left + "px";
    box.style.top = at.bottom - within.top + 4 + "px";
  }

  function close(returnFocus) {
    if (!open) return;
    var link = open.link;
    open.box.remove();
    link.setAttribute("aria-expanded", "false");
    link.removeAttribute("aria-controls");
    open = null;
    if (returnFocus) link.focus();
  }

  function show(link) {
    close(false);
    var box = build(link);
    // Right after the term: the next Tab from the term reaches the popover's link.
    link.insertAdjacentElement("afterend", box);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", box.id);
    open = { link: link, box: box };
    place(link, box);
    box.focus();
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close(true);
      }
    });
    box.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (open && open.box === box && next && next !== link && !box.contains(next)) close(false);
    });
  }

  document.querySelectorAll("a.term").forEach(function (link) {
    link.setAttribute("aria-expanded", "false");
    link.setAttribute("aria-haspopup", "dialog");
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.term");
    if (!link) {
      if (open && !open.box.contains(event.target)) close(false);
      return;
    }
    // A click meant for a new tab or window goes to the entry page, as without JavaScript.
    if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (open && open.link === link) close(true);
    else show(link);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open && document.activeElement === open.link) close(true);
  });
})();
