package workload

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// MemoryMeter measures what each of n units, such as goroutines or OS threads,
// started after [MeasureMemory] costs: the growth of the process's memory from
// MeasureMemory to Stop, divided by n, and the time from MeasureMemory to
// Started, divided by n. The units themselves (the go statements, the goroutines
// that wait) stay with the caller:
//
//	meter := workload.MeasureMemory(n)
//	for range n {
//		go func() { <-gate }()
//	}
//	meter.Started()
//	... wait until all n have reached the gate ...
//	cost := meter.Stop() // cost.Stack: bytes of stack per goroutine
//
// A MemoryMeter is used by the goroutine that starts the units; its methods are not
// safe for concurrent use.
type MemoryMeter struct {
	n       int
	before  MemoryReading
	start   time.Time
	took    time.Duration
	started bool
}

// MeasureMemory reads the memory in use now and starts the clock, for n units
// that the caller starts next. Call [ReleaseMemory] first to start from the memory really in use.
// A MemoryMeter for n < 1 measures nothing: its Stop returns a MemoryCost with Err set.
func MeasureMemory(n int) *MemoryMeter {
	m := &MemoryMeter{n: n}
	if n > 0 {
		m.before = ReadMemory()
	}
	m.start = time.Now()
	return m
}

// Started stops the clock: the units have been started. MemoryCost.Start is the time
// from MeasureMemory to the first call of Started, divided by n. Without a call,
// the clock runs until Stop.
func (m *MemoryMeter) Started() {
	if m != nil && !m.started {
		m.took, m.started = time.Since(m.start), true
	}
}

// Stop reads the memory in use again and returns the cost of each unit. Call it
// while the units are still alive (waiting at a gate, for example). Each call
// reads the memory again; the time stays that of the first call of Started.
func (m *MemoryMeter) Stop() MemoryCost {
	if m == nil {
		return MemoryCost{Err: fmt.Errorf("workload.MemoryMeter.Stop: the MemoryMeter is nil; get one from workload.MeasureMemory")}
	}
	if m.n < 1 {
		return MemoryCost{N: m.n, Err: fmt.Errorf("workload.MeasureMemory: n must be > 0, got %d", m.n)}
	}
	took := m.took
	if !m.started {
		took = time.Since(m.start)
	}
	after, n := ReadMemory(), float64(m.n)
	return MemoryCost{
		N:            m.n,
		Stack:        (after.Stack - m.before.Stack) / n,
		FromOS:       (after.FromOS - m.before.FromOS) / n,
		RSS:          (after.RSS - m.before.RSS) / n,
		AddressSpace: (after.AddressSpace - m.before.AddressSpace) / n,
		Start:        took / time.Duration(m.n),
		Threads:      after.Threads,
	}
}

// MemoryCost is what each of N units cost, measured by a MemoryMeter. Sizes are bytes per
// unit: the growth of the MemoryReading field of the same name, divided by N. Growth
// can be negative when the runtime or the kernel gave memory back meanwhile.
type MemoryCost struct {
	N            int
	Stack        float64
	FromOS       float64
	RSS          float64       // 0 where the kernel's counts are unknown
	AddressSpace float64       // 0 where the kernel's counts are unknown
	Start        time.Duration // time to start each unit
	Threads      int           // OS threads of the process at Stop; 0 where unknown
	// Err is set when the MemoryMeter was given bad input; the other fields are then
	// zero, but for N.
	Err error
}

// bytes returns the largest of c's per-unit sizes Stack, FromOS and RSS: the
// memory a budget should reckon with for each unit.
func (c MemoryCost) bytes() float64 { return max(c.Stack, c.FromOS, c.RSS) }

// StartMicros returns c.Start in microseconds, the unit of the course's charts
// of start-up times.
func (c MemoryCost) StartMicros() float64 { return float64(c.Start) / float64(time.Microsecond) }

// String describes c in one line, for example
// "2.6 KB of stack, 2.8 KB from the OS and 3.1 KB of RSS each; 0.53 µs each to start"
// (without the RSS where it is unknown), or gives c.Err's message.
func (c MemoryCost) String() string {
	if c.Err != nil {
		return c.Err.Error()
	}
	sizes := []string{FormatBytes(c.Stack) + " of stack", FormatBytes(c.FromOS) + " from the OS"}
	if c.RSS != 0 {
		sizes = append(sizes, FormatBytes(c.RSS)+" of RSS")
	}
	last := len(sizes) - 1
	return fmt.Sprintf("%s and %s each; %.2f µs each to start", strings.Join(sizes[:last], ", "), sizes[last], c.StartMicros())
}

// MemoryCosts are the costs measured at several sizes, such as the steps of
// [Budget.Steps]. Its methods return one value per MemoryCost, for chart series.
type MemoryCosts []MemoryCost

// Counts returns each N with thousands separators, for chart labels: "1,000".
func (cs MemoryCosts) Counts() []string {
	return each(cs, func(c MemoryCost) string { return stats.FormatCount(c.N) })
}

// StackKB returns each Stack in KB.
func (cs MemoryCosts) StackKB() []float64 {
	return each(cs, func(c MemoryCost) float64 { return c.Stack / KB })
}

// FromOSKB returns each FromOS in KB.
func (cs MemoryCosts) FromOSKB() []float64 {
	return each(cs, func(c MemoryCost) float64 { return c.FromOS / KB })
}

// StartMicros returns each Start in microseconds.
func (cs MemoryCosts) StartMicros() []float64 { return each(cs, MemoryCost.StartMicros) }

func each[T any](cs MemoryCosts, f func(MemoryCost) T) []T {
	out := make([]T, len(cs))
	for i, c := range cs {
		out[i] = f(c)
	}
	return out
}
