package workload

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Usage is what running some code cost in time: wall-clock time, the CPU time of
// this program (all its goroutines on all cores together), and the CPU time the
// other programs on the machine used meanwhile.
//
// Two clocks tell computing from waiting. Wall-clock time is what a stopwatch on
// the wall shows. CPU time adds up the time each core spent running this program,
// so a program that keeps two cores busy for 10ms uses 20ms of CPU time, and one
// that sleeps for 10ms uses almost none. Their ratio, [Usage.Cores], is how many
// cores the program kept busy on average.
//
// The program's CPU time comes from getrusage(2). The other programs' CPU time
// comes from Linux's /proc/stat; elsewhere, and in a container pinned to fewer
// CPUs than the machine has, it is unknown, and [Usage.Load] says so.
type Usage struct {
	Wall   time.Duration // wall-clock time
	CPU    time.Duration // CPU time of this program
	Others time.Duration // CPU time of all other programs; see OthersKnown
	// OthersKnown is false where the machine's CPU time cannot be read (see
	// above); Others is then 0.
	OthersKnown bool
	CPUs        int // runtime.NumCPU() at the time of the measurement
}

// Cores returns how many cores this program kept busy on average: CPU time ÷
// wall-clock time. It is 0 for a Usage without wall-clock time (the zero Usage).
func (u Usage) Cores() float64 {
	if u.Wall <= 0 {
		return 0
	}
	return u.CPU.Seconds() / u.Wall.Seconds()
}

// Load describes in words how busy the other programs kept the CPUs, for the
// one-line summary of an experiment, for example
//
//	other programs kept 0.12 of 2 CPUs busy
//	other programs kept 1.30 of 2 CPUs busy (a busy machine: expect slower, noisier numbers)
//	other programs' CPU use unknown on this system
//
// The note in brackets is added when the others kept more than half a CPU busy.
func (u Usage) Load() string {
	others := u.otherCores()
	if others < 0 {
		return "other programs' CPU use unknown on this system"
	}
	text := fmt.Sprintf("other programs kept %.2f of %d CPUs busy", others, u.CPUs)
	if others > 0.5 {
		text += " (a busy machine: expect slower, noisier numbers)"
	}
	return text
}

// otherCores returns how many cores the other programs kept busy on average:
// their CPU time ÷ wall-clock time, at least 0. It returns -1 when their CPU time
// is unknown, or when u has no wall-clock time.
func (u Usage) otherCores() float64 {
	if !u.OthersKnown || u.Wall <= 0 {
		return -1
	}
	return max(0, u.Others.Seconds()/u.Wall.Seconds())
}

// Stopwatch measures the [Usage] of everything the program does, in all of its
// goroutines, from the moment [StartStopwatch] returns it until its Stop method
// is called:
//
//	watch := workload.StartStopwatch()
//	... the experiment ...
//	load := watch.Stop()
//	fmt.Println(load.Load()) // "other programs kept 0.12 of 2 CPUs busy"
//
// It is a value: copy it freely, and call Stop as often as you like.
type Stopwatch struct {
	wall         time.Time
	cpu, machine time.Duration
	machineKnown bool
}

// StartStopwatch returns a Stopwatch that measures from now.
func StartStopwatch() Stopwatch {
	machine, ok := machineTime()
	return Stopwatch{cpu: processTime(), wall: time.Now(), machine: machine, machineKnown: ok}
}

// Stop returns the Usage since [StartStopwatch]: the wall-clock time, this
// program's CPU time, and the other programs' CPU time (the machine's CPU time
// less this program's). Each call measures from the start again, so it can also
// take a lap.
//
// A Stopwatch that did not come from StartStopwatch (the zero Stopwatch) has
// measured nothing: its Stop returns the zero Usage, whose Load says the other
// programs' use is unknown.
func (s Stopwatch) Stop() Usage {
	if s.wall.IsZero() {
		return Usage{}
	}
	wall, cpu := time.Since(s.wall), processTime()-s.cpu
	u := Usage{Wall: wall, CPU: cpu, CPUs: runtime.NumCPU()}
	if machine, ok := machineTime(); ok && s.machineKnown {
		u.Others, u.OthersKnown = machine-s.machine-cpu, true
	}
	return u
}

// UsageOf calls f once and returns what the call cost, measured like a
// [Stopwatch]: its wall-clock time, this program's CPU time and the other
// programs' CPU time meanwhile. For a nil f it returns the zero Usage.
//
//	a := workload.UsageOf(func() { oneAfterAnother(rec) })
//	fmt.Printf("%.2f cores busy\n", a.Cores())
func UsageOf(f func()) Usage {
	if f == nil {
		return Usage{}
	}
	watch := StartStopwatch()
	f()
	return watch.Stop()
}

// MedianUsage calls f n times, one call after another, measures each call like a
// [Stopwatch], and returns the medians: the median wall-clock time, the median
// CPU time and the median CPU time of the other programs (known only when it was
// known for every call). Every call counts, the first included: if f does
// something only the first time (such as a calibration), call it once before.
// It shows no progress: keep n × f's time to about a second. (Package workload
// imports no other helper but stats, so that a cell that only needs a stand-in
// for work stays quick to build: a dependency on trials brings GoNB's display
// code, and GoNB's `go get` then takes about 0.15 s longer in every cell.)
//
// MedianUsage returns an error, without calling f, if n < 1 or f is nil.
func MedianUsage(n int, f func()) (Usage, error) {
	const fn = "workload.MedianUsage"
	switch {
	case n < 1:
		return Usage{}, fmt.Errorf("%s: n must be >= 1, got %d", fn, n)
	case f == nil:
		return Usage{}, errors.New(fn + ": f is nil")
	}
	usages := make([]Usage, n)
	for i := range usages {
		usages[i] = UsageOf(f)
	}
	known := true
	for _, u := range usages {
		known = known && u.OthersKnown
	}
	wall, err1 := stats.MedianOf(usages, func(u Usage) time.Duration { return u.Wall })
	cpu, err2 := stats.MedianOf(usages, func(u Usage) time.Duration { return u.CPU })
	others, err3 := stats.MedianOf(usages, func(u Usage) time.Duration { return u.Others })
	if err := errors.Join(err1, err2, err3); err != nil { // cannot happen: n >= 1 finite durations
		return Usage{}, fmt.Errorf("%s: %w", fn, err)
	}
	m := Usage{Wall: wall, CPU: cpu, CPUs: runtime.NumCPU(), OthersKnown: known}
	if known {
		m.Others = others
	}
	return m, nil
}

// processTime returns the CPU time this program has used so far, in user and
// kernel mode, or 0 if the system cannot tell.
func processTime() time.Duration {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// machineTime returns the CPU time all programs have used since the machine
// started, from /proc/stat, or false where it cannot be read (see parseStat).
func machineTime() (time.Duration, bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, false
	}
	return parseStat(string(b), runtime.NumCPU())
}

// parseStat reads the machine's CPU time from the text of Linux's /proc/stat:
// its first line is "cpu" and the time all CPUs together spent in user, nice,
// system, idle, iowait, irq, softirq and steal mode (and more), in clock ticks
// of 1/100 s (USER_HZ, 100 on every Linux platform Go supports).
// Everything but idle and iowait counts. It reports false if the text does not
// have that shape, or if it lists a number of CPUs ("cpu0", "cpu1", …) other
// than cpus, the CPUs this program may use: the total would then count CPUs that
// do not compete with this program (a container pinned to some of them).
func parseStat(text string, cpus int) (time.Duration, bool) {
	first, rest, _ := strings.Cut(text, "\n")
	f := strings.Fields(first)
	if len(f) < 9 || f[0] != "cpu" || strings.Count("\n"+rest, "\ncpu") != cpus {
		return 0, false
	}
	var ticks int64
	for _, i := range []int{1, 2, 3, 6, 7, 8} { // user nice system irq softirq steal
		n, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil || n < 0 {
			return 0, false
		}
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond, true
}
