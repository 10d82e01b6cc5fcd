// Decap CMS, set up for this newsroom: our own `Key: value` header format
// (so the build reads exactly what the editor writes) and the site's
// stylesheet in the preview. Settings come from the page (plugins/cms).
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("newsroom-cms").textContent);
  var lists = new Set(settings.lists);
  var KEY = /^([A-Za-z0-9_-]+):\s*(.*)$/;
  var MORE = /^(?: {4}|\t)(.*)$/;

  function headerKey(name) {
    return settings.keys[name] ||
      name.split("_").map(function (part) {
        return part.charAt(0).toUpperCase() + part.slice(1);
      }).join("_");
  }

  // Read a header: `Key: value` lines up to the first blank line, keys
  // case-insensitive (lower-cased), as content_model's frontmatter.py does.
  function fromFile(text) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    var data = {};
    var last = null;
    var index = 0;
    for (; index < lines.length; index++) {
      var line = lines[index];
      if (!line.trim()) break;
      var match = KEY.exec(line);
      var more = MORE.exec(line);
      if (match) {
        last = match[1].toLowerCase();
        data[last] = match[2].trim();
      } else if (last && more) {
        data[last] = (data[last] + " " + more[1].trim()).trim();
      } else {
        break;
      }
    }
    while (index < lines.length && !lines[index].trim()) index++;
    Object.keys(data).forEach(function (name) {
      if (lists.has(name)) {
        data[name] = data[name].split(",").map(function (item) {
          return item.trim();
        }).filter(Boolean);
      } else if (name === "advertorial") {
        data[name] = ["yes", "true", "ya"].indexOf(data[name].toLowerCase()) >= 0;
      }
    });
    data[ORDER] = Object.keys(data);
    data.body = lines.slice(index).join("\n");
    return data;
  }

  // Keys keep their order in the file being edited (kept by fromFile in
  // ORDER); new keys follow in the order of the editor's fields.
  var ORDER = "_header_order";

  function ordered(data) {
    var known = (data[ORDER] || []).filter(function (name) { return name in data; });
    var rank = function (name) {
      var index = settings.order.indexOf(name);
      return index < 0 ? settings.order.length : index;
    };
    var rest = Object.keys(data).filter(function (name) {
      return name !== ORDER && known.indexOf(name) < 0;
    });
    return known.concat(rest.sort(function (a, b) { return rank(a) - rank(b); }));
  }

  function toFile(data) {
    var out = [];
    ordered(data).forEach(function (name) {
      if (name === "body") return;
      var value = data[name];
      if (value === null || value === undefined || value === false) return;
      if (value === true) value = "yes";
      if (Array.isArray(value)) value = value.join(", ");
      value = String(value).replace(/\s*\n\s*/g, " ").trim();
      if (!value) return;
      out.push(headerKey(name) + ": " + value);
    });
    var body = (data.body || "").replace(/\r\n?/g, "\n").replace(/^\n+/, "");
    return out.join("\n") + "\n\n" + body.replace(/\n*$/, "\n");
  }

  // A lead image needs its alt text: Decap cannot make one field required
  // by another, so saving stops here with the reason.
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      if (data.get("image") && !String(data.get("image_alt") || "").trim()) {
        throw new Error(settings.messages.image_alt);
      }
      return data;
    },
  });

  CMS.registerCustomFormat("newsroom-header", "md", { fromFile: fromFile, toFile: toFile });
  CMS.registerPreviewStyle(settings.stylesheet);
  CMS.init();
})();
