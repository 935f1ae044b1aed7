package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoTree makes a small repository: README, notebooks with a solution, a helper.
func repoTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range []string{"README.md", "notebooks/01_a.ipynb", "notebooks/02_b.ipynb", "notebooks/solutions/01_x.go",
		"notebooks/solutions/02_unpublished.go", "helpers/chart/doc.go", "docs/a b.md"} {
		writeFile(t, filepath.Join(root, f), "x")
	}
	return root
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRewrite(t *testing.T) {
	l := &linker{root: repoTree(t), repo: "https://github.com/o/r", pages: map[string]string{
		"notebooks/01_a.ipynb": "01_a.html", "notebooks/02_b.ipynb": "02_b.html",
		"notebooks/solutions/01_x.go": "solutions/01_x.html",
	}}
	for _, tc := range []struct {
		href, want string
		keep       bool
	}{
		{"02_b.ipynb", "02_b.html", true},
		{"02_b.ipynb#Exercise-1:-x", "02_b.html#Exercise-1:-x", true},
		{"./02_b.ipynb", "02_b.html", true},
		{"solutions/01_x.go", "solutions/01_x.html", true},
		// A notebook or solution that is not in the site: its file in the repository.
		{"solutions/02_unpublished.go", "https://github.com/o/r/blob/HEAD/notebooks/solutions/02_unpublished.go", true},
		{"../README.md", "index.html", true},
		{"../README.md#troubleshooting", "https://github.com/o/r/blob/HEAD/README.md#troubleshooting", true},
		{"../helpers/chart/doc.go", "https://github.com/o/r/blob/HEAD/helpers/chart/doc.go", true},
		{"../helpers/chart", "https://github.com/o/r/tree/HEAD/helpers/chart", true},
		{"../docs/a%20b.md", "https://github.com/o/r/blob/HEAD/docs/a%20b.md", true},
		// Outside the repository: dropped.
		{"../../shared/NOTEBOOKS.md", "", false},
		// Left alone: the check judges them.
		{"#Setup", "#Setup", true},
		{"https://go.dev/ref/mem", "https://go.dev/ref/mem", true},
		{"mailto:a@b.c", "mailto:a@b.c", true},
		{"/abs.html", "/abs.html", true},
		{"missing.ipynb", "missing.ipynb", true},
		{"index.html#course-map", "index.html#course-map", true},
	} {
		got, keep := l.rewrite("notebooks", "01_a.html", tc.href)
		if got != tc.want || keep != tc.keep {
			t.Errorf("rewrite(%q) = %q, %v; want %q, %v", tc.href, got, keep, tc.want, tc.keep)
		}
	}
	// From a page one folder down.
	if got, _ := l.rewrite("notebooks", "solutions/01_x.html", "01_a.ipynb"); got != "../01_a.html" {
		t.Errorf("from solutions/: %q", got)
	}
}

func TestRewritePage(t *testing.T) {
	l := &linker{root: repoTree(t), repo: "https://github.com/o/r", pages: map[string]string{"notebooks/02_b.ipynb": "02_b.html"}}
	doc := `<p>See <a href="02_b.ipynb#Setup">02</a>, <a class="x" href="../../shared/NOTEBOOKS.md">the guide</a>, ` +
		`<a href="https://go.dev">Go</a> and <link href="02_b.ipynb"></p>`
	got, dropped := l.rewritePage([]byte(doc), "notebooks", "01_a.html")
	want := `<p>See <a href="02_b.html#Setup">02</a>, <a class="x" >the guide</a>, ` +
		`<a href="https://go.dev">Go</a> and <link href="02_b.ipynb"></p>`
	if string(got) != want {
		t.Errorf("rewritePage:\n got %s\nwant %s", got, want)
	}
	if len(dropped) != 1 || dropped[0] != "../../shared/NOTEBOOKS.md" {
		t.Errorf("dropped %q", dropped)
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "index.html"), `<h1 id="top">x</h1><a href="01_a.html#Setup">ok</a>
<a href="01_a.html#Nope">bad anchor</a> <a href="#top">ok</a> <a href="#gone">bad</a> <a href="">ok</a>
<a href="02_b.ipynb">not rendered</a> <a href="solutions/">dir with index</a> <a href="https://x.org/y">other site</a>
<link rel="stylesheet" href="_static/site.css"><script src="https://cdn.example/e.js"></script>
<img src="data:image/png;base64,AAAA"> <a href="/01_a.html">absolute</a> <a href="../up.html">outside</a>
<a href="01_a.html#Exercise-1-%C2%B7-x">encoded</a> <a href="01_a.html#cell-id=c1">cell</a>`)
	writeFile(t, filepath.Join(dir, "01_a.html"), `<h2 id="Setup">S</h2><h2 id="Exercise-1-·-x">E</h2>
<div id="cell-id=c1"><div class="golab-chart"><div id="c"></div></div></div>`)
	writeFile(t, filepath.Join(dir, "solutions", "index.html"), `<a href="../index.html#top">back</a>`)
	writeFile(t, filepath.Join(dir, "_static", "site.css"), ``)
	problems, err := Check(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Page+" "+p.Link+": "+p.Why)
	}
	want := []string{
		"01_a.html _static/echarts-5.6.0.min.js: the page shows charts and their loader finds no echarts there",
		"index.html #gone: index.html has no element with id \"gone\"",
		"index.html ../up.html: points outside the site",
		"index.html /01_a.html: an absolute path: use a relative link, so that the site works under any address",
		"index.html 01_a.html#Nope: 01_a.html has no element with id \"Nope\"",
		"index.html 02_b.ipynb: no such file in the site",
		"index.html https://cdn.example/e.js: loads from the network: the site must work offline",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	writeFile(t, filepath.Join(dir, EchartsFile), "echarts")
	if problems, _ := Check(dir); len(problems) != len(want)-1 {
		t.Errorf("with echarts in place: %d problems, want %d", len(problems), len(want)-1)
	}
}
