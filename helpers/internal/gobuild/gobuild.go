// Package gobuild runs the go command the one way the helpers and their tests
// build programs: with the local toolchain, outside any workspace, without cgo
// (except [BuildRace], since the race detector needs it) and without the
// caller's GOFLAGS, so that a build behaves like one in an empty folder.
package gobuild

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Command returns the path of the go command: go on PATH, or else $GOROOT/bin/go.
// It returns an error if neither exists.
func Command() (string, error) {
	if path, err := exec.LookPath("go"); err == nil {
		return path, nil
	}
	if root := os.Getenv("GOROOT"); root != "" {
		path := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(path); err == nil {
			return path, nil
		}
	}
	return "", errors.New("the go command is not on PATH, nor in $GOROOT/bin")
}

// Env returns the environment for the go command: this process's, with
// GOWORK=off, GOTOOLCHAIN=local, CGO_ENABLED=0 and GOFLAGS cleared. Without cgo,
// the runtime's deadlock detector works (a program that links cgo never reports
// that all goroutines are asleep).
func Env() []string {
	return append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "CGO_ENABLED=0", "GOFLAGS=")
}

// Build runs `go build -o exe pkg` in dir with [Env], until ctx is done. It
// returns an error if the go command is missing or the build fails; a compile
// error comes with go build's messages: "go build: exit status 1\n<messages>".
func Build(ctx context.Context, dir, exe, pkg string) error {
	return build(ctx, dir, Env(), "-o", exe, pkg)
}

// BuildRace is [Build] with the race detector: `go build -race -o exe pkg`, with
// cgo on, which the race detector needs. Call [RaceReady] first for an error
// that says what is missing.
func BuildRace(ctx context.Context, dir, exe, pkg string) error {
	return build(ctx, dir, append(Env(), "CGO_ENABLED=1"), "-race", "-o", exe, pkg)
}

// RaceReady returns nil if this machine can build with the race detector, and
// otherwise an error that says why not: the race detector needs cgo, and cgo
// needs a C compiler (the go command turns cgo off when it finds none).
func RaceReady() error {
	goCmd, err := Command()
	if err != nil {
		return err
	}
	env := exec.Command(goCmd, "env", "CGO_ENABLED", "CC")
	env.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
	out, err := env.Output()
	if err != nil {
		return fmt.Errorf("go env: %v", err)
	}
	fields := strings.Fields(string(out))
	if len(fields) < 2 || fields[0] != "1" {
		cc := "gcc"
		if len(fields) == 2 {
			cc = fields[1]
		}
		return fmt.Errorf("the race detector needs cgo, and cgo needs a C compiler: %q was not found (install one, for example apt-get install gcc)", cc)
	}
	if _, err := exec.LookPath(fields[1]); err != nil {
		return fmt.Errorf("the race detector needs cgo, and cgo needs a C compiler: %q was not found (install one, for example apt-get install gcc)", fields[1])
	}
	return nil
}

func build(ctx context.Context, dir string, env []string, args ...string) error {
	goCmd, err := Command()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, goCmd, append([]string{"build"}, args...)...)
	cmd.Dir = dir
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, strings.TrimSpace(string(out)))
	}
	return nil
}
