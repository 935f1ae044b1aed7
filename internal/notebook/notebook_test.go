package notebook

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadExecuted(t *testing.T) {
	nb, err := Read("testdata/executed.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(nb.Cells); got != 5 {
		t.Fatalf("cells = %d, want 5", got)
	}
	if nb.KernelStart != 1500*time.Millisecond || nb.Total != 12250*time.Millisecond || nb.Status != "ok" {
		t.Errorf("timings = %v %v %q", nb.KernelStart, nb.Total, nb.Status)
	}
	c, err := nb.Tagged("racy-histogram")
	if err != nil {
		t.Fatal(err)
	}
	if c.Stdout() != "lost updates in 37/200 trials\n" {
		t.Errorf("stdout = %q", c.Stdout())
	}
	if !strings.Contains(c.Text(), "Histogram: final counter") {
		t.Errorf("text = %q, want the text/plain of the chart", c.Text())
	}
	if c.Duration != 800*time.Millisecond {
		t.Errorf("duration = %v", c.Duration)
	}
	charts, err := c.Charts()
	if err != nil || len(charts) != 1 {
		t.Fatalf("charts = %v, %v", charts, err)
	}
	s, ok := charts[0].SeriesNamed("racy")
	if !ok {
		t.Fatal("no series racy")
	}
	vals, err := s.Floats()
	if err != nil || len(vals) != 3 || vals[0] != 1 || !math.IsNaN(vals[2]) {
		t.Errorf("values = %v, %v", vals, err)
	}
	if _, err := nb.Tagged("nope"); err == nil {
		t.Error("Tagged(nope) found a cell")
	}
}

func TestProblems(t *testing.T) {
	nb, err := Read("testdata/executed.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	p := strings.Join(nb.Problems(), "\n")
	for _, want := range []string{"cell 3", "error output ERROR", "exited non-zero", "cell 4 (%%): did not run"} {
		if !strings.Contains(p, want) {
			t.Errorf("problems lack %q:\n%s", want, p)
		}
	}
	if strings.Contains(p, "cell 2 ") {
		t.Errorf("clean cell 2 reported:\n%s", p)
	}
	if nb.Stripped() == nil {
		t.Error("an executed notebook passed Stripped")
	}
	clean, err := Read("testdata/exercises.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if err := clean.Stripped(); err != nil {
		t.Error(err)
	}
}

func TestWithSolutions(t *testing.T) {
	path, names, wrong, err := WithSolutions("testdata/exercises.ipynb", "testdata/solutions", "testdata/wrong", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 || names[0] != "fix_counter" || len(wrong) != 1 || wrong[0] != "fix_counter.off_by_one" {
		t.Errorf("names = %v, wrong = %v", names, wrong)
	}
	nb, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, c := range nb.Cells {
		sources = append(sources, c.Source)
	}
	want := []string{"setup", "func count() int { return 1000 }", "check", "func count() int { return 1000 }", "func count() int { return 999 }", "check"}
	if strings.Join(sources, "|") != strings.Join(want, "|") {
		t.Errorf("cells = %q, want %q", sources, want)
	}
	if c, err := nb.Tagged("check:fix_counter.off_by_one"); err != nil || c.Index != 5 {
		t.Errorf("the wrong answer's check cell: %v, %v", c, err)
	}
	if _, _, _, err := WithSolutions("testdata/exercises.ipynb", filepath.Join(t.TempDir(), "none"), "", t.TempDir()); err == nil {
		t.Error("missing solution file gave no error")
	}
}

func TestReport(t *testing.T) {
	nb, err := Read("testdata/executed.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	table, err := WriteReport(t.TempDir(), Timings([]*Notebook{nb}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table, "executed.ipynb") || !strings.Contains(table, "7.5s") {
		t.Errorf("table:\n%s", table)
	}
}

func TestReadBenchMetadata(t *testing.T) {
	nb, err := Read("testdata/bench.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if nb.Extra != 2500*time.Millisecond || nb.PeakRSS["gopls_hwm"] != 122000 || nb.PeakRSS["client"] != 69612 ||
		nb.CPU["kernel_children"] != 3.05 || nb.Completion != 1500*time.Millisecond {
		t.Errorf("extra %v, peak RSS %v, CPU %v, completion %v", nb.Extra, nb.PeakRSS, nb.CPU, nb.Completion)
	}
	c, err := nb.Tagged("speedup")
	if err != nil {
		t.Fatal(err)
	}
	if c.Duration != 1250*time.Millisecond || !c.Started.Equal(time.Unix(1795632222, 250_000_000)) {
		t.Errorf("duration %v, started %v", c.Duration, c.Started)
	}
	var texts []string
	for _, r := range c.Repeats {
		texts = append(texts, r.Stdout())
		if r.Index != c.Index || !r.HasTag("speedup") {
			t.Errorf("repeat %+v lost the cell's index or tags", r)
		}
	}
	if strings.Join(texts, "") != "speed-up 1.7\nspeed-up 1.8\n" || c.Repeats[1].Duration != 800*time.Millisecond {
		t.Errorf("repeats = %q", texts)
	}
	// A notebook executed without the bench options has none of this.
	plain, err := Read("testdata/executed.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if plain.Extra != 0 || plain.PeakRSS != nil || plain.CPU != nil || plain.Cells[2].Repeats != nil || !plain.Cells[2].Started.IsZero() {
		t.Errorf("plain notebook: %v %v %+v", plain.Extra, plain.PeakRSS, plain.Cells[2])
	}
}

func TestOptionsArgs(t *testing.T) {
	opts := Options{CellTimeout: 90 * time.Second}
	if got := strings.Join(opts.args(), " "); got != "--cell-timeout 90" {
		t.Errorf("default args = %q", got)
	}
	opts = Options{CellTimeout: time.Minute, Kernel: "golab-bench", Dir: "/c/notebooks", AfterCell: "!*cp main.go /x/{index}",
		Repeat: map[string]int{"speedup": 5, "racy-histogram": 5}, RSSInterval: 100 * time.Millisecond, Complete: true}
	want := "--cell-timeout 60 --kernel golab-bench --cwd /c/notebooks --after-cell !*cp main.go /x/{index} " +
		"--repeat racy-histogram=5 --repeat speedup=5 --rss-interval 0.1 --complete"
	if got := strings.Join(opts.args(), " "); got != want {
		t.Errorf("args = %q, want %q", got, want)
	}
}

func TestPlainText(t *testing.T) {
	c := &Cell{Outputs: []Output{{Type: "stream", Name: "stderr", Text: "WARNING: \x1b[1mDATA RACE\x1b[0m\n\x1b[7m[[ Cell [3] Line 2 ]]\x1b[0m\n"}}}
	want := "WARNING: DATA RACE\n[[ Cell [3] Line 2 ]]\n"
	if got := c.Stream("stderr"); got != want {
		t.Errorf("Stream = %q, want %q", got, want)
	}
	if got := c.Text(); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestFirstDifference(t *testing.T) {
	executed, err := Read("testdata/executed.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	again, err := Read("testdata/executed.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	again.Cells[2].Outputs = nil
	if i := executed.FirstDifference(again); i != -1 {
		t.Errorf("outputs alone made cell %d differ", i)
	}
	again.Cells[2].Source += "\n// edited"
	if i := executed.FirstDifference(again); i != 2 {
		t.Errorf("FirstDifference = %d after editing cell 2", i)
	}
	again.Cells[2] = executed.Cells[2]
	again.Cells = again.Cells[:3]
	if i := executed.FirstDifference(again); i != 3 {
		t.Errorf("FirstDifference = %d with cell 3 missing", i)
	}
}
