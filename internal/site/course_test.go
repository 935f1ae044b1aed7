package site

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// readNotebook writes cells (cell type, source, tags, id) as a notebook and reads it back.
func readNotebook(t *testing.T, cells ...[4]string) *notebook.Notebook {
	t.Helper()
	var raw []map[string]any
	for _, c := range cells {
		cell := map[string]any{"cell_type": c[0], "source": c[1], "id": c[3], "metadata": map[string]any{}}
		if c[2] != "" {
			cell["metadata"] = map[string]any{"tags": strings.Split(c[2], ",")}
		}
		if c[0] == "code" {
			cell["outputs"], cell["execution_count"] = []any{}, nil
		}
		raw = append(raw, cell)
	}
	b, _ := json.Marshal(map[string]any{"cells": raw, "metadata": map[string]any{}, "nbformat": 4, "nbformat_minor": 5})
	path := filepath.Join(t.TempDir(), "nb.ipynb")
	writeFile(t, path, string(b))
	nb, err := notebook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func TestDescribe(t *testing.T) {
	nb := readNotebook(t,
		[4]string{"markdown", "# 3 · `sync.WaitGroup`: waiting exactly as long as needed\n\n**Goal:** by the end of this notebook you can make\n`main` wait, no *longer*.\n\nMore text.", "", "m0"},
		[4]string{"code", "setup()", "setup", "c0"},
		[4]string{"markdown", "## Exercises\n\n### Exercise 1: the bank\n\nFix it.", "", "m1"},
		[4]string{"code", "type Bank struct{}", "exercise:03_bank", "c1"},
		[4]string{"code", "check()", "check:03_bank", "c2"},
		[4]string{"code", "func f() {}", "exercise:03_none", "c3"},
	)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "03_bank.go"), "//go:build ignore\n\npackage main\n")
	p := &Page{Name: "03_waitgroup.ipynb"}
	if err := describe(p, nb, dir); err != nil {
		t.Fatal(err)
	}
	if p.Base != "03_waitgroup" || p.Number != "03" || p.HTML() != "03_waitgroup.html" {
		t.Errorf("names: %q %q %q", p.Base, p.Number, p.HTML())
	}
	if p.Title != "`sync.WaitGroup`: waiting exactly as long as needed" {
		t.Errorf("title %q", p.Title)
	}
	if p.Label != "03 · `sync.WaitGroup`" {
		t.Errorf("label %q", p.Label)
	}
	if p.Goal != "Make `main` wait, no *longer*." {
		t.Errorf("goal %q", p.Goal)
	}
	want := []Exercise{
		{Name: "03_bank", Heading: "Exercise 1: the bank", CellID: "c1", Solution: filepath.Join(dir, "03_bank.go")},
		{Name: "03_none", Heading: "Exercise 1: the bank", CellID: "c3"},
	}
	if len(p.Exercises) != len(want) {
		t.Fatalf("exercises %+v", p.Exercises)
	}
	for i, e := range p.Exercises {
		if e != want[i] {
			t.Errorf("exercise %d: %+v, want %+v", i, e, want[i])
		}
	}
	if p.Exercises[0].HTML() != "solutions/03_bank.html" {
		t.Errorf("solution page %q", p.Exercises[0].HTML())
	}

	// No heading at all is an error; no goal is not.
	if err := describe(&Page{Name: "04_x.ipynb"}, readNotebook(t, [4]string{"markdown", "Just text", "", "a"}), dir); err == nil {
		t.Error("a notebook without a title was accepted")
	}
	p = &Page{Name: "04_x.ipynb"}
	if err := describe(p, readNotebook(t, [4]string{"markdown", "# Mutex", "", "a"}), dir); err != nil || p.Title != "Mutex" || p.Goal != "" {
		t.Errorf("plain title: %q %q %v", p.Title, p.Goal, err)
	}
}

func TestEstimateString(t *testing.T) {
	for s, want := range map[float64]string{0: "", -1: "", 3.2: "4 s", 9.5: "10 s", 17: "20 s", 20: "20 s", 61: "65 s",
		89: "90 s", 95: "2 min", 200: "3 min"} {
		if got := (Estimate{Seconds: s}).String(); got != want {
			t.Errorf("%v s: %q, want %q", s, got, want)
		}
	}
}

func TestRuntimes(t *testing.T) {
	reports := t.TempDir()
	writeFile(t, filepath.Join(reports, "notebooks", "timings.json"), `[
		{"notebook": "01_a.ipynb", "status": "ok", "total_seconds": 21.5},
		{"notebook": "02_b.ipynb", "status": "ok", "total_seconds": 30},
		{"notebook": "03_c.ipynb", "status": "timeout: cell 4", "total_seconds": 300}]`)
	writeFile(t, filepath.Join(reports, "bench", "report.json"), `{"machine": {"cpus": 2}, "notebooks": [
		{"notebook": "02_b.ipynb", "status": "ok", "warm_total_seconds": 18.25, "cold_total_seconds": 40},
		{"notebook": "04_d.ipynb", "status": "warm-1: timeout", "warm_total_seconds": 99},
		{"notebook": "05_e.ipynb", "status": "ok", "warm_total_seconds": null}]}`)
	writeFile(t, filepath.Join(reports, "bench", "notes.json"), `not json`)
	r := ReadRuntimes(reports)
	for name, want := range map[string]Estimate{
		"01_a.ipynb": {21.5, "the notebook tests"},
		"02_b.ipynb": {18.25, "make bench"},
		"03_c.ipynb": {12, "this build"},
		"04_d.ipynb": {12, "this build"},
		"05_e.ipynb": {12, "this build"},
	} {
		if got := r.estimate(name, 12*time.Second); got != want {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
	if r := ReadRuntimes(filepath.Join(reports, "none")); len(r.Bench)+len(r.Timings) != 0 {
		t.Errorf("no reports: %+v", r)
	}
	pages := []*Page{{Runtime: Estimate{20, "make bench"}}, {Runtime: Estimate{20, "this build"}}, {Runtime: Estimate{30, "make bench"}}}
	note := runtimeNote(pages)
	if !strings.Contains(note, "`make bench` and the run that made these pages") {
		t.Errorf("note: %s", note)
	}
	if runtimeNote([]*Page{{}}) != "" {
		t.Error("a note without run times")
	}
}

func TestFresh(t *testing.T) {
	src := readNotebook(t, [4]string{"markdown", "# T", "", "a"}, [4]string{"code", "x := 1", "", "b"})
	ran := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)
	clean := readNotebook(t, [4]string{"markdown", "# T", "", "a"}, [4]string{"code", "x := 1", "", "b"})
	clean.Status = "ok"
	one := 1
	clean.Cells[1].ExecutionCount = &one
	if why := Fresh(src, clean, ran, ran.Add(-time.Hour)); why != "" {
		t.Errorf("a clean run is not fresh: %s", why)
	}
	if why := Fresh(src, clean, ran, ran.Add(time.Minute)); !strings.Contains(why, "helpers changed") {
		t.Errorf("older than the helpers: %q", why)
	}
	other := readNotebook(t, [4]string{"markdown", "# T", "", "a"}, [4]string{"code", "x := 2", "", "b"})
	if why := Fresh(src, other, ran, ran); !strings.Contains(why, "another cell 1") {
		t.Errorf("other source: %q", why)
	}
	fewer := readNotebook(t, [4]string{"markdown", "# T", "", "a"})
	if why := Fresh(src, fewer, ran, ran); why == "" {
		t.Error("fewer cells are fresh")
	}
	failed := readNotebook(t, [4]string{"markdown", "# T", "", "a"}, [4]string{"code", "x := 1", "", "b"})
	failed.Status = "timeout: cell 1"
	if why := Fresh(src, failed, ran, ran); !strings.Contains(why, "did not run cleanly") {
		t.Errorf("a failed run: %q", why)
	}
}

func TestAddresses(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "go.mod"), "module github.com/o/course\n\ngo 1.26\n")
	if got := repoURL(root); got != "https://github.com/o/course" {
		t.Errorf("repoURL %q", got)
	}
	if got := binderURL(root, "https://github.com/o/course"); got != "https://mybinder.org/v2/gh/o/course/HEAD?urlpath=lab/tree/notebooks" {
		t.Errorf("binderURL without README %q", got)
	}
	writeFile(t, filepath.Join(root, "README.md"), "[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/o/course/main?urlpath=lab/tree/notebooks)\n")
	b := binderURL(root, "")
	if b != "https://mybinder.org/v2/gh/o/course/main?urlpath=lab/tree/notebooks" {
		t.Errorf("binderURL from README %q", b)
	}
	if got := binderFor(b, "01_a.ipynb"); got != b+"/01_a.ipynb" {
		t.Errorf("binderFor %q", got)
	}
	if got := binderFor("https://mybinder.org/v2/gh/o/c/HEAD", "01_a.ipynb"); got != "https://mybinder.org/v2/gh/o/c/HEAD" {
		t.Errorf("binderFor without urlpath %q", got)
	}
}

func TestPages(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"02_b.ipynb", "00_a.ipynb", "1_bad.ipynb", "03_c.solutions.ipynb", "x.ipynb"} {
		writeFile(t, filepath.Join(dir, f), "{}")
	}
	o := &Options{Notebooks: dir}
	pages, err := o.pages()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range pages {
		names = append(names, p.Name)
	}
	// 03_c.solutions.ipynb matches NN_*.ipynb: the harness writes such variants only to reports/.
	if got := strings.Join(names, " "); got != "00_a.ipynb 02_b.ipynb 03_c.solutions.ipynb" {
		t.Errorf("pages %s", got)
	}
	o.Only = "02"
	if pages, _ := o.pages(); len(pages) != 1 || pages[0].Name != "02_b.ipynb" {
		t.Errorf("-notebook 02: %v", pages)
	}
	o.Only = "zz"
	if _, err := o.pages(); err == nil {
		t.Error("no notebooks is not an error")
	}
}
