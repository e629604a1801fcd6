// Map of the practice sheets: reads the GeoJSON endpoint named in the map's data attributes.
// Without JavaScript (or without Leaflet) the map stays hidden and the list below is the page.
(function () {
  "use strict";
  var element = document.getElementById("practice-map");
  if (!element || !window.L) {
    return;
  }
  element.hidden = false;
  var map = L.map(element).setView([46.6, 2.4], 5);
  L.tileLayer(element.dataset.tilesUrl, {
    attribution: element.dataset.tilesAttribution,
    maxZoom: 18,
  }).addTo(map);

  function popup(feature) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = feature.properties.url;
    link.textContent = feature.properties.title;
    box.appendChild(link);
    if (feature.properties.commune) {
      var place = document.createElement("p");
      place.textContent = feature.properties.commune;
      box.appendChild(place);
    }
    return box;
  }

  fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(function (collection) {
      var layer = L.geoJSON(collection, {
        // Each marker is named by its practice (Leaflet's default alt text is « Marker »).
        pointToLayer: function (feature, latlng) {
          var name = feature.properties.title;
          if (feature.properties.commune) {
            name += " (" + feature.properties.commune + ")";
          }
          return L.marker(latlng, { alt: name, title: name });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(popup(feature));
        },
      }).addTo(map);
      if (layer.getLayers().length) {
        // The first view, set at once: an animated zoom moves the markers under a reader's
        // (or a test's) first click.
        map.fitBounds(layer.getBounds(), { maxZoom: 10, padding: [20, 20], animate: false });
      }
    })
    .catch(function () {
      element.hidden = true;
    });
})();
