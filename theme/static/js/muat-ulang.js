// "Muat ulang": a copy button beside each republish text. Without script the
// links and the source line work as they are; this only adds the buttons.
(function () {
  var box = document.querySelector(".bsf-republish");
  var clip = navigator.clipboard;
  if (!box || !clip || !window.fetch) return;
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  box.appendChild(status);
  function read(el) {
    var how = el.dataset.copy;
    if (how == "value") return Promise.resolve(el.textContent);
    return fetch(el.href).then(function (r) {
      if (!r.ok) throw r.status;
      return r.text();
    }).then(function (t) {
      // rilis.html is a whole page; outlets paste its <article>.
      return how == "article" ? t.slice(t.indexOf("<article>"), t.lastIndexOf("</article>") + 10) : t;
    });
  }
  function copy(text) {
    function write(t) { return clip.writeText(t); }
    // Safari copies only within the click: give it the text as a promise.
    if (!window.ClipboardItem) return text.then(write);
    var blob = text.then(function (t) { return new Blob([t], { type: "text/plain" }); });
    return clip.write([new ClipboardItem({ "text/plain": blob })]).catch(function () { return text.then(write); });
  }
  box.querySelectorAll("[data-copy]").forEach(function (el) {
    var name = el.dataset.copy == "value" ? "sumber" : el.textContent;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "bsf-republish__copy";
    b.textContent = "Salin";
    b.setAttribute("aria-label", "Salin " + name);
    el.after(b);
    b.addEventListener("click", function () {
      copy(read(el)).then(function () { status.textContent = name + " tersalin."; },
        function () { status.textContent = "Gagal menyalin " + name + "; buka berkasnya dan salin dari sana."; });
    });
  });
})();
