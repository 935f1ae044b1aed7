//go:build browser

package e2e

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

var (
	flagNotebooks = flag.String("notebooks", "", "folder of the notebooks to test (default: the course's notebooks/)")
	flagOnly      = flag.String("notebook", "", "test only the notebooks whose file name contains this")
	flagExport    = flag.String("export", "", "the notebook to export with nbconvert (default: the first one that shows a chart)")
	flagChromium  = flag.String("chromium", "", "the browser (default: $GOLAB_CHROMIUM, else /usr/bin/chromium)")
	flagKeep      = flag.Bool("keep", false, "keep the temporary copy of the notebooks, with their saved outputs")
)

// Limits. They are safety nets against hangs, not timing assertions: the budget of 90 s
// per Run All is reported, not enforced (timings on a shared 2-core machine are noisy).
const (
	runLimit   = 5 * time.Minute  // Run All of one notebook
	openLimit  = 2 * time.Minute  // page load until the kernel is idle
	drawLimit  = 60 * time.Second // every chart drawn, after the cells ran or the page loaded
	runBudget  = 90 * time.Second // the benchmark figure per Run All
	pollPeriod = 250 * time.Millisecond
)

// env is what every step of the test shares.
type env struct {
	root    string // the course repository
	out     string // reports/browser
	work    string // the temporary copy of the notebooks: JupyterLab's root
	state   string // Jupyter's config, data and runtime folders
	lab     *lab
	browser *browser
	export  string        // the exported HTML page, once written
	exportT time.Duration // its page load until the first chart drawn
}

func (e *env) exported() string { return rel(e.root, e.export) }

// result is what the test measured for one notebook.
type result struct {
	name        string
	charts      int           // charts the headless execution shows
	from        string        // where that number came from
	runAll      time.Duration // Run All, in the browser, until every cell finished
	firstChart  time.Duration // from the start of Run All to the first chart drawn
	reopenChart time.Duration // from navigation start of the reopened page to its first chart
	shot        string
	reopenShot  string
	ok          bool
}

// TestBrowser runs every notebook in JupyterLab in headless Chromium, offline, and checks
// what a learner sees. See the package documentation.
func TestBrowser(t *testing.T) {
	e := &env{root: repoRoot(t)}
	e.out = filepath.Join(e.root, "reports", "browser")
	src := filepath.Join(e.root, "notebooks")
	if *flagNotebooks != "" {
		src, _ = filepath.Abs(*flagNotebooks)
	}
	names := notebookNames(t, src)
	// Screenshots of an earlier run would pass for this one's: start empty.
	if err := os.RemoveAll(filepath.Join(e.out, "screenshots")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(e.out, "screenshots"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Only the latest run's copy is kept (see -keep).
	if old, err := filepath.Glob(filepath.Join(e.out, "_lab-*")); err == nil {
		for _, d := range old {
			os.RemoveAll(d)
		}
	}
	// The copy sits inside the repository so that the notebooks' setup cell finds the
	// course's go.mod above it; the leading "_" keeps the go tool out of it.
	work, err := os.MkdirTemp(e.out, "_lab-")
	if err != nil {
		t.Fatal(err)
	}
	e.work = work
	e.state = t.TempDir()
	if err := copyNotebooks(src, work); err != nil {
		t.Fatal(err)
	}
	t.Logf("notebooks: %s (copy: %s)", strings.Join(names, ", "), work)

	// What the headless execution shows, before the browser competes for the 2 cores.
	results := make([]*result, len(names))
	for i, name := range names {
		n, from := expectedCharts(t, e, src, name)
		results[i] = &result{name: name, charts: n, from: from}
		t.Logf("%s: %d charts expected, from the %s", name, n, from)
	}

	e.lab = startLab(t, work, e.state, filepath.Join(e.out, "jupyter.log"))
	t.Logf("JupyterLab %s (log: %s)", e.lab.URL, e.lab.Log)
	exe := *flagChromium
	if exe == "" {
		exe = os.Getenv("GOLAB_CHROMIUM")
	}
	if exe == "" {
		exe = "/usr/bin/chromium"
	}
	e.browser = startBrowser(t, exe, filepath.Join(e.state, "chromium-profile"), filepath.Join(e.out, "chromium.log"))
	t.Logf("browser: %s (log: %s)", exe, filepath.Join(e.out, "chromium.log"))
	t.Run("offline-guard", func(t *testing.T) { testGuard(t, e) })

	for _, r := range results {
		t.Run(strings.TrimSuffix(r.name, ".ipynb"), func(t *testing.T) {
			testNotebook(t, e, r)
			r.ok = !t.Failed()
		})
	}
	t.Run("export", func(t *testing.T) { testExport(t, e, results) })

	checked, blocked := e.browser.guard.report()
	for _, b := range blocked {
		hint := ""
		if strings.HasPrefix(b, "tab export:") {
			hint = "\n(the exported page asks for it: the nbconvert template in " + filepath.Dir(exportConfig) + " must not load anything from the network)"
		}
		t.Errorf("offline: a request tried to leave loopback and was blocked: %s%s", b, hint)
	}
	offline := fmt.Sprintf("offline: %d requests intercepted in the tabs; none tried to leave loopback, there or at the browser's proxy", checked)
	if len(blocked) > 0 {
		offline = fmt.Sprintf("offline: %d requests intercepted, %d blocked (listed above)", checked, len(blocked))
	}
	report := writeReport(t, e, results, offline)
	t.Log("\n" + report)
	if !t.Failed() && !*flagKeep {
		os.RemoveAll(work)
	} else {
		t.Logf("the notebooks as the browser saved them: %s", work)
	}
}

// testGuard proves that both layers of the offline guard work: a tab's request to a
// non-loopback address is blocked and logged, and so is one that bypasses the tabs'
// interception and reaches the browser's proxy.
func testGuard(t *testing.T, e *env) {
	const canary = "http://192.0.2.1/golab-offline-canary" // TEST-NET-1: never routed
	tb := e.browser.newTab(t, "canary", false)
	defer tb.close()
	got, err := eval[string](tb.ctx, `fetch("`+canary+`").then(() => "fetched", e => "failed: " + e)`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "failed") {
		t.Errorf("the canary request was not blocked: %s", got)
	}
	if err := e.browser.rawVisit(canary); err != nil {
		t.Logf("proxy canary: %v", err)
	}
	_, blocked := e.browser.guard.report()
	var tabSeen, proxySeen bool
	for _, b := range blocked {
		tabSeen = tabSeen || strings.HasPrefix(b, "tab canary:") && strings.Contains(b, canary)
		proxySeen = proxySeen || strings.HasPrefix(b, "proxy:") && strings.Contains(b, "192.0.2.1")
	}
	if !tabSeen {
		t.Errorf("the tab's interception did not log the canary request; blocked: %q", blocked)
	}
	if !proxySeen {
		t.Errorf("the browser's proxy did not see the canary request; blocked: %q", blocked)
	}
	e.browser.guard.forget()
}

// notebookNames lists the course notebooks of dir (NN_*.ipynb, as the notebook tests
// do), sorted, filtered by -notebook.
func notebookNames(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "[0-9][0-9]_*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		name := filepath.Base(p)
		if *flagOnly == "" || strings.Contains(name, *flagOnly) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		t.Fatalf("no notebooks in %s (filter %q)", dir, *flagOnly)
	}
	return names
}

// copyNotebooks copies the notebook folder, without tests, checkpoints, or an echarts
// asset left by an earlier session (the run must put it there itself).
func copyNotebooks(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		name := d.Name()
		if d.IsDir() {
			if rel != "." && (name == "_static" || name == ".ipynb_checkpoints" || strings.HasPrefix(name, "_lab-")) {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasSuffix(name, "_test.go") || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

// expectedCharts returns how many charts the headless execution of the notebook shows,
// and where the number comes from: the notebook test's executed copy in
// reports/executed when it ran this very notebook cleanly, else a headless run now
// (with the harness of internal/notebook, as the notebook tests do).
func expectedCharts(t *testing.T, e *env, src, name string) (int, string) {
	t.Helper()
	source, err := notebook.Read(filepath.Join(src, name))
	if err != nil {
		t.Fatal(err)
	}
	executed := filepath.Join(e.root, "reports", "executed", name)
	if nb, err := notebook.Read(executed); err == nil && source.FirstDifference(nb) < 0 && nb.Status == "ok" && len(nb.Problems()) == 0 {
		return countCharts(t, nb), "headless run of make test-notebooks (reports/executed)"
	}
	dir := filepath.Join(e.out, "headless")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// GoNB takes its launcher's working directory as the Jupyter root, where charts put
	// the echarts asset: run from dir, to keep the asset out of the source tree.
	start := time.Now()
	nb, err := notebook.Execute(context.Background(), filepath.Join(e.work, name),
		notebook.Options{CellTimeout: runLimit, OutDir: dir, JupyterRoot: dir})
	if err != nil {
		t.Fatal(err)
	}
	if p := nb.Problems(); len(p) > 0 {
		t.Errorf("%s does not run cleanly headless, so the browser test has no chart count to compare with:\n%s",
			name, strings.Join(p, "\n---\n"))
	}
	n := countCharts(t, nb)
	t.Logf("%s: headless run in %v: %d charts", name, time.Since(start).Round(100*time.Millisecond), n)
	return n, "headless run just now (reports/browser/headless)"
}

func countCharts(t *testing.T, nb *notebook.Notebook) int {
	t.Helper()
	n := 0
	for _, c := range nb.CodeCells() {
		cs, err := c.Charts()
		if err != nil {
			t.Errorf("%s: %v", nb.Path, err)
		}
		n += len(cs)
	}
	return n
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := notebook.Root()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// writeReport writes reports/browser/report.md and returns it.
func writeReport(t *testing.T, e *env, results []*result, offline string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Browser test (JupyterLab, headless Chromium, offline)\n\n")
	fmt.Fprintf(&b, "Timings from one run on this machine; on a shared 2-core machine they are noisy. "+
		"Budget per Run All: %v (reported, not asserted).\n\n", runBudget)
	fmt.Fprintf(&b, "| notebook | ok | charts | Run All | Run All → first chart | reopen: page load → first chart | screenshot |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		ok := "yes"
		if !r.ok {
			ok = "NO"
		}
		over := ""
		if r.runAll > runBudget {
			over = " (over budget)"
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s%s | %s | %s | %s |\n", r.name, ok, r.charts, dur(r.runAll), over,
			dur(r.firstChart), dur(r.reopenChart), rel(e.root, r.shot))
	}
	fmt.Fprintf(&b, "\nReopened notebooks:\n")
	for _, r := range results {
		if r.reopenShot != "" {
			fmt.Fprintf(&b, "- %s\n", rel(e.root, r.reopenShot))
		}
	}
	if e.export != "" {
		fmt.Fprintf(&b, "\nExported HTML (offline, file://): %s; page load → first chart %s\n", e.exported(), dur(e.exportT))
	}
	fmt.Fprintf(&b, "\n%s\n", offline)
	path := filepath.Join(e.out, "report.md")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Error(err)
	}
	return b.String() + "\nReport: " + path + "\n"
}

func dur(d time.Duration) string {
	if d <= 0 {
		return "–"
	}
	return d.Round(100 * time.Millisecond).String()
}

func rel(root, path string) string {
	if path == "" {
		return "–"
	}
	if r, err := filepath.Rel(root, path); err == nil {
		return r
	}
	return path
}
