//go:build browser

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/go-concurrency-lab/course/internal/site"
)

// TestSite builds the course website with internal/site (`make site`) into
// reports/browser/site, from the executed notebooks of `make test-notebooks` when they
// are fresh, serves it on 127.0.0.1 the way `python -m http.server -d site` does, and
// opens every page in headless Chromium with every request that would leave loopback
// blocked. Each notebook page must draw as many charts as its executed notebook holds,
// with echarts loaded from the site's own _static/, and link to its neighbours; the
// index and the solution pages must load without errors. The build itself fails on a
// broken link or anchor (site.Check). Screenshots: reports/browser/screenshots/site.*.png.
func TestSite(t *testing.T) {
	root := repoRoot(t)
	out := filepath.Join(root, "reports", "browser")
	opts := site.Options{Root: root, Out: filepath.Join(out, "site"), Only: *flagOnly, Log: t.Logf}
	if *flagNotebooks != "" {
		// A folder of the test's own: its executed copies are the browser test's headless runs.
		opts.Notebooks, _ = filepath.Abs(*flagNotebooks)
		opts.Executed = filepath.Join(out, "headless")
	}
	res, err := site.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("site built in %v: %s", res.Took.Round(100*time.Millisecond), res.Out)
	// Screenshots of an earlier run would pass for this one's.
	if old, err := filepath.Glob(filepath.Join(out, "screenshots", "site.*.png")); err == nil {
		for _, f := range old {
			os.Remove(f)
		}
	}
	if err := os.MkdirAll(filepath.Join(out, "screenshots"), 0o755); err != nil {
		t.Fatal(err)
	}

	srv := httptest.NewServer(http.FileServer(http.Dir(res.Out))) // 127.0.0.1, a free port
	defer srv.Close()
	exe := *flagChromium
	if exe == "" {
		exe = os.Getenv("GOLAB_CHROMIUM")
	}
	if exe == "" {
		exe = "/usr/bin/chromium"
	}
	b := startBrowser(t, exe, filepath.Join(t.TempDir(), "chromium-profile"), filepath.Join(out, "chromium.site.log"))

	type visit struct {
		path       string
		charts     int
		prev, next string // expected rel=prev/next links of a notebook page ("-": none)
		shot       bool
	}
	visits := []visit{{path: "index.html", shot: true}}
	for i, p := range res.Pages {
		v := visit{path: p.HTML(), charts: p.Charts, prev: "-", next: "-", shot: true}
		if i > 0 {
			v.prev = res.Pages[i-1].HTML()
		}
		if i+1 < len(res.Pages) {
			v.next = res.Pages[i+1].HTML()
		}
		visits = append(visits, v)
		for _, e := range p.Exercises {
			if e.Solution != "" {
				visits = append(visits, visit{path: e.HTML()})
			}
		}
	}

	var rows []string
	for _, v := range visits {
		t.Run(strings.TrimSuffix(v.path, ".html"), func(t *testing.T) {
			tb := b.newTab(t, "site "+v.path, false)
			defer tb.close()
			shot := filepath.Join(out, "screenshots", "site."+strings.ReplaceAll(strings.TrimSuffix(v.path, ".html"), "/", ".")+".png")
			defer diagnose(t, tb, strings.TrimSuffix(shot, ".png")+".failed.png", pageHeight)
			if err := chromedp.Do(tb.ctx, chromedp.Navigate(srv.URL+"/"+v.path)); err != nil {
				t.Fatalf("loading %s: %v", v.path, err)
			}
			charts := waitCharts(t, tb, "golab.pageCharts()", v.charts)
			checkCharts(t, charts, v.charts, v.path)
			first := firstChart(tb)
			if v.charts > 0 {
				// echarts must come from the site itself, once.
				got, err := eval[[]string](tb.ctx, `performance.getEntriesByType("resource").map(e => e.name).filter(n => /echarts/.test(n))`)
				if err != nil {
					t.Fatal(err)
				}
				if want := srv.URL + "/" + site.EchartsFile; !slices.Equal(got, []string{want}) {
					t.Errorf("echarts loaded from %q, want once from %s", got, want)
				}
			}
			if v.prev != "" {
				got, err := eval[[]string](tb.ctx, `["prev", "next"].map(r => { const a = document.querySelector("a[rel=" + r + "]"); return a ? a.getAttribute("href") : "-"; })`)
				if err != nil {
					t.Fatal(err)
				}
				if want := []string{v.prev, v.next}; !slices.Equal(got, want) {
					t.Errorf("previous/next links %q, want %q", got, want)
				}
			}
			run, err := eval[bool](tb.ctx, `!!document.getElementById("run-it-yourself") || !!document.querySelector("a[href$='index.html#run-it-yourself']")`)
			if err != nil || !run {
				t.Errorf("no \"Run it yourself\" box or link on the page (%v)", err)
			}
			if log := tb.consoleLog(); log != "" {
				t.Errorf("the page logged errors or warnings:\n%s", log)
			}
			if v.shot {
				if err := screenshot(t, tb.ctx, pageHeight, shot); err != nil {
					t.Error(err)
				}
			} else {
				shot = ""
			}
			rows = append(rows, fmt.Sprintf("| %s | %d | %s | %s |", v.path, v.charts, dur(first), rel(root, shot)))
		})
	}

	checked, blocked := b.guard.report()
	for _, r := range blocked {
		t.Errorf("offline: a request of the site tried to leave loopback and was blocked: %s", r)
	}
	var rep strings.Builder
	fmt.Fprintf(&rep, "%s (`make site`, served on 127.0.0.1, offline)\n\n", siteSection)
	fmt.Fprintf(&rep, "Built in %v into %s: %d notebook pages, %d solution pages, the index; every link and anchor checked.\n\n",
		res.Took.Round(100*time.Millisecond), rel(root, res.Out), len(res.Pages), res.Solutions)
	fmt.Fprintf(&rep, "| page | charts | page load → first chart | screenshot |\n|---|---|---|---|\n%s\n", strings.Join(rows, "\n"))
	fmt.Fprintf(&rep, "\noffline: %d requests intercepted, %d blocked\n", checked, len(blocked))
	t.Log(rep.String())
	// After the browser test's report, which `make test-browser` prints, in place of an
	// earlier run's section.
	path := filepath.Join(out, "report.md")
	report, _ := os.ReadFile(path)
	if i := strings.Index(string(report), siteSection); i >= 0 {
		report = report[:i]
	}
	if err := os.WriteFile(path, append(report, rep.String()...), 0o644); err != nil {
		t.Error(err)
	}
}

const siteSection = "\n## The website"
