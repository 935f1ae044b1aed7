package compare

import (
	"bytes"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/cpu"
	"github.com/go-concurrency-lab/course/helpers/display"
	"github.com/go-concurrency-lab/course/helpers/stats"
)

func TestSettings(t *testing.T) {
	for _, tt := range []struct {
		cores int
		want  []int
	}{
		{0, []int{1, 2}},
		{1, []int{1, 2}},
		{2, []int{1, 2, 3, 4}},
		{3, []int{1, 2, 3, 4, 6}},
		{12, []int{1, 2, 3, 4, 8, 12, 16, 24}},
		{200, []int{1, 2, 3, 4, 8, 16, 32, 64, 128, 200, 256}},
	} {
		if got := Settings(tt.cores); !slices.Equal(got, tt.want) {
			t.Errorf("Settings(%d) = %v, want %v", tt.cores, got, tt.want)
		}
	}
}

// capture returns what f printed to display.Stdout.
func capture(f func()) string {
	var out bytes.Buffer
	saved := display.Stdout
	display.Stdout = &out
	defer func() { display.Stdout = saved }()
	f()
	return out.String()
}

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
	got := capture(func() { ShowSpeedUps(8, procs, waits, cpus, cpu.Usage{}) })
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
	if got := capture(func() { ShowSpeedUps(8, procs, waits[:2], cpus, cpu.Usage{}) }); !strings.HasPrefix(got, "compare.ShowSpeedUps: 4 settings but 2 wait-bound") {
		t.Errorf("ShowSpeedUps with too few summaries printed %q", got)
	}
}

func TestShowSplits(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	splits := []int{1, 2, 4, 10000}
	times := Summaries{summary(20, 19.5, 20.5, 11), summary(10.2, 10, 10.4, 11), summary(10.1, 10, 10.3, 11), summary(30.1, 28, 33, 11)}
	got := capture(func() { ShowSplits(splits, 20*time.Millisecond, times, cpu.Usage{}) })
	for _, want := range []string{
		"One CPU-bound job (20 ms of work) split into more and more goroutines",
		"cores=2: 1 goroutine 20.0 ms · fastest 4 goroutines 10.1 ms (95% CI 10.0–10.3) · 10000 goroutines 30.1 ms (95% CI 28.0–33.0), slower than the fastest split beyond the noise: about 2.00 µs more per goroutine · other programs' CPU use unknown",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("ShowSplits printed no %q:\n%s", want, got)
		}
	}
	times[3] = summary(10.5, 10.1, 11, 11) // overlaps the fastest split's interval
	if got := capture(func() { ShowSplits(splits, 20*time.Millisecond, times, cpu.Usage{}) }); !strings.Contains(got, "10.5 ms (95% CI 10.1–11.0), within the noise of the fastest split") {
		t.Errorf("ShowSplits with overlapping intervals printed:\n%s", got)
	}
	if got := capture(func() { ShowSplits(splits, 20*time.Millisecond, times[:1], cpu.Usage{}) }); !strings.HasPrefix(got, "compare.ShowSplits: 4 splits but 1 summaries") {
		t.Errorf("ShowSplits with too few summaries printed %q", got)
	}
}
