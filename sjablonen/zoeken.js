/* Zoeken in de afspraken, zonder server: een zoekveld boven de lijst van overeenkomsten.
   Zonder JavaScript blijft de pagina zoals hij is. De afspraken staan in zoekindex.js. */
(function () {
  "use strict";
  var plek = document.getElementById("zoeken");
  var index = window.prestatieZoekindex;
  if (!plek || !index) { return; }
  function gewoon(tekst) {
    return tekst.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  index.forEach(function (a) { a.zoek = gewoon([a.nummer, a.titel, a.tekst, a.overeenkomst, a.partijen].join(" ")); });
  var form = document.createElement("form");
  form.setAttribute("role", "search");
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  var label = document.createElement("label");
  label.htmlFor = "zoekveld";
  label.textContent = "Zoek in alle afspraken (woorden, nummer of partij)";
  var veld = document.createElement("input");
  veld.type = "search";
  veld.id = "zoekveld";
  veld.autocomplete = "off";
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  var lijst = document.createElement("ul");
  lijst.className = "zoekresultaten";
  form.appendChild(label);
  form.appendChild(veld);
  plek.textContent = "";
  plek.appendChild(form);
  plek.appendChild(status);
  plek.appendChild(lijst);
  function zoek() {
    var woorden = gewoon(veld.value).split(/\s+/).filter(Boolean);
    lijst.textContent = "";
    if (!woorden.length) { status.textContent = ""; return; }
    var gevonden = index.filter(function (a) {
      return woorden.every(function (w) { return a.zoek.indexOf(w) !== -1; });
    });
    status.textContent = gevonden.length === 1 ? "1 afspraak gevonden" : gevonden.length + " afspraken gevonden";
    gevonden.slice(0, 50).forEach(function (a) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = a.href;
      link.textContent = a.nummer + " " + a.titel;
      li.appendChild(link);
      li.appendChild(document.createTextNode(" \u2013 " + a.overeenkomst));
      lijst.appendChild(li);
    });
    if (gevonden.length > 50) { status.textContent += "; de eerste 50 staan hieronder"; }
  }
  veld.addEventListener("input", zoek);
}());
