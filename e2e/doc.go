// Package e2e holds the course's end-to-end test: every notebook run the way a learner
// runs it, in JupyterLab in a real browser, on a machine with no internet.
//
// The test lives behind the build tag "browser" because it needs Debian's chromium and
// takes minutes; `make test-browser` (part of `make test`) runs it:
//
//	go test -count=1 -v -timeout 40m -tags browser ./e2e/...
//
// For each notebook in notebooks/ it starts JupyterLab from the project's venv on a free
// port of 127.0.0.1 (token, temporary copy of the notebooks under reports/browser/),
// opens the notebook in headless Chromium driven through the DevTools protocol
// (chromedp), runs all cells, and checks what a learner would see: no error output, every
// chart drawn by echarts, as many charts as the headless execution shows, and the charts
// still drawn after save, close and reopen. One executed notebook is exported with
// `jupyter nbconvert --to html` and loaded from file:// with the network off. Every request
// that would leave loopback is blocked, logged and fails the test.
//
// Screenshots, the exported page and a report with the timings land in reports/browser/.
// Flags (after -args): -notebooks DIR, -notebook SUBSTRING, -export NAME, -chromium PATH,
// -keep.
package e2e
