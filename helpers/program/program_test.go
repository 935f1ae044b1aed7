package program

import (
	"strings"
	"testing"
	"time"
)

const sleeper = `package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	fmt.Println("started")
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "no arguments, please")
		os.Exit(3)
	}
	time.Sleep(200 * time.Millisecond)
	fmt.Println("done")
}
`

func build(t *testing.T, source string) *Program {
	t.Helper()
	p, err := Build(source)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Remove() })
	return p
}

func TestBadInput(t *testing.T) {
	p := build(t, sleeper)
	removed := build(t, sleeper)
	removed.Remove()
	var none *Program
	_, empty := Build("  \n")
	_, broken := Build("package main\n\nfunc main() { undefinedThing() }\n")
	_, zeroRuns := p.Run(0, 1)
	_, zeroAtOnce := p.Run(1, 0)
	_, nilProgram := none.Run(1, 1)
	_, afterRemove := removed.Run(1, 1)
	for _, c := range []struct {
		err  error
		want string
	}{
		{empty, "program.Build: source is empty"},
		{broken, "program.Build: go build: exit status 1\n"},
		{broken, "undefined: undefinedThing"},
		{zeroRuns, "program.Run: n must be > 0, got 0"},
		{zeroAtOnce, "program.Run: atOnce must be > 0, got 0"},
		{nilProgram, "program.Run: the Program is nil"},
		{afterRemove, "program.Run: the Program was removed"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("got error %v, want one containing %q", c.err, c.want)
		}
	}
	if err := none.Remove(); err != nil {
		t.Errorf("Remove of a nil Program: %v", err)
	}
	if err := removed.Remove(); err != nil {
		t.Errorf("second Remove: %v", err)
	}
}

func TestRunFailures(t *testing.T) {
	failing := build(t, strings.Replace(sleeper, "len(os.Args) > 1", "true", 1))
	runs, err := failing.Run(5, 1)
	if err == nil || !strings.Contains(err.Error(), "program.Run: run 1 of 5: exit status 3; standard error: no arguments, please") {
		t.Errorf("a failing program: %v", err)
	}
	if len(runs.Outputs) != 1 || runs.Outputs[0] != "started\n" {
		t.Errorf("a failing program: outputs %q, want the first run's only", runs.Outputs)
	}
	slow := build(t, sleeper)
	slow.Timeout = 50 * time.Millisecond
	if _, err := slow.Run(1, 1); err == nil || !strings.Contains(err.Error(), "program.Run: run 1 of 1: still running after 50ms, stopped") {
		t.Errorf("a program over its Timeout: %v", err)
	}
}

func TestRun(t *testing.T) {
	p := build(t, sleeper)
	// Four runs of 200ms, two at a time, take at least 400ms in all.
	runs, err := p.Run(4, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs.Outputs) != 4 || len(runs.Took) != 4 {
		t.Fatalf("%d outputs and %d times, want 4", len(runs.Outputs), len(runs.Took))
	}
	for i, out := range runs.Outputs {
		if out != "started\ndone\n" {
			t.Errorf("run %d printed %q", i, out)
		}
		if runs.Took[i] < 200*time.Millisecond {
			t.Errorf("run %d took %v, less than its 200ms sleep", i, runs.Took[i])
		}
	}
	if runs.Total < 400*time.Millisecond {
		t.Errorf("4 runs of 200ms, at most 2 at once, took %v in all, want >= 400ms", runs.Total)
	}
	if m := runs.Median(); m < 200*time.Millisecond {
		t.Errorf("median run %v, want >= 200ms", m)
	}
	if got := runs.Printed("done").String(); got != "4/4 (100%)" {
		t.Errorf("Printed(done) = %s", got)
	}
	if got := runs.Printed("don").String(); got != "0/4 (0%)" {
		t.Errorf("Printed(don) = %s, want whole lines only", got)
	}
	if got := (Runs{}).Printed("x"); got.Total != 0 || (Runs{}).Median() != 0 {
		t.Errorf("no runs: %v, %v", got, (Runs{}).Median())
	}
}

func TestLanguageVersion(t *testing.T) {
	for toolchain, want := range map[string]string{"go1.26.8": "1.26", "go1.22": "1.22", "go1.30rc1": "1.30", "devel go1.27-abc": "1.22"} {
		if got := languageVersion(toolchain); got != want {
			t.Errorf("languageVersion(%q) = %q, want %q", toolchain, got, want)
		}
	}
}
