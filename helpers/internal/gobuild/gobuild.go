// Package gobuild runs the go command the one way the helpers and their tests
// build programs: with the local toolchain, outside any workspace, without cgo
// and without the caller's GOFLAGS, so that a build behaves like one in an
// empty folder.
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
	goCmd, err := Command()
	if err != nil {
		return err
	}
	build := exec.CommandContext(ctx, goCmd, "build", "-o", exe, pkg)
	build.Dir = dir
	build.Env = Env()
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, strings.TrimSpace(string(out)))
	}
	return nil
}
