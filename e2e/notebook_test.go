//go:build browser

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/go-concurrency-lab/course/internal/notebook"
)

// What page.js returns. chromedp decodes with encoding/json/v2 semantics, which match
// names exactly: hence the tags.
type (
	openState struct {
		App    bool        `json:"app"`
		Panel  bool        `json:"panel"`
		Ready  bool        `json:"ready"`
		Kernel string      `json:"kernel"`
		Status string      `json:"status"`
		Conn   string      `json:"connection"`
		Dialog *dialogInfo `json:"dialog"`
	}
	dialogInfo struct {
		Title        string `json:"title"`
		Body         string `json:"body"`
		KernelSelect bool   `json:"kernelSelect"`
	}
	runState struct {
		Status  string   `json:"status"`
		Code    int      `json:"code"`
		Counted int      `json:"counted"`
		Busy    int      `json:"busy"`
		Missing []int    `json:"missing"`
		Run     *runInfo `json:"run"`
		Dirty   bool     `json:"dirty"`
	}
	runInfo struct {
		Start float64  `json:"start"`
		Done  *float64 `json:"done"`
		OK    *bool    `json:"ok"`
		Error string   `json:"error"`
	}
	chartState struct {
		Cell     int     `json:"cell"`
		Found    bool    `json:"found"`
		ID       string  `json:"id"`
		Instance bool    `json:"instance"`
		Series   int     `json:"series"`
		Ink      float64 `json:"ink"`
		Width    int     `json:"width"`
		Height   int     `json:"height"`
		Drawn    bool    `json:"drawn"`
		Text     string  `json:"text"`
	}
	cellError struct {
		Cell int    `json:"cell"`
		Text string `json:"text"`
	}
)

// testNotebook runs one notebook the way a learner does and checks what shows.
func testNotebook(t *testing.T, e *env, r *result) {
	name := r.name
	js := func(fn string) string { return golab(fn, name) }
	base := strings.TrimSuffix(name, ".ipynb")

	// Whatever happens, end the kernels afterwards: a cell stuck past the time limit
	// must not keep a core busy while the next notebook runs.
	defer func() {
		if err := e.lab.shutdownKernels(context.Background()); err != nil {
			t.Errorf("ending the kernels: %v", err)
		}
	}()

	// 1. Open it and wait for the kernel (selecting GoNB if JupyterLab asks).
	tb := e.browser.newTab(t, name, false)
	defer tb.close()
	defer diagnose(t, tb, filepath.Join(e.out, "screenshots", base+".failed.png"), js("height"))
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(e.lab.notebookURL(name))); err != nil {
		t.Fatalf("loading JupyterLab: %v", err)
	}
	waitOpened(t, tb, name)

	// 2–3. Run All Cells; wait until the kernel is idle and every code cell has run.
	if _, err := eval[bool](tb.ctx, js("runAll")); err != nil {
		t.Fatal(err)
	}
	st := waitRun(t, tb, name)
	r.runAll = ms(*st.Run.Done - st.Run.Start)
	t.Logf("Run All: %v for %d code cells (budget %v)", r.runAll.Round(100*time.Millisecond), st.Code, runBudget)
	if st.Counted != st.Code {
		t.Errorf("Run All stopped early: %d of %d code cells have no execution count (cells %v)", st.Code-st.Counted, st.Code, st.Missing)
	}

	// 4. No error output.
	errs, err := eval[[]cellError](tb.ctx, js("errors"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ce := range errs {
		t.Errorf("cell %d shows an error:\n%s", ce.Cell, ce.Text)
	}

	// 5. Every chart drawn, as many as the headless execution shows.
	charts := waitCharts(t, tb, js("charts"), r.charts)
	checkCharts(t, charts, r.charts, "after Run All")
	if first := firstChart(tb); first > 0 {
		r.firstChart = first - ms(st.Run.Start)
	}

	// 6. Screenshot of the whole notebook.
	r.shot = filepath.Join(e.out, "screenshots", base+".png")
	if err := screenshot(t, tb.ctx, js("height"), r.shot); err != nil {
		t.Error(err)
	}
	t.Logf("screenshot: %s", r.shot)

	// Trust and reopen: save, close the tab, end the kernel, open the notebook again.
	counts := save(t, e, tb, name, len(charts), len(errs) == 0)
	if ok, err := eval[bool](tb.ctx, js("close")); err != nil || !ok {
		t.Errorf("closing the notebook in JupyterLab: closed=%v, %v", ok, err)
	}
	tb.close()
	if err := e.lab.shutdownKernels(context.Background()); err != nil {
		t.Errorf("ending the kernel: %v", err)
	}
	reopen(t, e, r, counts)
}

// save saves the notebook with JupyterLab's Save command, and checks the file it wrote
// the way the headless notebook tests check theirs. It returns the execution counts.
func save(t *testing.T, e *env, tb *tab, name string, charts int, crossCheck bool) []int {
	t.Helper()
	js := func(fn string) string { return golab(fn, name) }
	if ok, err := eval[bool](tb.ctx, js("save")); err != nil || !ok {
		t.Fatalf("saving the notebook: saved=%v, %v", ok, err)
	}
	counts, err := eval[[]int](tb.ctx, js("counts"))
	if err != nil {
		t.Fatal(err)
	}
	nb, err := notebook.Read(filepath.Join(e.work, name))
	if err != nil {
		t.Fatalf("reading the saved notebook: %v", err)
	}
	if p := nb.Problems(); crossCheck && len(p) > 0 {
		t.Errorf("the saved notebook has problems:\n%s", strings.Join(p, "\n---\n"))
	}
	if n := countCharts(t, nb); n != charts {
		t.Errorf("the saved notebook holds %d charts, the page showed %d", n, charts)
	}
	return counts
}

// reopen opens the saved notebook in a new tab with a new kernel, runs nothing, and
// checks that the charts draw again from the saved outputs.
func reopen(t *testing.T, e *env, r *result, counts []int) {
	t.Helper()
	name := r.name
	js := func(fn string) string { return golab(fn, name) }
	base := strings.TrimSuffix(name, ".ipynb")
	tb := e.browser.newTab(t, name+" (reopened)", false)
	defer tb.close()
	defer diagnose(t, tb, filepath.Join(e.out, "screenshots", base+".reopened.failed.png"), js("height"))
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(e.lab.notebookURL(name))); err != nil {
		t.Fatalf("reopening: %v", err)
	}
	waitOpened(t, tb, name)
	if ok, err := eval[bool](tb.ctx, js("trusted")); err != nil || !ok {
		t.Errorf("the reopened notebook is not trusted (its chart scripts do not run): trusted=%v, %v", ok, err)
	}
	charts := waitCharts(t, tb, js("charts"), r.charts)
	checkCharts(t, charts, r.charts, "after reopening")
	r.reopenChart = firstChart(tb)
	if now, err := eval[[]int](tb.ctx, js("counts")); err != nil || !slices.Equal(now, counts) {
		t.Errorf("the reopened notebook's execution counts are %v, saved %v (%v): something ran again", now, counts, err)
	}
	r.reopenShot = filepath.Join(e.out, "screenshots", base+".reopened.png")
	if err := screenshot(t, tb.ctx, js("height"), r.reopenShot); err != nil {
		t.Error(err)
	}
	t.Logf("reopened: first chart %s after navigation start; screenshot: %s", dur(r.reopenChart), r.reopenShot)
}

// waitOpened waits until the notebook is open and its kernel idle, answering a kernel
// selection dialog with GoNB.
func waitOpened(t *testing.T, tb *tab, name string) {
	t.Helper()
	start := time.Now()
	var st openState
	for time.Since(start) < openLimit {
		var err error
		st, err = eval[openState](tb.ctx, golab("opened", name))
		if err != nil {
			t.Fatal(err)
		}
		if d := st.Dialog; d != nil {
			if !d.KernelSelect {
				t.Fatalf("JupyterLab shows a dialog: %s: %s", d.Title, d.Body)
			}
			ok, err := eval[bool](tb.ctx, "golab.selectKernel()")
			if err != nil || !ok {
				t.Fatalf("JupyterLab asks for a kernel and GoNB is not offered (%v): %s", err, d.Body)
			}
			t.Logf("JupyterLab asked for a kernel: selected GoNB")
		}
		if st.Ready {
			if st.Kernel != "gonb" {
				t.Fatalf("the notebook runs on kernel %q, want gonb", st.Kernel)
			}
			return
		}
		time.Sleep(pollPeriod)
	}
	t.Fatalf("the notebook did not open with an idle kernel within %v: %+v", openLimit, st)
}

// waitRun waits until Run All has finished and the kernel is idle, within runLimit.
func waitRun(t *testing.T, tb *tab, name string) runState {
	t.Helper()
	start := time.Now()
	next := start.Add(15 * time.Second)
	var st runState
	for {
		var err error
		st, err = eval[runState](tb.ctx, golab("state", name))
		if err != nil {
			t.Fatal(err)
		}
		if st.Run != nil && st.Run.Done != nil && st.Status == "idle" && st.Busy == 0 {
			if st.Run.Error != "" {
				t.Errorf("Run All failed: %s", st.Run.Error)
			}
			return st
		}
		if st.Status == "dead" {
			t.Fatalf("the kernel died during Run All (%d of %d cells ran)", st.Counted, st.Code)
		}
		if time.Since(start) > runLimit {
			t.Fatalf("Run All did not finish within %v: %d of %d code cells ran, kernel %s, cells not run: %v",
				runLimit, st.Counted, st.Code, st.Status, st.Missing)
		}
		if time.Now().After(next) {
			t.Logf("running: %d of %d code cells done after %v", st.Counted, st.Code, time.Since(start).Round(time.Second))
			next = next.Add(15 * time.Second)
		}
		time.Sleep(pollPeriod)
	}
}

// waitCharts polls expr (a list of chart states) until want charts are all drawn, or
// drawLimit passes, and returns the last answer.
func waitCharts(t *testing.T, tb *tab, expr string, want int) []chartState {
	t.Helper()
	start := time.Now()
	for {
		charts, err := eval[[]chartState](tb.ctx, expr)
		if err != nil {
			t.Fatal(err)
		}
		drawn := 0
		for _, c := range charts {
			if c.Drawn {
				drawn++
			}
		}
		if (len(charts) == want && drawn == want) || time.Since(start) > drawLimit {
			return charts
		}
		time.Sleep(pollPeriod)
	}
}

// checkCharts reports every chart that is not drawn, and a count that differs from the
// headless execution's.
func checkCharts(t *testing.T, charts []chartState, want int, when string) {
	t.Helper()
	if len(charts) != want {
		t.Errorf("%s: the page has %d charts, the headless execution shows %d", when, len(charts), want)
	}
	for i, c := range charts {
		where := ""
		switch {
		case c.Cell == -1:
			where = " (a chart in the page that no chart output of the notebook holds)"
		case c.Cell >= 0:
			where = fmt.Sprintf(" (cell %d)", c.Cell)
		}
		if !c.Drawn {
			t.Errorf("%s: chart %d%s is not drawn: placeholder found=%v, echarts instance=%v, series=%d, "+
				"ink=%.2f%%, size %dx%d; it shows: %q", when, i+1, where, c.Found, c.Instance, c.Series, 100*c.Ink, c.Width, c.Height, c.Text)
		}
	}
}

// The tallest screenshot: a 1280×30000 capture works with this Chromium. A taller page
// is cut at the limit (the checks do not depend on the picture).
const maxShotHeight = 40000

// screenshot saves a PNG of the whole page: the tab grows until heightExpr (the height at
// which nothing scrolls) stops growing, is captured, and shrinks back. It grows in steps
// because JupyterLab estimates the height of cells it has not laid out yet.
func screenshot(t *testing.T, ctx context.Context, heightExpr, path string) error {
	shown := viewHeight
	for range 8 {
		h, err := eval[int](ctx, heightExpr)
		if err != nil {
			return fmt.Errorf("screenshot %s: %w", path, err)
		}
		if h > maxShotHeight {
			t.Logf("screenshot %s: the page is %dpx high; cut at %dpx", path, h, maxShotHeight)
			h = maxShotHeight
		}
		if h <= shown && shown > viewHeight {
			break
		}
		shown = max(h, viewHeight)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewWidth, int64(shown)), chromedp.Sleep(time.Second)); err != nil {
			return fmt.Errorf("screenshot %s: %w", path, err)
		}
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if rerr := chromedp.Do(ctx, chromedp.EmulateViewport(viewWidth, viewHeight)); err == nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("screenshot %s: %w", path, err)
	}
	return os.WriteFile(path, png, 0o644)
}

// diagnose, deferred, saves a screenshot and the page's console when the test failed.
func diagnose(t *testing.T, tb *tab, path, heightExpr string) {
	if !t.Failed() {
		return
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if err := screenshot(t, ctx, heightExpr, path); err == nil {
		t.Logf("screenshot of the failure: %s", path)
	}
	if log := tb.consoleLog(); log != "" {
		t.Logf("the page's console (errors and warnings):\n%s", log)
	}
}

// golab is the JavaScript call of page.js's function fn for the notebook at path.
func golab(fn, path string) string { return "golab." + fn + "(" + jsString(path) + ")" }

// firstChart is the time from the tab's navigation start until page.js first saw a chart
// drawn, or 0 if it has not.
func firstChart(tb *tab) time.Duration {
	first, err := eval[*float64](tb.ctx, "golab.firstChart")
	if err != nil || first == nil {
		return 0
	}
	return ms(*first)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// ms converts performance.now() milliseconds to a duration.
func ms(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }
