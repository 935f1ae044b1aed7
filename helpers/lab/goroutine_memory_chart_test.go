package lab

import (
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/helpers/internal/display"
	"github.com/go-concurrency-lab/course/helpers/workload"
)

func TestShowGoroutineMemory(t *testing.T) {
	c := workload.MemoryCost{N: 10, Stack: 2 * workload.KB, FromOS: 3 * workload.KB, RSS: 3 * workload.KB, Start: 1000}
	got := display.Capture(func() { ShowGoroutines(workload.MemoryCosts{c, c}, workload.MemoryCosts{c, c}) })
	for _, want := range []string{"Memory per goroutine", "≈ 3.0 KB and 1.00 µs per goroutine", "Time per go statement"} {
		if !strings.Contains(got, want) {
			t.Errorf("ShowGoroutines printed %q, want it to contain %q", got, want)
		}
	}
	if got := display.Capture(func() { ShowGoroutines(nil, nil) }); got != "" {
		t.Errorf("ShowGoroutines(nil, nil) printed %q, want nothing", got)
	}
	got = display.Capture(func() { ShowThreadVsGoroutine(c, workload.MemoryCost{N: 1, RSS: 21 * workload.KB, Start: 50000}) })
	for _, want := range []string{"an OS thread used 7.0× the memory of a goroutine", "starting an OS thread took 50× as long"} {
		if !strings.Contains(got, want) {
			t.Errorf("ShowThreadVsGoroutine printed %q, want it to contain %q", got, want)
		}
	}
}
