package program

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/go-concurrency-lab/course/helpers/internal/gobuild"
)

// Findings is what go vet reported about a program's source.
type Findings struct {
	// Lines holds one line per finding, as go vet printed it, such as
	// "main.go:5:31: workerByValue passes lock by value: sync.WaitGroup contains sync.noCopy".
	// The source is in main.go. Lines is empty when vet found nothing.
	Lines []string
	// ExitCode is go vet's exit status: 0 when it found nothing, 1 when it
	// found something.
	ExitCode int
}

// String returns the findings one per line, or "no findings".
func (f Findings) String() string {
	if len(f.Lines) == 0 {
		return "no findings"
	}
	return strings.Join(f.Lines, "\n")
}

// Vet runs go vet, with its default checks (copylocks, printf, loopclosure and
// the others), on source, a complete main package in one file, as `go vet` in
// a terminal would. It builds the program first, with Build, in a temporary
// module that it removes before it returns.
//
// Findings are not an error: vet exits with status 1 and Vet returns them with
// a nil error. Vet returns an error if source is empty or does not compile (with
// go build's messages), if the go command is missing, or if vet fails in some
// other way.
func Vet(source string) (Findings, error) {
	const fn = "program.Vet"
	p, err := Build(source)
	if err != nil {
		return Findings{}, fmt.Errorf("%s: %w", fn, err)
	}
	defer p.Remove()
	goCmd, err := gobuild.Command()
	if err != nil {
		return Findings{}, fmt.Errorf("%s: %v", fn, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	vet := exec.CommandContext(ctx, goCmd, "vet", ".")
	vet.Dir = p.dir
	vet.Env = gobuild.Env()
	out, err := vet.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return Findings{}, nil
	case errors.As(err, &exit) && exit.ExitCode() == 1 && ctx.Err() == nil:
		var f Findings
		for line := range strings.Lines(string(out)) {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				f.Lines = append(f.Lines, line) // "# program" heads the findings of the package
			}
		}
		f.ExitCode = 1
		return f, nil
	}
	return Findings{}, fmt.Errorf("%s: go vet: %v\n%s", fn, err, strings.TrimSpace(string(out)))
}
