// Package program builds a small Go program from its source with the Go
// toolchain, as `go build` in a terminal would, and runs it as a child process,
// many times, to see what a whole program does: for example, whether a
// goroutine's line is printed before main returns and the process ends.
//
//	seed, err := program.Build(source) // once
//	defer seed.Remove()
//	runs, err := seed.Run(100, 1)      // 100 runs, one after another
//	fmt.Println(runs.Printed("Hello from the goroutine!")) // "3/100 (3%)"
//
// Build needs the go command (on PATH, or in $GOROOT/bin) and builds with the
// local toolchain, without cgo and outside any workspace, so a build inside a
// notebook cell behaves like one in an empty folder.
//
// Bad input (empty source, fewer than one run, a nil or removed Program) is
// reported as an error that names the function, the parameter and the value,
// for example "program.Run: n must be > 0, got 0". No function in this package
// panics.
package program

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/internal/gobuild"
	"github.com/go-concurrency-lab/course/helpers/internal/progress"
	"github.com/go-concurrency-lab/course/helpers/stats"
)

// DefaultTimeout is how long one run may take before it is stopped, unless
// Program.Timeout says otherwise.
const DefaultTimeout = 30 * time.Second

// buildTimeout bounds go build.
const buildTimeout = 2 * time.Minute

// Program is an executable built by Build.
type Program struct {
	Path string // the executable, in a temporary directory until Remove
	// Timeout is how long one run may take before it is stopped and counted as
	// an error; 0 means DefaultTimeout.
	Timeout time.Duration

	dir     string
	removed bool
}

// Build writes source, a complete main package in one file, into a temporary
// module and builds it with go build. The module's go directive is the
// running toolchain's language version, so the program gets the same
// semantics as the code that builds it. Remove the program when done.
//
// Build returns an error if source is empty, or the go command is missing or
// fails; a compile error comes with go build's messages.
func Build(source string) (*Program, error) {
	const fn = "program.Build"
	if strings.TrimSpace(source) == "" {
		return nil, fmt.Errorf("%s: source is empty", fn)
	}
	if _, err := gobuild.Command(); err != nil {
		return nil, fmt.Errorf("%s: %v", fn, err)
	}
	dir, err := os.MkdirTemp("", "program-")
	if err != nil {
		return nil, fmt.Errorf("%s: %v", fn, err)
	}
	goMod := fmt.Sprintf("module program\n\ngo %s\n", languageVersion(runtime.Version()))
	if err := errors.Join(
		os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644),
		os.WriteFile(filepath.Join(dir, "main.go"), []byte(source), 0o644),
	); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%s: %v", fn, err)
	}
	exe := filepath.Join(dir, "program")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	if err := gobuild.Build(ctx, dir, exe, "."); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%s: %v", fn, err)
	}
	return &Program{Path: exe, dir: dir}, nil
}

// Run runs the program n times, at most atOnce at the same time, each run
// limited to the program's Timeout, and returns what the runs printed on
// standard output, in the order they were started. Runs side by side suit a
// program that mostly waits, such as one that sleeps; one at a time (atOnce 1)
// keeps runs from slowing each other down. Like trials.Run, Run shows a progress
// bar when it takes more than about a second.
//
// Run returns an error if n or atOnce is below one, the program is nil or
// removed, or a run fails: it cannot start, exits with a status other than 0
// (the error quotes its standard error) or takes longer than the Timeout.
// The runs then stop being started, and the runs so far are returned.
func (p *Program) Run(n, atOnce int) (Runs, error) {
	const fn = "program.Run"
	switch {
	case p == nil:
		return Runs{}, fmt.Errorf("%s: the Program is nil; build one with program.Build", fn)
	case p.removed:
		return Runs{}, fmt.Errorf("%s: the Program was removed", fn)
	case n < 1:
		return Runs{}, fmt.Errorf("%s: n must be > 0, got %d", fn, n)
	case atOnce < 1:
		return Runs{}, fmt.Errorf("%s: atOnce must be > 0, got %d", fn, atOnce)
	}
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	outputs := make([]string, n)
	took := make([]time.Duration, n)
	errs := make([]error, n)
	bar := progress.New("runs", n)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed bool
	)
	slots := make(chan struct{}, atOnce)
	start := time.Now()
	started := 0
	for i := range n {
		slots <- struct{}{}
		mu.Lock()
		stop := failed
		mu.Unlock()
		if stop {
			break
		}
		started++
		wg.Go(func() {
			defer func() { <-slots }()
			outputs[i], took[i], errs[i] = runOnce(p.Path, timeout)
			if errs[i] != nil {
				errs[i] = fmt.Errorf("%s: run %d of %d: %w", fn, i+1, n, errs[i])
				mu.Lock()
				failed = true
				mu.Unlock()
			}
			bar.Add(1)
		})
	}
	wg.Wait()
	bar.Done()
	runs := Runs{Outputs: outputs[:started], Took: took[:started], Total: time.Since(start)}
	if err := errors.Join(errs...); err != nil {
		return runs, err
	}
	return runs, nil
}

// Remove deletes the program and its temporary directory. Calling it again does
// nothing.
func (p *Program) Remove() error {
	if p == nil || p.removed {
		return nil
	}
	p.removed = true
	return os.RemoveAll(p.dir)
}

// runOnce runs the executable at path once and returns its standard output and
// how long it took.
func runOnce(path string, timeout time.Duration) (string, time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	switch {
	case ctx.Err() != nil:
		return stdout.String(), took, fmt.Errorf("still running after %v, stopped", timeout)
	case err != nil:
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return stdout.String(), took, fmt.Errorf("%v; standard error: %s", err, msg)
		}
		return stdout.String(), took, err
	}
	return stdout.String(), took, nil
}

// Runs is what a program printed in several runs.
type Runs struct {
	Outputs []string        // standard output of each run, in the order started
	Took    []time.Duration // how long each run took
	Total   time.Duration   // from the first start to the last exit
}

// Printed counts the runs whose output has line as one of its lines (without
// the newline). No runs give 0/0.
func (r Runs) Printed(line string) stats.Share {
	s := stats.Share{Total: len(r.Outputs)}
	for _, out := range r.Outputs {
		for l := range strings.Lines(out) {
			if strings.TrimRight(l, "\r\n") == line {
				s.Hits++
				break
			}
		}
	}
	return s
}

// Median returns the median time of one run, rounded to three significant
// digits, or 0 for no runs.
func (r Runs) Median() time.Duration {
	m, err := stats.MedianOf(r.Took, func(d time.Duration) time.Duration { return d })
	if err != nil {
		return 0
	}
	return stats.RoundDuration(m)
}

var release = regexp.MustCompile(`^go(\d+)\.(\d+)`)

// languageVersion returns the language version of a toolchain version such as
// "go1.26.8" ("1.26"), or "1.22" (the first with a variable per loop iteration)
// for one it cannot read, such as a development build.
func languageVersion(toolchain string) string {
	if m := release.FindStringSubmatch(toolchain); m != nil {
		return m[1] + "." + m[2]
	}
	return "1.22"
}
