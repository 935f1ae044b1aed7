/* Go Concurrency Lab chart loader (helpers/chart/loader.js): draws one chart
   with echarts, loading echarts once per page if it is not there yet. */
(function () {
  "use strict";
  var w = window;
  var id = GOLAB_ID;
  var file = GOLAB_FILE;
  var script = document.currentScript;
  var root = script && script.parentNode;
  var el = (root && root.querySelector && root.querySelector('[id="' + id + '"]')) || document.getElementById(id);
  if (!el) {
    return;
  }
  var option = GOLAB_OPTION;

  function usable(e) {
    return e && typeof e.init === "function" ? e : null;
  }

  /* Draw once the element has a width: JupyterLab may run this script
     before the output is laid out. */
  function draw(echarts) {
    function go() {
      try {
        var chart = echarts.getInstanceByDom(el);
        if (!chart) {
          el.innerHTML = "";
          chart = echarts.init(el, null, { renderer: "canvas" });
        }
        chart.setOption(option);
        if (w.ResizeObserver) {
          new w.ResizeObserver(function () { chart.resize(); }).observe(el);
        }
      } catch (err) {
        say("Chart not drawn: echarts reported " + err + ". The numbers are listed below.");
      }
    }
    if (el.clientWidth > 0 || !w.ResizeObserver) {
      go();
      return;
    }
    var ro = new w.ResizeObserver(function () {
      if (el.clientWidth > 0) {
        ro.disconnect();
        go();
      }
    });
    ro.observe(el);
  }

  /* Replace the chart with a visible message. */
  function say(text) {
    el.style.height = "auto";
    el.innerHTML = "";
    var p = document.createElement("div");
    p.style.cssText = "border:1px solid #D55E00;border-radius:4px;padding:8px 12px;margin:4px 0;color:#222;background:#fff;font:13px/1.5 sans-serif;";
    p.textContent = text;
    el.appendChild(p);
  }

  function fail(tried) {
    say("Chart not drawn: could not load the echarts library from " + (tried || []).join(" or ") + ". " +
      "In JupyterLab, run this cell again (showing a chart copies echarts to _static/ beside the notebooks). " +
      "For exported HTML, export with helpers/chart/nbconvert/golab_nbconvert.py, or keep " + file +
      " beside the page. The numbers are listed below.");
  }

  /* Where echarts may be: the Jupyter server's files/ URL, then a _static/
     folder beside the page (an exported notebook). */
  function sources() {
    var out = [];
    var cfg = document.getElementById("jupyter-config-data");
    if (cfg) {
      try {
        var base = JSON.parse(cfg.textContent).baseUrl;
        if (typeof base === "string") {
          out.push(base.replace(/\/?$/, "/") + "files/" + file);
        }
      } catch (e) { /* not JSON: skip */ }
    }
    out.push(file);
    return out;
  }

  /* Load one URL. With RequireJS on the page (nbconvert's templates add it),
     echarts registers as an AMD module instead of window.echarts, so ask
     RequireJS for it; a bare AMD define without require is hidden meanwhile. */
  function loadOne(url, ok, next) {
    var amd = typeof w.define === "function" && w.define.amd;
    if (amd && typeof w.require === "function") {
      w.require([url], function (e) {
        if (usable(e)) { ok(e); } else { next(); }
      }, function () {
        try { w.require.undef(url); } catch (e) { /* ignore */ }
        next();
      });
      return;
    }
    var define = w.define;
    if (amd) {
      w.define = undefined;
    }
    var s = document.createElement("script");
    s.src = url;
    s.async = true;
    s.onload = function () {
      if (amd) { w.define = define; }
      if (usable(w.echarts)) { ok(w.echarts); } else { next(); }
    };
    s.onerror = function () {
      if (amd) { w.define = define; }
      if (s.parentNode) { s.parentNode.removeChild(s); }
      next();
    };
    document.head.appendChild(s);
  }

  function load() {
    return new Promise(function (resolve, reject) {
      var list = sources();
      var i = 0;
      (function next() {
        if (i >= list.length) {
          reject(list);
          return;
        }
        loadOne(list[i++], resolve, next);
      })();
    });
  }

  if (usable(w.echarts)) {
    draw(w.echarts);
    return;
  }
  /* One load per page, shared by all charts; after a failure the next chart
     tries again (the cell may have been rerun meanwhile). */
  if (!w.__golabEcharts) {
    w.__golabEcharts = load().then(function (e) {
      if (!usable(w.echarts)) { w.echarts = e; }
      return e;
    }, function (tried) {
      w.__golabEcharts = null;
      throw tried;
    });
  }
  w.__golabEcharts.then(draw, fail);
})();
