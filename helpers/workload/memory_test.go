package workload

import (
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseStatus(t *testing.T) {
	const status = "Name:\tcells\nVmPeak:\t 2000 kB\nVmSize:\t 1500 kB\nVmRSS:\t   300 kB\nThreads:\t7\nSigQ:\t0/100\n"
	k, ok := parseStatus(status)
	if !ok || k.rss != 300*KB || k.addressSpace != 1500*KB || k.threads != 7 {
		t.Errorf("parseStatus = %+v, %v; want RSS 300 KB, address space 1500 KB, 7 threads", k, ok)
	}
	for _, bad := range []string{"", "VmRSS:\t300 kB\n", "Threads:\t7\n", "VmRSS:\tlots\nThreads:\t7\n"} {
		if _, ok := parseStatus(bad); ok {
			t.Errorf("parseStatus(%q) ok, want not ok", bad)
		}
	}
	if b, ok := parseMeminfo("MemTotal:  4000 kB\nMemAvailable:    2048 kB\n"); !ok || b != 2*MB {
		t.Errorf("parseMeminfo = %v, %v; want 2 MB", b, ok)
	}
	for _, bad := range []string{"", "MemTotal: 4000 kB\n", "MemAvailable:\n", "MemAvailable: x kB\n"} {
		if _, ok := parseMeminfo(bad); ok {
			t.Errorf("parseMeminfo(%q) ok, want not ok", bad)
		}
	}
	if left, ok := parseCgroup("1048576\n", "524288\n"); !ok || left != 512*KB {
		t.Errorf("parseCgroup = %v, %v; want 512 KB", left, ok)
	}
	if _, ok := parseCgroup("max\n", "524288\n"); ok {
		t.Errorf("parseCgroup(max) limited, want no limit")
	}
}

func TestReadAndKernelCounts(t *testing.T) {
	r := ReadMemory()
	if r.Stack <= 0 || r.FromOS <= 0 {
		t.Errorf("ReadMemory() = %+v: want stack and memory from the OS in use", r)
	}
	if runtime.GOOS != "linux" {
		t.Skip("the kernel's counts come from Linux's /proc")
	}
	if !KernelCounts() || r.RSS <= 0 || r.AddressSpace < r.RSS || r.Threads < 1 {
		t.Errorf("ReadMemory() = %+v, KernelCounts() = %v: want RSS, address space >= RSS, threads", r, KernelCounts())
	}
	if b, ok := availableMemory(); !ok || b <= 0 {
		t.Errorf("availableMemory() = %v, %v; want some memory", b, ok)
	}
}

// park starts n goroutines that wait at a gate (each locked to its own OS thread
// with lockThread) and measures them; release lets them end.
func park(t *testing.T, n int, lockThread bool) (cost MemoryCost, release func()) {
	t.Helper()
	gate := make(chan struct{})
	var waiting atomic.Int64
	meter := MeasureMemory(n)
	for range n {
		go func() {
			if lockThread {
				runtime.LockOSThread()
			}
			waiting.Add(1)
			<-gate
		}()
	}
	meter.Started()
	for waiting.Load() < int64(n) {
		time.Sleep(100 * time.Microsecond)
	}
	return meter.Stop(), func() { close(gate) }
}

func TestMeterGoroutines(t *testing.T) {
	ReleaseMemory()
	cost, release := park(t, 2000, false)
	defer release()
	if cost.Err != nil || cost.N != 2000 {
		t.Fatalf("cost = %+v", cost)
	}
	if cost.Stack < 1*KB || cost.Stack > 16*KB {
		t.Errorf("%.0f bytes of stack per goroutine, want 1-16 KB", cost.Stack)
	}
	if cost.FromOS < cost.Stack/2 {
		t.Errorf("%.0f bytes from the OS per goroutine, less than half its %.0f bytes of stack", cost.FromOS, cost.Stack)
	}
	if cost.Start <= 0 || cost.StartMicros() != float64(cost.Start)/1000 {
		t.Errorf("Start %v, StartMicros %v", cost.Start, cost.StartMicros())
	}
	if cost.bytes() != max(cost.Stack, cost.FromOS, cost.RSS) {
		t.Errorf("Bytes() = %v, want the largest of %+v", cost.bytes(), cost)
	}
}

func TestMeterThreads(t *testing.T) {
	if !KernelCounts() {
		t.Skip("the system does not report threads")
	}
	const n = 20
	before := ReadMemory().Threads
	cost, release := park(t, n, true)
	// Idle threads may be reused, but each locked goroutine holds its own, and
	// this test's goroutine runs on yet another.
	if cost.Threads < n+1 {
		t.Errorf("%d threads with %d goroutines locked to theirs, want at least %d", cost.Threads, n, n+1)
	}
	if cost.RSS <= 0 {
		t.Errorf("RSS grew by %.0f bytes per locked thread, want growth", cost.RSS)
	}
	release() // the goroutines end locked, so their threads exit
	if after, err := WaitForThreads(before+n/2, 10*time.Second); err != nil || after > before+n/2 {
		t.Errorf("WaitForThreads = %d, %v: want at most %d once the locked goroutines ended", after, err, before+n/2)
	}
}

func TestMeterClock(t *testing.T) {
	// Without Started, the clock runs until Stop: at least the 20ms slept.
	m := MeasureMemory(2)
	time.Sleep(20 * time.Millisecond)
	if c := m.Stop(); c.Start < 10*time.Millisecond {
		t.Errorf("Start = %v per unit for 2 units over 20ms, want >= 10ms", c.Start)
	}
	// After Started, the time stays put; later calls of Started do not count.
	m = MeasureMemory(1)
	m.Started()
	first := m.Stop().Start
	time.Sleep(5 * time.Millisecond)
	m.Started()
	if again := m.Stop().Start; again != first {
		t.Errorf("Start moved from %v to %v after Started", first, again)
	}
}

func TestBudget(t *testing.T) {
	b := Budget{Bytes: 10 * MB, Reason: "Limit (10 MB)"}
	if err := b.allows(1000, KB); err != nil {
		t.Errorf("1,000 × 1 KB in 10 MB: %v", err)
	}
	if err := b.allows(10240, KB); err != nil {
		t.Errorf("exactly 10 MB in 10 MB: %v", err)
	}
	err := b.allows(10241, KB)
	if err == nil || err.Error() != "at 1.0 KB each they would need about 10 MB, more than Limit (10 MB) allows" {
		t.Errorf("10,241 × 1 KB in 10 MB: %v", err)
	}
	nb, err := NewBudget("MemoryBudget", 64*MB)
	if err != nil || nb.Bytes > 64*MB || nb.Bytes <= 0 {
		t.Fatalf("NewBudget = %+v, %v", nb, err)
	}
	if nb.Bytes == 64*MB && nb.Reason != "MemoryBudget (64 MB)" {
		t.Errorf("Reason = %q", nb.Reason)
	}
	huge, _ := NewBudget("MemoryBudget", 1<<50)
	if available, ok := availableMemory(); ok && (huge.Bytes > available/2+1 || !strings.HasPrefix(huge.Reason, "half the memory available")) {
		t.Errorf("a 1 PB budget gave %+v with %v available, want half of that", huge, available)
	}
}

func TestSteps(t *testing.T) {
	b := Budget{Bytes: 100 * KB, Reason: "test"}
	var measured []int
	costs, err := b.Steps("units", []int{10, 20, 50, 30}, KB, func(n int) MemoryCost {
		measured = append(measured, n)
		return MemoryCost{N: n, Stack: 1 * KB, FromOS: 3 * KB}
	})
	// 10 × 1 KB guessed fits; then 3 KB each: 20 fits (60 KB), 50 does not (150 KB), 30 fits (90 KB).
	if err != nil || len(costs) != 3 || costs[0].N != 10 || costs[1].N != 20 || costs[2].N != 30 {
		t.Errorf("Steps = %v, %v; want steps 10, 20, 30", costs, err)
	}
	if len(measured) != 3 || measured[2] != 30 {
		t.Errorf("measured %v, want 10 20 30", measured)
	}
	// A measurement that failed stops the steps.
	costs, err = b.Steps("units", []int{10, 20}, KB, func(n int) MemoryCost {
		if n == 20 {
			return MeasureMemory(0).Stop()
		}
		return MemoryCost{N: n, Stack: KB}
	})
	if err == nil || len(costs) != 1 {
		t.Errorf("Steps with a failing step = %v, %v; want the first step and an error", costs, err)
	}
}

func TestCosts(t *testing.T) {
	cs := MemoryCosts{{N: 1000, Stack: 2 * KB, FromOS: 3 * KB, RSS: 4 * KB, Start: 1500 * time.Nanosecond}, {N: 1_000_000, Stack: KB / 2}}
	if got := strings.Join(cs.Counts(), " "); got != "1,000 1,000,000" {
		t.Errorf("Counts = %q", got)
	}
	for name, c := range map[string]struct{ got, want []float64 }{
		"StackKB":     {cs.StackKB(), []float64{2, 0.5}},
		"FromOSKB":    {cs.FromOSKB(), []float64{3, 0}},
		"StartMicros": {cs.StartMicros(), []float64{1.5, 0}},
	} {
		if len(c.got) != 2 || c.got[0] != c.want[0] || c.got[1] != c.want[1] {
			t.Errorf("%s = %v, want %v", name, c.got, c.want)
		}
	}
	if s := cs[0].String(); s != "2.0 KB of stack, 3.0 KB from the OS and 4.0 KB of RSS each; 1.50 µs each to start" {
		t.Errorf("String = %q", s)
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		bytes float64
		want  string
	}{{0, "0.0 KB"}, {512, "0.5 KB"}, {2765, "2.7 KB"}, {MB, "1 MB"}, {268.4 * MB, "268 MB"}, {GB, "1.0 GB"}, {-2048, "-2.0 KB"}} {
		if got := FormatBytes(c.bytes); got != c.want {
			t.Errorf("FormatBytes(%v) = %q, want %q", c.bytes, got, c.want)
		}
	}
}

func TestStacksAfterGCs(t *testing.T) {
	labels, mb := StacksAfterGCs(3, 0)
	if !slices.Equal(labels, []string{"0 (just back)", "1", "2", "3"}) {
		t.Errorf("labels = %q", labels)
	}
	if len(mb) != 4 {
		t.Fatalf("got %d readings, want 4", len(mb))
	}
	for i, v := range mb {
		if !(v > 0) {
			t.Errorf("reading %d = %v MB of stack, want > 0 (this goroutine's own stack at least)", i, v)
		}
	}
	if labels, mb := StacksAfterGCs(-1, 0); len(labels) != 1 || len(mb) != 1 {
		t.Errorf("gcs = -1 gave %q, %v; want one reading", labels, mb)
	}
}
