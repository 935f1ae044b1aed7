package bench

import (
	"math"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// Output lines as the notebooks print them.
const (
	speedup01 = `GOMAXPROCS=1: wait-bound 6.55× (95% CI 6.50–7.22) · CPU-bound 1.00× (95% CI 0.56–1.27) · during the CPU-bound trials other programs kept 1.29 of 2 CPUs busy
GOMAXPROCS=2: wait-bound 6.56× (95% CI 6.40–6.61) · CPU-bound 1.58× (95% CI 0.88–1.95) · during the CPU-bound trials other programs kept 1.02 of 2 CPUs busy
`
	racy04 = "GOMAXPROCS=1: 0/500 (0%) of trials lost updates (95% CI 0.0–0.8%); lowest final value 100, want 100\n\n" +
		"GOMAXPROCS=2: 12/500 (2.4%) of trials lost updates (95% CI 1.4–4.1%); lowest final value 98, want 100\nRan on 2 CPUs.\n"
	widened04 = "GOMAXPROCS=2  100 × 1 (the outline's)  lost updates in 0/300 (0%) of trials; lowest final 100, want 100\n\n" +
		"GOMAXPROCS=2  100 × 1, paused          \x1b[1mlost updates in 300/300 (100%) of trials; lowest final 1, want 100\n"
	throughput05 = `lookup only        50% reads:  Mutex 17.40 [17.20–17.93]  RWMutex 17.34 [15.46–17.85]  atomic.Pointer 1.28 [1.09–1.72]
    RWMutex vs Mutex: tie (CIs overlap); atomic.Pointer vs Mutex: slower (×0.07)
lookup + 1µs work 100% reads:  Mutex 0.69 [0.68–0.78]  RWMutex 0.91 [0.91–1.10]  atomic.Pointer 0.92 [0.92–0.95]
`
)

// headline finds the headline read from the cell with tag; verdict picks the
// verdicts rather than the values when a cell has both.
func headline(t *testing.T, tag string, verdict bool) Headline {
	t.Helper()
	for _, h := range Headlines {
		if h.Tag == tag && h.Verdict == verdict {
			return h
		}
	}
	t.Fatalf("no headline for tag %q", tag)
	return Headline{}
}

func TestHeadlineExtract(t *testing.T) {
	for _, tc := range []struct {
		tag, text string
		verdict   bool
		want      []Sample
	}{
		{"speedup", speedup01, false, []Sample{
			{"wait-bound speed-up, GOMAXPROCS=1", 6.55, "×"}, {"CPU-bound speed-up, GOMAXPROCS=1", 1.00, "×"},
			{"wait-bound speed-up, GOMAXPROCS=2", 6.56, "×"}, {"CPU-bound speed-up, GOMAXPROCS=2", 1.58, "×"},
		}},
		{"racy-histogram", racy04, false, []Sample{
			{"racy counter, trials that lost updates, GOMAXPROCS=1", 0, "%"},
			{"racy counter, trials that lost updates, GOMAXPROCS=2", 2.4, "%"},
		}},
		{"widened", widened04, false, []Sample{
			{"100 × 1 (the outline's), trials that lost updates, GOMAXPROCS=2", 0, "%"},
			{"100 × 1, paused, trials that lost updates, GOMAXPROCS=2", 100, "%"},
		}},
		// Only the first value line of throughput05 has its verdict line under it.
		{"throughput", throughput05, true, []Sample{
			{"RWMutex vs Mutex, lookup only, 50% reads", 0, "verdict"}, {"atomic.Pointer vs Mutex, lookup only, 50% reads", -1, "verdict"},
		}},
		{"throughput", throughput05, false, []Sample{
			{"Mutex, lookup only, 50% reads", 17.40, "M ops/s"}, {"RWMutex, lookup only, 50% reads", 17.34, "M ops/s"},
			{"atomic.Pointer, lookup only, 50% reads", 1.28, "M ops/s"},
			{"Mutex, lookup + 1µs work, 100% reads", 0.69, "M ops/s"}, {"RWMutex, lookup + 1µs work, 100% reads", 0.91, "M ops/s"},
			{"atomic.Pointer, lookup + 1µs work, 100% reads", 0.92, "M ops/s"},
		}},
	} {
		got := headline(t, tc.tag, tc.verdict).Extract(tc.text)
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %d samples %+v, want %d", tc.tag, len(got), got, len(tc.want))
			continue
		}
		for i := range got {
			if got[i].Name != tc.want[i].Name || got[i].Unit != tc.want[i].Unit || math.Abs(got[i].Value-tc.want[i].Value) > 1e-9 {
				t.Errorf("%s: sample %d = %+v, want %+v", tc.tag, i, got[i], tc.want[i])
			}
		}
	}
}

// cellWith returns a code cell tagged tag whose runs printed texts (the first is the cell's
// own run, the rest its repeats).
func cellWith(index int, tag string, texts ...string) *notebook.Cell {
	out := func(s string) []notebook.Output { return []notebook.Output{{Type: "stream", Name: "stdout", Text: s}} }
	c := &notebook.Cell{Index: index, Type: "code", Tags: []string{tag}, Outputs: out(texts[0])}
	for _, s := range texts[1:] {
		c.Repeats = append(c.Repeats, &notebook.Cell{Index: index, Type: "code", Tags: []string{tag}, Outputs: out(s)})
	}
	return c
}

func speedLine(cpu string) string {
	return "GOMAXPROCS=2: wait-bound 6.50× (95% CI 6.40–6.61) · CPU-bound " + cpu + "× (95% CI 0.88–1.95) · x\n"
}

func TestStabilities(t *testing.T) {
	nb := &notebook.Notebook{Path: "notebooks/01_concurrency_vs_parallelism.ipynb", Cells: []*notebook.Cell{
		cellWith(20, "speedup", speedLine("1.60"), speedLine("1.70"), speedLine("1.90"), speedLine("1.80"), speedLine("1.75")),
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
	racy := func(lost string) string { return "GOMAXPROCS=2: " + lost + "/500 (x%) of trials lost updates\n" }
	nb = &notebook.Notebook{Path: "04_mutex.ipynb", Cells: []*notebook.Cell{
		// 0%, 0%, 0.2%, 0%, 0%: the median is 0, so no relative spread, but 0.2 points is steady.
		cellWith(7, "racy-histogram", racy("0"), racy("0"), racy("1"), racy("0"), racy("0")),
		cellWith(9, "widened", "no matching line"),
	}}
	got = Stabilities(nb)
	if len(got) != 2 {
		t.Fatalf("stabilities = %+v", got)
	}
	if got[0].RelativeSpread != nil || got[0].PointSpread == nil || math.Abs(*got[0].PointSpread-0.2) > 1e-9 || got[0].Flagged {
		t.Errorf("zero-median share = %+v", got[0])
	}
	// 5%, 10%, 21%: 16 points apart, flagged; 5%, 10%, 19%: 14 points, not flagged.
	for _, tc := range []struct {
		last    string
		flagged bool
	}{{"105", true}, {"95", false}} {
		nb = &notebook.Notebook{Path: "04_mutex.ipynb", Cells: []*notebook.Cell{
			cellWith(7, "racy-histogram", racy("25"), racy("50"), racy(tc.last)),
		}}
		share := Stabilities(nb)[0]
		if share.Flagged != tc.flagged || share.RelativeSpread == nil {
			t.Errorf("shares 5%%, 10%%, %s/500: flagged %v, want %v (%+v)", tc.last, share.Flagged, tc.flagged, share)
		}
	}
	if !got[1].Flagged || !strings.Contains(got[1].Note, "printed no line matching") {
		t.Errorf("unmatched widened cell = %+v", got[1])
	}

	// 05 without the tagged cell: a missing entry for the values and one for the verdicts.
	got = Stabilities(&notebook.Notebook{Path: "05_rwmutex.ipynb"})
	if len(got) != 2 || !got[0].Flagged || !strings.Contains(got[0].Note, `no cell tagged "throughput"`) || !got[1].Flagged {
		t.Errorf("missing throughput = %+v", got)
	}
	// Other notebooks have no headline.
	if got := Stabilities(&notebook.Notebook{Path: "02_goroutines.ipynb"}); len(got) != 0 {
		t.Errorf("02: %+v", got)
	}
}

func TestStabilityPartialRuns(t *testing.T) {
	nb := &notebook.Notebook{Path: "01_x.ipynb", Cells: []*notebook.Cell{
		cellWith(20, "speedup", speedLine("1.60"), speedLine("1.61"), "the third run printed nothing"),
	}}
	got := Stabilities(nb)
	if len(got) != 2 || !got[1].Flagged || !strings.Contains(got[1].Note, "read in 2 of 3 runs") {
		t.Errorf("partial = %+v", got)
	}
	one := Stabilities(&notebook.Notebook{Path: "01_x.ipynb", Cells: []*notebook.Cell{cellWith(20, "speedup", speedLine("1.6"))}})
	if len(one) != 2 || one[1].Flagged || one[1].Note != "one run: no spread" {
		t.Errorf("single run = %+v", one)
	}
}

// throughputLines prints one 05 value line with its verdicts.
func throughputLines(rw, cow string) string {
	return "lookup only       100% reads:  Mutex 9.86 [8.50–10.43]  RWMutex 13.48 [12.50–13.83]  atomic.Pointer 21.29 [19.98–23.48]\n" +
		"    RWMutex vs Mutex: " + rw + "; atomic.Pointer vs Mutex: " + cow + "\n"
}

func TestVerdictStability(t *testing.T) {
	nb := &notebook.Notebook{Path: "05_rwmutex.ipynb", Cells: []*notebook.Cell{cellWith(20, "throughput",
		throughputLines("faster (×1.37)", "faster (×2.16)"),
		throughputLines("tie (CIs overlap)", "faster (×2.01)"),
		throughputLines("slower (×0.81)", "faster (×2.30)"),
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
	rw, cow := verdicts[0], verdicts[1]
	// faster, tie, slower: the runs contradict each other.
	if rw.Name != "RWMutex vs Mutex, lookup only, 100% reads" || !rw.Flagged || rw.Note != "contradicted: faster in 1, slower in 1, tie in 1" {
		t.Errorf("RWMutex verdict = %+v", rw)
	}
	if cow.Flagged || cow.Note != "steady: faster in 3 of 3" {
		t.Errorf("atomic.Pointer verdict = %+v", cow)
	}
	// A win in some runs and a tie in others is mixed, not a contradiction.
	mixed := Stabilities(&notebook.Notebook{Path: "05_rwmutex.ipynb", Cells: []*notebook.Cell{cellWith(20, "throughput",
		throughputLines("tie (CIs overlap)", "slower (×0.5)"), throughputLines("faster (×1.4)", "tie (CIs overlap)"),
	)}})
	if v := mixed[3]; v.Flagged || v.Note != "mixed: faster in 1, tie in 1" {
		t.Errorf("mixed verdict = %+v", v)
	}
	if v := mixed[4]; v.Flagged || v.Note != "mixed: slower in 1, tie in 1" {
		t.Errorf("mixed verdict = %+v", v)
	}
	// A run that printed no verdict is flagged.
	partial := Stabilities(&notebook.Notebook{Path: "05_rwmutex.ipynb", Cells: []*notebook.Cell{cellWith(20, "throughput",
		throughputLines("tie (CIs overlap)", "slower (×0.5)"), "the second run printed nothing",
	)}})
	if v := partial[3]; !v.Flagged || !strings.Contains(v.Note, "read in 1 of 2 runs") {
		t.Errorf("partial verdict = %+v", v)
	}
}
