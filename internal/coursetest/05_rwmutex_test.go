package coursetest_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNotebook05 checks the facts 05_rwmutex.ipynb claims, on the numbers it printed and
// the charts it showed.
func TestNotebook05(t *testing.T) {
	nb := run(t, "05_rwmutex.ipynb")

	t.Run("config cache returns only stored values", func(t *testing.T) {
		text := cell(t, nb, "config-demo").Text()
		if got := number(t, text, `(\d+) × anything else`); got != 0 {
			t.Errorf("%v lookups returned a value nobody stored:\n%s", got, text)
		}
	})

	t.Run("a pair read under one RLock is never torn", func(t *testing.T) {
		c := cell(t, nb, "torn")
		ch := charts(t, nb, "torn", 1)[0]
		share := series(t, ch, "trials with a torn pair")
		if len(share) != 2 || share[0] != 0 {
			t.Errorf("share of trials with a torn pair = %v, want 0 for one RLock", share)
		}
		text := c.Text()
		if torn := number(t, text, `one RLock for both keys: (\d+) torn of`); torn != 0 {
			t.Errorf("%v pairs read under one RLock were torn:\n%s", torn, text)
		}
		if pairs := number(t, text, `one RLock for both keys: \d+ torn of (\d+) pairs`); pairs < 10000 {
			t.Errorf("only %v pairs read: too few for the claim", pairs)
		}
		number(t, text, `two readConfig calls: +(\d+) torn of`) // printed, whatever it is
	})

	t.Run("clean under the race detector", func(t *testing.T) {
		c := cell(t, nb, "race")
		out := c.Stdout()
		if !strings.Contains(out, "race detector on: true") {
			t.Errorf("the race cell did not run with -race:\n%s", out)
		}
		if torn := number(t, out, `one RLock for both keys: (\d+) torn of`); torn != 0 {
			t.Errorf("%v pairs torn under one RLock with -race", torn)
		}
		stderr := c.Stream("stderr")
		if strings.Contains(stderr, "DATA RACE") {
			t.Errorf("the race detector reported a race:\n%s", stderr)
		}
		if off := cell(t, nb, "race-off").Text(); !strings.Contains(off, "%goflags=[]") {
			t.Errorf("the race detector was not switched off again: %q", off)
		}
	})

	t.Run("throughput map", func(t *testing.T) {
		kinds := []string{"Mutex", "RWMutex", "atomic.Pointer"}
		cs := charts(t, nb, "throughput", 2)
		for _, ch := range cs {
			for _, kind := range kinds {
				if v := series(t, ch, kind); len(v) != 4 {
					t.Errorf("chart %q, series %s: %d read shares, want 4", ch.Title, kind, len(v))
				}
			}
		}
		text := cell(t, nb, "throughput").Text()
		// One chart per read section, one point per read share: the numbers come from the
		// charts' data (as the bench reads them), not from the printed lines.
		sections := []string{"lookup only", "lookup + 1µs work"}
		type curve05 struct{ median, low, high []float64 }
		curves := make([]map[string]curve05, len(cs))
		for i, ch := range cs {
			if !strings.HasSuffix(ch.Title, ": "+sections[i]) || !slices.Equal(ch.Categories, []string{"50% reads", "90% reads", "99% reads", "100% reads"}) {
				t.Fatalf("chart %d: %q over %q, want the read section %q over 50, 90, 99 and 100%% reads", i, ch.Title, ch.Categories, sections[i])
			}
			curves[i] = map[string]curve05{}
			for _, kind := range kinds {
				s, _ := ch.SeriesNamed(kind)
				c := curve05{series(t, ch, kind), s.Low, s.High}
				if len(c.low) != len(c.median) || len(c.high) != len(c.median) {
					t.Fatalf("chart %q, series %s: %d medians but %d and %d CI bounds", ch.Title, kind, len(c.median), len(c.low), len(c.high))
				}
				for j, v := range c.median {
					if !(c.low[j] <= v && v <= c.high[j]) {
						t.Errorf("%s %s: %s median %v outside its CI [%v, %v]", sections[i], ch.Categories[j], kind, v, c.low[j], c.high[j])
					}
				}
				curves[i][kind] = c
			}
		}
		// The printed lines show the charts' medians (lookup only, 50% reads, Mutex).
		if shown := fmt.Sprintf("Mutex %.2f [", curves[0]["Mutex"].median[0]); !strings.Contains(text, shown) {
			t.Errorf("the chart's median is not printed as %q:\n%s", shown, text)
		}
		// Copy-on-write copies the whole map on every write: at 50% writes it is far behind.
		mutex, cow := curves[0]["Mutex"].median[0], curves[0]["atomic.Pointer"].median[0]
		if cow > mutex/3 {
			t.Errorf("lookup only, 50%% reads: atomic.Pointer %v vs Mutex %v Mops/s, want at most a third", cow, mutex)
		}
		// The prose: at 90% reads or fewer RWMutex ties with Mutex or loses; with 1µs of work at
		// 100% reads it wins where there are cores (about 2× on 2 cores), and never loses.
		// The verdict is the notebook's: faster or slower only when the 95% CIs do not overlap.
		procs := number(t, text, `goroutines \(GOMAXPROCS=(\d+),`)
		for i, section := range sections {
			rw, base := curves[i]["RWMutex"], curves[i]["Mutex"]
			for j, share := range cs[i].Categories {
				faster, slower := rw.low[j] > base.high[j], rw.high[j] < base.low[j]
				switch {
				case (share == "50% reads" || share == "90% reads") && faster:
					t.Errorf("%s, %s: RWMutex faster than Mutex, but the prose says it ties or loses", section, share)
				case share == "100% reads" && section == "lookup + 1µs work" && procs >= 2 && slower:
					t.Errorf("%s, 100%% reads, GOMAXPROCS=%v: RWMutex slower than Mutex, but the prose says it wins", section, procs)
				}
			}
		}
		table := regexp.MustCompile(`(?m)^(lookup only|lookup \+ 1µs work) +\| .+\| .+\| .+\| .+$`)
		if rows := table.FindAllString(text, -1); !strings.Contains(text, "Decision table") || len(rows) != 2 {
			t.Errorf("no decision table with 2 rows of 4 cells:\n%s", text)
		}
	})

	t.Run("a writer is not starved by RWMutex", func(t *testing.T) {
		cs := charts(t, nb, "starvation", 2)
		for _, name := range []string{"sync.RWMutex", "reader-preferring lock", "cut-off"} {
			if _, ok := cs[0].SeriesNamed(name); !ok {
				t.Errorf("chart %q has no series %q", cs[0].Title, name)
			}
		}
		text := cell(t, nb, "starvation").Text()
		m := regexp.MustCompile(`sync.RWMutex: writer waited median (\S+) `).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("no RWMutex median in:\n%s", text)
		}
		rwMedian, err := time.ParseDuration(m[1])
		if err != nil {
			t.Fatal(err)
		}
		const shortestCutoff = 25 * time.Millisecond
		if rwMedian >= shortestCutoff {
			t.Errorf("RWMutex writer median wait %v, want under the shortest cut-off %v", rwMedian, shortestCutoff)
		}
		// "reader-preferring lock: writer waited median 200ms (95% CI …), max 200ms; 12 of 12 hit the cut-off"
		hit := number(t, text, `reader-preferring lock: writer waited median \S+ .*?; (\d+) of \d+ hit the cut-off`)
		total := number(t, text, `reader-preferring lock: writer waited median \S+ .*?; \d+ of (\d+) hit the cut-off`)
		ratio := number(t, text, `median wait, reader-preferring lock / sync.RWMutex: ([\d.]+)×`)
		if hit != total && ratio < 10 {
			t.Errorf("reader-preferring lock: %v of %v writers hit the cut-off and the median is only %v× RWMutex's; want all, or at least 10×", hit, total, ratio)
		}
	})

	t.Run("recursive read lock reports blocked", func(t *testing.T) {
		if quiet := cell(t, nb, "recursive-quiet").Text(); !strings.Contains(quiet, "RLock, RLock again, no writer: finished") {
			t.Errorf("nested RLock without a writer did not finish:\n%s", quiet)
		}
		charts(t, nb, "recursive", 1)
		text := cell(t, nb, "recursive").Text()
		if !strings.Contains(text, "RLock, a writer calls Lock, RLock again: blocked") {
			t.Errorf("nested RLock with a writer waiting was not reported blocked:\n%s", text)
		}
	})
}
