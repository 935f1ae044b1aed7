package coursetest_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

// TestNotebook04 checks the facts 04_mutex.ipynb claims, on the numbers its cells print
// and the data of its charts.
func TestNotebook04(t *testing.T) {
	nb := run(t, "04_mutex.ipynb")
	text := func(tag string) string { return cell(t, nb, tag).Text() } // without GoNB's colour codes

	t.Run("racy counter is right on one P", func(t *testing.T) {
		ch := charts(t, nb, "racy-histogram", 1)[0]
		series(t, ch, "GOMAXPROCS=1")
		if len(ch.Series) != 2 {
			t.Fatalf("histogram has %d series, want GOMAXPROCS=1 and a parallel setting", len(ch.Series))
		}
		// The prose says the 100-goroutine counter was right in every trial on one P: read
		// from the data the chart carries (chart.WithData), not from the printed line.
		one := lostShares04(t, ch)["GOMAXPROCS=1"]
		if one.Total < 100 || one.Hits > 0 {
			t.Errorf("GOMAXPROCS=1: %d of %d trials lost updates, want none", one.Hits, one.Total)
		}
	})

	t.Run("widened window loses updates at GOMAXPROCS>=2", func(t *testing.T) {
		ch := charts(t, nb, "widened", 1)[0]
		if len(ch.Series) != 2 {
			t.Fatalf("bars have %d series, want 2", len(ch.Series))
		}
		one := series(t, ch, "GOMAXPROCS=1")
		procs := parallelSetting04(t, ch)
		parallel := series(t, ch, fmt.Sprintf("GOMAXPROCS=%d", procs))
		if len(one) != 2 || len(parallel) != 2 {
			t.Fatalf("want 2 racy programs per setting (long loops, paused), got %d and %d", len(one), len(parallel))
		}
		if paused := parallel[1]; paused < 90 {
			t.Errorf("GOMAXPROCS=%d: the pause between read and write lost updates in %.1f%% of trials, want >= 90%%", procs, paused)
		}
		// The prose: on one P the long loops lose (practically) nothing, and the pause
		// loses updates even there.
		if one[0] > 1 {
			t.Errorf("GOMAXPROCS=1, 2 × 3,000,000: %.1f%% of trials lost updates, want about 0", one[0])
		}
		if one[1] < 90 {
			t.Errorf("GOMAXPROCS=1, pause: %.1f%% of trials lost updates, want >= 90%%", one[1])
		}
	})

	t.Run("race detector flags the race on one P", func(t *testing.T) {
		out := text("race-detector")
		if !strings.Contains(out, "DATA RACE") {
			t.Errorf("the -race cell shows no DATA RACE report:\n%s", out)
		}
		if !strings.Contains(out, "GOMAXPROCS=1: final counter value 100 (want 100)") {
			t.Errorf("the -race cell should run on one P and get 100:\n%s", out)
		}
		if !strings.Contains(text("race-off"), "%goflags=[]") {
			t.Errorf("the race detector is not switched off again:\n%s", text("race-off"))
		}
	})

	t.Run("mutex and atomic are always exact", func(t *testing.T) {
		ch := charts(t, nb, "fixed-histogram", 1)[0]
		for _, name := range []string{"no lock, paused", "sync.Mutex, paused", "atomic.Int64"} {
			series(t, ch, name)
		}
		out := text("fixed-histogram")
		for _, name := range []string{`sync\.Mutex, paused`, `atomic\.Int64`} {
			exact, total := share04(t, out, name+`: +(\d+)/(\d+)`)
			if total < 100 || exact != total {
				t.Errorf("%s gave the exact value in %d of %d trials, want all", name, exact, total)
			}
		}
	})

	t.Run("a plain done flag races, an atomic.Bool does not", func(t *testing.T) {
		racy, fixed := text("visibility-racy"), text("visibility-fixed")
		if !strings.Contains(racy, "DATA RACE") {
			t.Errorf("the plain bool flag shows no DATA RACE report:\n%s", racy)
		}
		if !strings.Contains(racy, "plain bool: main saw done=true") {
			t.Errorf("the racy poll loop should still see the flag (the prose says main saw true):\n%s", racy)
		}
		if strings.Contains(fixed, "DATA RACE") {
			t.Errorf("the atomic.Bool version has a DATA RACE report:\n%s", fixed)
		}
		if !strings.Contains(fixed, "atomic.Bool: main saw done=true") {
			t.Errorf("the atomic.Bool version did not see the flag:\n%s", fixed)
		}
		if !strings.Contains(text("visibility-off"), "%goflags=[]") {
			t.Errorf("the race detector is not switched off after the flag experiment:\n%s", text("visibility-off"))
		}
	})

	t.Run("timeline draws a lost update", func(t *testing.T) {
		ch := charts(t, nb, "timeline", 1)[0]
		out := text("timeline")
		if !strings.Contains(out, "update(s)") {
			t.Fatalf("no trial lost an update:\n%s", out)
		}
		// A lost update means two goroutines wrote the same value: find it in the chart's data.
		writes := map[string][]string{}
		for _, s := range ch.Series {
			var spans []struct{ Label, Kind string }
			if err := json.Unmarshal(s.Data, &spans); err != nil {
				t.Fatal(err)
			}
			for _, sp := range spans {
				if sp.Kind == "3. write" {
					writes[sp.Label] = append(writes[sp.Label], s.Name)
				}
			}
		}
		dup := false
		for _, lanes := range writes {
			dup = dup || len(lanes) > 1
		}
		if !dup {
			t.Errorf("the chart shows no two goroutines writing the same value: %v", writes)
		}
	})

	t.Run("forgotten Unlock blocks", func(t *testing.T) {
		out := text("forgotten-unlock")
		for _, want := range []string{"1st call, counter 0 → 1: finished", "early return: finished", "3rd call: blocked"} {
			if !strings.Contains(out, want) {
				t.Errorf("want %q in:\n%s", want, out)
			}
		}
	})

	t.Run("forgotten Unlock in a program of its own: the runtime reports the deadlock", func(t *testing.T) {
		out := text("deadlock-program")
		for _, want := range []string{
			"1st call: true",
			"2nd call: false",
			"exit status 2",
			"fatal error: all goroutines are asleep - deadlock!",
			"sync.Mutex.Lock",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("want %q in:\n%s", want, out)
			}
		}
		if strings.Contains(out, "3rd call:") {
			t.Errorf("the third call returned, but it should wait for the lock forever:\n%s", out)
		}
	})

	t.Run("panic without defer keeps the lock", func(t *testing.T) {
		out := text("panic-unlock")
		for _, want := range []string{
			"without defer: Add(-1): panicked",
			"without defer: after the panic, is the mutex free? false",
			"without defer: next Add(1): blocked",
			"with defer: Add(-1): panicked",
			"with defer: after the panic, is the mutex free? true",
			"with defer: next Add(1): finished",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("want %q in:\n%s", want, out)
			}
		}
	})

	t.Run("uncontended costs", func(t *testing.T) {
		ch := charts(t, nb, "uncontended", 1)[0]
		ns := series(t, ch, "fastest of 7 runs")
		if len(ns) != 4 {
			t.Fatalf("want 4 operations, got %d", len(ns))
		}
		plain, deferred := ns[1], ns[2]
		for i, v := range ns {
			if v <= 0 || v > 100 {
				t.Errorf("operation %d: %.2f ns/op is not plausible for an uncontended call", i, v)
			}
		}
		// "defer costs about nothing": a Go without open-coded defers paid tens of ns here.
		if deferred > 2*plain+2 {
			t.Errorf("Lock+defer Unlock %.2f ns/op is far above Lock+Unlock %.2f ns/op", deferred, plain)
		}
	})

	t.Run("contention cells write the goroutines and locks out", func(t *testing.T) {
		for tag, want := range map[string][]string{
			"contention-rounds": {"go func()", "wg.Wait()", "mu.Lock()", "mu.Unlock()"},
			"atomic-rounds":     {"go func()", "wg.Wait()", "counter.Add(1)"},
			"locked-jobs":       {"go func()", "wg.Wait()", "mu.Lock()", "mu.Unlock()"},
		} {
			src := cell(t, nb, tag).Source
			for _, w := range want {
				if !strings.Contains(src, w) {
					t.Errorf("cell %s does not write out %q", tag, w)
				}
			}
		}
		for _, tag := range []string{"contended", "critical-section"} {
			if src := cell(t, nb, tag).Source; strings.Contains(src, ".Fastest(") {
				t.Errorf("cell %s hands its goroutines to a Fastest helper again", tag)
			}
		}
	})

	t.Run("contention", func(t *testing.T) {
		counter := charts(t, nb, "contended", 1)[0]
		mutex := series(t, counter, "sync.Mutex")
		series(t, counter, "atomic.Int64")
		if len(mutex) != 6 {
			t.Fatalf("want 6 goroutine counts, got %d", len(mutex))
		}
		// "More goroutines do not make a shared counter faster."
		for i, v := range mutex[1:] {
			if v > 1.5*mutex[0] {
				t.Errorf("mutex point %d: %.1f million/s, more than 1.5× one goroutine's %.1f", i+1, v, mutex[0])
			}
		}
		// Work inside the lock is serialized: no speed-up over one goroutine.
		section := charts(t, nb, "critical-section", 1)[0]
		inside := series(t, section, "work inside the lock")
		outside := series(t, section, "work outside the lock")
		last := len(inside) - 1
		if inside[last] > 1.25 {
			t.Errorf("with the work inside the lock, the goroutines ran %.2f× faster than one, want <= 1.25×", inside[last])
		}
		t.Logf("speed-up at the most work: inside %.2f×, outside %.2f×", inside[last], outside[last])
	})
}

// share04 reads "hits/total" from the two groups of re in text.
func share04(t *testing.T, text, re string) (hits, total int) {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no match for %s in:\n%s", re, text)
	}
	hits, _ = strconv.Atoi(m[1])
	total, _ = strconv.Atoi(m[2])
	return hits, total
}

// lostShares04 returns the shares of trials that lost updates that the racy-histogram
// chart carries as data (chart.WithData), by series: what the bench reports too.
func lostShares04(t *testing.T, ch notebook.Chart) map[string]struct{ Hits, Total int } {
	t.Helper()
	raw, ok := ch.Data["trials that lost updates"]
	if !ok {
		t.Fatalf("chart %q carries no data \"trials that lost updates\" (chart.WithData)", ch.Title)
	}
	var shares map[string]struct{ Hits, Total int }
	if err := json.Unmarshal(raw, &shares); err != nil {
		t.Fatalf("chart %q: data \"trials that lost updates\": %v", ch.Title, err)
	}
	for _, s := range ch.Series {
		if _, ok := shares[s.Name]; !ok {
			t.Errorf("chart %q carries no share of trials that lost updates for series %q", ch.Title, s.Name)
		}
	}
	return shares
}

// parallelSetting04 returns N of the chart's parallel series, "GOMAXPROCS=N" with N >= 2.
func parallelSetting04(t *testing.T, ch notebook.Chart) int {
	t.Helper()
	for _, s := range ch.Series {
		if n, err := strconv.Atoi(strings.TrimPrefix(s.Name, "GOMAXPROCS=")); err == nil && n >= 2 {
			return n
		}
	}
	t.Fatalf("chart %q has no series GOMAXPROCS=N with N >= 2", ch.Title)
	return 0
}
