package throughput

import (
	"sync"
	"testing"
	"time"
)

func TestBadInput(t *testing.T) {
	op := func() {}
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"Measure goroutines=0", func() error { _, err := Measure(0, 10, op); return err },
			"throughput.Measure: goroutines must be >= 1, got 0"},
		{"Measure goroutines<0", func() error { _, err := Measure(-2, 10, op); return err },
			"throughput.Measure: goroutines must be >= 1, got -2"},
		{"Measure ops=0", func() error { _, err := Measure(1, 0, op); return err },
			"throughput.Measure: ops must be >= 1, got 0"},
		{"Measure goroutines>ops", func() error { _, err := Measure(8, 4, op); return err },
			"throughput.Measure: goroutines must be <= ops (every goroutine makes at least one call), got 8 goroutines for 4 ops"},
		{"Measure nil", func() error { _, err := Measure(1, 1, nil); return err },
			"throughput.Measure: op is nil"},
		{"Fastest runs=0", func() error { _, err := Fastest(0, 1, 10, op); return err },
			"throughput.Fastest: runs must be >= 1, got 0"},
		{"Fastest goroutines=0", func() error { _, err := Fastest(3, 0, 10, op); return err },
			"throughput.Fastest: goroutines must be >= 1, got 0"},
		{"Fastest ops<0", func() error { _, err := Fastest(3, 1, -5, op); return err },
			"throughput.Fastest: ops must be >= 1, got -5"},
		{"Fastest nil", func() error { _, err := Fastest(3, 1, 10, nil); return err },
			"throughput.Fastest: op is nil"},
	}
	for _, tt := range tests {
		if err := tt.call(); err == nil || err.Error() != tt.want {
			t.Errorf("%s: got error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestBadInputDoesNotCall(t *testing.T) {
	called := false
	mark := func() { called = true }
	Measure(0, 10, mark)
	Measure(5, 4, mark)
	Fastest(0, 1, 10, mark)
	Fastest(2, 3, 2, mark)
	if called {
		t.Error("op was called despite bad input")
	}
}

// Every call is made, on as many goroutines as asked, however the ops divide.
func TestMeasureSharesOutEveryCall(t *testing.T) {
	for _, tc := range []struct{ goroutines, ops int }{{1, 1}, {1, 10}, {3, 10}, {4, 4}, {7, 1000}} {
		var (
			mu    sync.Mutex
			calls int
		)
		rate, err := Measure(tc.goroutines, tc.ops, func() {
			mu.Lock()
			defer mu.Unlock()
			calls++
		})
		if err != nil {
			t.Fatal(err)
		}
		if calls != tc.ops || rate.Ops != tc.ops {
			t.Errorf("%d goroutines, %d ops: %d calls, Rate.Ops %d", tc.goroutines, tc.ops, calls, rate.Ops)
		}
		if rate.Elapsed <= 0 {
			t.Errorf("%d goroutines, %d ops: Elapsed %v, want > 0", tc.goroutines, tc.ops, rate.Elapsed)
		}
	}
}

// The calls really run on the given number of goroutines: with 3 goroutines
// and 3 ops, all three calls are in op at the same time.
func TestMeasureRunsGoroutinesAtOnce(t *testing.T) {
	var arrived sync.WaitGroup
	arrived.Add(3)
	done := make(chan error, 1)
	go func() {
		_, err := Measure(3, 3, func() {
			arrived.Done()
			arrived.Wait() // returns only when all three calls are in op at once
		})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Measure(3, 3, op) did not run the three calls at the same time")
	}
}

// Elapsed measures the run: ops that sleep 1ms each, on one goroutine, take at
// least ops milliseconds; on ops goroutines, much less than that.
func TestMeasureTimesTheRun(t *testing.T) {
	// 50 sleeps of 2ms: at least 100ms one after another, a few ms all at once, so
	// that even a busy machine cannot make the two runs look alike.
	sleep := func() { time.Sleep(2 * time.Millisecond) }
	serial, _ := Measure(1, 50, sleep)
	if serial.Elapsed < 100*time.Millisecond {
		t.Errorf("50 sleeps of 2ms on one goroutine took %v, want >= 100ms", serial.Elapsed)
	}
	parallel, _ := Measure(50, 50, sleep)
	if parallel.Elapsed >= serial.Elapsed {
		t.Errorf("50 sleeps on 50 goroutines took %v, not less than on one (%v)", parallel.Elapsed, serial.Elapsed)
	}
	if s := parallel.SpeedupOver(serial); s <= 1 {
		t.Errorf("SpeedupOver = %.2f, want > 1", s)
	}
}

// Fastest makes one warm-up run and runs timed runs, and reports the fastest.
func TestFastest(t *testing.T) {
	var (
		mu    sync.Mutex
		calls int
	)
	rate, err := Fastest(4, 2, 10, func() {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if run := (calls - 1) / 10; run == 2 { // run 0 is the warm-up: the second timed run is slow
			time.Sleep(5 * time.Millisecond)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := calls; got != 50 {
		t.Errorf("op called %d times, want 50 (1 warm-up and 4 timed runs of 10)", got)
	}
	if rate.Ops != 10 {
		t.Errorf("Rate.Ops = %d, want 10 (one run)", rate.Ops)
	}
	if rate.Elapsed >= 50*time.Millisecond { // the slow run took at least 10 × 5ms
		t.Errorf("fastest run took %v: the slow run was chosen", rate.Elapsed)
	}
}

func TestRate(t *testing.T) {
	tests := []struct {
		rate      Rate
		perSecond float64
		text      string
	}{
		{Rate{Ops: 12_345_678, Elapsed: time.Second}, 12_345_678, "12.35 million ops/s (12345678 ops in 1s)"},
		{Rate{Ops: 1_000_000, Elapsed: time.Second}, 1e6, "1 million ops/s (1000000 ops in 1s)"},
		{Rate{Ops: 1000, Elapsed: time.Second}, 1000, "1000 ops/s (1000 ops in 1s)"},
		{Rate{Ops: 3, Elapsed: 1500 * time.Millisecond}, 2, "2 ops/s (3 ops in 1.5s)"},
		{Rate{Ops: 5, Elapsed: 0}, 0, "0 ops/s (5 ops in 0s)"},
		{Rate{}, 0, "0 ops/s (0 ops in 0s)"},
		{Rate{Ops: 5, Elapsed: -time.Second}, 0, "0 ops/s (5 ops in -1s)"},
	}
	for _, tt := range tests {
		if got := tt.rate.PerSecond(); got != tt.perSecond {
			t.Errorf("%+v.PerSecond() = %v, want %v", tt.rate, got, tt.perSecond)
		}
		if got := tt.rate.Millions(); got != tt.perSecond/1e6 {
			t.Errorf("%+v.Millions() = %v, want %v", tt.rate, got, tt.perSecond/1e6)
		}
		if got := tt.rate.String(); got != tt.text {
			t.Errorf("%+v.String() = %q, want %q", tt.rate, got, tt.text)
		}
	}
	fast := Rate{Ops: 300, Elapsed: time.Second}
	slow := Rate{Ops: 100, Elapsed: time.Second}
	for _, tt := range []struct {
		r, base Rate
		want    float64
	}{{fast, slow, 3}, {slow, fast, 1.0 / 3}, {fast, Rate{}, 0}, {Rate{}, fast, 0}} {
		if got := tt.r.SpeedupOver(tt.base); got != tt.want {
			t.Errorf("%+v.SpeedupOver(%+v) = %v, want %v", tt.r, tt.base, got, tt.want)
		}
	}
}
