package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// CaptureCell returns the source of the extra cell the instrumented run executes after
// every code cell (notebook.Options.AfterCell): a GoNB shell command, run in GoNB's
// temporary folder ($GONB_TMP_DIR), that copies the program GoNB generated for the cell
// (main.go, go.mod, go.sum) and the kernel's environment into dir/<cell index>/.
func CaptureCell(dir string) string {
	return `!*d=` + shellQuote(dir) + `/{index}; [ -f main.go ] && mkdir -p "$d" && cp main.go go.mod "$d"/ && ` +
		`{ [ ! -f go.sum ] || cp go.sum "$d"/; } && env -0 > "$d"/env; true`
}

// imports lists the import paths of a Go file (nil when it does not parse).
func imports(path string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var out []string
	for _, im := range f.Imports {
		if p, err := strconv.Unquote(im.Path.Value); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// captureEnv reads the environment captured with `env -0`, without GoNB's variables: the
// floor's program must not believe it runs in a notebook (gonbui reads GONB_PIPE).
func captureEnv(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var env []string
	for _, kv := range strings.Split(string(b), "\x00") {
		if kv != "" && !strings.HasPrefix(kv, "GONB_") {
			env = append(env, kv)
		}
	}
	return env, nil
}

// MeasureFloor builds the program captured in dir with `go build` and the cell's build
// flags, then runs it in cwd (the notebook's folder, where GoNB runs cells) as a plain
// binary, and returns the wall times and the program's peak RSS. The program's output
// goes to dir/output.
func MeasureFloor(ctx context.Context, dir, cwd string, buildArgs []string, timeout time.Duration) *Floor {
	f := &Floor{BuildArgs: buildArgs, Imports: imports(filepath.Join(dir, "main.go"))}
	env, err := captureEnv(filepath.Join(dir, "env"))
	if err != nil {
		env = os.Environ()
	}
	bin := filepath.Join(dir, "program")
	build := exec.CommandContext(ctx, "go", append([]string{"build", "-o", bin}, buildArgs...)...)
	build.Dir, build.Env = dir, env
	start := time.Now()
	out, err := build.CombinedOutput()
	f.Build = time.Since(start).Seconds()
	if err != nil {
		f.Error = fmt.Sprintf("go build: %v: %s", err, firstLine(string(bytes.TrimSpace(out))))
		return f
	}
	logFile, err := os.Create(filepath.Join(dir, "output"))
	if err != nil {
		f.Error = err.Error()
		return f
	}
	defer logFile.Close()
	runCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	run := exec.CommandContext(runCtx, bin)
	run.Dir, run.Env, run.Stdout, run.Stderr = cwd, env, logFile, logFile
	start = time.Now()
	err = run.Run()
	f.Run = time.Since(start).Seconds()
	f.Total = f.Build + f.Run
	if run.ProcessState != nil {
		f.ExitCode = run.ProcessState.ExitCode()
		if ru, ok := run.ProcessState.SysUsage().(*syscall.Rusage); ok {
			f.MaxRSSKiB = ru.Maxrss // KiB on Linux
		}
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) || runCtx.Err() != nil {
		f.Error = fmt.Sprintf("run: %v", err)
	}
	return f
}
