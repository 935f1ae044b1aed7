//go:build browser

package e2e

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/go-concurrency-lab/course/internal/notebook"
)

// exportConfig is the nbconvert configuration of helpers/chart: the "golab" template,
// which inlines echarts once in the page and leaves out nbconvert's CDN scripts.
const exportConfig = "helpers/chart/nbconvert/golab_nbconvert.py"

// testExport exports one executed notebook (saved by the browser) to HTML with
// `jupyter nbconvert --to html` and the course's template, loads the file in a tab whose
// network is off, and checks that its charts draw.
func testExport(t *testing.T, e *env, results []*result) {
	var pick *result
	for _, r := range results {
		if (*flagExport != "" && strings.Contains(r.name, *flagExport)) || (*flagExport == "" && r.charts > 0) {
			pick = r
			break
		}
	}
	switch {
	case pick == nil && *flagExport != "":
		t.Fatalf("-export %q names none of the tested notebooks", *flagExport)
	case pick == nil && *flagNotebooks == "" && *flagOnly == "":
		t.Fatal("no notebook shows a chart: nothing to check in an export")
	case pick == nil:
		t.Skip("none of the selected notebooks shows a chart")
	case !pick.ok:
		t.Skipf("%s failed in the browser; not exporting it", pick.name)
	}
	cfg := filepath.Join(e.root, exportConfig)
	if _, err := os.Stat(cfg); err != nil {
		t.Fatalf("the export configuration is missing: %v", err)
	}
	dir := filepath.Join(e.out, "export")
	// A clean folder: no _static/ beside the page, so echarts must travel inside it.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	py, err := notebook.Python()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(filepath.Dir(py), "jupyter"), "nbconvert", "--to", "html",
		"--config", cfg, "--output-dir", dir, filepath.Join(e.work, pick.name))
	cmd.Env = jupyterEnv(filepath.Dir(py), e.state)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	page := filepath.Join(dir, strings.TrimSuffix(pick.name, ".ipynb")+".html")
	if _, err := os.Stat(page); err != nil {
		t.Fatalf("nbconvert wrote no %s: %v", page, err)
	}
	e.export = page
	t.Logf("exported %s in %v: %s", pick.name, time.Since(start).Round(100*time.Millisecond), page)

	tb := e.browser.newTab(t, "export", true)
	defer tb.close()
	defer diagnose(t, tb, filepath.Join(e.out, "screenshots", "export.failed.png"), pageHeight)
	if err := tb.offline(); err != nil {
		t.Fatalf("switching the network off: %v", err)
	}
	u := (&url.URL{Scheme: "file", Path: page}).String()
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("loading %s: %v", u, err)
	}
	charts := waitCharts(t, tb, "golab.pageCharts()", pick.charts)
	checkCharts(t, charts, pick.charts, "in the exported page")
	e.exportT = firstChart(tb)
	t.Logf("exported page: first chart %s after navigation start", dur(e.exportT))
	shot := filepath.Join(e.out, "screenshots", "export."+strings.TrimSuffix(pick.name, ".ipynb")+".png")
	if err := screenshot(t, tb.ctx, pageHeight, shot); err != nil {
		t.Error(err)
	}
	t.Logf("screenshot: %s", shot)
}

// pageHeight is the height of a plain page.
const pageHeight = "Math.ceil(document.documentElement.scrollHeight)"
