package trials

import (
	"flag"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestUntilAndBenchmarkForBadInput(t *testing.T) {
	yes := func(int) bool { return true }
	one := func() int { return 1 }
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"Until n=0", func() error { _, _, err := Until(0, one, yes); return err }, "trials.Until: n must be > 0, got 0"},
		{"Until n<0", func() error { _, _, err := Until(-4, one, yes); return err }, "trials.Until: n must be > 0, got -4"},
		{"Until nil experiment", func() error { _, _, err := Until(3, nil, yes); return err }, "trials.Until: experiment is nil"},
		{"Until nil done", func() error { _, _, err := Until(3, one, nil); return err }, "trials.Until: done is nil"},
		{"BenchmarkFor d=0", func() error { return BenchmarkFor(0, func() {}).Err }, "trials.BenchmarkFor: d must be > 0, got 0s"},
		{"BenchmarkFor d<0", func() error { return BenchmarkFor(-time.Second, func() {}).Err },
			"trials.BenchmarkFor: d must be > 0, got -1s"},
		{"BenchmarkFor nil", func() error { return BenchmarkFor(time.Millisecond, nil).Err }, "trials.BenchmarkFor: f is nil"},
	}
	for _, tt := range tests {
		if err := tt.call(); err == nil || err.Error() != tt.want {
			t.Errorf("%s: got error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestUntilBadInputDoesNotCall(t *testing.T) {
	called := false
	mark := func() int { called = true; return 0 }
	Until(0, mark, func(int) bool { return true })
	Until(3, mark, nil)
	BenchmarkFor(0, func() { mark() })
	if called {
		t.Error("a function was called despite bad input")
	}
}

func TestUntil(t *testing.T) {
	// Stops at the first outcome done accepts.
	calls := 0
	last, n, err := Until(100, func() int { calls++; return calls * calls }, func(v int) bool { return v > 20 })
	if err != nil || last != 25 || n != 5 || calls != 5 {
		t.Errorf("Until(100, squares, > 20) = %d, %d, %v after %d calls; want 25, 5, <nil> after 5", last, n, err, calls)
	}
	// Gives up after n calls and returns the last outcome.
	calls = 0
	last, n, err = Until(7, func() int { calls++; return calls }, func(int) bool { return false })
	if err != nil || last != 7 || n != 7 || calls != 7 {
		t.Errorf("Until(7, never) = %d, %d, %v after %d calls; want 7, 7, <nil> after 7", last, n, err, calls)
	}
	// Done at once: one call.
	_, n, _ = Until(3, func() string { return "x" }, func(string) bool { return true })
	if n != 1 {
		t.Errorf("Until with done at once made %d calls, want 1", n)
	}
}

func TestUntilPanicContinues(t *testing.T) {
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want boom", r)
		}
	}()
	Until(3, func() int { panic("boom") }, func(int) bool { return false })
	t.Error("Until returned after a panic")
}

// BenchmarkFor runs for about d, not for the flag's benchmark time (30ms in
// these tests, see TestMain), and restores the flag.
func TestBenchmarkForRunsForD(t *testing.T) {
	before := flag.Lookup("test.benchtime").Value.String()
	const d = 150 * time.Millisecond
	timing := BenchmarkFor(d, func() { time.Sleep(time.Millisecond) })
	if timing.Err != nil {
		t.Fatal(timing.Err)
	}
	total := time.Duration(float64(timing.Iterations) * timing.NsPerOp)
	if total < d*9/10 {
		t.Errorf("BenchmarkFor(%v) measured %d calls in %v, want about %v", d, timing.Iterations, total, d)
	}
	if after := flag.Lookup("test.benchtime").Value.String(); after != before {
		t.Errorf("-test.benchtime is %q after BenchmarkFor, want it restored to %q", after, before)
	}
	// A plain testing.Benchmark afterwards uses the flag's time again.
	plain := testing.Benchmark(func(b *testing.B) {
		for b.Loop() {
			time.Sleep(time.Millisecond)
		}
	})
	if got := plain.T; got >= d*9/10 {
		t.Errorf("testing.Benchmark after BenchmarkFor ran for %v, want about the flag's %s", got, before)
	}
}

func TestBenchmarkForPanic(t *testing.T) {
	timing := BenchmarkFor(10*time.Millisecond, func() { panic("boom") })
	if timing.Err == nil || !strings.Contains(timing.Err.Error(), "trials.BenchmarkFor: f panicked: boom") {
		t.Errorf("Err = %v, want the panic reported", timing.Err)
	}
}

// Concurrent calls take turns and each restores the flag: afterwards it holds
// its old value.
func TestBenchmarkForConcurrent(t *testing.T) {
	before := flag.Lookup("test.benchtime").Value.String()
	var wg sync.WaitGroup
	for _, d := range []time.Duration{5 * time.Millisecond, 7 * time.Millisecond, 9 * time.Millisecond} {
		wg.Go(func() {
			if timing := BenchmarkFor(d, func() {}); timing.Err != nil {
				t.Error(timing.Err)
			}
		})
	}
	wg.Wait()
	if after := flag.Lookup("test.benchtime").Value.String(); after != before {
		t.Errorf("-test.benchtime is %q, want %q", after, before)
	}
}
