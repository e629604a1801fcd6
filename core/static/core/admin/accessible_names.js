// Names for the admin's editing widgets that Wagtail leaves without one (found by axe in the
// browser tests): the rich-text editors (Draftail's role="textbox") and the tags' text input
// (jQuery tag-it). Each is named by the heading of the panel or block that holds it, so a
// screen reader says « Contenu, paragraphe » or « Mots-clés » instead of « zone de texte ».
(function () {
  "use strict";
  var UNNAMED = [
    '[role="textbox"][contenteditable="true"]:not([aria-label]):not([aria-labelledby])',
    ".tagit input.ui-autocomplete-input:not([aria-label]):not([aria-labelledby])",
  ].join(",");

  function name(element) {
    var panel = element.closest("[aria-labelledby]");
    while (panel) {
      var ids = panel.getAttribute("aria-labelledby").split(/\s+/);
      var heading = ids.length ? document.getElementById(ids[0]) : null;
      if (heading && heading.textContent.trim()) {
        element.setAttribute("aria-labelledby", heading.id);
        return;
      }
      panel = panel.parentElement && panel.parentElement.closest("[aria-labelledby]");
    }
  }

  var pending = false;
  function nameAll() {
    pending = false;
    document.querySelectorAll(UNNAMED).forEach(name);
  }
  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(nameAll);
    }
  }
  document.addEventListener("DOMContentLoaded", schedule);
  new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true });
})();
