package bench

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// testdata/headlines.ipynb holds the four headline cells of an executed course (01
// speedup, 04 racy-histogram and widened, 05 throughput) with their outputs: what they
// printed and the JSON copies of their charts (options left out to keep it small).

// fixture reads testdata/headlines.ipynb as notebook nn ("01_", "04_", "05_").
func fixture(t *testing.T, nn string) *notebook.Notebook {
	t.Helper()
	nb, err := notebook.Read("testdata/headlines.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nb.Path = "notebooks/" + nn + "fixture.ipynb"
	return nb
}

// byName returns the stabilities by value name.
func byName(ss []Stability) map[string]Stability {
	m := map[string]Stability{}
	for _, s := range ss {
		m[s.Name] = s
	}
	return m
}

func TestHeadlinesFromCharts(t *testing.T) {
	got := byName(Stabilities(fixture(t, "01_")))
	if len(got) != 8 {
		t.Fatalf("01: %d values, want wait- and CPU-bound at 4 settings: %+v", len(got), got)
	}
	if s := got["wait-bound speed-up, GOMAXPROCS=1"]; s.Median != 6.706165865669759 || s.Unit != "×" || s.Flagged {
		t.Errorf("01 wait-bound at 1 = %+v", s)
	}

	got = byName(Stabilities(fixture(t, "04_")))
	for name, want := range map[string]float64{
		"racy counter, trials that lost updates, GOMAXPROCS=1":    0,
		"racy counter, trials that lost updates, GOMAXPROCS=2":    9.18, // 918 of 10,000
		"100 × 1, paused, trials that lost updates, GOMAXPROCS=2": 100,
	} {
		if s, ok := got[name]; !ok || math.Abs(s.Median-want) > 1e-9 || s.Unit != "%" || s.PointSpread != nil {
			t.Errorf("04 %s = %+v, want %v%% (one run: no spread)", name, s, want)
		}
	}
	if len(got) != 6 {
		t.Errorf("04: %d values, want 2 racy-histogram and 4 widened shares", len(got))
	}
}

// printed05 is how 05's throughput cell prints a point: the values and the verdicts.
var printed05 = regexp.MustCompile(`(?m)^(lookup only|lookup \+ 1µs work) +(\d+% reads):  Mutex (\S+) \[\S+\]  RWMutex (\S+) \[\S+\]  atomic.Pointer (\S+) \[\S+\]\n +RWMutex vs Mutex: (faster|slower|tie)\b.*; atomic.Pointer vs Mutex: (faster|slower|tie)\b`)

// The bench derives 05's verdicts from the charts' confidence intervals; on a real run
// they agree with every verdict the notebook printed, and the values with the printed
// values.
func TestVerdictsAgreeWithNotebook(t *testing.T) {
	nb := fixture(t, "05_")
	got := byName(Stabilities(nb))
	c, _ := nb.Tagged("throughput")
	lines := printed05.FindAllStringSubmatch(c.Text(), -1)
	if len(lines) != 8 || len(got) != 8*5 {
		t.Fatalf("%d printed points and %d values, want 8 and 40", len(lines), len(got))
	}
	words := map[string]float64{"faster": 1, "tie": 0, "slower": -1}
	for _, m := range lines {
		point := m[1] + ", " + m[2]
		for i, kind := range lockKinds {
			printed, _ := strconv.ParseFloat(m[3+i], 64)
			if s := got[kind+", "+point]; math.Abs(s.Median-printed) > 0.005 {
				t.Errorf("%s, %s: %v in the chart, %v printed", kind, point, s.Median, printed)
			}
		}
		for i, kind := range []string{"RWMutex", "atomic.Pointer"} {
			if s := got[kind+" vs Mutex, "+point]; !s.Verdict || s.Median != words[m[6+i]] || s.Values[0] != words[m[6+i]] {
				t.Errorf("%s vs Mutex, %s: derived %+v, printed %s", kind, point, s, m[6+i])
			}
		}
	}
}

// headlineSection is the report's headline section for the notebooks.
func headlineSection(nbs ...*notebook.Notebook) string {
	r := &Report{}
	for _, nb := range nbs {
		r.Stability = append(r.Stability, Stabilities(nb)...)
	}
	var b strings.Builder
	r.stabilityMarkdown(&b)
	return b.String()
}

// reword rewrites everything the headline cells print (streams and the text/plain of
// every display), as an author rewording the notebook's sentences would.
func reword(nb *notebook.Notebook) {
	for _, c := range nb.Cells {
		for i := range c.Outputs {
			o := &c.Outputs[i]
			o.Text = strings.NewReplacer("wait-bound", "waiting", "CPU-bound", "computing", "GOMAXPROCS=", "procs ",
				"lost updates", "lost increments", " vs ", " against ", "reads:", "of reads →", "faster", "quicker",
				"tie", "draw", "slower", "behind", ".", ",").Replace(o.Text)
			if _, ok := o.Data["text/plain"]; ok {
				o.Data["text/plain"] = json.RawMessage(`"The numbers, said differently."`)
			}
		}
	}
}

// The report's headline section comes from the charts' data: rewording what the cells
// print does not change it, not even by a character.
func TestHeadlinesIgnoreProse(t *testing.T) {
	before := headlineSection(fixture(t, "01_"), fixture(t, "04_"), fixture(t, "05_"))
	var after []*notebook.Notebook
	for _, nn := range []string{"01_", "04_", "05_"} {
		nb := fixture(t, nn)
		reword(nb)
		after = append(after, nb)
	}
	if got := headlineSection(after...); got != before {
		t.Errorf("rewording the printed sentences changed the headline section:\nbefore:\n%s\nafter:\n%s", before, got)
	}
	for _, want := range []string{
		"| 01_fixture | speedup | CPU-bound speed-up, GOMAXPROCS=2 | 1.00 × |",
		"| 04_fixture | racy-histogram | racy counter, trials that lost updates, GOMAXPROCS=2 | 9.18 % |",
		"| 04_fixture | widened | 100 × 1, paused, trials that lost updates, GOMAXPROCS=2 | 100.00 % |",
		"| 05_fixture | throughput | atomic.Pointer, lookup only, 50% reads | 1.62 M ops/s |",
		"| 05_fixture | throughput | atomic.Pointer vs Mutex, lookup only, 50% reads | slower | – | steady: slower in 1 of 1 |",
	} {
		if !strings.Contains(before, want) {
			t.Errorf("headline section lacks %q:\n%s", want, before)
		}
	}
	if strings.Contains(before, "FLAG") || strings.Contains(before, "missing") {
		t.Errorf("the fixture's headlines are not all read:\n%s", before)
	}
}

// editCharts rewrites the JSON copy of every chart of the tagged cell.
func editCharts(t *testing.T, nb *notebook.Notebook, tag string, edit func(ch map[string]any)) {
	t.Helper()
	c, err := nb.Tagged(tag)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range c.Outputs {
		raw, ok := o.Data[notebook.ChartMIME]
		if !ok {
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatal(err)
		}
		var ch map[string]any
		if err := json.Unmarshal([]byte(s), &ch); err != nil {
			t.Fatal(err)
		}
		edit(ch)
		b, _ := json.Marshal(ch)
		o.Data[notebook.ChartMIME], _ = json.Marshal(string(b))
	}
}

// renameSeries renames the series from to to in a chart's JSON copy.
func renameSeries(from, to string) func(ch map[string]any) {
	return func(ch map[string]any) {
		for _, s := range ch["series"].([]any) {
			if s := s.(map[string]any); s["name"] == from {
				s["name"] = to
			}
		}
	}
}

// A headline whose series or data is missing is flagged, with a note that names what
// is missing, instead of silently leaving the report.
func TestHeadlineMissingSeries(t *testing.T) {
	for _, tc := range []struct {
		nn, tag string
		edit    func(ch map[string]any)
		want    []string // in the note of the cell's entry
	}{
		{"01_", "speedup", renameSeries("CPU-bound", "CPU bound"),
			[]string{`has no series "CPU-bound"`, `"wait-bound", "CPU bound"`, `the bench needs a chart with the series "wait-bound" and "CPU-bound"`}},
		{"04_", "racy-histogram", func(ch map[string]any) { delete(ch, "data") },
			[]string{`no chart carries the data "trials that lost updates"`, "chart.WithData"}},
		{"04_", "widened", renameSeries("GOMAXPROCS=2", "two Ps"), nil}, // GOMAXPROCS=1 is still there: read
		{"05_", "throughput", renameSeries("RWMutex", "sync.RWMutex"), []string{`has no series "RWMutex"`}},
		{"05_", "throughput", func(ch map[string]any) {
			for _, s := range ch["series"].([]any) {
				delete(s.(map[string]any), "low")
			}
		}, []string{`series "Mutex" has no confidence intervals`}},
	} {
		nb := fixture(t, tc.nn)
		editCharts(t, nb, tc.tag, tc.edit)
		var entry *Stability
		for _, s := range Stabilities(nb) {
			if s.Tag == tc.tag && s.Name == "" {
				entry = &s
				break
			}
		}
		if tc.want == nil {
			if entry != nil {
				t.Errorf("%s %s: %+v, want the values read", tc.nn, tc.tag, *entry)
			}
			continue
		}
		if entry == nil || !entry.Flagged || !strings.HasPrefix(entry.Note, "missing: cell ") {
			t.Errorf("%s %s: entry %+v, want a flagged missing entry", tc.nn, tc.tag, entry)
			continue
		}
		for _, want := range tc.want {
			if !strings.Contains(entry.Note, want) {
				t.Errorf("%s %s: note %q lacks %q", tc.nn, tc.tag, entry.Note, want)
			}
		}
		if strings.Contains(entry.Note, "\n") {
			t.Errorf("%s %s: note %q spans lines (it goes into a table)", tc.nn, tc.tag, entry.Note)
		}
	}
	// Without the tagged cell: one missing entry per headline of the notebook.
	got := Stabilities(&notebook.Notebook{Path: "05_rwmutex.ipynb"})
	if len(got) != 2 || !got[0].Flagged || !strings.Contains(got[0].Note, `no cell tagged "throughput"`) || !got[1].Flagged {
		t.Errorf("missing throughput = %+v", got)
	}
	// Other notebooks have no headline.
	if got := Stabilities(&notebook.Notebook{Path: "02_goroutines.ipynb"}); len(got) != 0 {
		t.Errorf("02: %+v", got)
	}
}

// testChart is a chart's JSON copy as helpers/chart writes it.
type testChart struct {
	Kind       string         `json:"kind"`
	Title      string         `json:"title"`
	Categories []string       `json:"categories,omitempty"`
	Series     []testSeries   `json:"series"`
	Data       map[string]any `json:"data,omitempty"`
}

type testSeries struct {
	Name string    `json:"name"`
	Data []float64 `json:"data"`
	Low  []float64 `json:"low,omitempty"`
	High []float64 `json:"high,omitempty"`
}

// chartCell returns a code cell tagged tag; each run (the first is the cell's own,
// the rest its repeats) shows the charts in runs[i], and prints a line that is no
// headline.
func chartCell(t *testing.T, index int, tag string, runs ...[]testChart) *notebook.Cell {
	t.Helper()
	outputs := func(charts []testChart) []notebook.Output {
		out := []notebook.Output{{Type: "stream", Name: "stdout", Text: "a sentence the bench does not read\n"}}
		for _, ch := range charts {
			b, err := json.Marshal(ch)
			if err != nil {
				t.Fatal(err)
			}
			s, _ := json.Marshal(string(b))
			out = append(out, notebook.Output{Type: "display_data", Data: map[string]json.RawMessage{notebook.ChartMIME: s}})
		}
		return out
	}
	c := &notebook.Cell{Index: index, Type: "code", Tags: []string{tag}, Outputs: outputs(runs[0])}
	for _, r := range runs[1:] {
		c.Repeats = append(c.Repeats, &notebook.Cell{Index: index, Type: "code", Tags: []string{tag}, Outputs: outputs(r)})
	}
	return c
}

// speedChart is 01's speed-up chart at GOMAXPROCS=2 with the given CPU-bound speed-up.
func speedChart(cpu float64) []testChart {
	return []testChart{{Kind: "lines", Categories: []string{"2"}, Series: []testSeries{
		{Name: "wait-bound", Data: []float64{6.5}}, {Name: "CPU-bound", Data: []float64{cpu}}, {Name: "ideal", Data: []float64{2}},
	}}}
}

func TestStabilities(t *testing.T) {
	nb := &notebook.Notebook{Path: "notebooks/01_concurrency_vs_parallelism.ipynb", Cells: []*notebook.Cell{
		chartCell(t, 20, "speedup", speedChart(1.60), speedChart(1.70), speedChart(1.90), speedChart(1.80), speedChart(1.75)),
	}}
	got := Stabilities(nb)
	if len(got) != 2 {
		t.Fatalf("stabilities = %+v", got)
	}
	wait, cpu := got[0], got[1]
	if wait.Name != "wait-bound speed-up, GOMAXPROCS=2" || wait.Flagged || wait.RelativeSpread == nil || *wait.RelativeSpread != 0 {
		t.Errorf("wait-bound = %+v", wait)
	}
	// (1.90 − 1.60) / 1.75 = 17%: flagged.
	if cpu.Median != 1.75 || cpu.Min != 1.6 || cpu.Max != 1.9 || !cpu.Flagged || math.Abs(*cpu.RelativeSpread-0.3/1.75) > 1e-9 {
		t.Errorf("CPU-bound = %+v", cpu)
	}

	// 04: a lost-update share is judged in percentage points, not relative to its median.
	racy := func(lost int) []testChart {
		return []testChart{{Kind: "histogram", Series: []testSeries{{Name: "GOMAXPROCS=2"}},
			Data: map[string]any{lostData: map[string]any{"GOMAXPROCS=2": map[string]int{"Hits": lost, "Total": 500}}}}}
	}
	nb = &notebook.Notebook{Path: "04_mutex.ipynb", Cells: []*notebook.Cell{
		// 0%, 0%, 0.2%, 0%, 0%: the median is 0, so no relative spread, but 0.2 points is steady.
		chartCell(t, 7, "racy-histogram", racy(0), racy(0), racy(1), racy(0), racy(0)),
		chartCell(t, 9, "widened", nil),
	}}
	got = Stabilities(nb)
	if len(got) != 2 {
		t.Fatalf("stabilities = %+v", got)
	}
	if got[0].Name != "racy counter, trials that lost updates, GOMAXPROCS=2" || got[0].RelativeSpread != nil ||
		got[0].PointSpread == nil || math.Abs(*got[0].PointSpread-0.2) > 1e-9 || got[0].Flagged {
		t.Errorf("zero-median share = %+v", got[0])
	}
	if !got[1].Flagged || !strings.Contains(got[1].Note, "no chart has a series named GOMAXPROCS=N (series: none)") {
		t.Errorf("widened cell without a chart = %+v", got[1])
	}
	// 5%, 10%, 21%: 16 points apart, flagged; 5%, 10%, 19%: 14 points, not flagged.
	for _, tc := range []struct {
		last    int
		flagged bool
	}{{105, true}, {95, false}} {
		nb = &notebook.Notebook{Path: "04_mutex.ipynb", Cells: []*notebook.Cell{
			chartCell(t, 7, "racy-histogram", racy(25), racy(50), racy(tc.last)),
		}}
		share := Stabilities(nb)[0]
		if share.Flagged != tc.flagged || share.RelativeSpread == nil {
			t.Errorf("shares 5%%, 10%%, %d/500: flagged %v, want %v (%+v)", tc.last, share.Flagged, tc.flagged, share)
		}
	}
}

func TestStabilityPartialRuns(t *testing.T) {
	nb := &notebook.Notebook{Path: "01_x.ipynb", Cells: []*notebook.Cell{
		chartCell(t, 20, "speedup", speedChart(1.60), speedChart(1.61), nil),
	}}
	got := Stabilities(nb)
	if len(got) != 2 || !got[1].Flagged || !strings.Contains(got[1].Note, "read in 2 of 3 runs (run 3: the cell showed no chart)") {
		t.Errorf("partial = %+v", got)
	}
	one := Stabilities(&notebook.Notebook{Path: "01_x.ipynb", Cells: []*notebook.Cell{chartCell(t, 20, "speedup", speedChart(1.6))}})
	if len(one) != 2 || one[1].Flagged || one[1].Note != "one run: no spread" {
		t.Errorf("single run = %+v", one)
	}
}

// lockChart is one 05 throughput chart, lookup only at 100% reads: RWMutex's and
// atomic.Pointer's 95% CIs against Mutex's [8.50, 10.43].
func lockChart(rw, cow [2]float64) []testChart {
	s := func(name string, lo, hi float64) testSeries {
		return testSeries{Name: name, Data: []float64{(lo + hi) / 2}, Low: []float64{lo}, High: []float64{hi}}
	}
	return []testChart{{Kind: "bars", Title: "Throughput, read section: lookup only", Categories: []string{"100% reads"}, Series: []testSeries{
		s("Mutex", 8.50, 10.43), s("RWMutex", rw[0], rw[1]), s("atomic.Pointer", cow[0], cow[1]),
	}}}
}

var (
	faster = [2]float64{12.5, 13.8}
	tie    = [2]float64{10.0, 11.0}
	slower = [2]float64{4.0, 8.4}
)

func TestVerdictStability(t *testing.T) {
	nb := &notebook.Notebook{Path: "05_rwmutex.ipynb", Cells: []*notebook.Cell{chartCell(t, 20, "throughput",
		lockChart(faster, faster), lockChart(tie, faster), lockChart(slower, faster),
	)}}
	got := Stabilities(nb)
	var verdicts []Stability
	for _, s := range got {
		if s.Verdict {
			verdicts = append(verdicts, s)
		}
	}
	if len(got) != 5 || len(verdicts) != 2 {
		t.Fatalf("want 3 values and 2 verdicts, got %+v", got)
	}
	if got[0].Name != "Mutex, lookup only, 100% reads" || got[0].Unit != "M ops/s" {
		t.Errorf("first value = %+v", got[0])
	}
	rw, cow := verdicts[0], verdicts[1]
	// faster, tie, slower: the runs contradict each other.
	if rw.Name != "RWMutex vs Mutex, lookup only, 100% reads" || !rw.Flagged || rw.Note != "contradicted: faster in 1, slower in 1, tie in 1" {
		t.Errorf("RWMutex verdict = %+v", rw)
	}
	if cow.Flagged || cow.Note != "steady: faster in 3 of 3" {
		t.Errorf("atomic.Pointer verdict = %+v", cow)
	}
	// A win in some runs and a tie in others is mixed, not a contradiction.
	mixed := Stabilities(&notebook.Notebook{Path: "05_rwmutex.ipynb", Cells: []*notebook.Cell{chartCell(t, 20, "throughput",
		lockChart(tie, slower), lockChart(faster, tie),
	)}})
	if v := mixed[3]; v.Flagged || v.Note != "mixed: faster in 1, tie in 1" {
		t.Errorf("mixed verdict = %+v", v)
	}
	if v := mixed[4]; v.Flagged || v.Note != "mixed: slower in 1, tie in 1" {
		t.Errorf("mixed verdict = %+v", v)
	}
	// Intervals that only touch are a tie, as in the notebook (strictly above or below).
	touch := Stabilities(&notebook.Notebook{Path: "05_rwmutex.ipynb", Cells: []*notebook.Cell{chartCell(t, 20, "throughput",
		lockChart([2]float64{10.43, 12}, [2]float64{7, 8.50}))}})
	if touch[3].Median != 0 || touch[4].Median != 0 {
		t.Errorf("touching intervals = %+v, %+v, want ties", touch[3], touch[4])
	}
	// A run that showed no chart is flagged.
	partial := Stabilities(&notebook.Notebook{Path: "05_rwmutex.ipynb", Cells: []*notebook.Cell{chartCell(t, 20, "throughput",
		lockChart(tie, slower), nil,
	)}})
	if v := partial[3]; !v.Flagged || !strings.Contains(v.Note, "read in 1 of 2 runs") {
		t.Errorf("partial verdict = %+v", v)
	}
	// Without a colon in the title, the row is the chart's number.
	untitled := lockChart(tie, tie)
	untitled[0].Title = "Throughput"
	if got := Stabilities(&notebook.Notebook{Path: "05_x.ipynb", Cells: []*notebook.Cell{chartCell(t, 20, "throughput", untitled)}}); got[0].Name != "Mutex, chart 1, 100% reads" {
		t.Errorf("untitled row: %+v", got[0])
	}
}

func ExampleHeadline() {
	for _, h := range Headlines {
		fmt.Printf("%s %s: %s\n", h.Notebook, h.Tag, h.What)
	}
	// Output:
	// 01_ speedup: speed-up
	// 04_ racy-histogram: lost-update share
	// 04_ widened: lost-update share
	// 05_ throughput: lock throughput
	// 05_ throughput: lock verdict
}
