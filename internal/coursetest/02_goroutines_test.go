package coursetest_test

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNotebook02 checks the facts that 02_goroutines claims, on the numbers it measured.
func TestNotebook02(t *testing.T) {
	nb := run(t, "02_goroutines.ipynb")

	t.Run("seed example prints both lines", func(t *testing.T) {
		text := cell(t, nb, "seed").Stdout()
		for _, line := range []string{"Hello from the main function!", "Hello from the goroutine!"} {
			if !strings.Contains(text, line) {
				t.Errorf("the seed example did not print %q:\n%s", line, text)
			}
		}
	})

	t.Run("a goroutine is almost never done at d=0, almost always after a sleep", func(t *testing.T) {
		ch := charts(t, nb, "too-late", 1)[0]
		flagOnly := series(t, ch, "flag at once")
		working := series(t, ch, "200µs of work, then the flag")
		if len(flagOnly) != 5 {
			t.Fatalf("want 5 sleep lengths, got %v", flagOnly)
		}
		if d0, d1ms := flagOnly[0], flagOnly[4]; !(d0 < d1ms) || d0 > 10 {
			t.Errorf("the goroutine had run in %.1f%% of trials at d=0 and %.1f%% at d=1ms; want at most 10%% at d=0, and fewer than at d=1ms", d0, d1ms)
		}
		for i, share := range flagOnly[1:] {
			if share < 80 {
				t.Errorf("sleep %d of 4: the flag-at-once goroutine had run in only %.1f%% of trials, want ≥ 80%% after any sleep", i+1, share)
			}
		}
		// The catch: how long is long enough depends on the job. Over the short sleeps (1 µs to
		// 100 µs), the goroutine with 200 µs of work had run less often than the one without.
		if w, f := working[1]+working[2]+working[3], flagOnly[1]+flagOnly[2]+flagOnly[3]; !(w < f) {
			t.Errorf("sleeps of 1-100 µs: the working goroutine had run in %v%%, the flag-at-once one in %v%%; want the working one less often",
				working[1:4], flagOnly[1:4])
		}
	})

	t.Run("a sleep lasts at least d, often much longer", func(t *testing.T) {
		text := cell(t, nb, "too-late").Text()
		line := regexp.MustCompile(`(?m)^flag at once, had run when main looked: .*$`).FindString(text)
		points := regexp.MustCompile(`d=(\S+): \d+/\d+ \([^)]*\) \(main looked after ([^,]+), the flag rose after ([^)]+)\)`).FindAllStringSubmatch(line, -1)
		if len(points) != 5 {
			t.Fatalf("want 5 points on the flag-at-once line, got %d:\n%s", len(points), line)
		}
		longer := false
		for _, p := range points {
			d, looked, rose := duration(t, p[1]), duration(t, p[2]), duration(t, p[3])
			if looked < d {
				t.Errorf("d=%v: main looked after a median %v, want at least d", d, looked)
			}
			if d > 0 && looked >= 2*d {
				longer = true
			}
			if d == time.Millisecond && !(looked > 10*rose) {
				t.Errorf("d=1ms: main looked after %v and the flag rose after %v; want the sleep to waste most of that time", looked, rose)
			}
		}
		if !longer {
			t.Errorf("no sleep lasted twice its d (median):\n%s", line)
		}
	})

	t.Run("the seed program ran Runs times as a child process", func(t *testing.T) {
		c := cell(t, nb, "child-process")
		charts(t, nb, "child-process", 1)
		runs := number(t, c.Source, `const Runs = (\d+)`)
		text := c.Text()
		share := map[string]float64{}
		for _, version := range []string{`time\.Sleep\(1 \* time\.Second\)`, `time\.Sleep\(0\)`} {
			m := regexp.MustCompile(`with ` + version + `: the goroutine's line in (\d+)/(\d+) .*main's line in (\d+)/(\d+)`).FindStringSubmatch(text)
			if m == nil {
				t.Fatalf("no counts for %s in:\n%s", version, text)
			}
			hits, total := number(t, m[1], `(\d+)`), number(t, m[2], `(\d+)`)
			mainHits, mainTotal := number(t, m[3], `(\d+)`), number(t, m[4], `(\d+)`)
			if total != runs || mainTotal != runs {
				t.Errorf("%s: counted %v and %v runs, want Runs = %v", version, total, mainTotal, runs)
			}
			if mainHits != mainTotal {
				t.Errorf("%s: main's line in only %v of %v runs", version, mainHits, mainTotal)
			}
			share[version] = hits / total
		}
		withSleep, noSleep := share[`time\.Sleep\(1 \* time\.Second\)`], share[`time\.Sleep\(0\)`]
		if withSleep < 0.9 || !(withSleep > noSleep) || noSleep > 0.25 {
			t.Errorf("the goroutine's line appeared in %.0f%% of runs with the sleep and %.0f%% without; want ≥ 90%% with, at most 25%% without",
				100*withSleep, 100*noSleep)
		}
	})

	t.Run("a goroutine costs between 1 and 16 KB", func(t *testing.T) {
		c := cell(t, nb, "goroutine-memory")
		cs := charts(t, nb, "goroutine-memory", 2)
		text := c.Text()
		kb := number(t, text, `≈ ([\d.]+) KB and [\d.]+ µs per goroutine`)
		if kb < 1 || kb > 16 {
			t.Errorf("≈ %v KB per goroutine, want between 1 and 16", kb)
		}
		if us := number(t, text, `≈ [\d.]+ KB and ([\d.]+) µs per goroutine`); !(us > 0 && us < 50) {
			t.Errorf("≈ %v µs per go statement, want microseconds (under 50, loose for a loaded machine)", us)
		}
		stack := series(t, cs[0], "stack (StackInuse)")
		fromOS := series(t, cs[0], "all memory from the OS (Sys − HeapReleased)")
		if lo, hi := slices.Min(fromOS), slices.Max(fromOS); !(hi < 2*lo) {
			t.Errorf("memory per goroutine %v KB: want it flat (largest below twice the smallest) as the count grows", fromOS)
		}
		for i, kb := range stack {
			if kb < 1 || kb > 16 {
				t.Errorf("step %d: %.2f KB of stack per goroutine, want between 1 and 16", i, kb)
			}
		}
		if len(stack) < 3 {
			t.Errorf("only %d steps measured, want 1,000, 10,000 and 100,000 at least", len(stack))
		}
		if len(stack) < 4 && !regexp.MustCompile(`1,000,000 goroutines: not started\. .* more than .* allows`).MatchString(text) {
			t.Errorf("the 1,000,000 step was neither measured nor refused with a message:\n%s", text)
		}
		fresh := series(t, cs[1], "first time: fresh memory from the OS")
		reused := series(t, cs[1], "second time: reusing finished goroutines")
		if last := len(fresh) - 1; !(reused[last] < fresh[last]) {
			t.Errorf("largest step: %.2f µs per go statement reusing finished goroutines, %.2f µs the first time; want less when reused", reused[last], fresh[last])
		}
	})

	t.Run("an OS thread costs more than twice a goroutine's memory", func(t *testing.T) {
		text := cell(t, nb, "thread-vs-goroutine").Text()
		if strings.Contains(text, "skipped:") {
			t.Skipf("the thread cell skipped: %s", text)
		}
		charts(t, nb, "thread-vs-goroutine", 2)
		if factor := number(t, text, `memory factor: ([\d.]+)×`); factor <= 2 {
			t.Errorf("thread/goroutine memory factor %v, want > 2:\n%s", factor, text)
		}
		if factor := number(t, text, `start-up factor: ([\d.]+)×`); factor <= 2 {
			t.Errorf("thread/goroutine start-up factor %v, want > 2 (several times longer):\n%s", factor, text)
		}
		if threads := number(t, text, `OS thread: .*the process had (\d+) threads`); threads < 1000 {
			t.Errorf("the process had %v threads while the locked goroutines waited, want at least 1,000", threads)
		}
	})

	t.Run("the stack grows with depth", func(t *testing.T) {
		grow := series(t, charts(t, nb, "stack-growth", 1)[0], "stack of one goroutine")
		for i := 1; i < len(grow); i++ {
			if grow[i] < grow[i-1]*0.9 {
				t.Errorf("the stack shrank from %.1f KB to %.1f KB as the depth grew: %v", grow[i-1], grow[i], grow)
			}
		}
		if first, last := grow[0], grow[len(grow)-1]; first < 1 || first > 16 || last < 16*first {
			t.Errorf("stack per goroutine %v KB: want a start of 1-16 KB and at least 16× that at 1,000 calls deep", grow)
		}
		// Sizes jump in powers of two: the deepest stack is one, give or take the runtime's bookkeeping.
		if last := grow[len(grow)-1]; math.Abs(math.Log2(last)-math.Round(math.Log2(last))) > 0.15 {
			t.Errorf("stack per goroutine at the deepest: %.1f KB, want a power of two (±10%%)", last)
		}
	})

	t.Run("stacks stay large when the goroutines climb back, and shrink after GCs", func(t *testing.T) {
		c := cell(t, nb, "stack-shrink")
		n := number(t, c.Source, `Goroutines = (\d+)`)
		shrink := series(t, charts(t, nb, "stack-shrink", 1)[0], fmt.Sprintf("stacks of all %v goroutines", n))
		if first, last := shrink[0], shrink[len(shrink)-1]; !(last < first/4) {
			t.Errorf("stacks after the GCs %v MB: want the last below a quarter of the first", shrink)
		}
		// Back at the top, before any GC, each still holds its deep stack: at least 64 KB of it.
		if mb := shrink[0]; mb < n*64/1024 {
			t.Errorf("just back at the top, the %v goroutines' stacks use %.1f MB; want ≥ %.1f MB (nothing given back without a GC)", n, mb, n*64/1024)
		}
	})
}

// duration parses a duration as Go prints it ("1.02ms", "145ns").
func duration(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := time.ParseDuration(s)
	if err != nil {
		t.Fatalf("not a duration: %q", s)
	}
	return d
}
