package memory

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Meter measures what each of n units, such as goroutines, started after
// Measure costs: the growth of the process's memory from Measure to Stop,
// divided by n, and the time from Measure to Started, divided by n.
//
// A Meter is used by the goroutine that starts the units; its methods are not
// safe for concurrent use.
type Meter struct {
	n       int
	before  Reading
	start   time.Time
	took    time.Duration
	started bool
}

// Measure reads the memory in use now and starts the clock, for n units that the
// caller starts next. Call Release first to start from the memory really in use.
// A Meter for n < 1 measures nothing: its Stop returns a Cost with Err set.
func Measure(n int) *Meter {
	m := &Meter{n: n}
	if n > 0 {
		m.before = Read()
	}
	m.start = time.Now()
	return m
}

// Started stops the clock: the units have been started. Cost.Start is the time
// from Measure to the first call of Started, divided by n. Without a call,
// the clock runs until Stop.
func (m *Meter) Started() {
	if m != nil && !m.started {
		m.took, m.started = time.Since(m.start), true
	}
}

// Stop reads the memory in use again and returns the cost of each unit. Call it
// while the units are still alive (waiting at a gate, for example). Each call
// reads the memory again; the time stays that of the first call of Started.
func (m *Meter) Stop() Cost {
	if m == nil {
		return Cost{Err: fmt.Errorf("memory.Meter.Stop: the Meter is nil; get one from memory.Measure")}
	}
	if m.n < 1 {
		return Cost{N: m.n, Err: fmt.Errorf("memory.Measure: n must be > 0, got %d", m.n)}
	}
	took := m.took
	if !m.started {
		took = time.Since(m.start)
	}
	after, n := Read(), float64(m.n)
	return Cost{
		N:            m.n,
		Stack:        (after.Stack - m.before.Stack) / n,
		FromOS:       (after.FromOS - m.before.FromOS) / n,
		RSS:          (after.RSS - m.before.RSS) / n,
		AddressSpace: (after.AddressSpace - m.before.AddressSpace) / n,
		Start:        took / time.Duration(m.n),
		Threads:      after.Threads,
	}
}

// Cost is what each of N units cost, measured by a Meter. Sizes are bytes per
// unit: the growth of the Reading field of the same name, divided by N. Growth
// can be negative when the runtime or the kernel gave memory back meanwhile.
type Cost struct {
	N            int
	Stack        float64
	FromOS       float64
	RSS          float64       // 0 where the kernel's counts are unknown
	AddressSpace float64       // 0 where the kernel's counts are unknown
	Start        time.Duration // time to start each unit
	Threads      int           // OS threads of the process at Stop; 0 where unknown
	// Err is set when the Meter was given bad input; the other fields are then
	// zero, but for N.
	Err error
}

// Bytes returns the largest of c's per-unit sizes Stack, FromOS and RSS: the
// memory a budget should reckon with for each unit.
func (c Cost) Bytes() float64 { return max(c.Stack, c.FromOS, c.RSS) }

// StartMicros returns c.Start in microseconds, the unit of the course's charts
// of start-up times.
func (c Cost) StartMicros() float64 { return float64(c.Start) / float64(time.Microsecond) }

// String describes c in one line, for example
// "2.6 KB of stack, 2.8 KB from the OS and 3.1 KB of RSS each; 0.53 µs each to start"
// (without the RSS where it is unknown), or gives c.Err's message.
func (c Cost) String() string {
	if c.Err != nil {
		return c.Err.Error()
	}
	sizes := []string{Size(c.Stack) + " of stack", Size(c.FromOS) + " from the OS"}
	if c.RSS != 0 {
		sizes = append(sizes, Size(c.RSS)+" of RSS")
	}
	last := len(sizes) - 1
	return fmt.Sprintf("%s and %s each; %.2f µs each to start", strings.Join(sizes[:last], ", "), sizes[last], c.StartMicros())
}

// Costs are the costs measured at several sizes, such as the steps of
// Budget.Steps. Its methods return one value per Cost, for chart series.
type Costs []Cost

// Counts returns each N with thousands separators, for chart labels: "1,000".
func (cs Costs) Counts() []string {
	return each(cs, func(c Cost) string { return stats.FormatCount(c.N) })
}

// StackKB returns each Stack in KB.
func (cs Costs) StackKB() []float64 { return each(cs, func(c Cost) float64 { return c.Stack / KB }) }

// FromOSKB returns each FromOS in KB.
func (cs Costs) FromOSKB() []float64 { return each(cs, func(c Cost) float64 { return c.FromOS / KB }) }

// RSSKB returns each RSS in KB.
func (cs Costs) RSSKB() []float64 { return each(cs, func(c Cost) float64 { return c.RSS / KB }) }

// StartMicros returns each Start in microseconds.
func (cs Costs) StartMicros() []float64 { return each(cs, Cost.StartMicros) }

func each[T any](cs Costs, f func(Cost) T) []T {
	out := make([]T, len(cs))
	for i, c := range cs {
		out[i] = f(c)
	}
	return out
}
