// Turns the base64-encoded contact address of a practice sheet into a mailto link, so that the
// address never appears in clear in the HTML that scrapers read.
(function () {
  "use strict";
  document.querySelectorAll("[data-contact-email]").forEach(function (element) {
    var address = window.atob(element.dataset.contactEmail);
    var link = document.createElement("a");
    link.href = "mailto:" + address;
    link.textContent = address;
    element.replaceChildren(link);
  });
})();
