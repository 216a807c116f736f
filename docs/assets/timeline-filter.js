/* Timeline filter: show only the entries that name one person, organisation or place.
   Progressive enhancement, no dependency, no request: without JavaScript the page is the full
   timeline, and each entity's own page (linked from every entry) lists its entries. */
(function () {
  "use strict";
  var host = document.querySelector("[data-timeline-filter]");
  var entries = Array.prototype.slice.call(
    document.querySelectorAll("li.timeline-entry[data-entities]")
  );
  if (!host || !entries.length) return;

  var names = {};
  document.querySelectorAll("li.timeline-entry a.entity-link[data-entity]").forEach(function (a) {
    names[a.getAttribute("data-entity")] = a.textContent.trim();
  });
  var lang = document.documentElement.lang || undefined;
  var ids = Object.keys(names).sort(function (a, b) {
    return names[a].localeCompare(names[b], lang);
  });

  var select = document.createElement("select");
  select.id = "timeline-filter";
  [[ "", host.getAttribute("data-all") ]].concat(ids.map(function (id) {
    return [id, names[id]];
  })).forEach(function (pair) {
    var option = document.createElement("option");
    option.value = pair[0];
    option.textContent = pair[1];
    select.appendChild(option);
  });
  var label = document.createElement("label");
  label.htmlFor = select.id;
  label.textContent = host.getAttribute("data-label") + " ";
  host.appendChild(label);
  host.appendChild(select);
  host.hidden = false;

  // A heading stays visible while a visible entry follows it before the next heading of its
  // level or above ("H2" < "H3" compares as the levels do).
  function refreshHeadings() {
    document.querySelectorAll("ol.timeline").forEach(function (list) {
      list.hidden = !list.querySelector("li.timeline-entry:not([hidden])");
    });
    document.querySelectorAll(".timeline-group").forEach(function (heading) {
      var visible = false;
      var next = heading.nextElementSibling;
      while (next && !(next.classList.contains("timeline-group") && next.tagName <= heading.tagName)) {
        if (next.matches("ol.timeline") && !next.hidden) visible = true;
        next = next.nextElementSibling;
      }
      heading.hidden = !visible;
    });
  }

  select.addEventListener("change", function () {
    var id = select.value;
    entries.forEach(function (entry) {
      entry.hidden = id !== "" && entry.getAttribute("data-entities").split(" ").indexOf(id) < 0;
    });
    refreshHeadings();
  });
})();
