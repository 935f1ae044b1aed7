// Package helpers is the course's toolbox. A notebook cell keeps the concurrency it
// teaches in plain sight and calls these packages, each with one job, for everything else.
//
// The packages (a test checks that this list names every folder under helpers/, and that
// README.md lists the same):
//   - [github.com/go-concurrency-lab/course/helpers] (this package) describes the machine the notebook runs on, because every number the course measures depends on it;
//   - [github.com/go-concurrency-lab/course/helpers/trials] runs experiments: many trials, under a chosen GOMAXPROCS, and grids of settings × contenders;
//   - [github.com/go-concurrency-lab/course/helpers/stats] summarises outcomes: medians with confidence intervals, shares, verdicts, number formatting;
//   - [github.com/go-concurrency-lab/course/helpers/chart] draws charts inline in the notebook (go-echarts, offline), and turns results into series;
//   - [github.com/go-concurrency-lab/course/helpers/timeline] records what ran when, and reads the scheduler's own trace;
//   - [github.com/go-concurrency-lab/course/helpers/guard] runs code that may deadlock or panic, and reports instead of hanging;
//   - [github.com/go-concurrency-lab/course/helpers/program] builds a small Go program, runs it as a child process, and vets it;
//   - [github.com/go-concurrency-lab/course/helpers/check] grades the exercises;
//   - [github.com/go-concurrency-lab/course/helpers/workload] stands in for real work, and tells what it costs in time, CPU and memory;
//   - [github.com/go-concurrency-lab/course/helpers/lab] holds the helpers that serve a single notebook, each file naming its notebook.
//
// Where a new helper goes: into the package whose job it does; if only one notebook needs it,
// into lab, until a second notebook needs it and it moves to the package of its job.
// Plumbing that no cell calls lives under helpers/internal: GoNB output (display, progress), the
// go command (gobuild) and goroutine dumps (stacks).
package helpers

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
)

// Machine is what the measurements depend on.
type Machine struct {
	GoVersion  string  // runtime.Version(), e.g. "go1.26.8"
	GoNB       string  // the GoNB kernel's own version, "" outside a notebook
	GoNBModule string  // the gonb module version this program was built with
	NumCPU     int     // logical CPUs the process may use
	GOMAXPROCS int     // Ps: goroutines that can run Go code at the same instant
	CPULimit   float64 // the container's CPU quota in CPUs; 0 when there is none
}

// Describe returns the current machine.
func Describe() Machine {
	m := Machine{
		GoVersion:  runtime.Version(),
		GoNB:       os.Getenv("GONB_VERSION"),
		NumCPU:     runtime.NumCPU(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		CPULimit:   cpuLimit(),
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/janpfeifer/gonb" {
				m.GoNBModule = dep.Version
			}
		}
	}
	return m
}

// PrintMachine prints the machine in two lines. The setup cell of every notebook calls it,
// so a broken setup fails there, at the top, and not three cells later.
func PrintMachine() {
	fmt.Println(Describe())
}

// String describes the machine in two lines.
func (m Machine) String() string {
	gonb := m.GoNB
	if gonb == "" {
		gonb = "not running in GoNB"
	}
	if m.GoNBModule != "" {
		gonb += " (gonbui module " + m.GoNBModule + ")"
	}
	limit := "no container CPU limit"
	if m.CPULimit > 0 {
		limit = "container CPU limit " + strconv.FormatFloat(m.CPULimit, 'g', 3, 64) + " CPUs"
	}
	return fmt.Sprintf("%s · GoNB %s\n%d CPUs · GOMAXPROCS=%d · %s", m.GoVersion, gonb, m.NumCPU, m.GOMAXPROCS, limit)
}

// cpuLimit reads the CPU quota of a Linux container (cgroup v2, then v1); 0 means none.
func cpuLimit() float64 {
	if b, err := os.ReadFile("/sys/fs/cgroup/cpu.max"); err == nil {
		return quota(strings.Fields(string(b)))
	}
	q, err1 := os.ReadFile("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")
	p, err2 := os.ReadFile("/sys/fs/cgroup/cpu/cpu.cfs_period_us")
	if err1 != nil || err2 != nil {
		return 0
	}
	return quota([]string{strings.TrimSpace(string(q)), strings.TrimSpace(string(p))})
}

// quota turns "max 100000" or "200000 100000" (quota, period in µs) into CPUs.
func quota(fields []string) float64 {
	if len(fields) != 2 || fields[0] == "max" || fields[0] == "-1" {
		return 0
	}
	q, err1 := strconv.ParseFloat(fields[0], 64)
	p, err2 := strconv.ParseFloat(fields[1], 64)
	if err1 != nil || err2 != nil || q <= 0 || p <= 0 {
		return 0
	}
	return q / p
}
