// Package coursetest holds the notebook tests: every notebook in notebooks/ is executed
// headless with the GoNB kernel, must run without an error, and is then checked by its own
// test (NN_*_test.go) against the facts its prose claims. A timing report lands in
// reports/notebooks/. The tests live here, not beside the notebooks, so that a learner's
// file browser on notebooks/ shows only the course. They run from notebooks/ (TestMain
// changes into it), so notebook and solution paths below are relative to that folder.
package coursetest_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// Per-cell limits: a safety net against hangs, not a timing assertion (the budgets live in
// `make bench`). The first Go cell compiles the helpers cold and gets longer.
const (
	cellLimit      = 60 * time.Second
	firstCellLimit = 180 * time.Second
)

var only = flag.String("notebook", "", "run only the notebooks whose file name contains this")

var (
	mu       sync.Mutex
	runs     = map[string]*execution{}
	executed []*notebook.Notebook
)

type execution struct {
	once sync.Once
	nb   *notebook.Notebook
	err  error
}

func TestMain(m *testing.M) {
	flag.Parse()
	if err := os.Chdir(filepath.Join(repoRoot(), "notebooks")); err != nil {
		fmt.Fprintln(os.Stderr, "the notebook tests run in the course's notebooks/ folder:", err)
		os.Exit(2)
	}
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	if len(executed) > 0 {
		dir := filepath.Join(repoRoot(), "reports", "notebooks")
		table, err := notebook.WriteReport(dir, notebook.Timings(executed))
		if err != nil {
			fmt.Fprintln(os.Stderr, "timing report:", err)
		} else {
			fmt.Printf("\n%s\nTiming report: %s\n", table, filepath.Join(dir, "timings.json"))
		}
	}
	os.Exit(code)
}

func repoRoot() string {
	root, err := notebook.Root()
	if err != nil {
		panic(err)
	}
	return root
}

// notebooks lists the course notebooks in order.
func notebooks(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("[0-9][0-9]_*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		t.Fatal("no notebooks found")
	}
	return paths
}

// run executes the notebook once per test binary (with the given extra kernel
// environment) and returns it; it fails the test when the notebook does not run cleanly.
func run(t *testing.T, name string, env ...string) *notebook.Notebook {
	t.Helper()
	if *only != "" && !strings.Contains(filepath.Base(name), *only) {
		t.Skipf("skipped by -notebook=%s", *only)
	}
	key := name + "|" + strings.Join(env, " ")
	mu.Lock()
	e, ok := runs[key]
	if !ok {
		e = &execution{}
		runs[key] = e
	}
	mu.Unlock()
	e.once.Do(func() {
		outName := filepath.Base(name)
		if len(env) > 0 {
			outName = strings.TrimSuffix(outName, ".ipynb") + "." + sanitize(strings.Join(env, "_")) + ".ipynb"
		}
		start := time.Now()
		e.nb, e.err = notebook.Execute(context.Background(), name, notebook.Options{Env: env, Name: outName})
		if e.err == nil {
			t.Logf("executed %s in %v (kernel start %v)", outName, time.Since(start).Round(time.Millisecond), e.nb.KernelStart.Round(time.Millisecond))
			mu.Lock()
			executed = append(executed, e.nb)
			mu.Unlock()
		}
	})
	if e.err != nil {
		t.Fatal(e.err)
	}
	if problems := e.nb.Problems(); len(problems) > 0 {
		t.Fatalf("%s did not run cleanly:\n%s", name, strings.Join(problems, "\n---\n"))
	}
	return e.nb
}

func sanitize(s string) string {
	return regexp.MustCompile(`[^A-Za-z0-9=_-]+`).ReplaceAllString(s, "_")
}

// cell returns the cell with the tag, failing the test when there is none.
func cell(t *testing.T, nb *notebook.Notebook, tag string) *notebook.Cell {
	t.Helper()
	c, err := nb.Tagged(tag)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// charts returns the charts of the tagged cell and checks that there are want of them.
func charts(t *testing.T, nb *notebook.Notebook, tag string, want int) []notebook.Chart {
	t.Helper()
	cs, err := cell(t, nb, tag).Charts()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != want {
		t.Fatalf("cell %q shows %d charts, want %d", tag, len(cs), want)
	}
	return cs
}

// series returns the named series of a chart as numbers.
func series(t *testing.T, ch notebook.Chart, name string) []float64 {
	t.Helper()
	s, ok := ch.SeriesNamed(name)
	if !ok {
		t.Fatalf("chart %q has no series %q (it has %q)", ch.Title, name, ch.SeriesNames())
	}
	v, err := s.Floats()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// number extracts the first match of re's single group in text as a float.
func number(t *testing.T, text, re string) float64 {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no match for %s in:\n%s", re, text)
	}
	var f float64
	if _, err := fmt.Sscan(strings.ReplaceAll(m[1], ",", ""), &f); err != nil {
		t.Fatalf("%q is not a number: %v", m[1], err)
	}
	return f
}

// TestNotebooksAreStripped: committed notebooks have no outputs and no execution counts,
// use the GoNB kernel, and start with the shared setup cells.
func TestNotebooksAreStripped(t *testing.T) {
	for _, path := range notebooks(t) {
		nb, err := notebook.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := nb.Stripped(); err != nil {
			t.Error(err)
		}
		code := nb.CodeCells()
		if len(code) < 2 || !code[0].HasTag("setup") || !code[1].HasTag("setup") {
			t.Errorf("%s: the first two code cells must be the setup cells (tagged \"setup\")", path)
			continue
		}
		if code[0].Source != setupCell {
			t.Errorf("%s: the first code cell differs from the shared setup cell:\n%s", path, code[0].Source)
		}
		if !strings.Contains(code[1].Source, "helpers.PrintMachine()") {
			t.Errorf("%s: the second setup cell must call helpers.PrintMachine()", path)
		}
	}
}

// setupCell is the first code cell of every notebook: it points GoNB at the course module.
const setupCell = `!*go mod edit -require=github.com/go-concurrency-lab/course@v0.0.0 -replace=github.com/go-concurrency-lab/course="$(dirname "$(cd "$GONB_DIR" && go env GOMOD)")"`

// TestNotebooksRun executes every notebook and checks that no cell errors and no cell
// runs past the safety limits.
func TestNotebooksRun(t *testing.T) {
	for _, path := range notebooks(t) {
		t.Run(strings.TrimSuffix(path, ".ipynb"), func(t *testing.T) {
			nb := run(t, path)
			first := true
			for _, c := range nb.CodeCells() {
				limit := cellLimit
				if first && !strings.HasPrefix(strings.TrimSpace(c.Source), "!") {
					limit, first = firstCellLimit, false
				}
				if c.Duration > limit {
					t.Errorf("cell %d took %v, over the %v safety limit", c.Index, c.Duration, limit)
				}
			}
		})
	}
}

// TestExercises proves, for every notebook with exercises, that each starter fails its
// check, each solution in solutions/ passes it, and each wrong answer in wronganswers/
// (NAME.LABEL.go: a mistake a learner could make, which the check must catch) fails it.
func TestExercises(t *testing.T) {
	for _, path := range notebooks(t) {
		nb, err := notebook.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range nb.Cells {
			for _, tag := range c.Tags {
				if name, ok := strings.CutPrefix(tag, "exercise:"); ok {
					names = append(names, name)
				}
			}
		}
		if len(names) == 0 {
			continue
		}
		t.Run(strings.TrimSuffix(path, ".ipynb"), func(t *testing.T) {
			executed := run(t, path)
			for _, name := range names {
				if v := verdict(t, executed, name); !strings.HasPrefix(v, "FAIL:") {
					t.Errorf("starter of %s: check says %q, want FAIL", name, v)
				} else {
					t.Logf("starter of %s: %s", name, v)
				}
			}
			variant, _, wrong, err := notebook.WithSolutions(path, "solutions", wrongAnswers, filepath.Join(repoRoot(), "reports", "variants"))
			if err != nil {
				t.Fatal(err)
			}
			solved := run(t, variant)
			for _, name := range names {
				if v := verdict(t, solved, name); !strings.HasPrefix(v, "PASS:") {
					t.Errorf("solution of %s: check says %q, want PASS", name, v)
				} else {
					t.Logf("solution of %s: %s", name, v)
				}
			}
			for _, label := range wrong {
				v := verdict(t, solved, label)
				if !strings.HasPrefix(v, "FAIL:") {
					t.Errorf("wrong answer %s: check says %q, want FAIL", label, v)
					continue
				}
				t.Logf("wrong answer %s: %s", label, v)
				// A data race is also placed in the learner's cells: GoNB marks the
				// main.go lines the check prints on standard error.
				if text := cell(t, solved, "check:"+label).Text(); strings.Contains(v, "the race detector found") &&
					!regexp.MustCompile(`data race 1, the [a-z ]+ +\[\[ Cell \[\d+\] Line \d+ \]\]`).MatchString(text) {
					t.Errorf("wrong answer %s: the data race is not placed in a cell:\n%s", label, text)
				}
			}
		})
	}
}

// wrongAnswers holds the wrong answers that TestExercises expects to fail, relative to
// notebooks/.
var wrongAnswers = filepath.Join("..", "internal", "coursetest", "wronganswers")

// verdict returns the PASS/FAIL line printed by the check cell of exercise name.
func verdict(t *testing.T, nb *notebook.Notebook, name string) string {
	t.Helper()
	text := cell(t, nb, "check:"+name).Text()
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "PASS:") || strings.HasPrefix(line, "FAIL:") {
			return line
		}
	}
	t.Fatalf("check:%s printed no PASS/FAIL line:\n%s", name, text)
	return ""
}

// lessons checks, on the committed notebook at path, the shape ../shared/NOTEBOOKS.md asks
// of its prose and code: experiments "**Predict:**" lines with two or more choices ((a),
// (b)…), as many "**What it means.**" cells, each of about 150 visible words at most and
// naming the choice the data supports; and the concurrency the lesson is about written out
// in the cells: each cell tagged as a key of shows contains each of its strings.
func lessons(t *testing.T, path string, experiments int, shows map[string][]string) {
	t.Helper()
	nb, err := notebook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	details := regexp.MustCompile(`(?s)<details>.*?</details>`)
	predict := regexp.MustCompile(`\*\*Predict[^*]*\*\*.*\((a|1)\).*\((b|2)\)`)
	choice := regexp.MustCompile(`\((a|b|c|d|1|2|3|4)\)`)
	predictions, meanings := 0, 0
	for _, c := range nb.Cells {
		if c.Type != "markdown" {
			continue
		}
		visible := strings.Join(strings.Fields(details.ReplaceAllString(c.Source, "")), " ") // what a learner sees, on one line
		if predict.MatchString(visible) {
			predictions++
		}
		if strings.HasPrefix(visible, "**What it means.**") {
			meanings++
			if words := len(strings.Fields(visible)); words > 155 {
				t.Errorf("meaning cell %d has %d visible words, want about 150 at most", c.Index, words)
			}
			if !choice.MatchString(visible) {
				t.Errorf("meaning cell %d does not say which guess the data supports:\n%s", c.Index, visible)
			}
		}
	}
	if predictions != experiments || meanings != experiments {
		t.Errorf("found %d Predict lines and %d meaning cells, want %d and %d", predictions, meanings, experiments, experiments)
	}
	for tag, wants := range shows {
		src := cell(t, nb, tag).Source
		for _, want := range wants {
			if !strings.Contains(src, want) {
				t.Errorf("cell %q no longer shows %q", tag, want)
			}
		}
	}
}
