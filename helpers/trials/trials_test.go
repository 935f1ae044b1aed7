package trials

import (
	"flag"
	"os"
	"runtime"
	"slices"
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
		{Name: "WithProcs 0", Call: func() error { return WithProcs(0, func() {}) }, Want: "trials.WithProcs: procs must be between 1 and 256, got 0"},
		{Name: "WithProcs -1", Call: func() error { return WithProcs(-1, func() {}) }, Want: "trials.WithProcs: procs must be between 1 and 256, got -1"},
		{Name: "WithProcs huge", Call: func() error { return WithProcs(1_000_000, func() {}) },
			Want: "trials.WithProcs: procs must be between 1 and 256, got 1000000"},
		{Name: "WithProcs nil", Call: func() error { return WithProcs(1, nil) }, Want: "trials.WithProcs: body is nil"},
		{Name: "Durations n=0", Call: func() error { _, err := Durations(0, func() {}); return err }, Want: "trials.Durations: n must be > 0, got 0"},
		{Name: "Durations nil", Call: func() error { _, err := Durations(3, nil); return err }, Want: "trials.Durations: f is nil"},
	})
}

func TestBadInputDoesNotCall(t *testing.T) {
	called := false
	mark := func() int { called = true; return 0 }
	Run(-1, mark)
	WithProcs(0, func() { mark() })
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
	trial := 0
	Run(10, func() int {
		if trial++; trial == 3 {
			panic("trial 3 failed")
		}
		return trial
	})
	t.Error("Run returned normally")
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
