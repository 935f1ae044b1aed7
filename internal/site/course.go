package site

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// Page is one notebook of the course as the site shows it.
type Page struct {
	Name      string // file name: 01_concurrency_vs_parallelism.ipynb
	Base      string // 01_concurrency_vs_parallelism
	Number    string // "01", from the file name
	Title     string // Markdown: the first heading without its number, "Concurrency vs parallelism"
	Label     string // Markdown: number and the title up to its colon, "03 · `sync.WaitGroup`"
	Goal      string // Markdown: the notebook's one-sentence goal, "Tell concurrency from …"
	Exercises []Exercise
	Charts    int      // charts the executed notebook shows
	Runtime   Estimate // how long Run All takes
	Executed  string   // the executed copy the page is rendered from
	Reused    bool     // Executed was an earlier run's (see Fresh), not this build's
}

// HTML is the page's file name in the site.
func (p *Page) HTML() string { return p.Base + ".html" }

// Exercise is an exercise of a notebook: the starter cell tagged "exercise:NAME".
type Exercise struct {
	Name     string // NAME, also the solution's file name without .go
	Heading  string // Markdown: the last heading above the starter, "Exercise 1: rush hour"
	CellID   string // the starter cell's id
	Anchor   string // the id of that heading in the rendered page (see headingAbove), or ""
	Solution string // path of solutions/NAME.go, or "" when there is none
}

// HTML is the solution page's path in the site.
func (e Exercise) HTML() string { return "solutions/" + e.Name + ".html" }

// Estimate is how long one Run All of a notebook takes, and what measured it.
type Estimate struct {
	Seconds float64
	Source  string // "make bench", "the notebook tests" or "this build"
}

// String is the estimate for a learner: "20 s", "2 min"; "" when unknown.
func (e Estimate) String() string {
	switch s := e.Seconds; {
	case s <= 0 || math.IsNaN(s):
		return ""
	case s < 10:
		return fmt.Sprintf("%.0f s", math.Ceil(s))
	case s < 90:
		return fmt.Sprintf("%.0f s", 5*math.Ceil(s/5))
	default:
		return fmt.Sprintf("%.0f min", math.Round(s/60))
	}
}

var (
	heading    = regexp.MustCompile(`(?m)^#\s+(.+?)\s*#*\s*$`)
	anyHeading = regexp.MustCompile(`(?m)^#{1,6}\s+(.+?)\s*#*\s*$`)
	numbered   = regexp.MustCompile(`^\d+\s*[·.:\-–—]\s*`)
	goalLine   = regexp.MustCompile(`(?s)\*\*Goal:?\*\*:?\s*(.+?)(?:\n\s*\n|$)`)
	byTheEnd   = regexp.MustCompile(`(?i)^by the end( of (this|the) notebook)?,?\s+you\s+(can|will be able to|will)\s+`)
	spaceRuns  = regexp.MustCompile(`\s+`)
)

// describe fills in the page's title, label, goal and exercises from the notebook's
// source: the title is its first "# " heading, the goal the paragraph that starts with
// **Goal:**, the exercises the cells tagged "exercise:NAME".
func describe(p *Page, nb *notebook.Notebook, solutions string) error {
	p.Base = strings.TrimSuffix(p.Name, ".ipynb")
	p.Number, _, _ = strings.Cut(p.Base, "_")
	var title string
	for _, c := range nb.Cells {
		if c.Type != "markdown" {
			continue
		}
		if m := heading.FindStringSubmatch(c.Source); m != nil {
			title = m[1]
			if g := goalLine.FindStringSubmatch(c.Source); g != nil {
				p.Goal = oneLine(g[1])
			}
			break
		}
	}
	if title == "" {
		return fmt.Errorf("%s: no title: the first Markdown cell should start with a \"# NN · Title\" heading", p.Name)
	}
	p.Title = numbered.ReplaceAllString(title, "")
	short, _, _ := strings.Cut(p.Title, ": ")
	p.Label = p.Number + " · " + short
	if p.Goal != "" {
		p.Goal = sentenceCase(byTheEnd.ReplaceAllString(p.Goal, ""))
	}
	var above string // the last heading so far
	for _, c := range nb.Cells {
		if c.Type == "markdown" {
			if hs := anyHeading.FindAllStringSubmatch(c.Source, -1); hs != nil {
				above = hs[len(hs)-1][1]
			}
			continue
		}
		for _, tag := range c.Tags {
			name, ok := strings.CutPrefix(tag, "exercise:")
			if !ok {
				continue
			}
			ex := Exercise{Name: name, Heading: above, CellID: c.ID}
			if ex.Heading == "" {
				ex.Heading = "`" + name + "`"
			}
			if sol := filepath.Join(solutions, name+".go"); fileExists(sol) {
				ex.Solution = sol
			}
			p.Exercises = append(p.Exercises, ex)
		}
	}
	return nil
}

// oneLine joins the lines of a Markdown paragraph.
func oneLine(s string) string {
	return strings.TrimSpace(spaceRuns.ReplaceAllString(s, " "))
}

// sentenceCase capitalises the first letter, skipping leading Markdown emphasis.
func sentenceCase(s string) string {
	for i, r := range s {
		if r == '*' || r == '_' {
			continue
		}
		if r == '`' {
			return s // code stays as written
		}
		u := unicode.ToUpper(r)
		return s[:i] + string(u) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// countCharts counts the charts the executed notebook shows.
func countCharts(nb *notebook.Notebook) (int, error) {
	n := 0
	for _, c := range nb.CodeCells() {
		cs, err := c.Charts()
		if err != nil {
			return 0, fmt.Errorf("%s: %w", nb.Path, err)
		}
		n += len(cs)
	}
	return n, nil
}

// Runtimes are the measured run times the index can show, by notebook file name.
type Runtimes struct {
	Bench   map[string]float64 // from reports/bench/*.json (`make bench`)
	Timings map[string]float64 // from reports/notebooks/timings.json (the notebook tests)
}

// ReadRuntimes reads what `make bench` and the notebook tests measured, from the reports
// folder. Missing or unreadable reports count as nothing measured.
func ReadRuntimes(reports string) Runtimes {
	return Runtimes{
		Bench:   readBench(filepath.Join(reports, "bench")),
		Timings: readTimings(filepath.Join(reports, "notebooks", "timings.json")),
	}
}

// estimate picks the best figure for a notebook: the bench report's, else the notebook
// tests', else the run this page was rendered from.
func (r Runtimes) estimate(name string, executed time.Duration) Estimate {
	if s, ok := r.Bench[name]; ok && s > 0 {
		return Estimate{s, "make bench"}
	}
	if s, ok := r.Timings[name]; ok && s > 0 {
		return Estimate{s, "the notebook tests"}
	}
	return Estimate{executed.Seconds(), "this build"}
}

// readTimings reads the notebook tests' timing report: Run All of each notebook that ran
// cleanly, kernel start included.
func readTimings(path string) map[string]float64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var ts []notebook.Timing
	if json.Unmarshal(b, &ts) != nil {
		return nil
	}
	out := map[string]float64{}
	for _, t := range ts {
		if t.Status == "ok" && t.Total > 0 {
			out[t.Notebook] = t.Total
		}
	}
	return out
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
