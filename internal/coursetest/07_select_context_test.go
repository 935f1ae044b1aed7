package coursetest_test

import (
	"encoding/json"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

const nb07 = "07_select_context.ipynb"

// TestNotebook07 checks the facts 07_select_context.ipynb claims, on the data of its
// charts and the lines its cells print: once as it runs by default, and once with
// GOMAXPROCS=1 for the whole kernel.
func TestNotebook07(t *testing.T) {
	t.Run("default", func(t *testing.T) { check07(t, run(t, nb07)) })
	t.Run("GOMAXPROCS=1", func(t *testing.T) { check07(t, run(t, nb07, "GOMAXPROCS=1")) })
	t.Run("lessons", test07Lessons)
}

// check07 asserts the notebook's claims on one executed copy.
func check07(t *testing.T, nb *notebook.Notebook) {
	text := func(tag string) string { return cell(t, nb, tag).Text() }

	t.Run("first select gives up", func(t *testing.T) {
		if out := text("first-select"); !strings.Contains(out, "gave up waiting after 10ms") {
			t.Errorf("the first example should time out:\n%s", out)
		}
	})

	t.Run("select picks uniformly among ready cases", func(t *testing.T) {
		ch := charts(t, nb, "select-fairness", 1)[0]
		both := series(t, ch, "both ready")
		withDefault := series(t, ch, "both ready, with default")
		neither := series(t, ch, "neither ready, with default")
		// "each wins about half the selects, within a fraction of a percent of 50%":
		// 100,000 fair coin tosses land within 0.5 ± 0.003 in 95% of runs; one
		// percentage point is more than six standard deviations.
		for name, v := range map[string][]float64{"both ready": both, "both ready, with default": withDefault} {
			if math.Abs(v[0]-50) > 1 || math.Abs(v[1]-50) > 1 {
				t.Errorf("%s: case a %.2f%%, case b %.2f%%, want both within 1 point of 50%%", name, v[0], v[1])
			}
			if v[2] != 0 {
				t.Errorf("%s: default ran in %.3f%% of selects, want never", name, v[2])
			}
		}
		if neither[2] != 100 {
			t.Errorf("neither ready: default ran in %.3f%% of selects, want all", neither[2])
		}
	})

	t.Run("timeouts are punctual when a P is free, late when every P is busy", func(t *testing.T) {
		ch := charts(t, nb, "timeouts", 1)[0]
		after := series(t, ch, "time.After")
		withCtx := series(t, ch, "context.WithTimeout")
		if len(after) != 4 || len(withCtx) != 4 {
			t.Fatalf("want 4 settings, got %d and %d", len(after), len(withCtx))
		}
		// settings: GOMAXPROCS=1 idle, =1 with 1 busy, =2 with 1 busy, =2 with 2 busy (medians, ms)
		for name, v := range map[string][]float64{"time.After": after, "context.WithTimeout": withCtx} {
			if v[0] > 1 {
				t.Errorf("%s, idle: median %.2f ms late, want a fraction of a millisecond", name, v[0])
			}
			if v[2] > 2 {
				t.Errorf("%s, a P to spare: median %.2f ms late, want punctual again (< 2 ms)", name, v[2])
			}
			// "after about 10 ms" of preemption: "10 to 20 milliseconds or more"
			for _, i := range []int{1, 3} {
				if v[i] < 8 || v[i] > 40 {
					t.Errorf("%s, every P busy (setting %d): median %.2f ms late, want 8–40 ms", name, i, v[i])
				}
			}
		}
		// "both ways alike" when idle
		if d := math.Abs(after[0] - withCtx[0]); d > 1 {
			t.Errorf("idle: time.After %.2f ms and context %.2f ms differ by more than 1 ms", after[0], withCtx[0])
		}
	})

	t.Run("cancel stops N goroutines in time proportional to N", func(t *testing.T) {
		ch := charts(t, nb, "cancel-scaling", 1)[0]
		s, ok := ch.SeriesNamed("median")
		if !ok {
			t.Fatalf("chart %q has no series \"median\"", ch.Title)
		}
		var points [][2]float64 // (N, ms)
		if err := json.Unmarshal(s.Data, &points); err != nil || len(points) != 5 || points[4][0] != 100_000 {
			t.Fatalf("want 5 points for N = 10 to 100,000, got %v (%v)", points, err)
		}
		ms := make([]float64, len(points))
		for i, p := range points {
			ms[i] = p[1]
		}
		if ms[4] < 10*ms[2] {
			t.Errorf("100,000 goroutines stopped in %.3f ms, 1,000 in %.3f ms: want a growth in proportion to N", ms[4], ms[2])
		}
		// "a few hundred nanoseconds each", "tens of milliseconds" for 100,000
		if each := 1e6 * ms[4] / 100_000; each < 50 || each > 2000 {
			t.Errorf("%.0f ns per goroutine at 100,000, want a few hundred", each)
		}
		if ms[4] < 5 || ms[4] > 200 {
			t.Errorf("100,000 goroutines stopped in %.1f ms, want tens of milliseconds", ms[4])
		}
	})

	t.Run("a goroutine that never checks ctx does not stop", func(t *testing.T) {
		out := text("never-checks")
		for _, want := range []string{
			"the worker that checks ctx.Done(): returned after cancel()? true",
			"the worker that never checks: returned after cancel()? false",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("want %q in:\n%s", want, out)
			}
		}
	})

	t.Run("the leaky search leaks two goroutines a call, the fixes none", func(t *testing.T) {
		ch := charts(t, nb, "leak", 1)[0]
		leaky := series(t, ch, "unbuffered (leaks)")
		const calls = 1000
		last := leaky[len(leaky)-1]
		if last < 2*calls || last > 2*calls+10 {
			t.Errorf("after %d leaky calls, %.0f goroutines more than before, want about %d", calls, last, 2*calls)
		}
		for i := 1; i < len(leaky); i++ {
			if leaky[i] <= leaky[i-1] {
				t.Errorf("the leaky line does not grow at point %d: %v", i, leaky)
				break
			}
		}
		for _, name := range []string{"buffered channel", "context"} {
			for i, v := range series(t, ch, name) {
				if v > 10 { // "a few goroutines still finishing, never more": the losers of the last few searches
					t.Errorf("%s: %.0f goroutines more than before at point %d, want a few at most", name, v, i)
				}
			}
		}
		var stacks map[string]float64
		if err := json.Unmarshal(ch.Data["stack KB"], &stacks); err != nil {
			t.Fatalf("the leak chart carries no stack KB data: %v", err)
		}
		// "Each holds at least a 2 KB stack"
		if kb := stacks["unbuffered (leaks)"]; kb < 1.9*last {
			t.Errorf("the leaked goroutines hold %.0f KB of stack, want at least 2 KB each (%.0f goroutines)", kb, last)
		}
		out := text("leak")
		if !regexp.MustCompile("2000 goroutines in chan send at `results <- r` \\(searchLeaky\\.func1").MatchString(out) {
			t.Errorf("the profile summary does not point at the leaky send:\n%s", out)
		}
	})

	t.Run("errgroup.WithContext skips the others' work", func(t *testing.T) {
		ch := charts(t, nb, "errgroup", 1)[0]
		done := series(t, ch, "work done by the other tasks")
		if len(done) != 2 {
			t.Fatalf("want 2 ways, got %d", len(done))
		}
		if done[0] < 99 {
			t.Errorf("plain errgroup.Group: the others did %.1f%% of their work, want all (they ran to the end)", done[0])
		}
		// "stopped the moment the failure cancelled the context, after the two steps they
		// had done by then, and skipped the other 90%": 2 of 20 steps is 10% of the work;
		// a task may finish the step it was in when the context is cancelled.
		if done[1] < 10 || done[1] > 15 {
			t.Errorf("errgroup.WithContext: the others did %.1f%% of their work, want the 10%% before the failure, or a step more", done[1])
		}
		out := text("errgroup")
		plain := number(t, out, `errgroup\.Group .*g\.Wait\(\) returned after ([\d.]+)ms`)
		withCtx := number(t, out, `errgroup\.WithContext .*g\.Wait\(\) returned after ([\d.]+)ms`)
		if withCtx > plain/5 { // "about ten times sooner"
			t.Errorf("g.Wait() returned after %.1f ms with the context and %.1f ms without: want about ten times sooner", withCtx, plain)
		}
	})
}

// test07Lessons checks the shape the prose promises (see lessons).
func test07Lessons(t *testing.T) {
	lessons(t, nb07, 5, map[string][]string{
		"select-picks":   {"select {", "case <-a:", "default:"},
		"timeout-ways":   {"time.After(deadline)", "context.WithTimeout(", "defer cancel()", "<-ctx.Done()"},
		"cancel-scaling": {"context.WithCancel(", "go func() {", "<-ctx.Done()", "cancel()", "wg.Wait()"},
		"search-leaky":   {"make(chan string)", "go func() {", "results <- r"},
		"search-fixed":   {"make(chan string, Replicas)", "defer cancel()", "case <-ctx.Done():"},
		"errgroup":       {"errgroup.WithContext(", "g.Go(", "g.Wait()"},
	})
}
