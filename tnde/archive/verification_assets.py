"""The verification page's style and script, and the Content-Security-Policy that allows them.

Both are inline (the page loads nothing from anywhere) and the policy allows exactly these two
by their SHA-256, and nothing else: an injected ``<script>`` or ``style`` attribute would not
run even if a value ever escaped escaping. The script only makes the file box nicer (dropping
a file, showing its name, refusing one too large before it is sent, a busy button); without it
the form works the same. What it says about the archive (the size limit) comes from ``data-``
attributes of the form, so the script itself never changes and its hash stays fixed.
"""

from __future__ import annotations

import base64
import hashlib

__all__ = ["CONTENT_SECURITY_POLICY", "SCRIPT", "STYLE"]

STYLE = """
:root{color-scheme:light;--biru:#123a63;--teks:#1c2430;--redup:#56606d;--garis:#d8dde4;
--latar:#f2f4f7;--hijau:#1d6b3a;--hijau-muda:#e8f4ec;--merah:#a3262c;--merah-muda:#fcebeb;
--kuning:#7a4c00;--kuning-muda:#fff4dc;--biru-muda:#edf2f8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,
sans-serif;color:var(--teks);background:var(--latar)}
.wrap{max-width:760px;margin:0 auto;padding:0 16px}
.kop{background:var(--biru);color:#fff;border-bottom:4px solid #c9a13b}
.kop .wrap{padding-top:18px;padding-bottom:16px}
.kop p{margin:0}
.kop-atas{font-size:.78rem;letter-spacing:.06em;opacity:.85}
.kop-nama{font-size:1.12rem;font-weight:700;letter-spacing:.02em;line-height:1.3}
.kop-judul{margin-top:10px!important;font-size:.92rem;opacity:.92}
main.wrap{padding-top:20px;padding-bottom:12px}
.kartu{background:#fff;border:1px solid var(--garis);border-radius:10px;padding:18px;
margin:0 0 16px}
h1{font-size:1.22rem;line-height:1.3;margin:0 0 6px}
h2{font-size:1.02rem;line-height:1.3;margin:0 0 12px}
.kartu h2:not(:first-child){margin-top:20px}
p{margin:0 0 10px}
p:last-child{margin-bottom:0}
.status{display:flex;gap:14px;align-items:flex-start;border-left-width:6px}
.ikon{flex:0 0 40px;height:40px;border-radius:50%;display:flex;align-items:center;
justify-content:center;font-size:21px;font-weight:700;color:#fff}
.status.ok{border-left-color:var(--hijau);background:var(--hijau-muda)}
.status.ok .ikon{background:var(--hijau)}
.status.buruk{border-left-color:var(--merah);background:var(--merah-muda)}
.status.buruk .ikon{background:var(--merah)}
.status.waspada{border-left-color:var(--kuning);background:var(--kuning-muda)}
.status.waspada .ikon{background:var(--kuning)}
.status.info{border-left-color:var(--biru);background:var(--biru-muda)}
.status.info .ikon{background:var(--biru)}
dl.data{margin:0;display:grid;grid-template-columns:10rem 1fr;gap:10px 16px}
dl.data dt{color:var(--redup);font-size:.9rem;padding-top:1px}
dl.data dd{margin:0;font-weight:600;overflow-wrap:anywhere}
ol.daftar{list-style:none;margin:0;padding:0}
ol.daftar li{padding:12px 0;border-top:1px solid var(--garis)}
ol.daftar li:first-child{border-top:0;padding-top:0}
ol.daftar li:last-child{padding-bottom:0}
.nama{display:block;font-weight:700}
.baris{display:block}
.redup{color:var(--redup);font-size:.9rem}
code.sidik{display:block;margin:6px 0 10px;padding:10px 12px;font:.92rem/1.5 ui-monospace,
SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:var(--latar);
border:1px solid var(--garis);border-radius:6px;overflow-wrap:anywhere;word-break:break-all}
.zona{position:relative;display:block;border:2px dashed #97a3b3;border-radius:10px;
padding:22px 16px;text-align:center;cursor:pointer;background:#fafbfc}
.zona:focus-within{outline:3px solid #7ea9d9;outline-offset:2px}
.zona.seret{border-color:var(--biru);background:var(--biru-muda)}
.zona.ada{border-style:solid;border-color:var(--hijau);background:var(--hijau-muda)}
.zona-judul{display:block;font-weight:600}
.zona-nama{display:block;margin-top:4px;color:var(--redup);font-size:.9rem;
overflow-wrap:anywhere}
.zona input{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;
clip:rect(0 0 0 0);white-space:nowrap;border:0}
button{display:block;width:100%;margin-top:12px;padding:12px 18px;font:inherit;
font-weight:600;color:#fff;background:var(--biru);border:0;border-radius:8px;cursor:pointer}
button:disabled{opacity:.7;cursor:progress}
.pesan{margin:10px 0 0;color:var(--merah);font-weight:600}
.pesan:empty{display:none}
.lencana{display:inline-block;padding:2px 10px;border-radius:999px;font-size:.82rem;
font-weight:700;letter-spacing:.02em;color:#fff;vertical-align:1px}
.lencana.sah{background:var(--hijau)}
.lencana.tidak-sah{background:var(--merah)}
.lencana.ragu{background:var(--kuning)}
.lencana.demo{background:#6b4f9e}
ul.alasan{margin:8px 0 10px;padding-left:20px}
ul.alasan:last-child{margin-bottom:0}
ul.alasan li{margin:4px 0}
a{color:var(--biru)}
.kembali{display:inline-block;margin:4px 0 16px;font-weight:600}
footer.wrap{color:var(--redup);font-size:.85rem;text-align:center;padding-top:4px;
padding-bottom:28px}
footer p{margin:2px 0}
@media (max-width:560px){dl.data{grid-template-columns:1fr;gap:0}
dl.data dd{margin-bottom:10px}dl.data dd:last-child{margin-bottom:0}.kartu{padding:16px}
.status{gap:10px}.ikon{flex-basis:30px;height:30px;font-size:16px}}
@media (min-width:561px){button{width:auto;display:inline-block}}
"""

SCRIPT = """
(function () {
  var input = document.getElementById("berkas");
  if (!input) { return; }
  var form = input.form;
  var zone = document.getElementById("zona");
  var label = document.getElementById("nama-berkas");
  var message = document.getElementById("pesan");
  var button = form.querySelector("button");
  var empty = label.textContent;
  function show() {
    var file = input.files && input.files.length ? input.files[0] : null;
    label.textContent = file ? file.name : empty;
    zone.classList.toggle("ada", !!file);
    message.textContent = "";
  }
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("seret");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.remove("seret");
    });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
  form.addEventListener("submit", function (event) {
    var file = input.files && input.files.length ? input.files[0] : null;
    if (!file) {
      event.preventDefault();
      message.textContent = form.getAttribute("data-kosong");
      return;
    }
    if (file.size > Number(form.getAttribute("data-batas"))) {
      event.preventDefault();
      message.textContent = form.getAttribute("data-terlalu-besar");
      return;
    }
    button.disabled = true;
    button.textContent = "Memeriksa\\u2026";
  });
})();
"""


def _digest(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"style-src 'sha256-{_digest(STYLE)}'; "
    f"script-src 'sha256-{_digest(SCRIPT)}'; "
    "img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""Nothing but the page's own style and script (by hash), a form posting to this server."""
