// Dossier's only script: progressive enhancements, never needed to read a page.
// - The check boxes in a document's "Highlights" box hide or show one kind of highlight.
// - "/" focuses the search box.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var text = document.getElementById("doc-text");
  document.querySelectorAll("input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (text) text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
    if (event.key === "/" && !typing) {
      var box = document.querySelector("input[type=search]");
      if (box) { event.preventDefault(); box.focus(); }
    }
  });
});
