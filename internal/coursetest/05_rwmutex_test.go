package coursetest_test

import (
	"math"
	"regexp"
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
		// One line per point: "<section> <share>% reads:  Mutex m [low–high]  RWMutex ...  atomic.Pointer ...".
		point := regexp.MustCompile(`(?m)^(lookup only|lookup \+ 1µs work) +(\d+)% reads:  Mutex (\S+) \[(\S+)–(\S+)\]  RWMutex (\S+) \[(\S+)–(\S+)\]  atomic.Pointer (\S+) \[(\S+)–(\S+)\]\n +RWMutex vs Mutex: (faster|slower|tie)`)
		lines := point.FindAllStringSubmatch(text, -1)
		if len(lines) != 8 {
			t.Fatalf("found %d verdict lines, want 8 (2 sections × 4 read shares):\n%s", len(lines), text)
		}
		for _, m := range lines {
			for k := range kinds {
				v, lo, hi := number(t, m[3+3*k], `(.+)`), number(t, m[4+3*k], `(.+)`), number(t, m[5+3*k], `(.+)`)
				if !(lo <= v && v <= hi) {
					t.Errorf("%s %s%%: %s median %v outside its CI [%v, %v]", m[1], m[2], kinds[k], v, lo, hi)
				}
			}
		}
		// The chart shows the printed medians (lookup only, 50% reads, Mutex).
		if got, want := series(t, cs[0], "Mutex")[0], number(t, lines[0][3], `(.+)`); math.Abs(got-want) > 0.006 {
			t.Errorf("chart says %v, text says %v", got, want)
		}
		// Copy-on-write copies the whole map on every write: at 50% writes it is far behind.
		mutex, cow := number(t, lines[0][3], `(.+)`), number(t, lines[0][9], `(.+)`)
		if lines[0][1] != "lookup only" || lines[0][2] != "50" || cow > mutex/3 {
			t.Errorf("lookup only, 50%% reads: atomic.Pointer %v vs Mutex %v Mops/s, want at most a third", cow, mutex)
		}
		// The prose: at 90% reads or fewer RWMutex ties with Mutex or loses; with 1µs of work at
		// 100% reads it wins where there are cores (about 2× on 2 cores), and never loses.
		procs := number(t, text, `goroutines \(GOMAXPROCS=(\d+),`)
		for _, m := range lines {
			switch share := m[2]; {
			case (share == "50" || share == "90") && m[12] == "faster":
				t.Errorf("%s, %s%% reads: RWMutex faster than Mutex, but the prose says it ties or loses", m[1], share)
			case share == "100" && m[1] == "lookup + 1µs work" && procs >= 2 && m[12] == "slower":
				t.Errorf("%s, 100%% reads, GOMAXPROCS=%v: RWMutex slower than Mutex, but the prose says it wins", m[1], procs)
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
