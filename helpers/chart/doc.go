// Package chart draws the course's measurements as interactive charts, inline
// in a GoNB notebook, with go-echarts and Apache ECharts 5.6.0, and works
// offline.
//
// # Charts
//
// Each constructor takes [Labels] (title, a one-line takeaway as subtitle, and
// axis names with units) and the numbers, and returns a [*Chart]:
//
//   - [Histogram]: counts over shared bins, for outcomes of many trials
//     (final counter values of racy, mutex and atomic counters);
//   - [LogHistogram]: the same on a logarithmic count axis, when a few
//     outcomes sit next to thousands (30 trials that lost updates of 10,000);
//   - [Bars]: grouped bars with optional error bars (ns/op per method);
//   - [Lines]: lines over categories with optional confidence bands and
//     dashed reference lines (speed-up against GOMAXPROCS, with the ideal);
//   - [XY]: numeric x against y, as points or connected lines;
//   - [Timeline]: a Gantt chart of [timeline.Span]s, one row per lane;
//
// [Show] displays a chart in the notebook; [Chart.Text] is its plain-text
// account, [Chart.Option] its echarts option as JSON, [Chart.SaveHTML] a
// standalone page. Bad input never panics: the chart carries the problem in
// [Chart.Err] and Show prints it ("chart.Bars: series[0].Values[2] is NaN").
//
// All charts share one look: title and subtitle at the top left, axis names
// with units, a tooltip, a legend when there is more than one series, and the
// colour-blind-safe Okabe–Ito palette (#E69F00 #56B4E9 #009E73 #F0E442 #0072B2
// #D55E00 #CC79A7 #000000) in series order. They are as wide as the output and
// 380px high; timelines grow with their lanes.
//
// # Offline: how echarts reaches the page
//
// The echarts library (about 1 MB) is vendored in assets/ (npm echarts@5.6.0,
// dist/echarts.min.js, with its LICENSE and NOTICE) and embedded in the
// package. A chart's HTML is the go-echarts element plus a small loader script
// (loader.js) instead of go-echarts' own script, which assumes echarts is
// already loaded (from a CDN, by default). The loader draws at once if
// window.echarts exists. Otherwise it loads echarts once per page, as a
// promise shared by every chart on the page, trying in order:
//
//  1. <baseUrl>files/_static/echarts-5.6.0.min.js, where baseUrl comes from
//     the JSON in the page's #jupyter-config-data element (JupyterLab and
//     Notebook 7 pages have it);
//  2. _static/echarts-5.6.0.min.js relative to the page (an exported page
//     beside the notebooks, or a site that ships _static/).
//
// If every source fails, the chart's box says so and what to do; the numbers
// stay readable in the <details> under it. When RequireJS is on the page (the
// nbconvert templates add it), echarts' UMD wrapper would register an
// anonymous AMD module instead of setting window.echarts, so the loader asks
// RequireJS for the file instead (require([url])); if a page has an AMD
// define but no require, define is hidden while the script loads.
//
// The three situations:
//
// Live JupyterLab. Before sending a chart, Show copies the asset to
// $GONB_JUPYTER_ROOT/_static/echarts-5.6.0.min.js. GoNB sets GONB_JUPYTER_ROOT
// to the Jupyter server's working directory, which is its root_dir when it is
// started as `make lab` does. The copy is skipped when the file already holds
// the asset, and otherwise written atomically (a temporary file, then rename),
// so concurrent cells never see half a file. The loader fetches it from
// source 1, once per page; the browser caches it. _static/ is in .gitignore.
// If GONB_JUPYTER_ROOT is unset or not writable, Show inlines the asset in
// that output instead (about 1 MB), so the chart still draws. Caveat: if
// Jupyter runs with a root_dir other than its working directory, source 1
// points outside the served tree and charts show the message above; start
// Jupyter from the notebooks directory.
//
// A reopened, trusted notebook. JupyterLab runs the scripts of saved outputs
// again, for trusted notebooks only: one saved from JupyterLab on this machine
// is trusted; one executed headless (nbclient) or from elsewhere needs
// `jupyter trust x.ipynb` or the command palette's "Trust Notebook".
// The loader finds the asset as in a live session, as long as _static/ is
// still there: it is once any chart was shown on this machine; on a fresh
// checkout, rerun any chart cell. Untrusted outputs keep the "Chart loading…"
// note and the numbers.
//
// nbconvert HTML. Export with the configuration in nbconvert/ beside this
// file (from any directory; options such as --output-dir still apply):
//
//	jupyter nbconvert --config helpers/chart/nbconvert/golab_nbconvert.py notebooks/x.ipynb
//
// It selects the "golab" template, which extends nbconvert's "lab" template:
// it inlines echarts once in the page's <head> and leaves out the RequireJS
// <script> that "lab" loads from a CDN (no chart needs it), so the charts draw
// offline, also from file://, without any network request of their own. A
// plain `jupyter nbconvert --to html` export works too when the page sits
// beside a _static/ folder holding the asset (the notebooks directory, once a
// chart was shown there), through source 2, with or without RequireJS on the
// page; elsewhere its charts show the message above.
//
// [Chart.SaveHTML] pages inline echarts themselves.
//
// # Notebook outputs
//
// [Show] sends one display message with text/html, text/plain and
// application/vnd.go-concurrency-lab.chart+json, the last a JSON copy for
// notebook tests and the course's bench:
//
//	{"kind": "histogram", "title": …, "subtitle": …, "x": …, "y": …,
//	 "categories": [bin or category labels], "bins": [[low, high], …],
//	 "series": [{"name": …, "data": […], "low": […], "high": […]}, …],
//	 "data": {name: value, …},
//	 "option": {the echarts option}}
//
// series[].data holds: counts per bin (histogram), values per category (bars),
// y per x (lines), [x, y] pairs (xy), {label, kind, start_ms, end_ms} objects
// per lane (timeline, one series per lane). "categories", "bins", "low" and "high" appear only where they
// apply. "data" holds what [Chart.WithData] added, numbers measured beside
// the chart, and appears only when there is some. Tests and the bench read a
// cell's numbers from this copy, not from the sentences the cell prints.
package chart
