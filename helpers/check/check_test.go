package check

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// capture collects what the checks print during one test.
func capture(t *testing.T) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	old := stdout
	stdout = func() io.Writer { return &buf }
	t.Cleanup(func() { stdout = old })
	return &buf
}

// lines splits printed output and checks that its first line is v.Line.
func lines(t *testing.T, out *bytes.Buffer, v Verdict) []string {
	t.Helper()
	ls := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if ls[0] != v.Line {
		t.Errorf("first printed line %q differs from Verdict.Line %q", ls[0], v.Line)
	}
	prefix := "FAIL: "
	if v.Pass {
		prefix = "PASS: "
	}
	if !strings.HasPrefix(v.Line, prefix) {
		t.Errorf("Pass=%v but Line = %q", v.Pass, v.Line)
	}
	return ls
}

// hasLine reports whether some line starts with prefix.
func hasLine(ls []string, prefix string) bool {
	for _, l := range ls {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// racyCounter loses updates without a data race in the race detector's sense:
// the load and the store are atomic, but another goroutine can run in between,
// and runtime.Gosched makes sure it often does, even with GOMAXPROCS=1.
func racyCounter() int {
	var n atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range 500 {
				v := n.Load()
				runtime.Gosched()
				n.Store(v + 1)
			}
		})
	}
	wg.Wait()
	return int(n.Load())
}

func TestExactFailsRacyCounter(t *testing.T) {
	out := capture(t)
	v := Exact("", Spec{Trials: 20, Procs: []int{1, 2}}, 1000, racyCounter)
	ls := lines(t, out, v)
	if v.Pass || !strings.HasPrefix(v.Line, "FAIL: ") || !strings.Contains(v.Line, " of 40 trials did not give 1000 (got ") {
		t.Fatalf("racy counter: %q", v.Line)
	}
	if !hasLine(ls, "By GOMAXPROCS: 1: ") || !hasLine(ls, "Hint: ") || !hasLine(ls, "Second opinion: ") {
		t.Errorf("missing evidence, hint or second opinion:\n%s", out)
	}
}

func TestExactSummarisesWrongResults(t *testing.T) {
	tests := []struct {
		name string
		run  func() Verdict
		line string
		hint string
	}{
		{"always the same", func() Verdict {
			return Exact("", Spec{Trials: 5, Procs: []int{1}}, 1000, func() int { return 999 })
		}, "FAIL: 5 of 5 trials did not give 1000 (got 999)", "Hint: " + hintAlways},
		{"min and max", func() Verdict {
			i := 0
			return Exact("", Spec{Trials: 4, Procs: []int{1}, Hints: []string{"use a mutex"}}, 10, func() int { i++; return 10 - i%3 })
		}, "FAIL: 3 of 4 trials did not give 10 (got min 8, max 9)", "Hint: use a mutex"},
		{"strings", func() Verdict {
			return Exact("", Spec{Trials: 2, Procs: []int{1}}, "ab", func() string { return "ba" })
		}, `FAIL: 2 of 2 trials did not give "ab" (got "ba")`, "Hint: " + hintAlways},
		{"interface values of mixed kinds", func() Verdict {
			i := 0
			return Exact("", Spec{Trials: 3, Procs: []int{1}}, any(0), func() any {
				i++
				return []any{1, "one", 1.5}[i-1]
			})
		}, `FAIL: 3 of 3 trials did not give 0 (got 1 once, "one" once, 1.5 once)`, "Hint: " + hintAlways},
		{"unordered", func() Verdict {
			i := 0
			return Exact("", Spec{Trials: 10, Procs: []int{1}}, [2]int{1, 2}, func() [2]int {
				i++
				return [2]int{i % 5, 0}
			})
		}, "FAIL: 10 of 10 trials did not give [1 2] (got [1 0] 2 times, [2 0] 2 times, [3 0] 2 times and 2 other results)", "Hint: " + hintAlways},
	}
	for _, tt := range tests {
		out := capture(t)
		v := tt.run()
		ls := lines(t, out, v)
		if v.Line != tt.line || !hasLine(ls, tt.hint) {
			t.Errorf("%s: got\n%s\nwant first line %q and %q", tt.name, out, tt.line, tt.hint)
		}
	}
}

func TestExactStopsAtBlockedTrial(t *testing.T) {
	out := capture(t)
	var mu sync.Mutex
	// Atomic: the blocked third call never returns, so nothing orders its
	// increment before the test's read.
	var calls atomic.Int32
	before := runtime.GOMAXPROCS(0)
	v := Exact("", Spec{Trials: 100, Timeout: 100 * time.Millisecond}, 1, func() int {
		if calls.Add(1) == 3 {
			mu.Lock()
			mu.Lock() // a forgotten Unlock
		}
		return 1
	})
	ls := lines(t, out, v)
	want := "FAIL: trial 3 at GOMAXPROCS=1 blocked: still waiting after 100ms — a goroutine is waiting for something that never happens (a deadlock)"
	if v.Line != want {
		t.Errorf("Line %q, want %q", v.Line, want)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("got was called %d times; the check should stop at the blocked third call", n)
	}
	if !hasLine(ls, "Hint: "+hintBlocked) || hasLine(ls, "Second opinion") {
		t.Errorf("want the deadlock hint and no race second opinion:\n%s", out)
	}
	if after := runtime.GOMAXPROCS(0); after != before {
		t.Errorf("GOMAXPROCS %d after the check, %d before", after, before)
	}
}

func TestPanicsAreReported(t *testing.T) {
	tests := []struct {
		name string
		run  func() Verdict
		line string
	}{
		{"Exact", func() Verdict {
			return Exact("wg", Spec{Procs: []int{2}}, 0, func() int {
				var wg sync.WaitGroup
				wg.Done()
				return 0
			})
		}, "FAIL: wg: trial 1 at GOMAXPROCS=2 panicked: sync: negative WaitGroup counter"},
		{"That", func() Verdict {
			return That("", Spec{}, func() error { panic("boom") })
		}, "FAIL: trial 1 at GOMAXPROCS=1 panicked: boom"},
		{"uncomparable", func() Verdict {
			return Exact("", Spec{}, any([]int{1}), func() any { return []int{1} })
		}, "FAIL: trial 1 at GOMAXPROCS=1 panicked: runtime error: comparing uncomparable type []int"},
	}
	for _, tt := range tests {
		out := capture(t)
		v := tt.run()
		ls := lines(t, out, v)
		if v.Line != tt.line || !hasLine(ls, "Hint: "+hintPanicked) || !hasLine(ls, "Second opinion: ") {
			t.Errorf("%s: got\n%s\nwant first line %q, the panic hint and a second opinion", tt.name, out, tt.line)
		}
	}
}

func TestRunsUnderEachSetting(t *testing.T) {
	capture(t)
	seen := map[int]int{}
	var mu sync.Mutex
	v := That("", Spec{Trials: 3, Procs: []int{3, 1}}, func() error {
		mu.Lock()
		defer mu.Unlock()
		seen[runtime.GOMAXPROCS(0)]++
		return nil
	})
	if !v.Pass || fmt.Sprint(seen) != "map[1:3 3:3]" {
		t.Errorf("trials ran under GOMAXPROCS %v, want map[1:3 3:3]; %q", seen, v.Line)
	}
}

func TestThat(t *testing.T) {
	out := capture(t)
	v := That("always", Spec{Trials: 10, Procs: []int{1, 2}}, func() error { return nil })
	lines(t, out, v)
	if want := "PASS: always: 20/20 trials passed (GOMAXPROCS 1, 2; 10 trials each)"; v.Line != want {
		t.Errorf("Line %q, want %q", v.Line, want)
	}

	out = capture(t)
	calls := 0
	v = That("", Spec{Trials: 10, Procs: []int{1, 2}}, func() error {
		calls++
		if calls%7 == 0 {
			return fmt.Errorf("call %d lost an update", calls)
		}
		return nil
	})
	ls := lines(t, out, v)
	if want := "FAIL: 2 of 20 trials failed; the first, trial 7 at GOMAXPROCS=1: call 7 lost an update"; v.Line != want {
		t.Errorf("Line %q, want %q", v.Line, want)
	}
	if len(ls) != 4 || ls[1] != "By GOMAXPROCS: 1: 1 of 10 failed, 2: 1 of 10 failed" || ls[2] != "Hint: "+hintSometimes {
		t.Errorf("output:\n%s", out)
	}
}

func TestClose(t *testing.T) {
	tests := []struct {
		predicted, measured, tolerance float64
		want                           string
	}{
		{1.8, 1.93, 0.2, "PASS: speed-up: predicted 1.8, measured 1.93 — within 20% (off by 6.74%)"},
		{4, 1.93, 0.2, "FAIL: speed-up: predicted 4, measured 1.93 — off by 107%, more than the 20% allowed"},
		{2, 2, 0, "PASS: speed-up: predicted 2, measured 2 — within 0% (off by 0%)"},
		{1236, 1000, 0.25, "PASS: speed-up: predicted 1240, measured 1000 — within 25% (off by 23.6%)"},
		{0.5, 0, 0.1, "FAIL: speed-up: predicted 0.5, measured 0 — only a prediction of 0 is within 10% of 0"},
		{-1, 1, 1, "FAIL: speed-up: predicted -1, measured 1 — off by 200%, more than the 100% allowed"},
	}
	for _, tt := range tests {
		out := capture(t)
		v := Close("speed-up", tt.predicted, tt.measured, tt.tolerance)
		lines(t, out, v)
		if v.Line != tt.want || out.String() != tt.want+"\n" {
			t.Errorf("Close(%v, %v, %v) printed %q, want %q", tt.predicted, tt.measured, tt.tolerance, out, tt.want)
		}
	}
}

// TestBadInput checks that bad arguments give a FAIL with an error naming them,
// without running the code.
func TestBadInput(t *testing.T) {
	ran := false
	got := func() int { ran = true; return 0 }
	trial := func() error { ran = true; return nil }
	tests := []struct {
		run  func() Verdict
		want string
	}{
		{func() Verdict { return Exact("", Spec{Trials: -3}, 0, got) }, "check.Exact: s.Trials must be >= 0 (0 means 200), got -3"},
		{func() Verdict { return Exact("", Spec{Timeout: -time.Second}, 0, got) }, "check.Exact: s.Timeout must be >= 0 (0 means 2s), got -1s"},
		{func() Verdict { return Exact("", Spec{Procs: []int{1, 0}}, 0, got) }, "check.Exact: s.Procs[1] must be between 1 and 256, got 0"},
		{func() Verdict { return Exact("", Spec{Procs: []int{1000}}, 0, got) }, "check.Exact: s.Procs[0] must be between 1 and 256, got 1000"},
		{func() Verdict { return Exact[int]("", Spec{}, 0, nil) }, "check.Exact: got is nil"},
		{func() Verdict { return That("", Spec{Trials: -1}, trial) }, "check.That: s.Trials must be >= 0 (0 means 200), got -1"},
		{func() Verdict { return That("", Spec{}, nil) }, "check.That: trial is nil"},
		{func() Verdict { return Close("", math.NaN(), 1, 0.1) }, "check.Close: predicted must be a finite number, got NaN"},
		{func() Verdict { return Close("", 1, math.Inf(1), 0.1) }, "check.Close: measured must be a finite number, got +Inf"},
		{func() Verdict { return Close("", 1, 1, -0.1) }, "check.Close: tolerance must be >= 0, got -0.1"},
		{func() Verdict { return Close("", 1, 1, math.NaN()) }, "check.Close: tolerance must be a finite number, got NaN"},
	}
	for _, tt := range tests {
		out := capture(t)
		v := tt.run()
		if v.Pass || v.Err == nil || v.Err.Error() != tt.want || v.Line != "FAIL: "+tt.want || out.String() != v.Line+"\n" {
			t.Errorf("got %+v printing %q, want Err %q", v, out, tt.want)
		}
	}
	if ran {
		t.Error("code ran despite bad input")
	}
}

func TestDefaults(t *testing.T) {
	s, err := Spec{}.resolve("test")
	if err != nil || s.trials != 200 || s.timeout != 2*time.Second {
		t.Fatalf("resolve(Spec{}) = %+v, %v", s, err)
	}
	want := map[int]bool{1: true, 2: true, runtime.NumCPU(): true}
	if len(s.procs) != len(want) {
		t.Errorf("default procs %v, want %v deduplicated", s.procs, want)
	}
	for i, p := range s.procs {
		if !want[p] || i > 0 && s.procs[i-1] >= p {
			t.Errorf("default procs %v are not 1, 2, NumCPU deduplicated and sorted", s.procs)
		}
	}
	caller := []int{4, 1, 4}
	s, _ = Spec{Procs: caller}.resolve("test")
	if fmt.Sprint(s.procs) != "[1 4]" || fmt.Sprint(caller) != "[4 1 4]" {
		t.Errorf("procs %v from %v (must not change the caller's slice)", s.procs, caller)
	}
}

func TestSecondOpinion(t *testing.T) {
	s := secondOpinion()
	if !strings.HasPrefix(s, "Second opinion: ") || (raceEnabled != strings.Contains(s, "is on")) {
		t.Errorf("secondOpinion() = %q with raceEnabled=%v", s, raceEnabled)
	}
}
