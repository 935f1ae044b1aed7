package lab

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/internal/display"
	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/workload"
)

func summary(median, low, high float64, count int) stats.Summary {
	return stats.Summary{Count: count, Min: low, MedianLow: low, Median: median, Mean: median, MedianHigh: high, Max: high}
}

// speedLine is how internal/coursetest/01_concurrency_vs_parallelism_test.go and internal/bench read the lines.
var speedLine = regexp.MustCompile(`GOMAXPROCS=(\d+): wait-bound ([\d.]+)× \(95% CI ([\d.]+)–([\d.]+)\) · CPU-bound ([\d.]+)× \(95% CI ([\d.]+)–([\d.]+)\)`)

func TestShowSpeedUps(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	procs := []int{1, 2, 3, 4}
	waits := Summaries{summary(6.5, 6.4, 6.6, 9), summary(6.6, 6.5, 6.7, 9), summary(6.6, 6.5, 6.7, 9), summary(6.6, 6.5, 6.7, 9)}
	cpus := Summaries{summary(1, 0.98, 1.02, 9), summary(1.9, 1.85, 1.95, 9), summary(1.8, 1.7, 1.9, 9), summary(1.85, 1.8, 1.9, 9)}
	got := display.Capture(func() { ShowSpeedUps(8, procs, waits, cpus, workload.Usage{}) })
	lines := speedLine.FindAllStringSubmatch(got, -1)
	if len(lines) != 4 || lines[1][0] != "GOMAXPROCS=2: wait-bound 6.60× (95% CI 6.50–6.70) · CPU-bound 1.90× (95% CI 1.85–1.95)" {
		t.Errorf("ShowSpeedUps printed speed-up lines %q", lines)
	}
	for _, want := range []string{
		"During the CPU-bound trials other programs' CPU use unknown on this system.\n",
		"Speed-up of 8 tasks run all at once instead of one by one",
		fmt.Sprintf("With %d CPUs and cores=2 (medians of 9 trials): Waiting gains ×6.5 already on one P; computing gains ×1.00 on one P and ×1.90 on 2 Ps (= cores), and ×1.85 at GOMAXPROCS=4\n", runtime.NumCPU()),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("ShowSpeedUps printed no %q:\n%s", want, got)
		}
	}
	if got := display.Capture(func() { ShowSpeedUps(8, procs, waits[:2], cpus, workload.Usage{}) }); !strings.HasPrefix(got, "lab.ShowSpeedUps: 4 settings but 2 wait-bound") {
		t.Errorf("ShowSpeedUps with too few summaries printed %q", got)
	}
}

func TestShowSplits(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	splits := []int{1, 2, 4, 10000}
	times := Summaries{summary(20, 19.5, 20.5, 11), summary(10.2, 10, 10.4, 11), summary(10.1, 10, 10.3, 11), summary(30.1, 28, 33, 11)}
	got := display.Capture(func() { ShowSplits(splits, 20*time.Millisecond, times, workload.Usage{}) })
	for _, want := range []string{
		"One CPU-bound job (20 ms of work) split into more and more goroutines",
		"cores=2: 1 goroutine 20.0 ms · fastest 4 goroutines 10.1 ms (95% CI 10.0–10.3) · 10000 goroutines 30.1 ms (95% CI 28.0–33.0), slower than the fastest split beyond the noise: about 2.00 µs more per goroutine · other programs' CPU use unknown",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("ShowSplits printed no %q:\n%s", want, got)
		}
	}
	times[3] = summary(10.5, 10.1, 11, 11) // overlaps the fastest split's interval
	if got := display.Capture(func() { ShowSplits(splits, 20*time.Millisecond, times, workload.Usage{}) }); !strings.Contains(got, "10.5 ms (95% CI 10.1–11.0), within the noise of the fastest split") {
		t.Errorf("ShowSplits with overlapping intervals printed:\n%s", got)
	}
	if got := display.Capture(func() { ShowSplits(splits, 20*time.Millisecond, times[:1], workload.Usage{}) }); !strings.HasPrefix(got, "lab.ShowSplits: 4 splits but 1 summaries") {
		t.Errorf("ShowSplits with too few summaries printed %q", got)
	}
}
