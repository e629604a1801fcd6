// Names for the admin's controls that Wagtail leaves without one (found by axe in the browser
// tests):
// - the rich-text editors (Draftail's role="textbox") and the tags' text input (jQuery
//   tag-it), each named by the heading of the panel or block that holds it, so a screen reader
//   says « Contenu, paragraphe » or « Mots-clés » instead of « zone de texte »;
// - the editing sessions' buttons in the page editor's header (another user has the page
//   open): an avatar image without text, whose tooltip (the user's name and what they are
//   doing) is moved out of the button by Wagtail's tooltip controller. The button is named
//   from that tooltip, in the admin's language: « Éditrice ORIV, consulte cette page en ce
//   moment ». The list is re-rendered at every ping, hence the observer.
(function () {
  "use strict";
  var UNNAMED = [
    '[role="textbox"][contenteditable="true"]:not([aria-label]):not([aria-labelledby])',
    ".tagit input.ui-autocomplete-input:not([aria-label]):not([aria-labelledby])",
  ].join(",");
  var SESSIONS = "button.w-editing-sessions__session:not([aria-label])";

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

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function nameSession(button) {
    // The tooltip's content: still in the button, or already handed to tippy.js.
    var popup = button.querySelector(".w-editing-sessions__popup");
    if (!popup && button._tippy && button._tippy.props.content instanceof Element) {
      popup = button._tippy.props.content;
    }
    var who = popup && text(popup.querySelector(".w-editing-sessions__name"));
    var spans = popup ? popup.querySelectorAll(":scope > span:not(.w-sr-only)") : [];
    var status = spans.length > 1 ? text(spans[spans.length - 1]) : "";
    if (!who) {
      return;
    }
    button.setAttribute(
      "aria-label",
      status ? who + ", " + status.charAt(0).toLowerCase() + status.slice(1) : who
    );
  }

  var pending = false;
  function nameAll() {
    pending = false;
    document.querySelectorAll(UNNAMED).forEach(name);
    document.querySelectorAll(SESSIONS).forEach(nameSession);
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
