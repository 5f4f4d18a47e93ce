// pgdocs: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // 2. validate the record form as the merchant leaves a field (the same checks as on submit)
  var form = document.getElementById("record-form");
  if (form && window.fetch) {
    var url = form.getAttribute("data-validate");
    var pending = null;
    var show = function (box, items) {
      var msg = box.querySelector(".msg");
      if (!msg) return;
      msg.textContent = "";
      var bad = false;
      (items || []).forEach(function (it) {
        var span = document.createElement("span");
        span.className = it.severity === "error" ? "err" : it.severity === "warning" ? "warnmsg" : "tip";
        span.textContent = it.message;
        msg.appendChild(span);
        if (it.severity === "error") bad = true;
      });
      box.classList.toggle("invalid", bad);
    };
    var check = function (box) {
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(url, { method: "POST", body: new FormData(form), signal: pending.signal, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (data.expired && !document.getElementById("expired")) {
            var note = document.createElement("section");
            note.className = "card warnbox";
            note.id = "expired";
            note.setAttribute("role", "alert");
            var p = document.createElement("p");
            p.textContent = data.message;
            note.appendChild(p);
            var main = document.getElementById("main");
            if (main) main.insertBefore(note, main.firstChild);
          }
          var path = box.getAttribute("data-path");
          show(box, (data.fields || {})[path]);
          form.setAttribute("data-checked", path);
        })
        .catch(function () { /* offline or aborted: the server checks again on submit */ });
    };
    form.addEventListener("focusout", function (ev) {
      var box = ev.target.closest && ev.target.closest(".field");
      if (box && ev.target.matches("input, select")) check(box);
    });
  }

  // after a refused submit: focus and show the first field to fix (the page reloads at the top otherwise)
  var firstBad = document.querySelector(".field.invalid input, .field.invalid select");
  if (firstBad) {
    firstBad.focus({ preventScroll: true });
    firstBad.scrollIntoView({ block: "center" });
  }

  // leaving 사업자 정보 with typed but unsaved values: the browser asks first
  if (form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (ev) {
      if (!dirty) return;
      ev.preventDefault();
      ev.returnValue = "";  // the browser shows its own "변경사항이 저장되지 않을 수 있습니다" question
    });
  }

  // jobs: poll the status endpoint, reload when finished (without JS a meta refresh does it)
  var job = document.getElementById("job");
  if (job && job.getAttribute("data-state") === "running" && window.fetch) {
    var every = (parseFloat(job.getAttribute("data-poll")) || 2) * 1000;
    var poll = function () {
      fetch(job.getAttribute("data-job"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (d) { if (d.state !== "running") { location.reload(); } else { setTimeout(poll, every); } })
        .catch(function () { setTimeout(poll, every * 2); });
    };
    setTimeout(poll, Math.min(every, 1000));
  }

  // a file over the size limit is refused here, before minutes of uploading; the server checks again
  document.querySelectorAll("form[data-max]").forEach(function (f) {
    var max = parseInt(f.getAttribute("data-max"), 10);
    f.addEventListener("submit", function (ev) {
      var input = f.querySelector("input[type=file]");
      var file = input && input.files && input.files[0];
      if (file && max && file.size > max) {
        ev.preventDefault();
        ev.stopImmediatePropagation();
        var msg = f.querySelector(".size-msg") || document.createElement("p");
        msg.className = "err size-msg";
        msg.setAttribute("role", "alert");
        var limit = f.getAttribute("data-max-text") || (Math.max(1, Math.round(max / 1024)) + " KB");
        msg.textContent = "파일이 너무 큽니다 (최대 " + limit + "). 해상도를 낮추거나 첫 쪽만 저장해 올려 주세요.";
        f.appendChild(msg);
      }
    }, true);
  });

  // busy state for slow forms (upload + OCR, packet)
  document.querySelectorAll("form[data-busy]").forEach(function (f) {
    f.addEventListener("submit", function () {
      var b = f.querySelector("button[type=submit]");
      if (b) { b.disabled = true; b.textContent = "보내는 중…"; }
    });
  });

  // copy the chat message
  document.querySelectorAll("button[data-copy]").forEach(function (b) {
    var src = document.querySelector(b.getAttribute("data-copy"));
    if (!src) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      var done = function () { var s = b.parentNode.querySelector(".copied"); if (s) s.textContent = "복사했습니다."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(src.value).then(done, function () { src.select(); document.execCommand("copy"); done(); });
      } else { src.select(); document.execCommand("copy"); done(); }
    });
  });
})();
