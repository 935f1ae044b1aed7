package trials

import (
	"flag"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/badinput"
)

// TestMain shortens testing.Benchmark's benchmark time for the tests and
// examples (1s by default), unless the run is for benchmarks or sets
// -test.benchtime itself.
func TestMain(m *testing.M) {
	flag.Parse()
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.benchtime" || f.Name == "test.bench" })
	if !explicit {
		flag.Set("test.benchtime", "30ms")
	}
	os.Exit(m.Run())
}

func TestBadInput(t *testing.T) {
	one := func() int { return 1 }
	badinput.Check(t, []badinput.Case{
		{Name: "Run n=0", Call: func() error { _, err := Run(0, one); return err }, Want: "trials.Run: n must be > 0, got 0"},
		{Name: "Run n<0", Call: func() error { _, err := Run(-3, one); return err }, Want: "trials.Run: n must be > 0, got -3"},
		{Name: "Run nil", Call: func() error { _, err := Run[int](5, nil); return err }, Want: "trials.Run: experiment is nil"},
		{Name: "RunEach n=0", Call: func() error { _, err := RunEach(0, func(int) int { return 0 }); return err },
			Want: "trials.RunEach: n must be > 0, got 0"},
		{Name: "RunEach nil", Call: func() error { _, err := RunEach[string](1, nil); return err }, Want: "trials.RunEach: experiment is nil"},
		{Name: "WithProcs 0", Call: func() error { return WithProcs(0, func() {}) }, Want: "trials.WithProcs: procs must be >= 1, got 0"},
		{Name: "WithProcs -1", Call: func() error { return WithProcs(-1, func() {}) }, Want: "trials.WithProcs: procs must be >= 1, got -1"},
		{Name: "WithProcs huge", Call: func() error { return WithProcs(1_000_000, func() {}) },
			Want: "trials.WithProcs: procs must be <= 256, got 1000000"},
		{Name: "WithProcs nil", Call: func() error { return WithProcs(1, nil) }, Want: "trials.WithProcs: body is nil"},
		{Name: "Procs 0", Call: func() error { _, err := Procs(0, one); return err }, Want: "trials.Procs: procs must be >= 1, got 0"},
		{Name: "Procs nil", Call: func() error { _, err := Procs[int](2, nil); return err }, Want: "trials.Procs: body is nil"},
		{Name: "Durations n=0", Call: func() error { _, err := Durations(0, func() {}); return err }, Want: "trials.Durations: n must be > 0, got 0"},
		{Name: "Durations nil", Call: func() error { _, err := Durations(3, nil); return err }, Want: "trials.Durations: f is nil"},
		{Name: "Benchmark nil", Call: func() error { return Benchmark(nil).Err }, Want: "trials.Benchmark: f is nil"},
		{Name: "BenchmarkParallel nil", Call: func() error { return BenchmarkParallel(nil).Err }, Want: "trials.BenchmarkParallel: f is nil"},
	})
}

func TestBadInputDoesNotCall(t *testing.T) {
	called := false
	mark := func() int { called = true; return 0 }
	Run(-1, mark)
	RunEach(0, func(int) int { return mark() })
	WithProcs(0, func() { mark() })
	Procs(-2, mark)
	Durations(0, func() { mark() })
	if called {
		t.Error("a function was called despite bad input")
	}
}

func TestRun(t *testing.T) {
	calls := 0
	got, err := Run(5, func() int { calls++; return calls * 10 })
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{10, 20, 30, 40, 50}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if calls != 5 {
		t.Errorf("experiment called %d times, want 5", calls)
	}
}

func TestRunEach(t *testing.T) {
	got, err := RunEach(4, func(trial int) string { return strings.Repeat("x", trial) })
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"", "x", "xx", "xxx"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Run calls the experiments one after another: no trial overlaps another.
// (TestRunPanicPropagates shows they run on the calling goroutine: a panic on
// another goroutine could not be recovered there.)
func TestRunIsSequential(t *testing.T) {
	var running atomic.Int32
	overlaps, err := Run(100, func() bool {
		overlap := running.Add(1) > 1
		runtime.Gosched()
		running.Add(-1)
		return overlap
	})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(overlaps, true) {
		t.Error("trials overlapped")
	}
}

func TestRunPanicPropagates(t *testing.T) {
	defer func() {
		if r := recover(); r != "trial 3 failed" {
			t.Errorf("recovered %v, want the experiment's panic", r)
		}
	}()
	RunEach(10, func(trial int) int {
		if trial == 3 {
			panic("trial 3 failed")
		}
		return trial
	})
	t.Error("RunEach returned normally")
}

func TestWithProcs(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	for _, procs := range []int{1, 2, 3, before} {
		inside := 0
		if err := WithProcs(procs, func() { inside = runtime.GOMAXPROCS(0) }); err != nil {
			t.Fatal(err)
		}
		if inside != procs {
			t.Errorf("WithProcs(%d): GOMAXPROCS inside was %d", procs, inside)
		}
		if after := runtime.GOMAXPROCS(0); after != before {
			t.Fatalf("WithProcs(%d): GOMAXPROCS after is %d, want %d", procs, after, before)
		}
	}
	got, err := Procs(1, func() int { return runtime.GOMAXPROCS(0) * 7 })
	if err != nil || got != 7 {
		t.Errorf("Procs(1, …) = %v, %v; want 7, nil", got, err)
	}
}

func TestWithProcsRestoresAfterPanic(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	procs := 1
	if before == 1 {
		procs = 2
	}
	inside := 0
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want the panic of body", r)
			}
		}()
		WithProcs(procs, func() {
			inside = runtime.GOMAXPROCS(0)
			panic("boom")
		})
		t.Error("WithProcs returned normally after body panicked")
	}()
	if inside != procs {
		t.Errorf("GOMAXPROCS inside body was %d, want %d", inside, procs)
	}
	if after := runtime.GOMAXPROCS(0); after != before {
		t.Errorf("GOMAXPROCS after the panic is %d, want the previous %d", after, before)
	}
}

func TestDurations(t *testing.T) {
	calls := 0
	ds, err := Durations(20, func() {
		calls++
		time.Sleep(100 * time.Microsecond)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 20 || calls != 21 {
		t.Fatalf("got %d durations from %d calls, want 20 from 21 (one warm-up)", len(ds), calls)
	}
	for i, d := range ds {
		if d < 100*time.Microsecond {
			t.Errorf("durations[%d] = %v, shorter than the sleep of 100µs", i, d)
		}
	}
}

func TestDurationsMinDuration(t *testing.T) {
	defer func(old time.Duration) { MinDuration = old }(MinDuration)
	MinDuration = 20 * time.Millisecond
	ds, err := Durations(1, func() { time.Sleep(time.Millisecond) })
	if err != nil {
		t.Fatal(err)
	}
	var total time.Duration
	for _, d := range ds {
		total += d
	}
	if len(ds) < 2 || total < MinDuration-time.Millisecond {
		t.Errorf("got %d durations totalling %v, want more calls until about %v", len(ds), total, MinDuration)
	}
}

func TestBenchmark(t *testing.T) {
	var mu sync.Mutex
	timing := Benchmark(func() { mu.Lock(); mu.Unlock() })
	if timing.Err != nil {
		t.Fatal(timing.Err)
	}
	if timing.Iterations < 1 || timing.NsPerOp <= 0 || timing.AllocsPerOp != 0 {
		t.Errorf("Lock/Unlock: got %+v, want some iterations, a positive time, no allocations", timing)
	}

	var sink []byte
	timing = Benchmark(func() { sink = make([]byte, 64) })
	if timing.AllocsPerOp != 1 || timing.BytesPerOp != 64 {
		t.Errorf("make([]byte, 64): got %d allocs, %d bytes per op, want 1 and 64", timing.AllocsPerOp, timing.BytesPerOp)
	}
	_ = sink
}

func TestBenchmarkParallel(t *testing.T) {
	var (
		mu    sync.Mutex
		calls int
	)
	timing := BenchmarkParallel(func() { mu.Lock(); calls++; mu.Unlock() })
	if timing.Err != nil {
		t.Fatal(timing.Err)
	}
	if timing.Iterations < 1 || calls < timing.Iterations {
		t.Errorf("got %+v after %d calls", timing, calls)
	}
}

func TestBenchmarkPanic(t *testing.T) {
	for name, bench := range map[string]func(func()) Timing{"trials.Benchmark": Benchmark, "trials.BenchmarkParallel": BenchmarkParallel} {
		calls := 0
		var mu sync.Mutex
		timing := bench(func() {
			mu.Lock()
			defer mu.Unlock()
			if calls++; calls == 50 {
				panic("negative count")
			}
		})
		want := name + ": f panicked: negative count"
		if timing.Err == nil || timing.Err.Error() != want || timing.String() != want {
			t.Errorf("%s: got %+v, want Err %q", name, timing, want)
		}
	}
}

func TestTimingString(t *testing.T) {
	for _, tt := range []struct {
		t    Timing
		want string
	}{
		{Timing{NsPerOp: 18.25, Iterations: 1000}, "18.2 ns/op  0 B/op  0 allocs/op  (1000 calls)"},
		{Timing{NsPerOp: 1.5, BytesPerOp: 8, AllocsPerOp: 1, Iterations: 3}, "1.50 ns/op  8 B/op  1 allocs/op  (3 calls)"},
		{Timing{NsPerOp: 1234.5, Iterations: 1}, "1234 ns/op  0 B/op  0 allocs/op  (1 calls)"},
	} {
		if got := tt.t.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.t, got, tt.want)
		}
	}
}
