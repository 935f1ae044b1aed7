package notebooks_test

import (
	"regexp"
	"strings"
	"testing"
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

	t.Run("a goroutine is rarely done at d=0, more often after 1ms", func(t *testing.T) {
		ch := charts(t, nb, "too-late", 1)[0]
		flagOnly := series(t, ch, "flag at once")
		series(t, ch, "200µs of work, then the flag")
		if len(flagOnly) != 5 {
			t.Fatalf("want 5 sleep lengths, got %v", flagOnly)
		}
		if d0, d1ms := flagOnly[0], flagOnly[4]; !(d0 < d1ms) {
			t.Errorf("the goroutine had run in %.1f%% of trials at d=0 and %.1f%% at d=1ms; want fewer at d=0", d0, d1ms)
		}
	})

	t.Run("the seed program ran Runs times as a child process", func(t *testing.T) {
		c := cell(t, nb, "child-process")
		charts(t, nb, "child-process", 1)
		runs := number(t, c.Source, `const Runs = (\d+)`)
		text := c.Text()
		if got := number(t, text, `ran each version (\d+) times`); got != runs {
			t.Errorf("the cell says it ran each version %v times, want Runs = %v", got, runs)
		}
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
		if withSleep < 0.9 || !(withSleep > noSleep) {
			t.Errorf("the goroutine's line appeared in %.0f%% of runs with the sleep and %.0f%% without; want ≥ 90%% and more than without",
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
		stack := series(t, cs[0], "stack (StackInuse)")
		series(t, cs[0], "all memory from the OS (Sys − HeapReleased)")
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
		series(t, cs[1], "first time: fresh memory from the OS")
		series(t, cs[1], "second time: reusing finished goroutines")
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
		if threads := number(t, text, `OS thread: .*the process had (\d+) threads`); threads < 1000 {
			t.Errorf("the process had %v threads while the locked goroutines waited, want at least 1,000", threads)
		}
	})

	t.Run("the stack grows with depth and shrinks after GCs", func(t *testing.T) {
		cs := charts(t, nb, "stack-growth", 2)
		grow := series(t, cs[0], "stack of one goroutine")
		for i := 1; i < len(grow); i++ {
			if grow[i] < grow[i-1]*0.9 {
				t.Errorf("the stack shrank from %.1f KB to %.1f KB as the depth grew: %v", grow[i-1], grow[i], grow)
			}
		}
		if first, last := grow[0], grow[len(grow)-1]; first < 1 || first > 16 || last < 16*first {
			t.Errorf("stack per goroutine %v KB: want a start of 1-16 KB and at least 16× that at 1,000 calls deep", grow)
		}
		shrink := series(t, cs[1], "stacks of all 400 goroutines")
		if first, last := shrink[0], shrink[len(shrink)-1]; !(last < first/4) {
			t.Errorf("stacks after the GCs %v MB: want the last below a quarter of the first", shrink)
		}
	})
}
