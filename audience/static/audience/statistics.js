// Charts of the « Statistiques » admin page, drawn with Chart.js from the data the page embeds
// (json_script). Without Chart.js (npm packages not installed) the tables stay on their own.
(function () {
  "use strict";
  const source = document.getElementById("statistics-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  const charts = {
    visites: {
      type: "bar",
      data: {
        labels: data.months,
        datasets: [
          { label: "Pages vues (site)", data: data.site },
          { label: "Pages vues (base documentaire)", data: data.base },
        ],
      },
    },
    telechargements: {
      type: "bar",
      data: {
        labels: data.downloads.labels,
        datasets: [{ label: "Téléchargements", data: data.downloads.values }],
      },
      options: { indexAxis: "y" },
    },
    notices: {
      type: "bar",
      data: {
        labels: data.notices.labels,
        datasets: [{ label: "Notices ajoutées", data: data.notices.values }],
      },
    },
  };
  for (const [name, config] of Object.entries(charts)) {
    const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
    if (canvas) {
      new window.Chart(canvas, {
        ...config,
        options: { responsive: true, animation: false, ...(config.options || {}) },
      });
    }
  }
})();
