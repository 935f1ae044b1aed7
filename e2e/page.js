/* Go Concurrency Lab browser test (e2e/page.js): put into every document the test
   opens, before the page's own scripts. It reads what a learner would see and drives
   JupyterLab through its own commands (window.jupyterapp, exposed by the server flag
   --LabApp.expose_app_in_browser). The Go side calls window.golab.* and reads the result. */
(function () {
  "use strict";
  if (window.golab) {
    return;
  }
  var CHART_MIME = "application/vnd.go-concurrency-lab.chart+json";
  /* A chart's output: <div class="golab-chart"> holding the go-echarts <div id=…> that
     echarts draws into (helpers/chart). */
  var WRAPPER = ".golab-chart";
  var PLACEHOLDER = "div[id]";
  /* Share of a canvas's pixels that must differ from its background. */
  var MIN_INK = 0.005;

  var golab = {
    firstChart: null, /* performance.now() when the first chart was drawn: ms since navigation start */
    run: null         /* Run All: {start, done, ok, error} in performance.now() ms */
  };
  window.golab = golab;

  /* ink returns the share of the canvas's pixels that differ from its top-left pixel. */
  function ink(canvas) {
    var w = canvas.width;
    var h = canvas.height;
    if (!w || !h) {
      return 0;
    }
    /* Read a copy, so that echarts' own context is left alone. */
    var copy = document.createElement("canvas");
    copy.width = w;
    copy.height = h;
    var ctx = copy.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(canvas, 0, 0);
    var d = ctx.getImageData(0, 0, w, h).data;
    var n = 0;
    for (var i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) + Math.abs(d[i + 3] - d[3]) > 24) {
        n++;
      }
    }
    return n / (w * h);
  }

  /* inspect describes one chart wrapper: is there an echarts instance on its placeholder,
     how much did it draw, and what text does it show (the loader's message on failure). */
  function inspect(wrapper) {
    var el = wrapper && wrapper.querySelector(PLACEHOLDER);
    var r = { found: !!el, id: el ? el.id : "", instance: false, series: 0, ink: 0, width: 0, height: 0, drawn: false, text: "" };
    if (!el) {
      return r;
    }
    var e = window.echarts;
    var inst = e && typeof e.getInstanceByDom === "function" ? e.getInstanceByDom(el) : null;
    r.instance = !!inst;
    if (inst) {
      var opt = inst.getOption() || {};
      r.series = (opt.series || []).length;
    }
    r.width = el.clientWidth;
    r.height = el.clientHeight;
    var canvases = el.querySelectorAll("canvas");
    for (var i = 0; i < canvases.length; i++) {
      r.ink = Math.max(r.ink, ink(canvases[i]));
    }
    var svg = el.querySelector("svg");
    if (svg && svg.querySelectorAll("path,rect,text").length > 10) {
      r.ink = Math.max(r.ink, 1);
    }
    r.drawn = r.instance && r.series > 0 && r.ink >= MIN_INK;
    if (!r.drawn) {
      r.text = (el.innerText || "").slice(0, 400);
    }
    return r;
  }

  /* pageCharts inspects every chart in the document (an exported page). */
  golab.pageCharts = function () {
    return Array.prototype.map.call(document.querySelectorAll(WRAPPER), function (w) {
      var r = inspect(w);
      r.cell = -2;
      return r;
    });
  };

  /* First chart: polled from the start of the document. */
  var probe = setInterval(function () {
    if (golab.firstChart !== null) {
      clearInterval(probe);
      return;
    }
    var all = document.querySelectorAll(WRAPPER);
    for (var i = 0; i < all.length; i++) {
      if (inspect(all[i]).drawn) {
        golab.firstChart = performance.now();
        return;
      }
    }
  }, 50);

  /* ---- JupyterLab ---- */

  function app() {
    return window.jupyterapp || null;
  }

  /* panel returns the open notebook panel of path, or null. */
  golab.panel = function (path) {
    var a = app();
    if (!a) {
      return null;
    }
    var it = a.shell.widgets("main");
    for (var w of it) {
      if (w.context && w.context.path === path && w.content && w.sessionContext) {
        return w;
      }
    }
    return null;
  };

  function codeCells(p) {
    var out = [];
    p.content.widgets.forEach(function (c, i) {
      if (c.model.type === "code") {
        out.push({ cell: c, index: i });
      }
    });
    return out;
  }

  /* dialog describes the modal dialog on the page, if any. */
  golab.dialog = function () {
    var d = document.querySelector(".jp-Dialog");
    if (!d) {
      return null;
    }
    var head = d.querySelector(".jp-Dialog-header");
    var body = d.querySelector(".jp-Dialog-body");
    return {
      title: head ? head.innerText.trim() : "",
      body: body ? body.innerText.trim().slice(0, 300) : "",
      kernelSelect: !!d.querySelector("select"),
    };
  };

  /* selectKernel picks the GoNB kernel in a kernel dialog and accepts it. */
  golab.selectKernel = function () {
    var d = document.querySelector(".jp-Dialog");
    var sel = d && d.querySelector("select");
    if (!sel) {
      return false;
    }
    for (var i = 0; i < sel.options.length; i++) {
      var o = sel.options[i];
      if (/gonb/i.test(o.value) || /gonb/i.test(o.text)) {
        sel.selectedIndex = i;
        sel.dispatchEvent(new Event("change", { bubbles: true }));
        var ok = d.querySelector(".jp-Dialog-button.jp-mod-accept");
        if (ok) {
          ok.click();
          return true;
        }
      }
    }
    return false;
  };

  /* opened tells whether the notebook is open with its kernel ready. */
  golab.opened = function (path) {
    var p = golab.panel(path);
    var r = { app: !!app(), panel: !!p, ready: false, kernel: "", status: "", connection: "", dialog: golab.dialog() };
    if (!p) {
      return r;
    }
    var k = p.sessionContext.session && p.sessionContext.session.kernel;
    r.kernel = k ? k.name : "";
    r.status = k ? k.status : "";
    r.connection = k ? k.connectionStatus : "";
    r.ready = p.context.isReady && p.sessionContext.isReady && r.connection === "connected" &&
      (r.status === "idle" || r.status === "unknown");
    return r;
  };

  /* runAll starts Run All Cells through JupyterLab's own command. */
  golab.runAll = function (path) {
    var a = app();
    var p = golab.panel(path);
    a.shell.activateById(p.id);
    golab.run = { start: performance.now(), done: null, ok: null, error: "" };
    var run = golab.run;
    a.commands.execute("notebook:run-all-cells").then(function (ok) {
      run.done = performance.now();
      run.ok = ok !== false;
    }, function (err) {
      run.done = performance.now();
      run.ok = false;
      run.error = String(err);
    });
    return true;
  };

  /* state is the progress of the notebook's run. */
  golab.state = function (path) {
    var p = golab.panel(path);
    if (!p) {
      return null;
    }
    var k = p.sessionContext.session && p.sessionContext.session.kernel;
    var cells = codeCells(p);
    var r = { status: k ? k.status : "none", code: cells.length, counted: 0, busy: 0, missing: [], run: golab.run, dirty: p.context.model.dirty };
    cells.forEach(function (x) {
      if (x.cell.model.executionCount !== null && x.cell.model.executionCount !== undefined) {
        r.counted++;
      } else {
        r.missing.push(x.index);
      }
      var prompt = x.cell.node.querySelector(".jp-InputPrompt");
      if (prompt && prompt.textContent.indexOf("*") >= 0) {
        r.busy++;
      }
    });
    return r;
  };

  /* errors lists what the learner would see as a failure: error outputs, and GoNB's
     "exit status N" of a program that failed. */
  golab.errors = function (path) {
    var p = golab.panel(path);
    var out = [];
    codeCells(p).forEach(function (x) {
      x.cell.model.outputs.toJSON().forEach(function (o) {
        if (o.output_type === "error") {
          out.push({ cell: x.index, text: (o.ename + ": " + o.evalue).slice(0, 500) });
        } else if (o.output_type === "stream" && o.name === "stderr") {
          var text = Array.isArray(o.text) ? o.text.join("") : String(o.text);
          if (/^exit status \d+$/m.test(text)) {
            out.push({ cell: x.index, text: text.slice(-500) });
          }
        }
      });
    });
    return out;
  };

  /* charts inspects every chart of the notebook: each output that carries the chart MIME
     type, found through its output area (so a chart that never reached the DOM still
     counts), then any chart wrapper in the DOM that no such output holds (cell -1). */
  golab.charts = function (path) {
    var p = golab.panel(path);
    var out = [];
    var seen = [];
    codeCells(p).forEach(function (x) {
      var outputs = x.cell.model.outputs;
      var widgets = x.cell.outputArea ? x.cell.outputArea.widgets : [];
      for (var i = 0; i < outputs.length; i++) {
        if (!(CHART_MIME in outputs.get(i).data)) {
          continue;
        }
        var node = widgets[i] ? widgets[i].node : null;
        var wrapper = node && node.querySelector(WRAPPER);
        var r = inspect(wrapper);
        r.cell = x.index;
        out.push(r);
        seen.push(wrapper);
      }
    });
    p.node.querySelectorAll(WRAPPER).forEach(function (w) {
      if (seen.indexOf(w) < 0) {
        var r = inspect(w);
        r.cell = -1;
        out.push(r);
      }
    });
    return out;
  };

  /* trusted reports whether every code cell with outputs is trusted (scripts in its
     HTML outputs run). */
  golab.trusted = function (path) {
    return codeCells(golab.panel(path)).every(function (x) {
      return x.cell.model.outputs.length === 0 || x.cell.model.trusted;
    });
  };

  /* counts returns the execution count of every code cell. */
  golab.counts = function (path) {
    return codeCells(golab.panel(path)).map(function (x) {
      var n = x.cell.model.executionCount;
      return n === null || n === undefined ? -1 : n;
    });
  };

  /* save saves the notebook with JupyterLab's Save command. */
  golab.save = function (path) {
    var a = app();
    var p = golab.panel(path);
    a.shell.activateById(p.id);
    return a.commands.execute("docmanager:save").then(function () {
      return !p.context.model.dirty;
    });
  };

  /* close closes the notebook's tab in JupyterLab, and resolves to true once it is gone
     (JupyterLab closes a document asynchronously). */
  golab.close = function (path) {
    var p = golab.panel(path);
    if (!p) {
      return Promise.resolve(true);
    }
    p.close();
    return new Promise(function (resolve) {
      var start = performance.now();
      (function check() {
        if (golab.panel(path) === null) {
          resolve(true);
        } else if (performance.now() - start > 10000) {
          resolve(false);
        } else {
          setTimeout(check, 100);
        }
      })();
    });
  };

  /* height scrolls the notebook to its top and returns the page height that shows the
     whole notebook, down to its last cell (JupyterLab's scroll-past-end space left out). */
  golab.height = function (path) {
    var p = golab.panel(path);
    var sc = p.content.node.querySelector(".jp-WindowedPanel-outer") || p.content.node;
    sc.scrollTop = 0;
    var cells = p.content.widgets;
    var content = sc.scrollHeight;
    if (cells.length) {
      var last = cells[cells.length - 1].node.getBoundingClientRect();
      content = Math.min(content, last.bottom - sc.getBoundingClientRect().top + sc.scrollTop + 48);
    }
    return Math.ceil(window.innerHeight - sc.clientHeight + content);
  };
})();
