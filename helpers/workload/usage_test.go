package workload

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

func TestZeroStopwatch(t *testing.T) {
	var s Stopwatch
	u := s.Stop()
	if u != (Usage{}) {
		t.Errorf("the zero Stopwatch measured %+v, want the zero Usage", u)
	}
	if got := u.Cores(); got != 0 {
		t.Errorf("Cores of the zero Usage = %v, want 0", got)
	}
	if got, want := u.Load(), "other programs' CPU use unknown on this system"; got != want {
		t.Errorf("Load of the zero Usage = %q, want %q", got, want)
	}
}

func TestUsageMethods(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		u          Usage
		cores      float64
		otherCores float64
		load       string
	}{
		{Usage{Wall: 100 * ms, CPU: 150 * ms, Others: 20 * ms, OthersKnown: true, CPUs: 2}, 1.5, 0.2,
			"other programs kept 0.20 of 2 CPUs busy"},
		{Usage{Wall: 100 * ms, CPU: 10 * ms, Others: 80 * ms, OthersKnown: true, CPUs: 4}, 0.1, 0.8,
			"other programs kept 0.80 of 4 CPUs busy (a busy machine: expect slower, noisier numbers)"},
		// The machine's CPU time is counted in ticks of 10ms, this program's exactly:
		// the difference can come out below 0.
		{Usage{Wall: 100 * ms, CPU: 100 * ms, Others: -5 * ms, OthersKnown: true, CPUs: 1}, 1, 0,
			"other programs kept 0.00 of 1 CPUs busy"},
		{Usage{Wall: 100 * ms, CPU: 50 * ms, CPUs: 2}, 0.5, -1, "other programs' CPU use unknown on this system"},
		{Usage{CPU: 50 * ms, OthersKnown: true, CPUs: 2}, 0, -1, "other programs' CPU use unknown on this system"},
	}
	for _, tt := range tests {
		if got := tt.u.Cores(); abs(got-tt.cores) > 1e-9 {
			t.Errorf("%+v: Cores = %v, want %v", tt.u, got, tt.cores)
		}
		if got := tt.u.otherCores(); abs(got-tt.otherCores) > 1e-9 {
			t.Errorf("%+v: otherCores = %v, want %v", tt.u, got, tt.otherCores)
		}
		if got := tt.u.Load(); got != tt.load {
			t.Errorf("%+v: Load = %q, want %q", tt.u, got, tt.load)
		}
	}
}

func TestParseStat(t *testing.T) {
	const two = "cpu  100 5 50 9000 7 1 2 3 0 0\ncpu0 50 2 25 4500 3 1 1 2 0 0\ncpu1 50 3 25 4500 4 0 1 1 0 0\nintr 1 2 3\n"
	tests := []struct {
		name string
		text string
		cpus int
		want time.Duration
		ok   bool
	}{
		// user 100 + nice 5 + system 50 + irq 1 + softirq 2 + steal 3 = 161 ticks of 10ms
		{"two CPUs", two, 2, 1610 * time.Millisecond, true},
		{"container pinned to one of two CPUs", two, 1, 0, false},
		{"more CPUs than listed", two, 4, 0, false},
		{"empty", "", 1, 0, false},
		{"too few fields", "cpu 1 2 3 4 5 6 7\ncpu0 1 2 3 4 5 6 7\n", 1, 0, false},
		{"not a number", "cpu 1 x 3 4 5 6 7 8\ncpu0 1 2 3 4 5 6 7 8\n", 1, 0, false},
		{"negative", "cpu 1 -2 3 4 5 6 7 8\ncpu0 1 2 3 4 5 6 7 8\n", 1, 0, false},
		{"first line not cpu", "intr 1 2 3 4 5 6 7 8\ncpu0 1 2 3 4 5 6 7 8\n", 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseStat(tt.text, tt.cpus)
			if got != tt.want || ok != tt.ok {
				t.Errorf("parseStat = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestComputingUsesCPUWaitingDoesNot: the two clocks tell computing from sleeping.
func TestComputingUsesCPUWaitingDoesNot(t *testing.T) {
	const d = 60 * time.Millisecond
	slept, err := MedianUsage(3, func() { time.Sleep(d) })
	if err != nil {
		t.Fatal(err)
	}
	Calibrate()
	computed, err := MedianUsage(3, func() { For(d) }) // d of CPU work, however busy the machine
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("slept: %+v; computed: %+v", slept, computed)
	if slept.Wall < d {
		t.Errorf("time.Sleep(%v) took %v on the wall clock", d, slept.Wall)
	}
	if slept.CPU > d/4 {
		t.Errorf("time.Sleep(%v) used %v of CPU time, want almost none", d, slept.CPU)
	}
	// On a busy machine the work takes longer on the wall clock, but not more or less CPU time.
	if computed.CPU < d/2 || computed.Cores() > 1.5 {
		t.Errorf("computing for %v used %v of CPU time (%.2f cores), want about one core", d, computed.CPU, computed.Cores())
	}
	if computed.CPUs != runtime.NumCPU() {
		t.Errorf("CPUs = %d, want runtime.NumCPU() = %d", computed.CPUs, runtime.NumCPU())
	}
	if runtime.GOOS == "linux" {
		if _, ok := machineTime(); ok && !computed.OthersKnown {
			t.Error("the machine's CPU time can be read, yet the others' CPU time is unknown")
		}
	}
}

// TestStopwatchCountsAllGoroutines: CPU time adds up the time of every core.
func TestStopwatchCountsAllGoroutines(t *testing.T) {
	if runtime.NumCPU() < 2 || runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs two CPUs")
	}
	const d = 80 * time.Millisecond
	Calibrate()
	watch := StartStopwatch()
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { For(d) })
	}
	wg.Wait()
	u := watch.Stop()
	t.Logf("two goroutines computing for %v: %+v", d, u)
	if busy := u.otherCores(); busy > float64(u.CPUs)-1.5 {
		t.Skipf("other programs kept %.2f of %d CPUs busy: two goroutines cannot compute at once", busy, u.CPUs)
	}
	if u.Cores() < 1.3 {
		t.Errorf("two computing goroutines kept %.2f cores busy, want about 2", u.Cores())
	}
	if lap := watch.Stop(); lap.Wall < u.Wall || lap.CPU < u.CPU {
		t.Errorf("a second Stop measured less (%+v) than the first (%+v)", lap, u)
	}
}

func abs(x float64) float64 { return max(x, -x) }

func TestUsageOf(t *testing.T) {
	slept := UsageOf(func() { time.Sleep(20 * time.Millisecond) })
	if slept.Wall < 20*time.Millisecond {
		t.Errorf("a 20ms sleep measured %v on the wall clock", slept.Wall)
	}
	if slept.CPU > 10*time.Millisecond {
		t.Errorf("a 20ms sleep used %v of CPU time, want almost none", slept.CPU)
	}
	if slept.CPUs < 1 {
		t.Errorf("CPUs = %d", slept.CPUs)
	}
	if got := UsageOf(nil); got != (Usage{}) {
		t.Errorf("UsageOf(nil) = %+v, want the zero Usage", got)
	}
}
